// /metrics: the server's own counts in the Prometheus text format, from the real server over loopback HTTP, read
// back by a text-format parser; the counts asserted are exactly those the test's requests caused.
import assert from 'node:assert/strict';
import { rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { withCache, withHealth, withQuarantine, type CacheEntry } from '../../src/server/providers/wrappers.js';
import { Lru } from '../../src/server/lru.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/node.js';
import { FixtureProvider } from '../../src/server/providers/fixture.js';
import { jsonLogger } from '../../src/server/providers/types.js';
import { createWorker } from '../../src/server/worker.js';
import { TEST_DATA, testUpstream } from '../support/server.js';
import { tempFile } from '../support/temp-files.js';

interface ParsedFamily {
  name: string;
  help: string;
  type: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}
// A CommonJS module without types: its one export is the parser.
const parsePrometheus = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => ParsedFamily[];

/** A family's samples as `labels → value`, labels written `a=x,b=y` in the order given. */
type Samples = Record<string, number>;

const sampleKey = (labels: Record<string, string> = {}) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** The metrics as parsed, by family name. */
function parsed(text: string): Map<string, ParsedFamily> {
  return new Map(parsePrometheus(text).map((f) => [f.name, f]));
}

function samples(families: Map<string, ParsedFamily>, name: string): Samples {
  const family = families.get(name);
  assert.ok(family, `${name} is exported`);
  return Object.fromEntries(family.metrics.map((m) => [sampleKey(m.labels), Number(m.value)]));
}

/** GET /metrics, checked for its headers and for every sample line following its family's HELP and TYPE. */
async function scrape(url: string): Promise<{ text: string; families: Map<string, ParsedFamily> }> {
  const res = await fetch(`${url}/metrics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const text = await res.text();
  const declared = new Set<string>();
  for (const line of text.split('\n').filter(Boolean)) {
    const type = /^# TYPE (\S+) (counter|gauge)$/.exec(line);
    if (type) declared.add(type[1]);
    else if (!line.startsWith('# HELP '))
      assert.ok(declared.has(/^[^{ ]+/.exec(line)![0]), `${line}: a sample of a declared family`);
  }
  return { text, families: parsed(text) };
}

const quiet = jsonLogger(() => {});

async function withServer(options: ServerOptions, use: (server: RunningServer) => Promise<void>): Promise<void> {
  const server = await startServer({
    port: 0,
    data: await tempFile('records.json', TEST_DATA),
    upstreams: [],
    log: quiet,
    ...options,
  });
  try {
    await use(server);
  } finally {
    await server.close();
  }
}

const until = async (check: () => Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
};

describe('/metrics', () => {
  it('counts every answer by route and status (429s included), and the answer cache’s hits and misses', async () => {
    await withServer({ rateLimit: { limit: 5, windowMs: 60_000 } }, async ({ url }) => {
      const statuses: number[] = [];
      const ask = async (path: string, init?: RequestInit) =>
        statuses.push((await fetch(`${url}${path}`, init)).status);
      await ask('/v1/icp?domain=example.cn');
      await ask('/v1/icp?domain=example.cn');
      await ask('/v1/icp?domain=not%20a%20domain');
      await ask('/v1/psb?domain=example.cn');
      await ask('/v1/nothing');
      await ask('/v1/icp?domain=example.cn');
      await ask('/v1/verify?domain=example.cn');
      await ask('/healthz');
      await ask('/nothing/at/all');
      await ask('/metrics', { method: 'POST' });
      assert.deepEqual(statuses, [200, 200, 400, 200, 404, 429, 429, 200, 404, 405]);

      const first = await scrape(url);
      assert.deepEqual(samples(first.families, 'beian_http_requests_total'), {
        'route=/v1/icp,code=200': 2,
        'route=/v1/icp,code=400': 1,
        'route=/v1/psb,code=200': 1,
        'route=other,code=404': 2,
        'route=/v1/icp,code=429': 1,
        'route=/v1/verify,code=429': 1,
        'route=/healthz,code=200': 1,
        'route=/metrics,code=405': 1,
      });
      // The second /v1/icp?domain=example.cn was a hit; the first, the 400 and the psb lookup were made.
      assert.deepEqual(samples(first.families, 'beian_answer_cache_hits_total'), { '': 1 });
      assert.deepEqual(samples(first.families, 'beian_answer_cache_misses_total'), { '': 3 });
      assert.deepEqual(samples(first.families, 'beian_provider_outcomes_total'), {
        'provider=dataset,outcome=found,cause=,cached=false': 2,
      });
      assert.deepEqual(samples(first.families, 'beian_dataset_records'), { 'kind=icp': 5, 'kind=psb': 1 });
      const started = samples(first.families, 'beian_start_time_seconds')[''];
      assert.ok(Math.abs(started - Date.now() / 1000) < 60, `started ${started}`);

      // A scrape is counted once it is answered: the next one sees it.
      const second = await scrape(url);
      assert.equal(samples(second.families, 'beian_http_requests_total')['route=/metrics,code=200'], 1);

      for (const family of first.families.values()) {
        assert.match(family.name, /^beian_[a-z_]+$/);
        assert.ok(family.help.length > 20, `${family.name} says what it is`);
        if (family.type === 'COUNTER') assert.match(family.name, /_total$/);
      }
    });
  });

  it('counts each upstream’s outcomes, its cache replays and its failures’ causes, and shows its quarantine', async () => {
    const registry = withHealth(withQuarantine(withCache(testUpstream(), new Lru<string, CacheEntry>(100))));
    await withServer({ upstreams: [registry], rateLimit: false }, async ({ url }) => {
      const status = async (query: string) => (await (await fetch(`${url}/v1/icp?${query}`)).json()).status;
      assert.equal(await status('domain=registry.cn'), 'valid');
      // Another query string, the same lookup: past the answer cache, answered by the upstream's cache.
      assert.equal(await status('domain=registry.cn&type=web'), 'valid');
      const quarantined = async () => samples((await scrape(url)).families, 'beian_provider_quarantined');
      assert.deepEqual(await quarantined(), { 'provider=registry': 0 });
      assert.equal(await status('domain=throttled.cn'), 'unknown');
      assert.equal(await status('domain=empty.cn'), 'unknown');
      const { families } = await scrape(url);
      assert.deepEqual(samples(families, 'beian_provider_quarantined'), { 'provider=registry': 1 });
      assert.deepEqual(samples(families, 'beian_provider_outcomes_total'), {
        'provider=registry,outcome=found,cause=,cached=false': 1,
        'provider=registry,outcome=found,cause=,cached=true': 1,
        // The registry's "访问频次过高" answer, then the quarantine it started skipping the registry.
        'provider=registry,outcome=unavailable,cause=answer,cached=false': 1,
        'provider=registry,outcome=unavailable,cause=quarantine,cached=false': 1,
        'provider=dataset,outcome=empty,cause=,cached=false': 2,
      });
    });
  });

  it('counts a registry that ran out the lookup’s time, and the one skipped after it', async () => {
    const second = new FixtureProvider({ id: 'second', upstream: 'other', script: {}, otherwise: 'found' });
    await withServer(
      { upstreams: [testUpstream(), second], rateLimit: false, lookupTimeoutMs: 200 },
      async ({ url }) => {
        assert.equal((await (await fetch(`${url}/v1/icp?domain=slow.cn`)).json()).status, 'unknown');
        assert.deepEqual(samples((await scrape(url)).families, 'beian_provider_outcomes_total'), {
          'provider=registry,outcome=unavailable,cause=timeout,cached=false': 1,
          'provider=second,outcome=skipped,cause=timeout,cached=false': 1,
          'provider=dataset,outcome=empty,cause=,cached=false': 1,
        });
        assert.equal(second.calls.length, 0, 'never asked');
      },
    );
  });

  it('follows the dataset file: a reload changes the records and the reload counts, a broken one counts as failed', async () => {
    const file = await tempFile('records.json', TEST_DATA);
    await withServer({ data: file, datasetPollMs: 100 }, async ({ url }) => {
      // Renamed over the file, as deploy tools do: the watch sees one change, never a half-written file.
      const replace = async (content: string) => {
        await writeFile(`${file}.next`, content);
        await rename(`${file}.next`, file);
      };
      const families = async () => (await scrape(url)).families;
      const before = await families();
      assert.deepEqual(samples(before, 'beian_dataset_reloads_total'), { 'result=success': 0, 'result=failure': 0 });
      const loadedAt = samples(before, 'beian_dataset_loaded_timestamp_seconds')[''];
      const took = samples(before, 'beian_dataset_load_duration_seconds')[''];
      assert.ok(took >= 0 && took < 10, `load took ${took} s`);

      const added = { ...TEST_DATA.icp[0], serviceLicence: '京ICP备2021012345号-9', domain: 'added.cn' };
      await replace(
        JSON.stringify({
          ...TEST_DATA,
          icp: [...TEST_DATA.icp, added, { ...added, serviceLicence: '京ICP备2021012345号-8', domain: 'more.cn' }],
        }),
      );
      await until(async () => samples(await families(), 'beian_dataset_records')['kind=icp'] === 7);
      const reloaded = await families();
      assert.deepEqual(samples(reloaded, 'beian_dataset_records'), { 'kind=icp': 7, 'kind=psb': 1 });
      assert.deepEqual(samples(reloaded, 'beian_dataset_reloads_total'), { 'result=success': 1, 'result=failure': 0 });
      assert.ok(samples(reloaded, 'beian_dataset_loaded_timestamp_seconds')[''] > loadedAt, 'the load time moved on');

      await replace('{"version": 1, "icp": [');
      await until(async () => samples(await families(), 'beian_dataset_reloads_total')['result=failure'] === 1);
      const broken = await families();
      assert.deepEqual(samples(broken, 'beian_dataset_reloads_total'), { 'result=success': 1, 'result=failure': 1 });
      assert.deepEqual(
        samples(broken, 'beian_dataset_records'),
        { 'kind=icp': 7, 'kind=psb': 1 },
        'the last good data still serves',
      );
    });
  });

  it('scrapes the collectors added after start at every scrape, label values and help escaped, NaN and infinities spelled', async () => {
    await withServer({}, async (server) => {
      const awkward = 'C:\\sites\\"main"\nsecond line';
      let scrapes = 0;
      server.addCollector(() => {
        scrapes++;
        return [
          {
            name: 'beian_watch_site_up',
            help: 'Sites \\ checked\nby the watcher.',
            type: 'gauge',
            samples: [
              { labels: { site: awkward }, value: scrapes },
              { labels: { site: 'nan' }, value: NaN },
              { labels: { site: 'up' }, value: Infinity },
              { labels: { site: 'down' }, value: -Infinity },
            ],
          },
        ];
      });
      const { text } = await scrape(server.url);
      assert.match(text, /^# HELP beian_watch_site_up Sites \\\\ checked\\nby the watcher\.$/m);
      assert.ok(text.includes('beian_watch_site_up{site="C:\\\\sites\\\\\\"main\\"\\nsecond line"} 1\n'), text);
      const { families } = await scrape(server.url);
      const family = families.get('beian_watch_site_up')!;
      assert.deepEqual([family.type, family.help], ['GAUGE', 'Sites \\ checked\nby the watcher.']);
      assert.deepEqual(
        family.metrics.map((m) => [m.labels?.site, m.value]),
        [
          [awkward, '2'],
          ['nan', 'NaN'],
          ['up', '+Inf'],
          ['down', '-Inf'],
        ],
      );
      assert.ok(families.has('beian_http_requests_total'), 'beside the server’s own');
    });
  });

  it('answers a collector’s unreadable metric name with a 500 that is logged, rather than a scrape Prometheus refuses', async () => {
    const lines: string[] = [];
    await withServer({ log: jsonLogger((l) => lines.push(l)) }, async (server) => {
      server.addCollector(() => [
        { name: 'site status', help: 'a name with a space', type: 'gauge', samples: [{ value: 1 }] },
      ]);
      assert.equal((await fetch(`${server.url}/metrics`)).status, 500);
      assert.match(
        lines.find((l) => l.includes('internal error'))!,
        /metric name \\"site status\\" is not a Prometheus name/,
      );
    });
  });

  it('is off with --metrics off: /metrics is then an unknown path', async () => {
    let server: { url: string; close(): Promise<void> } | undefined;
    const file = await tempFile('records.json', TEST_DATA);
    const code = await main(['serve', '--data', file, '--port', '0', '--log-level', 'silent', '--metrics', 'off'], {
      out: () => {},
      err: () => {},
      env: {},
      onServe: (s) => (server = s),
    });
    try {
      assert.equal(code, 0);
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${server!.url}/metrics`, { method });
        assert.deepEqual([res.status, (await res.json()).error.code], [404, 'no-route'], method);
      }
      assert.equal((await fetch(`${server!.url}/v1/icp?domain=example.cn`)).status, 200, 'the API still answers');
    } finally {
      await server?.close();
    }
  });

  it('is served by the edge worker too, per isolate, and turned off by its BEIAN_METRICS binding', async () => {
    const ctx = { waitUntil() {}, passThroughOnException() {} } as never;
    const ask = (worker: ReturnType<typeof createWorker>, env: object, path: string) =>
      worker.fetch(new Request(`https://beian.test${path}`), env, ctx);
    const worker = createWorker({ data: TEST_DATA, upstreams: [] });
    const env = { BEIAN_LOG_LEVEL: 'silent' };
    assert.equal((await ask(worker, env, '/v1/icp?domain=example.cn')).status, 200);
    const res = await ask(worker, env, '/metrics');
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const families = parsed(await res.text());
    assert.deepEqual(samples(families, 'beian_http_requests_total'), { 'route=/v1/icp,code=200': 1 });
    assert.deepEqual(samples(families, 'beian_dataset_records'), { 'kind=icp': 5, 'kind=psb': 1 });
    const off = createWorker({ data: TEST_DATA, upstreams: [] });
    assert.equal((await ask(off, { ...env, BEIAN_METRICS: 'off' }, '/metrics')).status, 404);
  });
});
