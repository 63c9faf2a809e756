/**
 * Wrappers around upstream providers (contract C.3, where they are "decorators"), outermost first: health →
 * quarantine → cache → single-flight → canary → pacing. Each takes a provider and returns one of the same interface;
 * `guard()` applies them all, and each is usable alone in tests.
 */
import { Lru } from '../lru.js';
import {
  unavailable,
  type LookupContext,
  type LookupProvider,
  type Outcome,
  type ProviderFailure,
  type ProviderQuery,
  type Unavailable,
} from './types.js';

const MINUTE = 60_000;

function wrap(
  inner: LookupProvider,
  lookup: LookupProvider['lookup'],
  extra: Partial<LookupProvider> = {},
): LookupProvider {
  return {
    id: inner.id,
    kinds: inner.kinds,
    authority: inner.authority,
    upstream: inner.upstream,
    capabilities: inner.capabilities,
    quarantined: inner.quarantined?.bind(inner),
    failing: inner.failing?.bind(inner),
    lookup,
    ...extra,
  };
}

const cacheKey = (id: string, q: ProviderQuery) => `${id}:${q.kind}:${q.type ?? 'web'}:${q.by}:${q.value}`;

/** Token buckets, one per upstream, shared by every provider that calls it. */
export class Pacer {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(readonly now: () => number = Date.now) {}

  /**
   * Reserves a token if one is free within `maxWaitMs`: returns how long to wait for it (0: now). A reservation
   * is taken at once, so calls arriving together queue up behind each other instead of all going through.
   * Returns -(wait) without reserving when the wait would be longer.
   */
  take(upstream: string, perMinute: number, burst: number, maxWaitMs = Infinity): number {
    const t = this.now();
    const bucket = this.#buckets.get(upstream) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) * perMinute) / MINUTE);
    bucket.at = t;
    this.#buckets.set(upstream, bucket);
    const wait = bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) * MINUTE) / perMinute);
    if (wait > maxWaitMs) return -wait;
    bucket.tokens -= 1;
    return wait;
  }
}

/**
 * Pacing per upstream: official registries 10/min (burst 1), keyed APIs 30/min (burst 5). A lookup waits at
 * most `maxWaitMs` for a token; otherwise it is `upstream-throttled` at once, never queued.
 */
export function withPacing(
  inner: LookupProvider,
  pacer: Pacer,
  rate = inner.authority === 'official-mirror' ? { perMinute: 10, burst: 1 } : { perMinute: 30, burst: 5 },
  maxWaitMs = 1000,
): LookupProvider {
  return wrap(inner, async (q, ctx) => {
    const wait = pacer.take(inner.upstream, rate.perMinute, rate.burst, maxWaitMs);
    if (wait < 0) {
      const retryAfter = Math.ceil(-wait / 1000);
      const detail = `our limit of ${rate.perMinute}/min to ${inner.upstream}; next call in ${retryAfter} s`;
      return unavailable('upstream-throttled', 'pacing', detail, { retryAfter });
    }
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return inner.lookup(q, ctx);
  });
}

/** How recent a passed canary must be for an empty to count as confirmed (C.3). */
const CANARY_WINDOW_MS = 10 * MINUTE;

/**
 * Canary for official mirrors: an empty is `confirmed` only if the same provider found a known filing within
 * 10 minutes (asked now if not). An empty or wrong canary means a silent block: `upstream-blocked`. The canary is
 * asked through `probe`: unpaced by default in `guard()`, since a paced upstream (burst 1) would never have a
 * token left for it right after the lookup, and the window bounds it to a few calls an hour.
 */
export function withCanary(
  inner: LookupProvider,
  canary: { query: ProviderQuery; expect: string },
  probe = inner,
): LookupProvider {
  let passedAt = -Infinity;
  let running: Promise<boolean | undefined> | undefined;
  const probeOnce = async (ctx: LookupContext): Promise<boolean | undefined> => {
    const answer = await probe.lookup(canary.query, ctx);
    if (answer.outcome === 'unavailable') return undefined;
    const ok = answer.outcome === 'found' && answer.records.some((r) => Object.values(r).includes(canary.expect));
    if (ok) passedAt = ctx.now().getTime();
    return ok;
  };
  // Empties arriving together share one canary: the probe is unpaced, so it must not multiply.
  const check = (ctx: LookupContext): Promise<boolean | undefined> => {
    if (ctx.now().getTime() - passedAt < CANARY_WINDOW_MS) return Promise.resolve(true);
    return (running ??= probeOnce(ctx).finally(() => (running = undefined)));
  };
  return wrap(inner, async (q, ctx) => {
    const answer = await inner.lookup(q, ctx);
    if (answer.outcome !== 'empty' || answer.confirmed) return answer;
    const ok = await check(ctx);
    if (ok === undefined) return answer; // the canary could not run: the empty stays unconfirmed
    if (!ok)
      return unavailable(
        'upstream-blocked',
        'canary',
        `canary ${canary.query.value} not answered with ${canary.expect}: a silent block`,
        { retryAfter: 300 },
      );
    return { ...answer, confirmed: true };
  });
}

