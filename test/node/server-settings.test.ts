// The operator's switches (issue 16): `beian serve` options, their environment variables and the edge worker's
// bindings, read by one table; and the client key behind trusted proxies, which a client cannot spoof.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { createApp } from '../../src/server/app.js';
import { addressRange, clientKeyOf } from '../../src/server/http/client-key.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { startServer } from '../../src/server/node.js';
import { jsonLogger } from '../../src/server/providers/types.js';
import { DEFAULTS, readSettings, SETTINGS } from '../../src/server/settings.js';
import { createWorker } from '../../src/server/worker.js';
import { TEST_DATA } from '../support/server.js';
import { tempFile } from '../support/temp-files.js';

const ctx = { waitUntil() {}, passThroughOnException() {} } as never;

describe('settings', () => {
  it('default to a service for one machine: loopback, 300 requests a minute, no proxy believed', () => {
    assert.deepEqual(readSettings({}, {}), { ...DEFAULTS, data: undefined });
    assert.deepEqual(
      [DEFAULTS.bind, DEFAULTS.rateLimit, DEFAULTS.trustProxy],
      ['127.0.0.1', { limit: 300, windowMs: 60_000 }, false],
    );
  });

  it('read every switch from its flag or its variable, the flag first', () => {
    const flags = { 'trust-proxy': '2', 'rate-limit': 'off', 'log-level': 'warn', 'upstream-timeout': '2.5' };
    const env = {
      BEIAN_TRUST_PROXY: '10.0.0.0/8',
      BEIAN_RATE_LIMIT: '60',
      BEIAN_CACHE_SIZE: '1000',
      BEIAN_ANSWER_CACHE_SIZE: '0',
      BEIAN_LOOKUP_TIMEOUT: '4',
      BEIAN_PROXY_HEADER: 'Forwarded',
      PORT: '9000',
      BEIAN_BIND: '0.0.0.0',
      BEIAN_DATA: '/srv/records.json',
      BEIAN_METRICS: 'Off',
    };
    assert.deepEqual(readSettings(flags, env), {
      data: '/srv/records.json',
      port: 9000,
      bind: '0.0.0.0',
      trustProxy: 2,
      proxyHeader: 'forwarded',
      rateLimit: false,
      cacheSize: 1000,
      answerCacheSize: 0,
      upstreamTimeoutMs: 2500,
      lookupTimeoutMs: 4000,
      logLevel: 'warn',
      metrics: false,
    });
    assert.equal(readSettings({ metrics: 'on' }, env).metrics, true, 'the flag wins');
    assert.deepEqual(readSettings({}, env).trustProxy, ['10.0.0.0/8']);
    assert.deepEqual(readSettings({}, { BEIAN_RATE_LIMIT: '60' }).rateLimit, { limit: 60, windowMs: 60_000 });
    assert.equal(readSettings({}, { BEIAN_TRUST_PROXY: '0' }).trustProxy, false);
  });

  it('name the flag or variable, the value and what it takes, for every bad value', () => {
    for (const [flags, env, message] of [
      [{ 'rate-limit': 'lots' }, {}, /^--rate-limit is "lots"; it takes requests per minute from 1 to 1000000\.$/],
      [{}, { BEIAN_RATE_LIMIT: '0' }, /^BEIAN_RATE_LIMIT is "0"; it takes requests per minute/],
      [
        {},
        { BEIAN_TRUST_PROXY: '10.0.0.0/33' },
        /BEIAN_TRUST_PROXY is "10\.0\.0\.0\/33"; it takes a number of hops, or addresses and CIDR ranges .*\("10\.0\.0\.0\/33" is neither\)/,
      ],
      [{ 'trust-proxy': 'nginx' }, {}, /--trust-proxy is "nginx"/],
      [{ 'proxy-header': 'x-real-ip' }, {}, /--proxy-header is "x-real-ip"; it takes x-forwarded-for or forwarded/],
      [{ port: '70000' }, {}, /--port is "70000"; it takes a port number from 0 to 65535/],
      [{}, { BEIAN_UPSTREAM_TIMEOUT: '0' }, /BEIAN_UPSTREAM_TIMEOUT is "0"; it takes a number of seconds above 0/],
      [{}, { BEIAN_LOG_LEVEL: 'verbose' }, /BEIAN_LOG_LEVEL is "verbose"; it takes info, warn, error or silent/],
      [{ 'cache-size': '-1' }, {}, /--cache-size is "-1"; it takes a number of entries/],
      [{ metrics: 'yes' }, {}, /^--metrics is "yes"; it takes on or off\.$/],
      [{}, { BEIAN_METRICS: 'false' }, /^BEIAN_METRICS is "false"; it takes on or off\.$/],
    ] as const)
      assert.throws(
        () => readSettings(flags, env),
        (e: Error) => e.name === 'SettingError' && message.test(e.message),
        String(message),
      );
  });

  it('are all listed by beian --help, each with its variable', async () => {
    let out = '';
    await main(['--help'], { out: (s) => (out += s), err: () => {}, env: {} });
    for (const s of Object.values(SETTINGS)) assert.match(out, new RegExp(`${s.flag} [^]*?\\(or ${s.env}\\)`), s.flag);
  });

  it('refuse a bad value in beian serve with exit 2, from a flag or the environment', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (s: string) => err.push(s), env: { BEIAN_RATE_LIMIT: 'fast' } };
    assert.equal(await main(['serve', '--port', '0'], io), 2);
    assert.match(err.join('\n'), /BEIAN_RATE_LIMIT is "fast"; it takes requests per minute/);
  });
});

