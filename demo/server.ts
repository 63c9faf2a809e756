// The demo site and the lookup service on one server: what `npm start` runs and the e2e tests drive.
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { build } from 'vite';
import { startServer } from '../src/server/node.js';
import { FixtureProvider } from '../src/server/providers/fixture.js';
import { silentLogger, type Logger } from '../src/server/providers/types.js';

/**
 * The demo's registry, for the statuses a dataset of real records cannot give: a number the registry confirms
 * it does not have, and a registry that is throttling. Asked first, as a deploy's registries are: for any other
 * number it has nothing to confirm, and the demo dataset answers.
 */
export const DEMO_NOT_FOUND = '京ICP备2026000001号-1';
export const DEMO_THROTTLED = '京ICP备2026999999号-1';
const demoRegistry = () =>
  new FixtureProvider({
    id: 'demo-registry',
    kinds: ['icp'],
    authority: 'official-mirror',
    upstream: 'miit',
    script: { [DEMO_NOT_FOUND]: 'confirmed-empty', [DEMO_THROTTLED]: 'throttle-429' },
  });

/** The policy csp.html is served with: no inline script or style, Trusted Types enforced. */
export const STRICT_CSP =
  "default-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DEMO_ROOT = here('../dist-demo');

export async function buildDemo(): Promise<void> {
  await build({ configFile: here('./vite.config.ts'), logLevel: 'warn' });
}

/** Serves a built static site; csp.html gets the strict policy. */
function staticSite(app: Hono, root: string): void {
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.endsWith('/csp.html')) c.header('Content-Security-Policy', STRICT_CSP);
  });
  // Browsers ask for /favicon.ico unprompted; a 404 would be a console error in the e2e checks.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.use('*', serveStatic({ root }));
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The built demo with the lookup service (demo dataset) on the same origin, or any static folder alone
 * (`api: false`, for the Storybook build).
 */
export async function serveDemo(
  options: { port?: number; root?: string; api?: boolean; log?: Logger } = {},
): Promise<DemoServer> {
  const root = options.root ?? DEMO_ROOT;
  if (options.api === false) {
    const app = new Hono();
    staticSite(app, root);
    return new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, (info) =>
        resolve({
          url: `http://127.0.0.1:${info.port}/`,
          close: () => new Promise<void>((r) => server.close(() => r())),
        }),
      );
    });
  }
  const server = await startServer({
    port: options.port ?? 0,
    upstreams: [demoRegistry()],
    log: options.log ?? silentLogger,
    extend: (app) => staticSite(app, root),
  });
  return { url: `${server.url}/`, close: server.close };
}
