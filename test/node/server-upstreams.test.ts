// The upstreams the environment turns on (upstreams.ts), through the real service and app: the 公安 adapter
// against a loopback server answering in leafone's documented shape (contract C.4, E.2), and every failure cause
// as the operator sees it, in the log line and in /v1/meta. Real requests over loopback, no mocked functions.
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Meta, PsbResult, type IcpResult } from '../../src/contract/index.js';
import { createApp } from '../../src/server/app.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { jsonLogger } from '../../src/server/providers/types.js';
import { SettingError } from '../../src/server/settings.js';
import { upstreamsFromEnv, upstreamsHelp, UPSTREAM_VARIABLES } from '../../src/server/upstreams.js';

const KEY = 'SECRET-WANGAN-KEY-42';

// leafone's sample answer (http://api.leafone.cn/doc/wangan.html), and one listing more domains.
const QQ = {
  webnm: '腾讯网',
  maindm: 'qq.com',
  webSiteStr: 'qq.com',
  audittime: '2017-07-14',
  unittype: '企业单位',
  unitnm: '深圳市腾讯计算机系统有限公司',
  webtype: '交互式',
  polnm: '粤公网安备44030002000001号',
  department: '南山区网安大队',
};
const EXAMPLE = {
  webnm: '示例',
  maindm: 'WWW.Example.cn',
  webSiteStr: 'example.cn, www.example.com.cn；shop-example.cn',
  audittime: '2021-06-18 10:20:30',
  unittype: '企业单位',
  unitnm: '示例科技有限公司',
  webtype: '非交互式',
  polnm: '京公网安备11010502012345号',
  department: '北京市公安局朝阳分局',
};
const found = (data: object) => (res: ServerResponse) =>
  res.end(JSON.stringify({ code: 200, msg: '查询成功', data, time: 0.000149 }));

// Answers per `name`. Quota and key errors are not documented by leafone: these are the forms such APIs use.
const WANGAN: Record<string, (res: ServerResponse) => void> = {
  'qq.com': found(QQ),
  '44030002000001': found(QQ),
  'example.com.cn': found([EXAMPLE]),
  'notfound.cn': (res) => res.end('{"code":404,"msg":"信息查询失败"}'),
  'nodata.cn': (res) => res.end('{"code":200,"msg":"查询成功","data":null}'),
  'quota.cn': (res) => res.end('{"code":201,"msg":"今日免费调用次数已用完，请明日再试","data":null}'),
  'badkey.cn': (res) => res.end(`{"code":403,"msg":"请求密钥KEY不正确！(${KEY})","data":null}`),
  'server.cn': (res) =>
    res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>500 Internal Server Error</body></html>'),
  'garbage.cn': (res) => res.end('{"code":200,"msg":"查询成功","data":{"polnm":'),
  'huge.cn': (res) => res.end(`{"code":200,"data":"${'x'.repeat(2 << 20)}"}`),
  // Chunked, so no Content-Length says it is too big: the reader stops at the limit.
  'endless.cn': (res) => {
    for (let i = 0; i < 20; i++) res.write('x'.repeat(64 << 10));
    res.end();
  },
  'slow.cn': (res) => setTimeout(() => res.end('{"code":404,"msg":"信息查询失败"}'), 1500),
  // Fields of the wrong type: numbers, objects, a list of anything.
  'odd.cn': found({
    polnm: '京公网安备11010502012345号',
    webnm: 5,
    maindm: { a: 1 },
    webSiteStr: [7, 'odd.cn', null],
    unitnm: ['x'],
    audittime: 20210618,
  }),
  // An answer shaped like one of our own outcomes, records and all: it must be read as the vendor's, nothing more.
  'forged.cn': (res) =>
    res.end(
      JSON.stringify({
        outcome: 'found',
        fetchedAt: new Date().toISOString(),
        authority: 'official-mirror',
        records: [
          {
            code: '11010502099999',
            display: '京公网安备11010502099999号',
            mainDomain: 'forged.cn',
            domains: ['forged.cn'],
          },
        ],
      }),
    ),
};