describe('the client key behind proxies', () => {
  const app = (options: Parameters<typeof clientKeyOf>[0]) => {
    const key = clientKeyOf({ ...options, remoteAddress: (c) => c.req.header('x-test-peer') });
    const hono = createApp({ service: new LookupService({ providers: [] }), rateLimit: false });
    hono.get('/key', (c) => c.text(key(c)));
    return async (peer: string, headers: Record<string, string> = {}) =>
      (await hono.request('/key', { headers: { 'x-test-peer': peer, ...headers } })).text();
  };

  it('is the peer itself when no proxy is trusted, whatever X-Forwarded-For says', async () => {
    assert.equal(await app({})('203.0.113.7', { 'x-forwarded-for': '198.51.100.1' }), '203.0.113.7');
  });

  it('behind one trusted hop, is the address that proxy appended; a client’s own entries are never read', async () => {
    const key = app({ trustProxy: 1 });
    assert.equal(await key('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }), '203.0.113.7');
    assert.equal(
      await key('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }),
      '203.0.113.7',
      'a spoofed left entry',
    );
    assert.equal(await key('127.0.0.1'), '127.0.0.1', 'no header: the proxy itself');
  });

  it('behind two hops (a CDN, then nginx), is the address the first proxy appended', async () => {
    assert.equal(
      await app({ trustProxy: 2 })('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.5' }),
      '203.0.113.7',
    );
  });

  it('with trusted ranges, walks past every proxy in them and stops at the first address outside', async () => {
    const key = app({ trustProxy: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'] });
    assert.equal(
      await key('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.1.2.3, fd00::1' }),
      '203.0.113.7',
    );
    assert.equal(
      await key('198.51.100.9', { 'x-forwarded-for': '203.0.113.7' }),
      '198.51.100.9',
      'a peer outside the ranges is the client',
    );
    assert.equal(await key('127.0.0.1', { 'x-forwarded-for': '2001:db8:1:2::9' }), '2001:db8:1:2::/64');
  });

  it('reads RFC 7239 Forwarded when told to', async () => {
    const key = app({ trustProxy: 1, proxyHeader: 'forwarded' });
    assert.equal(
      await key('127.0.0.1', { forwarded: 'for=6.6.6.6, for="[2001:db8:1:2::9]:4711";proto=https' }),
      '2001:db8:1:2::/64',
    );
    assert.equal(
      await key('127.0.0.1', { forwarded: 'for=203.0.113.7;proto=https', 'x-forwarded-for': '6.6.6.6' }),
      '203.0.113.7',
    );
  });

  it('matches CIDR ranges of both families, and refuses what is no range', () => {
    const inside = addressRange('10.0.0.0/8');
    assert.deepEqual(['10.255.0.1', '11.0.0.1', '::ffff:10.0.0.1', 'fd00::1'].map(inside), [true, false, true, false]);
    assert.deepEqual(['2001:db8:ffff::1', '2001:db9::1'].map(addressRange('2001:db8::/32')), [true, false]);
    assert.throws(() => addressRange('10.0.0.0/40'), /is not an address or a CIDR range/);
    assert.throws(() => addressRange('example.cn'), /is not an address or a CIDR range/);
  });
});

describe('beian serve behind a proxy, over loopback HTTP', () => {
  it('gives each visitor their own window behind a trusted hop: 10 visitors × 6 requests at a limit of 5', async () => {
    const server = await startServer({
      port: 0,
      upstreams: [],
      trustProxy: 1,
      rateLimit: { limit: 5, windowMs: 60_000 },
      log: jsonLogger(() => {}),
    });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, async (_, visitor) => {
          const seen: number[] = [];
          for (let i = 0; i < 6; i++) {
            // The proxy appends the visitor's address; visitor 3 also sends an entry of its own, in vain.
            const forwarded = visitor === 3 ? `198.51.100.${i}, 203.0.113.${visitor}` : `203.0.113.${visitor}`;
            seen.push(
              (await fetch(`${server.url}/v1/icp?domain=example.cn`, { headers: { 'x-forwarded-for': forwarded } }))
                .status,
            );
          }
          return seen;
        }),
      );
      for (const seen of statuses) assert.deepEqual(seen, [200, 200, 200, 200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  it('logs at the level it is given: warn drops the request lines', async () => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, upstreams: [], log: jsonLogger((l) => lines.push(l), 'warn') });
    try {
      await fetch(`${server.url}/v1/icp?domain=example.cn`);
      assert.deepEqual(
        lines.map((l) => JSON.parse(l).msg),
        ['serving the demo dataset: give your own with --data (or BEIAN_DATA)'],
      );
    } finally {
      await server.close();
    }
  });

  it('says so when it serves the demo dataset, in its log and in /v1/meta', async () => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, upstreams: [], log: jsonLogger((l) => lines.push(l)) });
    const meta = await (await fetch(`${server.url}/v1/meta`)).json();
    await server.close();
    const warning = JSON.parse(lines[0]);
    assert.deepEqual(
      [warning.level, warning.msg],
      ['warn', 'serving the demo dataset: give your own with --data (or BEIAN_DATA)'],
    );
    assert.deepEqual(meta.providers.find((p: { id: string }) => p.id === 'dataset').demo, true);
    assert.match(meta.warnings[0], /^serving the demo dataset .*--data/);
    const own = await startServer({
      port: 0,
      upstreams: [],
      data: await tempFile('records.json', TEST_DATA),
      log: jsonLogger(() => {}),
    });
    const ownMeta = await (await fetch(`${own.url}/v1/meta`)).json();
    await own.close();
    assert.deepEqual([ownMeta.warnings, 'demo' in ownMeta.providers.at(-1)], [[], false]);
  });
});

