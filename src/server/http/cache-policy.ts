/**
 * Cache-Control of each answer (contract B.7), derived from the server's own freshness (C.3): a CDN keeps an
 * answer as long as the server would reuse it, browsers for less, so a change reaches visitors within the hour.
 */
import type { Status } from '../../contract/index.js';
import { FOUND_FRESH_MS, SETTLED_FRESH_MS } from '../providers/wrappers.js';

const seconds = (ms: number) => Math.round(ms / 1000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long browsers keep a found record, and a settled absence. */
const BROWSER_FOUND_MS = HOUR;
const BROWSER_SETTLED_MS = 10 * 60_000;
/** An unknown answer is asked again soon: the registry may answer next time. */
const UNKNOWN_MS = 30_000;
/** A stale answer is being refreshed: a minute, then the fresh one. */
const STALE_MS = 60_000;
/** Served stale while revalidating (a week), or while the server fails (30 days: the history's cap). */
const REVALIDATE_MS = 7 * DAY;
const ON_ERROR_MS = 30 * DAY;

export const CACHE = {
  valid: `public, max-age=${seconds(BROWSER_FOUND_MS)}, s-maxage=${seconds(FOUND_FRESH_MS)}, stale-while-revalidate=${seconds(REVALIDATE_MS)}, stale-if-error=${seconds(ON_ERROR_MS)}`,
  stale: `public, max-age=${seconds(STALE_MS)}, s-maxage=${seconds(STALE_MS)}`,
  notFound: `public, max-age=${seconds(BROWSER_SETTLED_MS)}, s-maxage=${seconds(SETTLED_FRESH_MS)}`,
  unknown: `public, max-age=${seconds(UNKNOWN_MS)}, s-maxage=${seconds(UNKNOWN_MS)}`,
  /** A refused request is refused again: 400, 404, 405. */
  error: `public, max-age=${seconds(DAY)}`,
  meta: 'public, max-age=300',
  none: 'no-store',
} as const;

// Strictest first: /v1/verify takes its parts' strictest policy.
const STRICTNESS: readonly string[] = [CACHE.unknown, CACHE.stale, CACHE.notFound, CACHE.valid];

/** The policy of one part (an ICP or 公安 answer). */
export function policy(part: { status: Status; source: { stale: boolean } | null }): string {
  if (part.status === 'unknown') return CACHE.unknown;
  if (part.source?.stale) return CACHE.stale;
  return part.status === 'valid' || part.status === 'mismatch' ? CACHE.valid : CACHE.notFound;
}

/** The strictest policy of several parts. */
export function strictest(parts: readonly { status: Status; source: { stale: boolean } | null }[]): string {
  const policies = new Set(parts.map(policy));
  return STRICTNESS.find((p) => policies.has(p))!;
}