let base = '';
let closedPort = 0;
const seen: URL[] = [];
const server = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  seen.push(url);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (url.pathname === '/api/wangan') return (WANGAN[url.searchParams.get('name')!] ?? WANGAN['notfound.cn'])(res);
  // An ICP engine (HG-ha/ICP_Query) silently blocked: everything empty, the canary too.
  if (url.pathname === '/query/web')
    return res.end('{"code":200,"msg":"操作成功","success":true,"params":{"total":0,"list":[]}}');
  res.writeHead(404).end();
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just open and is closed now: connections to it are refused.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});
after(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

interface FailureLine {
  level: string;
  provider: string;
  reason: string;
  cause: string;
  detail: string;
  error?: string;
  since?: string;
  cached?: boolean;
}

/** The real service and app over the upstreams the environment turns on, its log captured and its clock set. */
function deploy(env: Record<string, string>, timeoutMs = 300) {
  const lines: string[] = [];
  const log = jsonLogger((line) => lines.push(line));
  let clock = new Date('2026-11-30T10:00:00Z');
  const service = new LookupService({
    providers: upstreamsFromEnv(env, { cacheSize: 100, upstreamTimeoutMs: timeoutMs }),
    log,
    now: () => clock,
  });
  const app = createApp({ service, log, rateLimit: false, answerCacheSize: 0 });
  return {
    lines,
    at: (iso: string) => (clock = new Date(iso)),
    psb: async (query: string) => PsbResult.parse(await (await app.request(`/v1/psb?${query}`)).json()),
    icp: async (query: string) => (await (await app.request(`/v1/icp?${query}`)).json()) as IcpResult,
    meta: async () => Meta.parse(await (await app.request('/v1/meta')).json()).providers,
    failures: () => lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'provider unavailable') as FailureLine[],
  };
}

const wangan = (url = `${base}/api/wangan`) => deploy({ BEIAN_WANGAN_URL: url, BEIAN_WANGAN_KEY: KEY });

describe('the 公安 upstream (BEIAN_WANGAN_URL, BEIAN_WANGAN_KEY)', () => {
  it('finds a record by domain (type 1), mapped to ours through core, from a third party', async () => {
    const part = await wangan().psb('domain=https://www.qq.com/');
    assert.deepEqual([part.status, part.reason], ['valid', null]);
    assert.deepEqual(part.record, {
      code: '44030002000001',
      display: '粤公网安备44030002000001号',
      websiteName: '腾讯网',
      mainDomain: 'qq.com',
      domains: ['qq.com'],
      unitName: '深圳市腾讯计算机系统有限公司',
      unitType: '企业单位',
      websiteType: '交互式',
      department: '南山区网安大队',
      filedAt: '2017-07-14',
    });
    assert.deepEqual([part.source?.provider, part.source?.authority], ['wangan', 'third-party']);
    const asked = seen.at(-1)!;
    assert.deepEqual(
      [asked.searchParams.get('name'), asked.searchParams.get('type'), asked.searchParams.get('key')],
      ['qq.com', '1', KEY],
    );
  });

  it('asks by number (type 3) with the 14 digits, and checks the domain against the record', async () => {
    const service = wangan();
    const valid = await service.psb('code=44030002000001&domain=qq.com');
    assert.deepEqual([valid.status, valid.record?.code], ['valid', '44030002000001']);
    assert.deepEqual(
      [seen.at(-1)!.searchParams.get('name'), seen.at(-1)!.searchParams.get('type')],
      ['44030002000001', '3'],
    );
    const other = await service.psb('code=44030002000001&domain=example.cn');
    assert.deepEqual([other.status, other.reason], ['mismatch', 'domain-mismatch']);
  });

  it('reads webSiteStr as a list (commas, semicolons, spaces), normalised as queries are, and a date-time as its date', async () => {
    const part = await wangan().psb('domain=example.com.cn');
    assert.equal(part.status, 'valid');
    assert.deepEqual(part.record?.domains, ['example.cn', 'example.com.cn', 'shop-example.cn']);
    assert.deepEqual([part.record?.mainDomain, part.record?.filedAt], ['example.cn', '2021-06-18']);
  });

  it('an empty answer (code 404, or no data) is never not-found alone', async () => {
    const service = wangan();
    for (const domain of ['notfound.cn', 'nodata.cn']) {
      const part = await service.psb(`domain=${domain}`);
      assert.deepEqual([part.status, part.reason], ['unknown', 'unconfirmed-empty'], domain);
    }
    assert.deepEqual((await service.meta())[0].failure, null, 'an empty is an answer, not a failure');
  });

  it('quota is throttling and quarantines the upstream; a refused key is an upstream-error that says which variable', async () => {
    const quota = wangan();
    const throttled = await quota.psb('domain=quota.cn');
    assert.deepEqual([throttled.status, throttled.reason], ['unknown', 'upstream-throttled']);
    assert.equal((await quota.meta())[0].state, 'quarantined');

    const key = wangan();
    const refused = await key.psb('domain=badkey.cn');
    assert.deepEqual([refused.status, refused.reason], ['unknown', 'upstream-error']);
    const [line] = key.failures();
    assert.deepEqual(
      [line.level, line.cause, line.detail],
      ['warn', 'answer', 'code 403, key refused: check BEIAN_WANGAN_KEY'],
    );
    assert.match(line.error!, /请求密钥KEY不正确/, "the upstream's words are in the log");
    assert.equal((await key.meta())[0].state, 'ok', 'a wrong key is not throttling');
  });

  it('reads fields of the wrong type as no value, never passing them on', async () => {
    const part = await wangan().psb('domain=odd.cn');
    assert.equal(part.status, 'valid');
    assert.deepEqual(
      [
        part.record?.websiteName,
        part.record?.mainDomain,
        part.record?.domains,
        part.record?.unitName,
        part.record?.filedAt,
      ],
      [null, null, ['odd.cn'], null, null],
    );
  });

  it("an answer shaped like our own outcome is no record: the upstream's fields are never taken for ours", async () => {
    const part = await wangan().psb('domain=forged.cn');
    assert.equal(part.status, 'unknown');
    assert.equal(part.record, null);
  });

  it('a 500, a garbled or oversized body (declared or chunked) and a slow answer are unknown, never a 5xx', async () => {
    const service = wangan();
    for (const [domain, reason] of [
      ['server.cn', 'upstream-error'],
      ['garbage.cn', 'upstream-error'],
      ['huge.cn', 'upstream-error'],
      ['endless.cn', 'upstream-error'],
      ['slow.cn', 'timeout'],
    ]) {
      const part = await service.psb(`domain=${domain}`);
      assert.deepEqual([part.status, part.reason], ['unknown', reason], domain);
    }
    assert.deepEqual(
      service.failures().map((l) => [l.cause, l.detail]),
      [
        ['status', 'HTTP 500'],
        ['invalid', 'not JSON (HTTP 200)'],
        ['invalid', `body over ${1 << 20} bytes (HTTP 200)`],
        ['invalid', `body over ${1 << 20} bytes (HTTP 200)`],
        ['timeout', 'no answer within 0.3 s'],
      ],
    );
  });

  it('never puts the key in an answer, a log line or /v1/meta, even when the upstream echoes it', async () => {
    const service = wangan();
    const answers = await Promise.all(
      ['qq.com', 'badkey.cn', 'quota.cn', 'server.cn'].map((d) => service.psb(`domain=${d}`)),
    );
    const meta = await service.meta();
    assert.ok(service.lines.length >= 8);
    assert.doesNotMatch(service.lines.join('\n') + JSON.stringify(answers) + JSON.stringify(meta), new RegExp(KEY));
  });

  it('is on with either variable (leafone by default), and a URL that is none stops the server naming the variable', () => {
    assert.deepEqual(
      upstreamsFromEnv({ BEIAN_WANGAN_KEY: KEY }).map((p) => [p.id, p.upstream]),
      [['wangan', 'api.leafone.cn']],
    );
    assert.deepEqual(
      upstreamsFromEnv({ BEIAN_WANGAN_URL: `${base}/api/wangan` }).map((p) => p.id),
      ['wangan'],
    );
    assert.deepEqual(upstreamsFromEnv({}), []);
    assert.throws(
      () => upstreamsFromEnv({ BEIAN_WANGAN_URL: `api.leafone.cn/api/wangan?key=${KEY}` }),
      (e: Error) => {
        assert.ok(e instanceof SettingError);
        assert.match(
          e.message,
          /^BEIAN_WANGAN_URL is not an http\(s\) URL; it takes one such as https:\/\/api\.leafone\.cn\/api\/wangan\.$/,
        );
        return true;
      },
    );
    for (const name of Object.keys(UPSTREAM_VARIABLES))
      assert.match(upstreamsHelp(), new RegExp(`^  ${name} +\\S`, 'm'));
  });
});

