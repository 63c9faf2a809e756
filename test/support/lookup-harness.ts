// The real lookup server for the browser tests, started by web-test-runner (see its config): the test dataset
// and scripted upstream behind the app of src/server, on loopback, with a request counter the tests read.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/app.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { DatasetProvider } from '../../src/server/providers/dataset.js';
import { FixtureProvider, type Behaviour } from '../../src/server/providers/fixture.js';
import type { LookupProvider } from '../../src/server/providers/types.js';
import { TEST_DATA } from './server.js';

export async function startLookupHarness() {
  // The registry's behaviour, by the number asked (numbers are asked before domains), once the dataset has none:
  // 京ICP备20260000NN号-1 with NN = 1x not found, 2x throttled, 3x slow.
  const script: Record<string, Behaviour> = {};
  for (let n = 0; n < 10; n++) {
    script[`京ICP备202600001${n}号-1`] = 'confirmed-empty';
    script[`京ICP备202600002${n}号-1`] = 'throttle-429';
    script[`京ICP备202600003${n}号-1`] = 'slow:1500';
  }
  const registry = new FixtureProvider({
    id: 'registry',
    kinds: ['icp', 'psb'],
    authority: 'official-mirror',
    upstream: 'miit',
    script,
  });
  const app = createApp({
    service: new LookupService({ providers: [new DatasetProvider(TEST_DATA), registry] }),
    rateLimit: false,
  });
  const counts = new Map<string, number>();
  const harness = new Hono();
  const cors = { 'Access-Control-Allow-Origin': '*' };
  harness.use('/v1/*', async (c, next) => {
    counts.set(c.req.path, (counts.get(c.req.path) ?? 0) + 1);
    await next();
  });
  harness.get('/__count', (c) => c.json({ count: counts.get(c.req.query('path') ?? '/v1/verify') ?? 0 }, 200, cors));
  harness.get('/__reset', (c) => {
    counts.clear();
    return c.json({ ok: true }, 200, cors);
  });
  // A server that answers 200 with a body that is not the contract's, for the client's malformed-answer path.
  harness.get('/garbage/v1/verify', (c) =>
    c.body('{"status":"valid","icp":{"record":', 200, { ...cors, 'Content-Type': 'application/json' }),
  );
  // The same server with no allowance at all: every request is its own 429, for the client's refusal path.
  harness.route(
    '/limited',
    createApp({
      service: new LookupService({ providers: [new DatasetProvider(TEST_DATA)] }),
      rateLimit: { limit: 0, windowMs: 60_000 },
    }),
  );
  // A service with website ICP records only (no 公安 records, no apps): its /v1/meta says so, and the form follows.
  const websitesOnly: LookupProvider = {
    id: 'websites',
    kinds: ['icp'],
    authority: 'dataset',
    upstream: 'websites',
    capabilities: { byNumber: true, byDomain: true, byUnit: true, types: ['web'] },
    lookup: async () => ({ outcome: 'empty', fetchedAt: new Date() }),
  };
  harness.route(
    '/websites-only',
    createApp({ service: new LookupService({ providers: [websitesOnly] }), rateLimit: false }),
  );
  harness.route('/hostile', hostile(app));
  harness.route('/', app);
  const server = serve({ fetch: harness.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * The real server's answers, twisted as a broken or hostile service might send them, for the clients' bounds:
 * a 429 asking to wait a year, a list of 1,000 records (the contract caps them at 20), and a valid answer padded
 * past a megabyte.
 */
function hostile(app: Hono): Hono {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' };
  const real = async (url: string) => (await app.fetch(new Request(url.replace('/hostile/', '/')))).json();
  const twisted = new Hono();
  twisted.get('/year/v1/verify', (c) =>
    c.json({ error: 'slow down' }, 429, {
      ...cors,
      'Retry-After': '31536000',
      'Access-Control-Expose-Headers': 'Retry-After',
    }),
  );
  twisted.get('/many/v1/icp', async (c) => {
    const answer = await real(c.req.url.replace('/many/', '/'));
    const one = answer.records?.[0] ?? answer.record;
    return c.json(
      { ...answer, records: Array.from({ length: 1000 }, (_, i) => ({ ...one, siteName: `站点${i}` })) },
      200,
      cors,
    );
  });
  twisted.get('/huge/v1/verify', async (c) => {
    const answer = await real(c.req.url.replace('/huge/', '/'));
    return c.json({ ...answer, padding: 'x'.repeat(1_200_000) }, 200, cors);
  });
  // Everything else (its /v1/meta among them) as the real server answers.
  twisted.all('/:name/*', (c) =>
    app.fetch(new Request(c.req.url.replace(`/hostile/${c.req.param('name')}/`, '/'), c.req.raw)),
  );
  return twisted;
}
