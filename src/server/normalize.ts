/**
 * Input normalisation (contract B.3): numbers through `core`, domains through the WHATWG URL parser and the
 * Public Suffix List (tldts, ICANN section). The normalised values are what is matched and cached.
 */
import { parse as parseHost } from 'tldts';
import { parseFiling, unitName, type Filing } from '../core/index.js';
import type { ErrorCode, IcpType } from '../contract/index.js';

/** A 400 answer's reason, worded for people in English and Chinese. */
export class QueryError {
  constructor(readonly code: ErrorCode, readonly message: string, readonly messageZh: string) {}
}

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

export function fileableTlds(list: string = FILEABLE): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean).map(punycode));
}

const DEFAULT_TLDS = fileableTlds();

/** A host as typed, or a URL, to its registrable domain in punycode (`https://www.例子.中国/a` → `xn--fsqu00a.xn--fiqs8s`). */
export function normalizeDomain(raw: string, tlds: ReadonlySet<string> = DEFAULT_TLDS): string | QueryError {
  const input = raw.normalize('NFKC').trim();
  let host: string;
  try {
    host = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(input) ? input : `http://${input}`).hostname;
  } catch {
    return new QueryError('invalid-domain', `"${raw}" is not a domain or URL.`, `“${raw}”不是有效的域名或网址。`);
  }
  host = host.replace(/\.$/, '').toLowerCase();
  const notFileable = (why: string, whyZh: string) =>
    new QueryError('domain-not-fileable', `${host} cannot be filed: ${why}.`, `${host} 无法备案：${whyZh}。`);
  if (host === '' || /\s/.test(input)) {
    return new QueryError('invalid-domain', `"${raw}" is not a domain or URL.`, `“${raw}”不是有效的域名或网址。`);
  }
  const info = parseHost(host, { allowPrivateDomains: false });
  if (info.isIp) return notFileable('it is an IP address', '这是IP地址');
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!host.includes('.') || RESERVED.has(tld)) return notFileable('it is not a public domain name', '这不是公网域名');
  if (!info.domain) return notFileable('it is a public suffix, not a domain', '这是公共后缀而非域名');
  if (!tlds.has(tld)) return notFileable(`.${tld} is not a TLD that can be filed in China`, `.${tld} 不是可在中国备案的顶级域`);
  return info.domain;
}

/** An ICP query number, with the app type its `-NA`/`-NX` suffix implies. */
export function normalizeIcpNumber(raw: string): { filing: Filing; type?: IcpType } | QueryError {
  const filing = parseFiling(raw);
  const unsupported = filing.diagnostics.some((d) => d.rule === 'L09' && (d.detail === 'extended' || d.detail === ''));
  if (filing.kind === 'telecom-licence' || filing.kind === 'vanity' || unsupported) {
    return new QueryError('unsupported-number', `${raw} is not a number the registries can be queried by.`, `${raw} 不是可查询的备案号。`);
  }
  if ((filing.kind !== 'icp-filing' && filing.kind !== 'icp-licence') || filing.normalized === null) {
    return new QueryError('invalid-number', 'Not an ICP filing number.', '备案号格式不正确。');
  }
  const type = filing.suffixKind === 'app' ? 'app' : filing.suffixKind === 'miniapp' ? 'miniapp' : undefined;
  return { filing, type };
}

/** A 公安 number or bare code to its 14 digits. */
export function normalizePsbCode(raw: string): string | QueryError {
  const filing = parseFiling(raw, { psb: true });
  if (filing.psbCode) return filing.psbCode;
  if (filing.kind === 'psb' && filing.diagnostics.some((d) => d.rule === 'L19')) {
    return new QueryError('unsupported-number', `${raw} is a legacy 公安 number, which cannot be queried.`, `${raw} 是旧版公安备案编号，无法查询。`);
  }
  return new QueryError('invalid-code', '公安 numbers have 14 digits.', '公安备案号应为14位数字。');
}

/** A unit (company) name, read by core: whitespace collapsed, 2–100 characters. */
export function normalizeUnit(raw: string): string | QueryError {
  return unitName(raw) ?? new QueryError('invalid-query', 'A unit name has 2 to 100 characters.', '单位名称应为2至100个字符。');
}
