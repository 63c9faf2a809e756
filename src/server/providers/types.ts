/** The provider interface of contract Part C.1: where records come from, and how upstream trouble is reported. */
import type { Authority, IcpRecord, IcpType, PsbRecord, UnknownReason } from '../../contract/index.js';

export type Kind = 'icp' | 'psb';
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

type Found = Common & { outcome: 'found' | 'cancelled'; records: Rec[]; fetchedAt: Date; authority?: Authority };
export type Empty = Common & { outcome: 'empty'; fetchedAt: Date; confirmed?: boolean };
export type Unavailable = Common & {
  outcome: 'unavailable';
  reason: Exclude<UnknownReason, 'unconfirmed-empty' | 'no-provider'>;
  retryAfter?: number;
  /** Our own limit (pacing), not the upstream's: no reason to quarantine it. */
  local?: boolean;
};
export type Outcome = Found | Empty | Unavailable;

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
  /** Changes whenever the provider's data changes (a reloaded dataset), so finished answers are not reused. */
  revision?(): number;
}

/** Logs as one JSON object per line; secrets never reach it (providers pass no keys or raw bodies with keys). */
const LEVELS = ['info', 'warn', 'error', 'silent'] as const;

/** JSON lines on stdout (or `write`), from `level` up: `warn` drops the request lines, `silent` everything. */
export function jsonLogger(write: (line: string) => void = (line) => console.log(line), level: (typeof LEVELS)[number] = 'info'): Logger {
  if (level === 'silent') return silentLogger;
  const from = LEVELS.indexOf(level);
  const emit = (name: 'info' | 'warn' | 'error') => LEVELS.indexOf(name) < from
    ? () => {}
    : (msg: string, fields: Record<string, unknown> = {}) => write(JSON.stringify({ time: new Date().toISOString(), level: name, msg, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