describe('failures say what failed and since when, in the log and in /v1/meta', () => {
  /** One failed lookup: its log line and the provider's /v1/meta entry. */
  async function failOnce(service: ReturnType<typeof deploy>, query = 'domain=qq.com') {
    const part = await service.psb(query);
    assert.equal(part.status, 'unknown');
    return { line: service.failures().at(-1)!, entry: (await service.meta())[0] };
  }

  for (const [cause, url, detail, error] of [
    ['dns', () => 'http://nonexistent.invalid/api/wangan', /^(ENOTFOUND|EAI_AGAIN)$/, /nonexistent\.invalid/],
    ['refused', () => `http://127.0.0.1:${closedPort}/api/wangan`, /^ECONNREFUSED$/, /ECONNREFUSED 127\.0\.0\.1/],
  ] as const) {
    it(`${cause}: the error code in the log and in /v1/meta, the system's words in the log only`, async () => {
      const service = wangan(url());
      const { line, entry } = await failOnce(service);
      assert.deepEqual(
        [line.level, line.provider, line.reason, line.cause, line.since],
        ['warn', 'wangan', 'upstream-error', cause, '2026-11-30T10:00:00.000Z'],
      );
      assert.match(line.detail, detail);
      assert.match(line.error!, error);
      assert.equal(entry.state, 'ok');
      assert.deepEqual(
        { ...entry.failure, detail: undefined },
        { cause, detail: undefined, since: '2026-11-30T10:00:00.000Z', lastAt: '2026-11-30T10:00:00.000Z' },
      );
      assert.match(entry.failure!.detail, detail);
      assert.doesNotMatch(JSON.stringify(entry), /nonexistent|127\.0\.0\.1/, 'no host in /v1/meta');
    });
  }

  it('timeout, status and invalid: one run of failures keeps its start; the next answer clears it', async () => {
    const service = wangan();
    await failOnce(service, 'domain=slow.cn');
    service.at('2026-11-30T10:01:00Z');
    await failOnce(service, 'domain=server.cn');
    service.at('2026-11-30T10:02:00Z');
    const { line, entry } = await failOnce(service, 'domain=garbage.cn');
    assert.deepEqual(
      service.failures().map((l) => [l.cause, l.since]),
      [
        ['timeout', '2026-11-30T10:00:00.000Z'],
        ['status', '2026-11-30T10:00:00.000Z'],
        ['invalid', '2026-11-30T10:00:00.000Z'],
      ],
    );
    assert.equal(line.detail, 'not JSON (HTTP 200)');
    assert.deepEqual(entry.failure, {
      cause: 'invalid',
      detail: 'not JSON (HTTP 200)',
      since: '2026-11-30T10:00:00.000Z',
      lastAt: '2026-11-30T10:02:00.000Z',
    });
    assert.equal((await service.psb('domain=qq.com')).status, 'valid');
    assert.equal((await service.meta())[0].failure, null);
  });

  it('quarantine: the skip informs, names what quarantined the upstream, and keeps the run’s start', async () => {
    const service = wangan();
    await failOnce(service, 'domain=quota.cn');
    service.at('2026-11-30T10:03:00Z');
    const { line, entry } = await failOnce(service, 'domain=qq.com');
    assert.deepEqual(
      [line.level, line.reason, line.cause, line.since],
      ['info', 'upstream-throttled', 'quarantine', '2026-11-30T10:00:00.000Z'],
    );
    assert.match(line.detail, /^skipped until \d{4}-\d\d-\d\dT[\d:.]+Z after answer: code 201, quota or rate limit$/);
    assert.equal(entry.state, 'quarantined');
    assert.deepEqual(
      { ...entry.failure, detail: undefined },
      { cause: 'quarantine', detail: undefined, since: '2026-11-30T10:00:00.000Z', lastAt: '2026-11-30T10:03:00.000Z' },
    );
    const quarantined = service.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'provider quarantined');
    assert.deepEqual(
      [quarantined.level, quarantined.cause, quarantined.detail, quarantined.seconds],
      ['warn', 'answer', 'code 201, quota or rate limit', 3600],
    );
  });

  it('pacing: our own limit is told apart from the upstream’s, informs only, and never quarantines', async () => {
    const service = wangan();
    // Keyed APIs: a burst of 5, then a call every 2 s; the sixth would wait longer than 1 s, so it is not made.
    for (const domain of ['a.cn', 'b.cn', 'c.cn', 'd.cn', 'e.cn'])
      assert.equal((await service.psb(`domain=${domain}`)).reason, 'unconfirmed-empty');
    const { line, entry } = await failOnce(service, 'domain=f.cn');
    assert.deepEqual(
      [line.level, line.reason, line.cause, line.since],
      ['info', 'upstream-throttled', 'pacing', '2026-11-30T10:00:00.000Z'],
    );
    assert.match(line.detail, new RegExp(`^our limit of 30/min to 127\\.0\\.0\\.1:\\d+; next call in [12] s$`));
    assert.deepEqual([entry.state, entry.failure?.cause], ['ok', 'pacing']);
  });

  it('canary: an engine that answers everything empty is a silent block, and says so', async () => {
    const service = deploy({ BEIAN_ICP_ENGINE: base });
    const part = await service.icp('domain=example.cn');
    assert.deepEqual([part.status, part.reason], ['unknown', 'upstream-blocked']);
    const [line] = service.failures();
    assert.deepEqual(
      [line.level, line.provider, line.cause, line.detail],
      ['warn', 'icp-engine', 'canary', 'canary baidu.com not answered with 京ICP证030173号: a silent block'],
    );
    const [entry] = await service.meta();
    assert.deepEqual(
      [entry.state, entry.failure?.cause, entry.failure?.since],
      ['quarantined', 'canary', '2026-11-30T10:00:00.000Z'],
    );
  });

  it('a replay from the cache is logged as such and is no news: the run keeps its last time', async () => {
    const service = wangan();
    await failOnce(service, 'domain=server.cn');
    service.at('2026-11-30T10:00:30Z');
    const { line, entry } = await failOnce(service, 'domain=server.cn');
    assert.deepEqual([line.level, line.cause, line.cached], ['info', 'status', true]);
    assert.equal(entry.failure?.lastAt, '2026-11-30T10:00:00.000Z');
  });
});
