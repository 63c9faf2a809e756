// The upstream adapters against a local HTTP server answering in the upstreams' shapes (contract Part E):
// real requests over loopback, no mocked functions.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { IcpEngineProvider } from '../../src/server/providers/icp-engine.js';
import { JuheProvider } from '../../src/server/providers/juhe.js';
import { jsonLogger, type Outcome } from '../../src/server/providers/types.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const MIIT_ITEM = {
  unitName: '小米科技有限责任公司',
  natureName: '企业',
  mainLicence: '京ICP备10046444号',
  serviceLicence: '京ICP备10046444号-9',
  domain: 'mi.cn',
  homeUrl: 'www.mi.cn',
  serviceName: '小米科技',
  updateRecordTime: '2021-08-16 13:55:56',
  limitAccess: '否',
  contentTypeName: '',
  leaderName: '雷*',
  mainId: 1,
  domainId: 2,
  serviceId: 3,
};

// Answers per search value, as the engine (HG-ha/ICP_Query) relays MIIT's.
const ENGINE: Record<string, Handler> = {
  'mi.cn': (_q, _b, res) =>
    res.end(
      JSON.stringify({
        code: 200,
        msg: '操作成功',
        success: true,
        params: { total: 1, list: [MIIT_ITEM], pageNum: 1, pageSize: 26 },
      }),
    ),
  'empty.cn': (_q, _b, res) => res.end('{"code":200,"msg":"操作成功","success":true,"params":{"total":0,"list":[]}}'),
  'throttled.cn': (_q, _b, res) =>
    res.end('{"code":429,"msg":"您目前访问频次过高[访问ip：203.0.113.7], 请稍后再试。"}'),
  'waf.cn': (_q, _b, res) =>
    res
      .writeHead(403, { 'content-type': 'text/html' })
      .end('<html><body>当前访问疑似黑客攻击，已被创宇盾拦截。</body></html>'),
  'blank.cn': (_q, _b, res) => res.end(''),
  'html.cn': (_q, _b, res) => res.end('<html>captcha</html>'),
  'failed.cn': (_q, _b, res) => res.end('{"code":122,"msg":"查询失败","success":false}'),
  'token.cn': (_q, _b, res) => res.end('{"code":401,"msg":"token过期","success":false}'),
  'captcha.cn': (_q, _b, res) => res.end('{"code":500,"msg":"请求非法,验证码不匹配!!","success":false}'),
  'server.cn': (_q, _b, res) => res.writeHead(502).end('Bad Gateway'),
  'slow.cn': (_q, _b, res) => setTimeout(() => res.end('{"code":200,"params":{"total":0,"list":[]}}'), 2000),
};

const JUHE: Record<string, Handler> = {
  'mi.cn': (_q, _b, res) =>
    res.end(
      JSON.stringify({
        error_code: 0,
        reason: 'success',
        result: {
          CompanyName: '小米科技有限责任公司',
          CompanyType: '企业',
          SiteLicense: '京ICP备10046444号-9',
          SiteName: '小米科技',
          MainPage: 'www.mi.cn',
          VerifyTime: '2021-08-16',
        },
      }),
    ),
  'empty.cn': (_q, _b, res) => res.end('{"error_code":0,"reason":"success","result":null}'),
  'quota.cn': (_q, _b, res) => res.end('{"error_code":10012,"reason":"超过每日可允许请求次数!","result":null}'),
  'odd.cn': (_q, _b, res) =>
    res.end(
      '{"error_code":0,"reason":"success","result":{"SiteLicense":"京ICP备10046444号-9","CompanyName":5,"SiteName":{"a":1},"VerifyTime":20210816}}',
    ),
  'oddnumber.cn': (_q, _b, res) => res.end('{"error_code":0,"reason":"success","result":{"SiteLicense":12345}}'),
  'key.cn': (_q, _b, res) => res.end('{"error_code":10001,"reason":"错误的请求KEY","result":null}'),
};

