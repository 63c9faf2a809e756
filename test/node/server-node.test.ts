// The server on Node: `beian serve`, dataset reloading, structured logs, the server's own rate limit; the edge entry's own errors.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { IcpResult } from '../../src/contract/index.js';
import { createApp } from '../../src/server/app.js';
import { addressKey } from '../../src/server/http/client-key.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { startServer } from '../../src/server/node.js';
import { createWorker } from '../../src/server/worker.js';
import { DatasetProvider } from '../../src/server/providers/dataset.js';
import { FixtureProvider } from '../../src/server/providers/fixture.js';
import { jsonLogger } from '../../src/server/providers/types.js';
import { TEST_DATA } from '../support/server.js';
import { tempFile } from '../support/temp-files.js';

// Bodies are read field by field; the contract suite checks their full shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

const datasetFile = (content: unknown) => tempFile('records.json', content);

const until = async (check: () => Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
};

describe('Node server', () => {
  it('serves the demo dataset by default, with one JSON log line per request and no client address', async () => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, upstreams: [], log: jsonLogger((l) => lines.push(l)) });
    try {
      const res = await fetch(`${server.url}/v1/icp?domain=mi.cn`, { headers: { 'X-Forwarded-For': '198.51.100.23' } });
      const body = await json(res);
      assert.equal(body.status, 'valid');
      assert.equal(body.record.serviceLicence, '京ICP备10046444号-9');
      const logs = lines.map((l) => JSON.parse(l));
      assert.ok(
        logs.every((l) => typeof l.time === 'string' && typeof l.level === 'string' && typeof l.msg === 'string'),
      );
      const request = logs.find((l) => l.msg === 'request');
      assert.deepEqual([request.method, request.path, request.status], ['GET', '/v1/icp', 200]);
      assert.doesNotMatch(lines.join('\n'), /198\.51\.100\.23/);
    } finally {
      await server.close();
    }
  });

  it('reloads a changed dataset atomically; a broken file is reported and the last good data keeps serving', async () => {
    const file = await datasetFile(TEST_DATA);
    const lines: string[] = [];
    const server = await startServer({ port: 0, data: file, upstreams: [], log: jsonLogger((l) => lines.push(l)) });
    const status = async (domain: string) => (await json(fetch(`${server.url}/v1/icp?domain=${domain}`))).status;
    try {
      assert.equal(await status('added.cn'), 'unknown');
      await writeFile(
        file,
        JSON.stringify({
          ...TEST_DATA,
          icp: [...TEST_DATA.icp, { ...TEST_DATA.icp[0], serviceLicence: '京ICP备2021012345号-9', domain: 'added.cn' }],
        }),
      );
      await until(async () => (await status('added.cn')) === 'valid');
      await writeFile(file, '{"version": 1, "icp": [');
      await until(async () => lines.some((l) => l.includes('dataset not reloaded')));
      assert.match(
        lines.find((l) => l.includes('dataset not reloaded'))!,
        /not JSON/,
      );
      assert.equal(await status('added.cn'), 'valid', 'the last good data still serves');
      await writeFile(file, JSON.stringify({ version: 1, icp: [{ domian: 'x.cn' }], psb: [] }));
      await until(async () => lines.some((l) => l.includes('unknown field')));
      assert.match(
        lines.find((l) => l.includes('unknown field'))!,
        /icp\[0\]: unknown field \\"domian\\".*did you mean \\"domain\\"/,
      );
      assert.equal(await status('example.cn'), 'valid');
      // A record taken out of the dataset is gone at once: no remembered answer outlives it (contract C.3).
      await writeFile(file, JSON.stringify(TEST_DATA));
      await until(async () => (await status('added.cn')) === 'unknown');
    } finally {
      await server.close();
    }
  });

  it('asks the registries before the dataset (contract C.2): a confirmed empty there decides', async () => {
    const registry = new FixtureProvider({
      id: 'registry',
      kinds: ['icp', 'psb'],
      authority: 'official-mirror',
      upstream: 'miit',
      script: { 'mi.cn': 'confirmed-empty' },
    });
    const server = await startServer({ port: 0, upstreams: [registry], log: jsonLogger(() => {}) });
    try {
      const meta = await json(fetch(`${server.url}/v1/meta`));
      assert.deepEqual(
        meta.providers.map((p: { id: string }) => p.id),
        ['registry', 'dataset'],
      );
      assert.equal((await json(fetch(`${server.url}/v1/icp?domain=mi.cn`))).status, 'not-found');
      const fromDataset = await json(fetch(`${server.url}/v1/icp?domain=baidu.com`));
      assert.deepEqual(
        [fromDataset.status, fromDataset.source.provider],
        ['valid', 'dataset'],
        'what the registry does not decide, the dataset answers',
      );
    } finally {
      await server.close();
    }
  });

  it('refuses to start on a broken dataset, naming the file and the problem', async () => {
    const file = await datasetFile({ version: 2, icp: [], psb: [] });
    await assert.rejects(
      startServer({ port: 0, data: file, upstreams: [] }),
      (e: Error) => e.message.includes(file) && /version/.test(e.message),
    );
  });

  it('answers its own limit with 429, Retry-After and no-store', async () => {
    const app = createApp({
      service: new LookupService({ providers: [new DatasetProvider(TEST_DATA)] }),
      rateLimit: { limit: 2, windowMs: 60_000 },
      trustProxy: true,
    });
    const ask = (ip: string) => app.request('/v1/icp?domain=example.cn', { headers: { 'X-Forwarded-For': ip } });
    assert.equal((await ask('203.0.113.1')).status, 200);
    assert.equal((await ask('203.0.113.1')).status, 200);
    const limited = await ask('203.0.113.1');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('cache-control'), 'no-store');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // In the endpoint's whole envelope (contract B.4), as its other answers are.
    const body = IcpResult.parse(await json(limited));
    assert.deepEqual(
      [body.status, body.error?.code, body.error?.retryable, body.query],
      ['error', 'rate-limited', true, { domain: 'example.cn' }],
    );
    assert.equal((await ask('203.0.113.2')).status, 200, 'other clients are not limited');
    assert.equal(
      (await ask('198.51.100.9, 203.0.113.1')).status,
      429,
      'a spoofed left entry does not escape the limit',
    );
    assert.equal((await app.request('/healthz')).status, 200, 'liveness is never limited');
    // IPv6: one subscriber's /64 is one client, however many addresses it rotates through.
    assert.equal((await ask('2001:db8:1:2::a')).status, 200);
    assert.equal((await ask('2001:db8:1:2::b')).status, 200);
    assert.equal((await ask('2001:0db8:0001:0002:ffff::c')).status, 429, 'the same /64');
    assert.equal((await ask('2001:db8:1:3::a')).status, 200, 'the next /64 is someone else');
    // The 429 echoes the query as the endpoint reads it: its own parameters, within their cap.
    const echoed = await json(
      app.request(`/v1/icp?domain=example.cn&junk=${'x'.repeat(1000)}`, {
        headers: { 'X-Forwarded-For': '203.0.113.1' },
      }),
    );
    assert.deepEqual([echoed.error.code, echoed.query], ['rate-limited', { domain: 'example.cn' }]);
  });

  it('keys the rate limit by client, whatever form the address comes in', () => {
    for (const [address, key] of [
      ['203.0.113.1', '203.0.113.1'],
      ['203.0.113.1:5678', '203.0.113.1'],
      ['::ffff:203.0.113.1', '203.0.113.1'],
      ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
      ['[2001:DB8:1:2::9]:443', '2001:db8:1:2::/64'],
      ['fe80::1%eth0', 'fe80:0:0:0::/64'],
      ['2001:db8::5:1.2.3.4', '2001:db8:0:0::/64'],
      ['unknown', 'unknown'],
    ])
      assert.equal(addressKey(address), key, address);
  });

  it('refuses over-long parameters, and keeps no answer to a bad query (made-up queries cannot fill its memory)', async () => {
    const app = createApp({
      service: new LookupService({ providers: [new DatasetProvider(TEST_DATA)] }),
      rateLimit: false,
    });
    const long = await json(app.request(`/v1/icp?domain=${'a'.repeat(300)}.cn`));
    assert.deepEqual([long.status, long.error.code], ['error', 'invalid-query']);
    assert.match(long.error.message, /longer than 256/);
    // A kept answer would come back as it was made, checkedAt and all; a 400 is made afresh each time.
    const checkedAt = async (path: string) => (await json(app.request(path))).checkedAt;
    const bad = '/v1/icp?domain=not%20a%20domain';
    const first = await checkedAt(bad);
    await new Promise((r) => setTimeout(r, 5));
    assert.notEqual(await checkedAt(bad), first, 'the 400 was made again');
    const good = '/v1/icp?domain=example.cn';
    const kept = await checkedAt(good);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(await checkedAt(good), kept, 'a decision is kept for identical requests');
  });
});

