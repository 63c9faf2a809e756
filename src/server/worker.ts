/**
 * The edge entry: a Workers-style `fetch` handler (Cloudflare Workers, workerd, and platforms alike), answering
 * from the platform's Cache API when it has one. Answers are the same for every visitor (GET, no cookies,
 * `Access-Control-Allow-Origin: *`), so a CDN in front scales them with distinct sites, not page views.
 */
import type { ExecutionContext } from 'hono';
import { createApp, type AppOptions } from './app.js';
import { CORS, errorBody } from './http/envelope.js';
import { LookupService } from './orchestrator.js';
import { words, type MessageKey } from './messages.js';
import { DatasetError, type DatasetFile } from './dataset/file.js';
import { DatasetProvider, indexDataset } from './providers/dataset.js';
import { jsonLogger, type LookupProvider } from './providers/types.js';
import { readSettings, SettingError } from './settings.js';
import { upstreamsFromEnv } from './upstreams.js';

interface EdgeCache {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

export interface WorkerOptions {
  /** The dataset, bundled with the worker (imported JSON, checked on the first request). */
  data: DatasetFile | unknown;
  /** Providers asked before the dataset; default: those the bindings turn on (BEIAN_ICP_ENGINE, JUHE_KEY). */
  upstreams?: LookupProvider[];
  app?: Partial<AppOptions>;
  /** Total time for one lookup across providers (contract C.2: 15 s); default the BEIAN_LOOKUP_TIMEOUT binding. */
  totalTimeoutMs?: number;
}

/** A 500 that says what to fix and when to come back (B.6): a fixed deploy replaces the bundle or its bindings. */
function misconfigured(key: MessageKey, error: string): Response {
  const body = errorBody('internal', words(key, { error }), 300);
  return new Response(JSON.stringify({ apiVersion: '1', status: 'error', reason: 'internal', error: body }), {
    status: 500,
    headers: { ...CORS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Retry-After': '300' },
  });
}

export function createWorker(options: WorkerOptions) {
  let app: ReturnType<typeof createApp> | undefined;
  return {
    async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
      // Built on the first request: module scope stays free of work, as edge runtimes prefer. The bindings carry
      // the same settings as `beian serve`'s variables (BEIAN_RATE_LIMIT, BEIAN_TRUST_PROXY…).
      if (!app) {
        const bindings = (env ?? {}) as Record<string, unknown>;
        let dataset, settings, upstreams;
        try {
          dataset = new DatasetProvider(indexDataset(options.data));
          settings = readSettings({}, bindings);
          upstreams = options.upstreams ?? upstreamsFromEnv(bindings, settings);
        } catch (e) {
          if (e instanceof DatasetError) return misconfigured('internal.dataset', e.message);
          if (e instanceof SettingError) return misconfigured('internal.settings', e.message);
          throw e;
        }
        // Contract C.2: registries first, the bundled dataset last.
        const providers = [...upstreams, dataset];
        const log = jsonLogger(undefined, settings.logLevel);
        const service = new LookupService({
          providers,
          log,
          totalTimeoutMs: options.totalTimeoutMs ?? settings.lookupTimeoutMs,
        });
        // /metrics counts what this isolate answered: answers from the platform's cache never reach the app.
        app = createApp({
          service,
          log,
          rateLimit: settings.rateLimit,
          answerCacheSize: settings.answerCacheSize,
          trustProxy: settings.trustProxy,
          proxyHeader: settings.proxyHeader,
          remoteAddress: (c) => c.req.header('cf-connecting-ip'),
          metrics: settings.metrics,
          ...options.app,
        });
      }
      const cache = (globalThis as { caches?: { default?: EdgeCache } }).caches?.default;
      const cacheable = request.method === 'GET' && !request.headers.has('if-none-match');
      if (cache && cacheable) {
        const hit = await cache.match(request);
        if (hit) return hit;
      }
      // A lookup the widget gave up on (4 s) still fills the cache (contract C.2).
      const answering = Promise.resolve(app.fetch(request, env, ctx));
      ctx.waitUntil(answering.catch(() => undefined));
      const response = await answering;
      if (
        cache &&
        cacheable &&
        response.status === 200 &&
        response.headers.get('cache-control')?.startsWith('public')
      ) {
        ctx.waitUntil(cache.put(request, response.clone()));
      }
      return response;
    },
  };
}
