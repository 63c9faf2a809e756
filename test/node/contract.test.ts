// The contract suite against the app in-process, the Node server over real loopback HTTP, and the edge entry
// running in workerd (Miniflare), so the same app behaves the same wherever it is deployed.
import { after, before } from 'node:test';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Miniflare } from 'miniflare';
import { rolldown } from 'rolldown';
import { testApp } from '../support/server.js';
import { contractSuite, type Request } from './contract-suite.js';

contractSuite('in-process', () => (path, init) => Promise.resolve(testApp().request(path, init)));

let loopback: Request;
let closeLoopback: () => void;
before(async () => {
  const server = serve({ fetch: testApp().fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  loopback = (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init);
  closeLoopback = () => server.close();
});
after(() => closeLoopback());
contractSuite('Node server over loopback HTTP', () => loopback);

let mf: Miniflare;
before(async () => {
  // The worker test entry, bundled as a deploy would bundle src/server/worker.ts.
  const bundle = await rolldown({
    input: new URL('./worker-entry.ts', import.meta.url).pathname,
    platform: 'browser',
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'es', codeSplitting: false });
  mf = new Miniflare({ modules: true, script: output[0].code, compatibilityDate: '2025-01-01' });
  await mf.ready;
});
after(() => mf.dispose());
contractSuite(
  'edge entry in workerd',
  () => async (path, init) =>
    (await mf.dispatchFetch(`http://beian.test${path}`, init as never)) as unknown as Response,
);
