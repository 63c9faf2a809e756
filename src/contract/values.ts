/**
 * The contract's lists of values, with no schema library: the query form's first paint reads the ICP types, and
 * the full schemas (index.ts), the browser reader (client.ts) and the server build their enums from these.
 */

/** The v1 statuses (B.5). */
export const STATUSES = ['valid', 'not-found', 'mismatch', 'cancelled', 'unknown', 'error'] as const;

/** The two registries a lookup asks: ICP (MIIT's filings and licences) and 公安 (MPS's 联网备案). */
export const KINDS = ['icp', 'psb'] as const;
export type Kind = (typeof KINDS)[number];

/** The ICP record types: website, app, mini-program, quick app. */
export const ICP_TYPES = ['web', 'app', 'miniapp', 'quickapp'] as const;
export type IcpType = (typeof ICP_TYPES)[number];

/** The most records one answer carries (contract B, `records`: ≤ 20); the query form renders no more, whatever a server sends. */
export const MAX_RECORDS = 20;