describe('the edge worker’s bindings', () => {
  const ask = (worker: ReturnType<typeof createWorker>, env: object, ip = '203.0.113.1') =>
    worker.fetch(
      new Request('https://beian.test/v1/icp?domain=example.cn', { headers: { 'cf-connecting-ip': ip } }),
      env,
      ctx,
    );

  it('set its rate limit per visitor, as beian serve’s variables do', async () => {
    const worker = createWorker({ data: TEST_DATA, upstreams: [] });
    const env = { BEIAN_RATE_LIMIT: '2', BEIAN_LOG_LEVEL: 'silent' };
    assert.deepEqual(
      [(await ask(worker, env)).status, (await ask(worker, env)).status, (await ask(worker, env)).status],
      [200, 200, 429],
    );
    assert.equal((await ask(worker, env, '203.0.113.2')).status, 200, 'another visitor');
  });

  it('answer a bad binding with a 500 that names it', async () => {
    const res = await ask(createWorker({ data: TEST_DATA, upstreams: [] }), { BEIAN_RATE_LIMIT: 'fast' });
    assert.equal(res.status, 500);
    assert.match(
      (await res.json()).error.message,
      /The worker is misconfigured: BEIAN_RATE_LIMIT is "fast"; it takes requests per minute/,
    );
  });

  it('turn on the registry upstreams, as the environment does for beian serve', async () => {
    const worker = createWorker({ data: TEST_DATA });
    const meta = await (
      await worker.fetch(
        new Request('https://beian.test/v1/meta'),
        { BEIAN_ICP_ENGINE: 'http://127.0.0.1:9', BEIAN_LOG_LEVEL: 'silent' },
        ctx,
      )
    ).json();
    assert.deepEqual(
      meta.providers.map((p: { id: string }) => p.id),
      ['icp-engine', 'dataset'],
    );
  });
});