let base = '';
const seen: { path: string; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ path: req.url!, body });
    const url = new URL(req.url!, 'http://x');
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (url.pathname.startsWith('/query/'))
      return (ENGINE[url.searchParams.get('search')!] ?? ENGINE['empty.cn'])(req, body, res);
    if (url.pathname === '/siteTools/app/NewDomain/query.php')
      return (JUHE[new URLSearchParams(body).get('domainName')!] ?? JUHE['empty.cn'])(req, body, res);
    res.writeHead(404).end();
  });
});
before(
  () =>
    new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      }),
    ),
);
after(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const lines: string[] = [];
const ctx = () => ({
  signal: new AbortController().signal,
  now: () => new Date('2026-11-30T10:00:00Z'),
  log: jsonLogger((l) => lines.push(l)),
});
const unavailable = (o: Outcome) => (o.outcome === 'unavailable' ? [o.outcome, o.reason] : [o.outcome]);

describe('icp-engine adapter over HTTP', () => {
  const engine = () => new IcpEngineProvider({ base, timeoutMs: 300 });

  it('maps a MIIT record, dropping what must not be exposed', async () => {
    const answer = await engine().lookup({ kind: 'icp', by: 'domain', value: 'mi.cn', type: 'web' }, ctx());
    assert.equal(answer.outcome, 'found');
    assert.deepEqual(answer.outcome === 'found' && answer.records, [
      {
        unitName: '小米科技有限责任公司',
        natureName: '企业',
        mainLicence: '京ICP备10046444号',
        serviceLicence: '京ICP备10046444号-9',
        domain: 'mi.cn',
        siteName: '小米科技',
        limitAccess: false,
        approvedAt: '2021-08-16T13:55:56+08:00',
      },
    ]);
    assert.match(seen.at(-1)!.path, /^\/query\/web\?search=mi\.cn&pageNum=1&pageSize=26$/);
  });

  it('asks the app, mini-program and quick-app paths by type', async () => {
    for (const [type, path] of [
      ['app', 'app'],
      ['miniapp', 'mapp'],
      ['quickapp', 'kapp'],
    ] as const) {
      await engine().lookup({ kind: 'icp', by: 'number', value: '鄂ICP备2024036893号-1A', type }, ctx());
      assert.match(seen.at(-1)!.path, new RegExp(`^/query/${path}\\?search=`));
    }
  });

  for (const [domain, expected] of [
    ['empty.cn', ['empty']],
    ['throttled.cn', ['unavailable', 'upstream-throttled']],
    ['waf.cn', ['unavailable', 'upstream-blocked']],
    ['blank.cn', ['unavailable', 'upstream-blocked']],
    ['html.cn', ['unavailable', 'upstream-blocked']],
    ['failed.cn', ['unavailable', 'upstream-error']],
    ['token.cn', ['unavailable', 'upstream-error']],
    ['captcha.cn', ['unavailable', 'captcha-failed']],
    ['server.cn', ['unavailable', 'upstream-error']],
    ['slow.cn', ['unavailable', 'timeout']],
  ] as const) {
    it(`${domain} → ${expected.join(' ')}`, async () => {
      assert.deepEqual(
        unavailable(await engine().lookup({ kind: 'icp', by: 'domain', value: domain, type: 'web' }, ctx())),
        [...expected],
      );
    });
  }

  it('a refused connection is an upstream-error, never a throw', async () => {
    const closed = new IcpEngineProvider({ base: 'http://127.0.0.1:1', timeoutMs: 1000 });
    assert.deepEqual(
      unavailable(await closed.lookup({ kind: 'icp', by: 'domain', value: 'mi.cn', type: 'web' }, ctx())),
      ['unavailable', 'upstream-error'],
    );
  });
});

describe('juhe adapter over HTTP', () => {
  const juhe = () => new JuheProvider({ key: 'SECRET-KEY-123', base, timeoutMs: 300 });

  it('reads fields of the wrong type as no value: a number where the licence should be is an empty', async () => {
    const odd = await juhe().lookup({ kind: 'icp', by: 'domain', value: 'odd.cn', type: 'web' }, ctx());
    const record = odd.outcome === 'found' && 'serviceLicence' in odd.records[0] ? odd.records[0] : undefined;
    assert.deepEqual(record && [record.unitName, record.siteName, record.approvedAt, record.serviceLicence], [
      null,
      null,
      null,
      '京ICP备10046444号-9',
    ]);
    assert.equal(
      (await juhe().lookup({ kind: 'icp', by: 'domain', value: 'oddnumber.cn', type: 'web' }, ctx())).outcome,
      'empty',
    );
  });

  it('posts the domain and key as a form and maps the record through core', async () => {
    const answer = await juhe().lookup({ kind: 'icp', by: 'domain', value: 'mi.cn', type: 'web' }, ctx());
    assert.equal(answer.outcome, 'found');
    const record = answer.outcome === 'found' ? answer.records[0] : undefined;
    assert.deepEqual(record, {
      unitName: '小米科技有限责任公司',
      natureName: '企业',
      mainLicence: '京ICP备10046444号',
      serviceLicence: '京ICP备10046444号-9',
      domain: 'mi.cn',
      siteName: '小米科技',
      limitAccess: null,
      approvedAt: '2021-08-16T00:00:00+08:00',
    });
    assert.equal(seen.at(-1)!.body, 'domainName=mi.cn&key=SECRET-KEY-123');
  });

  it('an empty result is an unconfirmed empty; quota is throttling; a bad key an error', async () => {
    assert.deepEqual(unavailable(await juhe().lookup({ kind: 'icp', by: 'domain', value: 'empty.cn' }, ctx())), [
      'empty',
    ]);
    const quota = await juhe().lookup({ kind: 'icp', by: 'domain', value: 'quota.cn' }, ctx());
    assert.deepEqual(unavailable(quota), ['unavailable', 'upstream-throttled']);
    assert.deepEqual(unavailable(await juhe().lookup({ kind: 'icp', by: 'domain', value: 'key.cn' }, ctx())), [
      'unavailable',
      'upstream-error',
    ]);
  });

  it('never puts the key in an outcome, an answer or a log line', async () => {
    const outcomes = await Promise.all(
      ['mi.cn', 'empty.cn', 'quota.cn', 'key.cn'].map((value) =>
        juhe().lookup({ kind: 'icp', by: 'domain', value }, ctx()),
      ),
    );
    assert.doesNotMatch(JSON.stringify(outcomes), /SECRET-KEY/);
    const log = jsonLogger((l) => lines.push(l));
    const app = createApp({ service: new LookupService({ providers: [juhe()], log }), log, rateLimit: false });
    const answers = await Promise.all(
      ['mi.cn', 'quota.cn', 'key.cn'].map(async (d) => (await app.request(`/v1/icp?domain=${d}`)).text()),
    );
    assert.ok(lines.length >= 5, 'requests and upstream trouble are logged');
    assert.doesNotMatch(lines.join('\n') + answers.join(''), /SECRET-KEY/);
  });
});
