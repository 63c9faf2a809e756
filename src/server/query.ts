/**
 * The queries of the v1 routes (contract B.3), read from a request's query string and normalised into the keys the
 * orchestrator decides on; what cannot be read throws a QueryError, which the route answers as a 400.
 */
import { ICP_TYPES, type IcpType } from '../contract/index.js';
import type { IcpQuery, PsbQuery, VerifyQuery } from '../contract/queries.js';
import type { IcpKey, PsbKey } from './orchestrator.js';
import { QueryError } from './messages.js';
import { normalizeDomain, normalizeIcpNumber, normalizePsbCode, normalizeUnit } from './normalize.js';

/** Longer than any domain (253), number or unit name (100): such a value is refused before it is read or echoed. */
const MAX_PARAM = 256;

/** A query as the query string gives it: each parameter's text, unread. */
type Raw<Q> = { readonly [P in keyof Q]?: string };

/** The parameters each endpoint reads; any other is ignored. */
export const PARAMS = {
  icp: ['number', 'domain', 'unit', 'type'],
  psb: ['code', 'domain'],
  verify: ['domain', 'icp', 'psb'],
} as const satisfies {
  icp: readonly (keyof IcpQuery)[];
  psb: readonly (keyof PsbQuery)[];
  verify: readonly (keyof VerifyQuery)[];
};
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

/** The ICP key of `number` and/or `domain`, or `unit` alone, with `type`. */
export function icpKey(raw: Raw<IcpQuery>, tlds?: ReadonlySet<string>): IcpKey {
  if (raw.unit !== undefined && (raw.number !== undefined || raw.domain !== undefined))
    throw new QueryError('invalid-query.unit-alone');
  if (raw.unit === undefined && raw.number === undefined && raw.domain === undefined)
    throw new QueryError('invalid-query.icp');
  if (raw.type !== undefined && !(ICP_TYPES as readonly string[]).includes(raw.type)) {
    throw new QueryError('invalid-query.type', { types: ICP_TYPES.join(', '), typesZh: ICP_TYPES.join('、') });
  }
  let type = raw.type as IcpType | undefined;
  const q: Partial<IcpKey> = {};
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

/** The 公安 key of `code` and/or `domain`. */
export function psbKey(raw: Raw<PsbQuery>, tlds?: ReadonlySet<string>): PsbKey {
  if (raw.code === undefined && raw.domain === undefined) throw new QueryError('invalid-query.psb');
  return {
    ...(raw.code !== undefined && { code: normalizePsbCode(raw.code) }),
    ...(raw.domain !== undefined && { domain: normalizeDomain(raw.domain, tlds) }),
  };
}

/** The two keys of /v1/verify: the site's domain with its ICP number, its 公安 number, or both. */
export function verifyKeys(raw: Raw<VerifyQuery>, tlds?: ReadonlySet<string>): { icp?: IcpKey; psb?: PsbKey } {
  if (raw.domain === undefined || (raw.icp === undefined && raw.psb === undefined))
    throw new QueryError('invalid-query.verify');
  return {
    icp: raw.icp === undefined ? undefined : icpKey({ number: raw.icp, domain: raw.domain }, tlds),
    psb: raw.psb === undefined ? undefined : psbKey({ code: raw.psb, domain: raw.domain }, tlds),
  };
}
