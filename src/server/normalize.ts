/**
 * Input normalisation (contract B.3): numbers through `core`, domains through the WHATWG URL parser and the
 * Public Suffix List (tldts, ICANN section). The normalised values are what is matched and cached; what cannot
 * be normalised throws a QueryError saying why.
 */
import { parse as parseHost } from 'tldts';
import { parseFiling, unfileable, unitName, type Filing } from '../core/index.js';
import type { IcpType } from '../contract/index.js';
import { QueryError } from './messages.js';

/** A host as typed, or a URL, to its registrable domain in punycode (`https://www.例子.中国/a` → `xn--fsqu00a.xn--fiqs8s`). */
export function normalizeDomain(raw: string, tlds?: ReadonlySet<string>): string {
  const input = raw.normalize('NFKC').trim();
  let host = '';
  try {
    host = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(input) ? input : `http://${input}`).hostname;
  } catch {
    // host stays empty: refused below
  }
  host = host.replace(/\.$/, '').toLowerCase();
  if (host === '' || /\s/.test(input)) throw new QueryError('invalid-domain', { raw });
  const info = parseHost(host, { allowPrivateDomains: false });
  if (info.isIp) throw new QueryError('domain-not-fileable.ip', { host });
  const why = unfileable(host, tlds);
  if (why === 'private') throw new QueryError('domain-not-fileable.private', { host });
  if (!info.domain) throw new QueryError('domain-not-fileable.suffix', { host });
  if (why) throw new QueryError('domain-not-fileable.tld', { host, tld: host.slice(host.lastIndexOf('.') + 1) });
  return info.domain;
}

/** An ICP query number, with the app type its `-NA`/`-NX` suffix implies. */
export function normalizeIcpNumber(raw: string): { filing: Filing; type?: IcpType } {
  const filing = parseFiling(raw);
  const unsupported = filing.diagnostics.some((d) => d.rule === 'L09' && (d.detail === 'extended' || d.detail === ''));
  if (filing.kind === 'telecom-licence' || filing.kind === 'vanity' || unsupported)
    throw new QueryError('unsupported-number', { raw });
  if ((filing.kind !== 'icp-filing' && filing.kind !== 'icp-licence') || filing.normalized === null)
    throw new QueryError('invalid-number');
  const type = filing.suffixKind === 'app' ? 'app' : filing.suffixKind === 'miniapp' ? 'miniapp' : undefined;
  return { filing, type };
}

/** A 公安 number or bare code to its 14 digits. */
export function normalizePsbCode(raw: string): string {
  const filing = parseFiling(raw, { psb: true });
  if (filing.psbCode) return filing.psbCode;
  if (filing.kind === 'psb' && filing.diagnostics.some((d) => d.rule === 'L19'))
    throw new QueryError('unsupported-number.legacy-psb', { raw });
  throw new QueryError('invalid-code');
}

/** A unit (company) name, read by core: whitespace collapsed, 2–100 characters. */
export function normalizeUnit(raw: string): string {
  const unit = unitName(raw);
  if (unit === null) throw new QueryError('invalid-query.unit');
  return unit;
}
