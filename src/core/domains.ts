/**
 * Which hosts a site can be filed under: not an IP address, not a special-use name, and under a top-level domain
 * whose registry is licensed in China. The server refuses queries for the others; the badge never asks about them
 * (an intranet name sent to a lookup service is a leak, and its answer could only be "not filed").
 */

// TLDs under which sites can be filed with MIIT: registries licensed in China. A curated list (the official one
// changes); operators can pass their own. IDN TLDs are written in Unicode and compared in punycode.
const FILEABLE = `cn 中国 中國 com net org info biz cc tv mobi name pro asia top xyz vip club shop wang site online store tech
fun ink ltd link pub red kim love work art cloud group xin ren beer fit yoga cyou icu co live design news video run games
city center social space website host press email plus team today zone show gold life world baby chat cool fans fashion
fund guru law luxe market mba sale school ski studio tax vin wiki cab band cafe car company auto press center 公司 网络 网址
商城 在线 中文网 我爱你 集团 手机 网店 公益 政务 移动 游戏 企业 娱乐 商标 商店 信息 广东 佛山 时尚`;

// Special-use names (RFC 6761, 6762, 7686, and .internal): never public sites.
const RESERVED = new Set(['local', 'test', 'example', 'invalid', 'internal', 'onion', 'localhost']);

const punycode = (tld: string) => new URL(`http://a.${tld}`).hostname.slice(2);

/** A whitespace-separated list of TLDs (Unicode or punycode) as the set `unfileable` takes. */
export function fileableTlds(list: string = FILEABLE): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean).map(punycode));
}

// Built on first use: a module that only imports core pays nothing for it.
let defaults: ReadonlySet<string> | undefined;

/**
 * Why no site can be filed under `host` (a lower-case host name, IDNs in punycode): `ip`, `private` (no dot, or a
 * special-use TLD) or `tld` (a registry not licensed in China); undefined where one can.
 */
export function unfileable(
  host: string,
  tlds: ReadonlySet<string> = (defaults ??= fileableTlds()),
): 'ip' | 'private' | 'tld' | undefined {
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (/^[\d.]+$|:/.test(host)) return 'ip';
  if (!host.includes('.') || RESERVED.has(tld)) return 'private';
  return tlds.has(tld) ? undefined : 'tld';
}
