/**
 * The edge entry: a Workers-style `fetch` handler (Cloudflare Workers, workerd, and platforms alike), answering
 * from the platform's Cache API when it has one. Answers are the same for every visitor (GET, no cookies,
 * `Access-Control-Allow-Origin: *`), so a CDN in front scales them with distinct sites, not page views.
 */
import type { ExecutionContext } from 'hono';
import { createApp, type AppOptions } from './app.js';
import { addressKey } from './http/client-key.js';
import { CORS, errorBody } from './http/envelope.js';
import { words } from './messages.js';
import { LookupService } from './lookup.js';
import { DatasetProvider, parseDataset, type DatasetFile } from './providers/dataset.js';
import type { LookupProvider } from './providers/types.js';

interface EdgeCache {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

export interface WorkerOptions {
  /** The dataset, bundled with the worker (imported JSON, checked on the first request). */
  data: DatasetFile | unknown;
  upstreams?: LookupProvider[];
  app?: Partial<AppOptions>;
  /** Total time for one lookup across providers (contract C.2: 15 s). */
  totalTimeoutMs?: number;
}

export function createWorker(options: WorkerOptions) {
  let app: ReturnType<typeof createApp> | undefined;
  return {
    async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
      // Built on the first request: module scope stays free of work, as edge runtimes prefer.
      if (!app) {
        const parsed = parseDataset(options.data);
        if (!parsed.ok) {
          // A 5xx says when to come back (B.6): a fixed deploy replaces the bundle.
          const error = errorBody('internal', words('internal.dataset', { error: parsed.error }), 300);
          return new Response(JSON.stringify({ apiVersion: '1', status: 'error', reason: 'internal', error }),
            { status: 500, headers: { ...CORS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Retry-After': '300' } });
        }
        // Contract C.2: registries first, the bundled dataset last.
        const providers = [...(options.upstreams ?? []), new DatasetProvider(parsed.data)];
        const service = new LookupService({ providers, totalTimeoutMs: options.totalTimeoutMs });
        app = createApp({ service, clientKey: (c) => addressKey(c.req.header('cf-connecting-ip') ?? 'edge'), ...options.app });
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
      if (cache && cacheable && response.status === 200 && response.headers.get('cache-control')?.startsWith('public')) {
        ctx.waitUntil(cache.put(request, response.clone()));
      }
      return response;
    },
  };
}
