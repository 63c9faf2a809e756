// The servers under load in `npm run bench`, in their own process so the load generator does not share its CPU
// time: a bare Hono JSON route (the ceiling) and the reference server answering /v1/verify from its cache.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/app.js';
import { Pacer, withCache, withPacing, withSingleFlight } from '../../src/server/providers/wrappers.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { Lru } from '../../src/server/lru.js';
import { FixtureProvider } from '../../src/server/providers/fixture.js';
import { TEST_DATA } from '../support/server.js';
import { VERIFY } from './verify-url.js';

// The registry behind the cache: after the first request every answer is a cache hit.
const registry = new FixtureProvider({ script: {}, otherwise: 'found', records: [...TEST_DATA.icp, ...TEST_DATA.psb] });
const cached = withCache(
  withSingleFlight(withPacing(registry, new Pacer(), { perMinute: 600, burst: 10 })),
  new Lru(50_000),
);
const ours = createApp({ service: new LookupService({ providers: [cached] }), rateLimit: false });

// The ceiling: our answer's body and headers (CORS, Cache-Control, ETag: what the contract makes every answer
// carry), sent by a bare route with nothing to read, decide, look up or compare.
const sample = await ours.fetch(new Request(`http://bench${VERIFY}`));
const body = new Uint8Array(await sample.arrayBuffer());
const headers = Object.fromEntries(sample.headers);
// At the same path, asked with the same query: parsing the request costs the same on both.
const bare = new Hono().get('/v1/verify', () => new Response(body, { headers }));

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
const [barePort, oursPort] = await Promise.all([listen(bare.fetch), listen(ours.fetch)]);
process.stdout.write(`${JSON.stringify({ bare: barePort, ours: oursPort })}\n`);