/** Identical lookups in flight share one upstream call. */
export function withSingleFlight(inner: LookupProvider): LookupProvider {
  const flights = new Map<string, Promise<Outcome>>();
  return wrap(inner, (q, ctx) => {
    const key = cacheKey(inner.id, q);
    let flight = flights.get(key);
    if (!flight) {
      flight = inner.lookup(q, ctx).finally(() => flights.delete(key));
      flights.set(key, flight);
    }
    return flight;
  });
}

/** How long a found record stays fresh (C.3): the cache's reuse, and a decision's `expiresAt`. */
export const FOUND_FRESH_MS = 24 * 60 * MINUTE;
/** The same for a settled absence: a confirmed empty, a cancellation. */
export const SETTLED_FRESH_MS = 30 * MINUTE;

/** How long an outcome is reused before the upstream is asked again (C.3). */
function freshFor(o: Outcome): number {
  switch (o.outcome) {
    case 'found':
      return FOUND_FRESH_MS;
    case 'cancelled':
      return SETTLED_FRESH_MS;
    case 'empty':
      return o.confirmed ? SETTLED_FRESH_MS : 5 * MINUTE;
    default:
      return Math.max(60, o.retryAfter ?? 0) * 1000;
  }
}

export interface CacheEntry {
  outcome: Outcome;
  until: number;
}

/** Caches outcomes per provider and query, size-capped (LRU). */
export function withCache(inner: LookupProvider, cache: Lru<string, CacheEntry>): LookupProvider {
  return wrap(inner, async (q, ctx) => {
    const key = cacheKey(inner.id, q);
    const hit = cache.get(key);
    const now = ctx.now().getTime();
    if (hit && hit.until > now) {
      return hit.outcome.outcome === 'unavailable'
        ? { ...hit.outcome, retryAfter: Math.ceil((hit.until - now) / 1000), cached: true }
        : { ...hit.outcome, cached: true };
    }
    const answer = await inner.lookup(q, ctx);
    // A timeout says nothing about the upstream's next answer, nor our own pacing; everything else cools down or is reused.
    if (!(answer.outcome === 'unavailable' && (answer.reason === 'timeout' || answer.failure.cause === 'pacing'))) {
      cache.set(key, { outcome: { ...answer, raw: undefined }, until: now + freshFor(answer) });
    }
    return answer;
  });
}

/**
 * Quarantine on throttling and blocking (429 bodies, quota codes, WAF HTML, non-JSON answers, failed canaries):
 * skip the upstream for max(retryAfter, 5 min), doubling while it keeps failing, up to an hour.
 */
export function withQuarantine(inner: LookupProvider, now: () => number = Date.now): LookupProvider {
  let until = 0;
  let span = 0;
  let trigger: Unavailable | undefined;
  return wrap(
    inner,
    async (q, ctx) => {
      const t = now();
      if (trigger && t < until) {
        const { cause, detail } = trigger.failure;
        const skipped = `skipped until ${new Date(until).toISOString()} after ${cause}: ${detail}`;
        return unavailable(trigger.reason, 'quarantine', skipped, { retryAfter: Math.ceil((until - t) / 1000) });
      }
      const answer = await inner.lookup(q, ctx);
      // Our own pacing and answers replayed from the cache are not new upstream failures.
      const news = answer.outcome === 'unavailable' && answer.failure.cause !== 'pacing' && !answer.cached;
      if (news && (answer.reason === 'upstream-throttled' || answer.reason === 'upstream-blocked')) {
        span = Math.min(60 * MINUTE, Math.max((answer.retryAfter ?? 0) * 1000, 5 * MINUTE, span * 2));
        until = t + span;
        trigger = answer;
        const { cause, detail } = answer.failure;
        ctx.log.warn('provider quarantined', {
          provider: inner.id,
          reason: answer.reason,
          cause,
          detail,
          seconds: span / 1000,
        });
      } else if (answer.outcome !== 'unavailable') {
        span = 0;
      }
      return answer;
    },
    { quarantined: () => now() < until },
  );
}

/**
 * A provider's health, for /v1/meta and the log: the last failure's cause and detail, and when the current run of
 * failures began; the next answer clears it. A replay from the cache is no news of the upstream and changes nothing.
 */
export function withHealth(inner: LookupProvider): LookupProvider {
  let failing: ProviderFailure | null = null;
  return wrap(
    inner,
    async (q, ctx) => {
      const answer = await inner.lookup(q, ctx);
      if (answer.cached) return answer;
      if (answer.outcome === 'unavailable') {
        const at = ctx.now().toISOString();
        failing = {
          cause: answer.failure.cause,
          detail: answer.failure.detail,
          since: failing?.since ?? at,
          lastAt: at,
        };
      } else {
        failing = null;
      }
      return answer;
    },
    { failing: () => failing },
  );
}

export interface GuardOptions {
  cache: Lru<string, CacheEntry>;
  pacer: Pacer;
  canary?: { query: ProviderQuery; expect: string };
}

/** All wrappers of C.3 around an upstream provider, and its health (not the dataset, which needs none). */
export function guard(provider: LookupProvider, options: GuardOptions): LookupProvider {
  let p = withPacing(provider, options.pacer);
  if (options.canary) p = withCanary(p, options.canary, provider);
  return withHealth(withQuarantine(withCache(withSingleFlight(p), options.cache)));
}
