/** The provider interface of contract Part C.1: where records come from, and how upstream trouble is reported. */
import type {
  Authority,
  FailureCause,
  IcpRecord,
  IcpType,
  PsbRecord,
  ProviderFailure,
  UnknownReason,
} from '../../contract/index.js';
import type { Kind } from '../../contract/values.js';

export type { FailureCause, ProviderFailure };

export type By = 'number' | 'domain' | 'unit';

export interface ProviderQuery {
  readonly kind: Kind;
  readonly by: By;
  /** The normalised value: canonical number, 14-digit code, registrable domain or unit name. */
  readonly value: string;
  readonly type?: IcpType;
}

export type Rec = IcpRecord | PsbRecord;

interface Common {
  /** The upstream's answer, for logs and fixtures only. */
  raw?: unknown;
  /** Answered from the cache: no upstream call this time. */
  cached?: boolean;
}

/** What exactly failed: every `unavailable` outcome says it, for the log and /v1/meta. */
export interface Failure {
  readonly cause: FailureCause;
  /** Our words and the upstream's codes (`HTTP 503`, `ECONNREFUSED`, `code 429`): published in /v1/meta. */
  readonly detail: string;
  /** The upstream's or the network's own words, for the log only (B.6); never a key or a URL. */
  readonly message?: string;
}

type Found = Common & { outcome: 'found' | 'cancelled'; records: Rec[]; fetchedAt: Date; authority?: Authority };
export type Empty = Common & { outcome: 'empty'; fetchedAt: Date; confirmed?: boolean };
export type Unavailable = Common & {
  outcome: 'unavailable';
  reason: Exclude<UnknownReason, 'unconfirmed-empty' | 'no-provider'>;
  retryAfter?: number;
  failure: Failure;
};
export type Outcome = Found | Empty | Unavailable;

/** An `unavailable` outcome saying what failed. */
export function unavailable(
  reason: Unavailable['reason'],
  cause: FailureCause,
  detail: string,
  extra: Partial<Pick<Unavailable, 'retryAfter' | 'raw'>> & { message?: string } = {},
): Unavailable {
  const { message, ...rest } = extra;
  return { outcome: 'unavailable', reason, failure: message ? { cause, detail, message } : { cause, detail }, ...rest };
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface LookupContext {
  readonly signal: AbortSignal;
  now(): Date;
  readonly log: Logger;
}

export interface LookupProvider {
  readonly id: string;
  readonly kinds: readonly Kind[];
  /** Default authority of its records (a dataset record may say it is only self-declared). */
  readonly authority: Authority;
  /** Pacing and corroboration key: providers on the same upstream share a budget and never corroborate each other. */
  readonly upstream: string;
  readonly capabilities: { byNumber: boolean; byDomain: boolean; byUnit: boolean; types?: readonly IcpType[] };
  lookup(q: ProviderQuery, ctx: LookupContext): Promise<Outcome>;
  /** True while the provider is skipped after throttling or blocking (for /v1/meta). */
  quarantined?(): boolean;
  /** The current run of failures, null once a lookup succeeds (for /v1/meta and the log). */
  failing?(): ProviderFailure | null;
  /** Records shipped as a demo, not the operator's (/v1/meta says so). */
  readonly demo?: boolean;
  /** Changes whenever the provider's data changes (a reloaded dataset), so finished answers are not reused. */
  revision?(): number;
}

/** Logs as one JSON object per line; secrets never reach it (providers pass no keys or raw bodies with keys). */
const LEVELS = ['info', 'warn', 'error', 'silent'] as const;

/** JSON lines on stdout (or `write`), from `level` up: `warn` drops the request lines, `silent` everything. */
export function jsonLogger(
  write: (line: string) => void = (line) => console.log(line),
  level: (typeof LEVELS)[number] = 'info',
): Logger {
  if (level === 'silent') return silentLogger;
  const from = LEVELS.indexOf(level);
  const emit = (name: 'info' | 'warn' | 'error') =>
    LEVELS.indexOf(name) < from
      ? () => {}
      : (msg: string, fields: Record<string, unknown> = {}) =>
          write(JSON.stringify({ time: new Date().toISOString(), level: name, msg, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
