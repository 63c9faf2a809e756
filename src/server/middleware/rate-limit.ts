/** The per-client rate limit of /v1 (contract B.7): fixed windows per client key, the keys in a bounded map. */
import type { Context, MiddlewareHandler } from 'hono';
import { CACHE } from '../http/cache-policy.js';
import { bareError, CORS, errorEnvelope, plainError } from '../http/envelope.js';
import { Lru } from '../lru.js';
import { PARAMS, readParams, type Endpoint } from '../query.js';

export interface RateLimit {
  /** Requests per window per client. */
  readonly limit: number;
  readonly windowMs: number;
}

/** How many clients' windows are kept; past it the longest idle is forgotten (it starts a new window). */
const CLIENTS = 10_000;

export function rateLimit({ limit, windowMs }: RateLimit, clientKey: (c: Context) => string): MiddlewareHandler {
  const windows = new Lru<string, { count: number; start: number }>(CLIENTS);
  return async (c, next) => {
    const key = clientKey(c);
    const t = Date.now();
    const w = windows.get(key);
    const current = w && t - w.start < windowMs ? w : { count: 0, start: t };
    current.count++;
    windows.set(key, current);
    if (current.count <= limit) return next();
    const retryAfter = Math.ceil((current.start + windowMs - t) / 1000);
    return c.json(limitedBody(c, retryAfter), 429, {
      ...CORS,
      'Cache-Control': CACHE.none,
      'Retry-After': String(retryAfter),
    });
  };
}

/** The 429 in its endpoint's envelope, echoing the query as the endpoint reads it. */
function limitedBody(c: Context, retryAfter: number): object {
  const error = plainError('rate-limited', retryAfter);
  // By the path's end: the app may be mounted under a prefix (`/api/v1/icp`).
  const endpoint = c.req.path.slice(c.req.path.lastIndexOf('/v1/') + 4) as Endpoint;
  if (!Object.hasOwn(PARAMS, endpoint)) return bareError(error);
  let query: Record<string, string> = {};
  try {
    query = readParams(c.req.url, endpoint);
  } catch {
    // A query the endpoint would refuse is echoed as nothing.
  }
  return errorEnvelope(endpoint, query, error);
}