describe('beian serve', () => {
  it('starts the service on the given port with the given data', async () => {
    const file = await datasetFile(TEST_DATA);
    const err: string[] = [];
    let close: (() => Promise<void>) | undefined;
    let url = '';
    const code = await main(['serve', '--data', file, '--port', '0'], {
      out: () => {},
      err: (s) => err.push(s),
      env: {},
      onServe: (server) => {
        close = server.close;
        url = server.url;
      },
    });
    try {
      assert.equal(code, 0);
      assert.match(err.join('\n'), /lookup service on http:\/\/127\.0\.0\.1:\d+\/v1/);
      const meta = await json(fetch(`${url}/v1/meta`));
      assert.equal(meta.providers[0].id, 'dataset');
      assert.equal((await json(fetch(`${url}/v1/psb?code=11010502012345`))).status, 'valid');
    } finally {
      await close?.();
    }
  });

  it('rejects a bad port and a missing data file with exit 2', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (s: string) => err.push(s), env: {} };
    assert.equal(await main(['serve', '--port', 'http'], io), 2);
    assert.match(err.join('\n'), /--port is "http"; it takes a port number from 0 to 65535\./);
    assert.equal(await main(['serve', '--data', '/nonexistent/records.json', '--port', '0'], io), 2);
    assert.match(err.join('\n'), /ENOENT.*records\.json/);
  });
});

describe('edge entry', () => {
  it('answers a broken bundled dataset with a 500 that names the problem, readable cross-origin', async () => {
    const worker = createWorker({ data: { version: 2, icp: [], psb: [] } as never });
    const res = await worker.fetch(new Request('https://beian.test/v1/icp?domain=mi.cn'), {}, {
      waitUntil() {},
      passThroughOnException() {},
    } as never);
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('access-control-expose-headers'), 'ETag, Retry-After');
    assert.equal(res.headers.get('retry-after'), '300');
    assert.match((await json(res)).error.message, /bundled dataset is invalid.*version/);
  });
});
