/**
 * The v1 lookup contract (docs: lookup-contract.md Part B) as zod/mini schemas: the shapes the reference server
 * builds, checked in full by the tests. Browser code reads answers with the lean schemas of client.ts (the badge)
 * and record-answers.ts (the query form), which every server answer must also satisfy.
 */
import * as z from 'zod/mini';
import { ICP_TYPES, KINDS, STATUSES, type Kind } from './values.js';
import { IcpRecord, PsbRecord } from './records.js';

export { ICP_TYPES, IcpRecord, PsbRecord, STATUSES };

const AUTHORITIES = ['official-mirror', 'third-party', 'dataset', 'self-declared'] as const;

/** Reasons for `unknown`, in the order B.5 ranks them (the earliest that occurred is reported). */
export const UNKNOWN_REASONS = [
  'unconfirmed-empty',
  'upstream-blocked',
  'upstream-throttled',
  'captcha-failed',
  'timeout',
  'upstream-error',
  'no-provider',
] as const;

/**
 * What exactly made an upstream fail (/v1/meta, the server's log): its name not resolving, the connection refused
 * or reset, no answer in time, another network error, an HTTP error status, a body that cannot be read, an error
 * in the upstream's own answer (quota, key, its code), a failed canary; or no call at all: skipped while
 * quarantined, or held back by our own pacing.
 */
export const FAILURE_CAUSES = [
  'dns',
  'refused',
  'timeout',
  'network',
  'status',
  'invalid',
  'answer',
  'canary',
  'quarantine',
  'pacing',
] as const;

/** Error codes of 400 answers, and of the server's own limits. */
export const ERROR_CODES = [
  'invalid-query',
  'invalid-number',
  'invalid-code',
  'invalid-domain',
  'domain-not-fileable',
  'unsupported-number',
  'no-route',
  'method-not-allowed',
  'rate-limited',
  'internal',
  'overloaded',
] as const;

const text = z.nullable(z.string());

export const Status = z.catch(z.enum(STATUSES), 'unknown');
export const IcpType = z.enum(ICP_TYPES);
export const Authority = z.enum(AUTHORITIES);

export const Source = z.object({
  provider: z.string(),
  authority: Authority,
  fetchedAt: z.string(),
  cached: z.boolean(),
  stale: z.boolean(),
});

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  retryable: z.boolean(),
  retryAfter: z.nullable(z.number()),
});

export const IcpNormalized = z.object({
  type: IcpType,
  mainLicence: text,
  serviceLicence: text,
  domain: text,
  unitName: text,
});

export const PsbNormalized = z.object({ code: text, domain: text });

const Links = z.object({ official: z.string() });

// The fields every part of an answer has; `query` and `apiVersion` are added at the top level only.
const common = {
  status: Status,
  reason: text,
  source: z.nullable(Source),
  checkedAt: z.string(),
  expiresAt: text,
  links: Links,
  error: z.nullable(ErrorBody),
};

/** One part of an answer: an ICP or a 公安 lookup, with its kind's normalised query and records. */
const part = <K extends Kind, N extends z.ZodMiniType, R extends z.ZodMiniType>(kind: K, normalized: N, record: R) =>
  z.object({
    kind: z.literal(kind),
    normalized: z.nullable(normalized),
    record: z.nullable(record),
    records: z.nullable(z.array(record)),
    ...common,
  });

export const IcpPart = part('icp', IcpNormalized, IcpRecord);
export const PsbPart = part('psb', PsbNormalized, PsbRecord);

const Query = z.record(z.string(), z.string());

export const IcpResult = z.extend(IcpPart, { apiVersion: z.literal('1'), query: Query });
export const PsbResult = z.extend(PsbPart, { apiVersion: z.literal('1'), query: Query });

export const VerifyResult = z.object({
  apiVersion: z.literal('1'),
  kind: z.literal('verify'),
  query: Query,
  normalized: z.nullable(z.object({ domain: text })),
  status: Status,
  reason: text,
  checkedAt: z.string(),
  expiresAt: text,
  error: z.nullable(ErrorBody),
  icp: z.nullable(IcpPart),
  psb: z.nullable(PsbPart),
});

/** A provider's current run of failures: the last one's cause and detail, since when it fails and when it last did. */
export const ProviderFailure = z.object({
  cause: z.enum(FAILURE_CAUSES),
  detail: z.string(),
  since: z.string(),
  lastAt: z.string(),
});

export const Meta = z.object({
  apiVersion: z.literal('1'),
  server: z.object({ name: z.string(), version: z.string() }),
  providers: z.array(
    z.object({
      id: z.string(),
      kinds: z.array(z.enum(KINDS)),
      authority: Authority,
      state: z.enum(['ok', 'quarantined']),
      /** Null while the provider answers; optional, as servers before it sent none. */
      failure: z.optional(z.nullable(ProviderFailure)),
      /** A dataset of records shipped as a demo (famous sites'), not the operator's: its answers prove nothing. */
      demo: z.optional(z.boolean()),
    }),
  ),
  /** What the operator should fix (the demo dataset served, say); optional, as servers before it sent none. */
  warnings: z.optional(z.array(z.string())),
  capabilities: z.object({
    icp: z.object({ byNumber: z.boolean(), byDomain: z.boolean(), byUnit: z.boolean(), types: z.array(IcpType) }),
    psb: z.object({ byCode: z.boolean(), byDomain: z.boolean() }),
  }),
});

export type Status = z.infer<typeof Status>;
export type IcpType = z.infer<typeof IcpType>;
export type Authority = z.infer<typeof Authority>;
export type UnknownReason = (typeof UNKNOWN_REASONS)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];
export type Source = z.infer<typeof Source>;
export type ErrorBody = z.infer<typeof ErrorBody>;
export type IcpNormalized = z.infer<typeof IcpNormalized>;
export type PsbNormalized = z.infer<typeof PsbNormalized>;
export type IcpPart = z.infer<typeof IcpPart>;
export type PsbPart = z.infer<typeof PsbPart>;
export type IcpResult = z.infer<typeof IcpResult>;
export type PsbResult = z.infer<typeof PsbResult>;
export type VerifyResult = z.infer<typeof VerifyResult>;
export type Meta = z.infer<typeof Meta>;
export type FailureCause = (typeof FAILURE_CAUSES)[number];
export type ProviderFailure = z.infer<typeof ProviderFailure>;
