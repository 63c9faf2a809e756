/**
 * The v1 HTTP API (contract B), composed: the request log, CORS preflight, health, metrics, the rate limit, the v1
 * routes, and the answers for unknown paths, other methods and failures. Runs the same on Node (@hono/node-server) and
 * on edge runtimes (`fetch` handler).
 */
import { Hono, type Context } from 'hono';
import type { ErrorCode } from '../contract/index.js';
import { AnswerCache } from './http/answer.js';
import { CACHE } from './http/cache-policy.js';
import { clientKeyOf, type ClientKeyOptions } from './http/client-key.js';
import { bareError, CORS, plainError } from './http/envelope.js';
import type { LookupService } from './orchestrator.js';
import type { Collector } from './metrics.js';
import { rateLimit, type RateLimit } from './middleware/rate-limit.js';
import { requestLog } from './middleware/request-log.js';
import { silentLogger, type Logger } from './providers/types.js';
import { countRequests, metricsRoute } from './routes/metrics.js';
import { v1Routes } from './routes/v1.js';

export interface AppOptions extends ClientKeyOptions {
  service: LookupService;
  name?: string;
  version?: string;
  log?: Logger;
  /** Requests per window per client (default 300 a minute); false turns the limit off (behind a CDN that limits). */
  rateLimit?: RateLimit | false;
  /** Who a request comes from, for the rate limit only (never logged); default from `trustProxy`. */
  clientKey?: (c: Context) => string;
  fileableTlds?: ReadonlySet<string>;
  /** How many finished answers are kept for identical requests (default 10,000). */
  answerCacheSize?: number;
  /** Serve GET /metrics in the Prometheus text format (default true); off, nothing is counted either. */
  metrics?: boolean;
  /** More metrics for /metrics, after the app's own: the array is read at every scrape, so it may grow after start. */
  collectors?: Collector[];
}

export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 300, windowMs: 60_000 };
const API_PATHS = ['/v1/icp', '/v1/psb', '/v1/verify', '/v1/meta'];
const OTHER_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function createApp(options: AppOptions): Hono {
  const log = options.log ?? silentLogger;
  const metrics = options.metrics !== false;
  const ownPaths = metrics ? ['/healthz', '/metrics'] : ['/healthz'];
  const paths = [...API_PATHS, ...ownPaths];
  const app = new Hono();
  // Without a logger there is no logging middleware at all: it would be a step on every request for nothing.
  if (log !== silentLogger) app.use('*', requestLog(log));
  app.options('*', (c) =>
    c.body(null, 204, {
      ...CORS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': '*',
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }, 200, { ...CORS, 'Cache-Control': CACHE.none }));
  const answers = new AnswerCache(options.answerCacheSize ?? 10_000);
  const requests = metrics
    ? metricsRoute(app, { service: options.service, answers, collectors: options.collectors ?? [] })
    : undefined;
  if (options.rateLimit !== false)
    app.use('/v1/*', rateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT, options.clientKey ?? clientKeyOf(options)));
  v1Routes(app, {
    service: options.service,
    answers,
    fileableTlds: options.fileableTlds,
    name: options.name ?? 'beian-elements reference server',
    version: options.version ?? '0',
  });
  // Other methods on the API's routes → 405; unknown paths → 404. Not for GET and HEAD: a GET matching both its
  // route and a catch-all would take Hono's slower path through a handler chain, on every request.
  app.on(OTHER_METHODS, ['/v1/*', ...ownPaths], fallback(paths));
  app.notFound(fallback(paths));
  app.onError((e, c) => {
    log.error('internal error', { path: c.req.path, error: String(e) });
    return c.json(bareError(plainError('internal', 30)), 500, {
      ...CORS,
      'Cache-Control': CACHE.none,
      'Retry-After': '30',
    });
  });
  if (requests) app.fetch = countRequests(app.fetch, requests);
  return app;
}

/** 405 on the paths served (`paths`) for methods they do not take, 404 elsewhere. */
const fallback =
  (paths: readonly string[]) =>
  (c: Context): Response => {
    const known = paths.includes(c.req.path);
    const code: ErrorCode & ('method-not-allowed' | 'no-route') = known ? 'method-not-allowed' : 'no-route';
    const headers: Record<string, string> = { ...CORS, 'Cache-Control': CACHE.error };
    if (known) headers.Allow = 'GET, HEAD, OPTIONS';
    return c.json(bareError(plainError(code)), known ? 405 : 404, headers);
  };
