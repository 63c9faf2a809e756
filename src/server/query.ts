/**
 * The queries of the v1 routes (contract B.3), read from a request's query string and normalised; what cannot be
 * read throws a QueryError, which the route answers as a 400.
 */
import { ICP_TYPES, type IcpType } from '../contract/index.js';
import type { IcpQuery, PsbQuery } from './lookup.js';
import { QueryError } from './messages.js';
import { normalizeDomain, normalizeIcpNumber, normalizePsbCode, normalizeUnit } from './normalize.js';

/** Longer than any domain (253), number or unit name (100): such a value is refused before it is read or echoed. */
const MAX_PARAM = 256;

/** The parameters each endpoint reads; any other is ignored. */
export const PARAMS = {
  icp: ['number', 'domain', 'unit', 'type'],
  psb: ['code', 'domain'],
  verify: ['domain', 'icp', 'psb'],
} as const;
export type Endpoint = keyof typeof PARAMS;

/** The endpoint's own parameters of a request URL, each at most once and within its length cap. */
export function readParams(url: string, endpoint: Endpoint): Record<string, string> {
  const search = new URL(url).searchParams;
  const query: Record<string, string> = {};
  for (const name of PARAMS[endpoint]) {
    const values = search.getAll(name);
    if (values.length > 1) throw new QueryError('invalid-query.repeated', { name });
    if ((values[0]?.length ?? 0) > MAX_PARAM) throw new QueryError('invalid-query.too-long', { name, max: MAX_PARAM });
    if (values.length === 1) query[name] = values[0];
  }
  return query;
}

/** The ICP query of `number` and/or `domain`, or `unit` alone, with `type`. */
export function icpQuery(
  raw: { number?: string; domain?: string; unit?: string; type?: string },
  tlds?: ReadonlySet<string>,
): IcpQuery {
  if (raw.unit !== undefined && (raw.number !== undefined || raw.domain !== undefined))
    throw new QueryError('invalid-query.unit-alone');
  if (raw.unit === undefined && raw.number === undefined && raw.domain === undefined)
    throw new QueryError('invalid-query.icp');
  if (raw.type !== undefined && !(ICP_TYPES as readonly string[]).includes(raw.type)) {
    throw new QueryError('invalid-query.type', { types: ICP_TYPES.join(', '), typesZh: ICP_TYPES.join('、') });
  }
  let type = raw.type as IcpType | undefined;
  const q: Partial<IcpQuery> = {};
  if (raw.number !== undefined) {
    const n = normalizeIcpNumber(raw.number);
    if (n.type && type && n.type !== type)
      throw new QueryError('invalid-query.type-mismatch', { number: n.filing.normalized!, type: n.type, asked: type });
    type = n.type ?? type;
    q.number = { value: n.filing.normalized!, main: n.filing.site === null, mainLicence: n.filing.mainLicence! };
  }
  if (raw.domain !== undefined) {
    if (type && type !== 'web') throw new QueryError('invalid-query.domain-web');
    q.domain = normalizeDomain(raw.domain, tlds);
  }
  if (raw.unit !== undefined) q.unit = normalizeUnit(raw.unit);
  return { ...q, type: type ?? 'web' };
}

/** The 公安 query of `code` and/or `domain`. */
export function psbQuery(raw: { code?: string; domain?: string }, tlds?: ReadonlySet<string>): PsbQuery {
  if (raw.code === undefined && raw.domain === undefined) throw new QueryError('invalid-query.psb');
  return {
    ...(raw.code !== undefined && { code: normalizePsbCode(raw.code) }),
    ...(raw.domain !== undefined && { domain: normalizeDomain(raw.domain, tlds) }),
  };
}

/** The two queries of /v1/verify: the site's domain with its ICP number, its 公安 number, or both. */
export function verifyQueries(
  raw: { domain?: string; icp?: string; psb?: string },
  tlds?: ReadonlySet<string>,
): { icp?: IcpQuery; psb?: PsbQuery } {
  if (raw.domain === undefined || (raw.icp === undefined && raw.psb === undefined))
    throw new QueryError('invalid-query.verify');
  return {
    icp: raw.icp === undefined ? undefined : icpQuery({ number: raw.icp, domain: raw.domain }, tlds),
    psb: raw.psb === undefined ? undefined : psbQuery({ code: raw.psb, domain: raw.domain }, tlds),
  };
}
