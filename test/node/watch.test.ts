// `beian watch`: a watched site against the real lookup server on loopback, its dataset record changed, then
// removed, and its home page losing a number; exactly one alert per change reaches each loopback webhook
// receiver in its robot's format; every round is a process start (--once), so the history and the alerts not yet
// taken survive restarts; and `beian serve --watch` puts the sites on /metrics.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import parsePrometheus from 'parse-prometheus-text-format';
import { main, type Io } from '../../src/cli/main.js';
import { Watcher } from '../../src/cli/watch/watcher.js';
import type { RunningServer } from '../../src/server/node.js';
import { loopbackServer } from '../support/loopback.js';
import { tempFile } from '../support/temp-files.js';

const ICP = '京ICP备2021012345号-1';
const PSB = '京公网安备11010502012345号';
const RECORD = {
  unitName: '示例科技有限公司',
  mainLicence: '京ICP备2021012345号',
  serviceLicence: ICP,
  domain: 'watched.cn',
  siteName: '示例',
  limitAccess: false,
};
const PSB_RECORD = {
  code: '11010502012345',
  display: PSB,
  websiteName: '示例',
  mainDomain: 'watched.cn',
  domains: ['watched.cn'],
  unitName: '示例科技有限公司',
};

async function cli(argv: string[], more: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, ...more });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

interface Received {
  path: string;
  url: URL;
  body: Record<string, unknown>;
}

/**
 * Group robots on loopback, answering as theirs do: DingTalk and WeCom `{"errcode":0}`, Feishu `{"code":0}`, the
 * generic hook a 204. `/dingtalk-picky` refuses its first message as a robot with a keyword setting does.
 */
function robots(): { server: Server; received: Received[] } {
  const received: Received[] = [];
  let picky = 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://robot');
    const text = await body(req);
    const reply = (json: object) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    if (url.pathname === '/dingtalk-picky' && picky++ === 0)
      return reply({ errcode: 310000, errmsg: 'keywords not in content' });
    received.push({ path: url.pathname, url, body: JSON.parse(text) });
    if (url.pathname === '/json') return res.writeHead(204).end();
    if (url.pathname === '/feishu') return reply({ code: 0, msg: 'success' });
    return reply({ errcode: 0, errmsg: 'ok' });
  });
  return { server, received };
}

/** The site's home page, its footer showing what `numbers` holds. */
function homePage(numbers: { icp: boolean; psb: boolean }): Server {
  return createServer((_req, res) => {
    const icp = numbers.icp ? `<a href="https://beian.miit.gov.cn/">${ICP}</a>` : '';
    const psb = numbers.psb
      ? `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=11010502012345">${PSB}</a>`
      : '';
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="zh-CN"><title>示例</title><body><main>示例</main><footer>${icp} ${psb}</footer></body></html>`,
      );
  });
}

describe('beian watch', () => {
  const hooks = robots();
  const shown = { icp: true, psb: true };
  const page = homePage(shown);
  let lookup: RunningServer;
  let data: string;
  let sites: string;
  let db: string;
  let hookBase: string;

  /** Writes the dataset and waits until the server answers from it. */
  async function serve(icp: object[], holder: string | null): Promise<void> {
    await writeFile(data, JSON.stringify({ version: 1, icp, psb: [PSB_RECORD] }));
    for (let i = 0; i < 100; i++) {
      const answer = await (await fetch(`${lookup.url}/v1/icp?domain=watched.cn`)).json();
      if ((answer.record?.unitName ?? null) === holder) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the server did not reload the dataset');
  }

  const round = () =>
    cli([
      'watch',
      '--once',
      '--json',
      '--pages',
      '--file',
      sites,
      '--db',
      db,
      '--lookup',
      `${lookup.url}/v1`,
      '--webhook',
      `${hookBase}/json`,
      '--webhook',
      `dingtalk=${hookBase}/dingtalk#SECdingtalk`,
      '--webhook',
      `feishu=${hookBase}/feishu#feishu-secret`,
      '--webhook',
      `wecom=${hookBase}/wecom`,
      '--webhook',
      `dingtalk=${hookBase}/dingtalk-picky`,
    ]);

  before(async () => {
    data = await tempFile('records.json', { version: 1, icp: [RECORD], psb: [PSB_RECORD] });
    lookup = await loopbackServer(data);
    hookBase = await listen(hooks.server);
    const home = await listen(page);
    sites = await tempFile('sites.csv', `domain,icp,psb,page\nwatched.cn,${ICP},${PSB},${home}/\n`);
    db = await tempFile('watch.db', '');
  });
  after(async () => {
    await lookup.close();
    hooks.server.close();
    page.close();
  });

  it('takes the first check as the baseline: nothing to alert', async () => {
    const { code, out, err } = await round();
    assert.equal(code, 0, err);
    const report = JSON.parse(out);
    assert.deepEqual(report.sites[0].changes, []);
    assert.equal(report.sites[0].state.icp.holder, '示例科技有限公司');
    assert.deepEqual(report.sites[0].state.footer, { icp: true, psb: true });
    assert.equal(hooks.received.length, 0);
  });

  it('alerts once per change of the record, in every format, and not again when nothing changes', async () => {
    await serve([{ ...RECORD, unitName: '新示例科技有限公司', limitAccess: true }], '新示例科技有限公司');
    const changed = await round();
    assert.equal(changed.code, 1, 'a site marked 限制接入 is not as it should be');
    assert.deepEqual(JSON.parse(changed.out).sites[0].changes, [
      { field: 'icp.holder', before: '示例科技有限公司', after: '新示例科技有限公司' },
      { field: 'icp.limitAccess', before: false, after: true },
    ]);
    assert.deepEqual(
      hooks.received.map((r) => r.path),
      ['/json', '/dingtalk', '/feishu', '/wecom'],
    );
    assert.match(
      changed.err,
      /alert for watched\.cn not taken by dingtalk 127\.0\.0\.1:\d+: the dingtalk robot refused it: 310000 keywords not in content/,
    );
    const [json, dingtalk, feishu, wecom] = hooks.received;
    assert.equal(json.body.event, 'beian.changed');
    assert.equal(json.body.domain, 'watched.cn');
    assert.deepEqual(json.body.numbers, { icp: ICP, psb: PSB });
    assert.equal((json.body.changes as unknown[]).length, 2);
    const text = '备案变更：watched.cn\nICP备案主体：示例科技有限公司 → 新示例科技有限公司\n限制接入：否 → 是';
    assert.equal(dingtalk.body.msgtype, 'text');
    assert.ok((dingtalk.body.text as { content: string }).content.startsWith(text));
    assert.equal(feishu.body.msg_type, 'text');
    assert.ok((feishu.body.content as { text: string }).text.startsWith(text));
    assert.equal(wecom.body.msgtype, 'text');
    assert.ok((wecom.body.text as { content: string }).content.startsWith(text));
    // 加签: DingTalk's in the URL, Feishu's in the body, each checkable with the secret.
    const ts = dingtalk.url.searchParams.get('timestamp')!;
    assert.equal(
      dingtalk.url.searchParams.get('sign'),
      createHmac('sha256', 'SECdingtalk').update(`${ts}\nSECdingtalk`).digest('base64'),
    );
    assert.equal(
      feishu.body.sign,
      createHmac('sha256', `${feishu.body.timestamp}\nfeishu-secret`).update('').digest('base64'),
    );

    const same = await round();
    assert.deepEqual(JSON.parse(same.out).sites[0].changes, []);
    // The refused alert was sent again (this is another process: it came from the database), and nothing else.
    assert.deepEqual(
      hooks.received.slice(4).map((r) => r.path),
      ['/dingtalk-picky'],
    );
    assert.ok((hooks.received[4].body.text as { content: string }).content.includes('ICP备案主体'));
  });

  it('alerts once when the record is removed: after two empty answers in a row, not one', async () => {
    const before = hooks.received.length;
    await serve([], null);
    const first = await round();
    assert.deepEqual(JSON.parse(first.out).sites[0].changes, []);
    assert.equal(hooks.received.length, before);
    const second = await round();
    assert.deepEqual(JSON.parse(second.out).sites[0].changes, [
      { field: 'icp.status', before: 'valid', after: 'missing' },
    ]);
    assert.deepEqual(
      hooks.received.slice(before).map((r) => r.path),
      ['/json', '/dingtalk', '/feishu', '/wecom', '/dingtalk-picky'],
    );
    assert.ok(
      (hooks.received.at(-1)!.body.text as { content: string }).content.includes(
        'ICP备案状态：正常（valid） → 记录消失（missing）',
      ),
    );
    await round();
    assert.equal(hooks.received.length, before + 5, 'a record still missing is no new change');
  });

  it('alerts when the home page no longer shows a number', async () => {
    const before = hooks.received.length;
    shown.psb = false;
    const { out } = await round();
    assert.deepEqual(JSON.parse(out).sites[0].changes, [{ field: 'footer.psb', before: true, after: false }]);
    assert.equal(hooks.received.length, before + 5);
    assert.ok((hooks.received[before].body as { changes: unknown[] }).changes.length === 1);
  });

  it('lists the history after the restarts, each change with its alerts', async () => {
    const { code, out } = await cli(['watch', 'history', 'watched.cn', '--db', db, '--json']);
    assert.equal(code, 0);
    const history = JSON.parse(out);
    assert.equal(history.checks.count, 7);
    assert.deepEqual(
      history.changes.map((c: { field: string }) => c.field),
      ['icp.holder', 'icp.limitAccess', 'icp.status', 'footer.psb'],
    );
    for (const change of history.changes) {
      assert.deepEqual(
        change.alerts.map((a: { hook: string; sentAt: string | null }) => [a.hook.split(' ')[0], a.sentAt !== null]),
        [
          ['json', true],
          ['dingtalk', true],
          ['feishu', true],
          ['wecom', true],
          ['dingtalk', true],
        ],
      );
    }
    // The picky robot took the first change's alert at its second try, in the round after.
    assert.deepEqual(
      history.changes[0].alerts.map((a: { attempts: number }) => a.attempts),
      [1, 1, 1, 1, 2],
    );
    const text = await cli(['watch', 'history', 'watched.cn', '--db', db]);
    assert.match(
      text.out,
      /icp\.holder: 示例科技有限公司 → 新示例科技有限公司 {2}\[json 127\.0\.0\.1:\d+ sent; dingtalk/,
    );
    assert.match(text.out, /now: ICP missing · PSB valid · footer icp shown, psb MISSING/);
    // The tokens in the webhooks' URLs stay in the database, never in the history shown.
    assert.doesNotMatch(text.out + out, /SECdingtalk|feishu-secret/);
  });

  it('refuses a sites file or webhook it cannot use, naming the row and the fix', async () => {
    const broken = await tempFile('broken.csv', `domain,icp\nnot a domain,${ICP}\nok.cn,\nok2.cn,京ICP备12号\n`);
    const cases: [string[], RegExp][] = [
      [
        ['watch', '--once', '--file', broken, '--lookup', `${lookup.url}/v1`, '--db', db],
        /broken\.csv:2: "not a domain" is not a domain\n {2}.*broken\.csv:3: ok\.cn has no number to watch.*\n {2}.*broken\.csv:4: "京ICP备12号" is not a valid ICP number/,
      ],
      [['watch', '--once', '--file', sites, '--db', db], /needs a lookup service/],
      [
        ['watch', '--once', '--file', sites, '--lookup', `${lookup.url}/v1`, '--webhook', 'http://robot.example/hook'],
        /alerts go over https \(plain http only to this machine\)/,
      ],
      [
        ['watch', '--once', '--file', sites, '--lookup', `${lookup.url}/v1`, '--webhook', 'slack=https://x.test/'],
        /"slack" is no format; give json, dingtalk, feishu or wecom/,
      ],
      [
        ['watch', '--file', sites, '--lookup', `${lookup.url}/v1`, '--every', '1s'],
        /--every takes a duration from 10s to 30d/,
      ],
      [['watch', 'history', 'nowhere.cn', '--db', db], /has no checks of nowhere\.cn/],
      [['serve', '--every', '1h'], /--every is an option of the watcher: it goes with --watch sites\.csv/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await cli(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, message);
    }
  });
});

describe('beian serve --watch', () => {
  it('watches beside the server, asking it, and shows every site on /metrics', async () => {
    const data = await tempFile('records.json', { version: 1, icp: [RECORD], psb: [PSB_RECORD] });
    const sites = await tempFile('sites.csv', `domain,icp,psb\nwatched.cn,${ICP},${PSB}\n`);
    const db = await tempFile('serve-watch.db', '');
    let server: { url: string; close(): Promise<void> } | undefined;
    let watcher: Watcher | undefined;
    const { code, err } = await cli(
      [
        'serve',
        '--data',
        data,
        '--port',
        '0',
        '--log-level',
        'silent',
        '--rate-limit',
        'off',
        '--watch',
        sites,
        '--db',
        db,
        '--every',
        '1h',
      ],
      {
        onServe: (s) => (server = s),
        onWatch: (w) => (watcher = w),
      },
    );
    try {
      assert.equal(code, 0, err);
      assert.match(err, /watching the sites of .*sites\.csv every 1h, history in .*serve-watch\.db/);
      let families: ReturnType<typeof parsePrometheus> = [];
      for (
        let i = 0;
        i < 100 && !families.some((f) => f.name === 'beian_watch_last_check_timestamp_seconds' && f.metrics.length);
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        families = parsePrometheus(await (await fetch(`${server!.url}/metrics`)).text());
      }
      const family = (name: string) => families.find((f) => f.name === name)!;
      assert.deepEqual(family('beian_watch_site_healthy').metrics, [{ labels: { domain: 'watched.cn' }, value: '1' }]);
      assert.deepEqual(
        family('beian_watch_site_status').metrics.map((m) => m.labels),
        [
          { domain: 'watched.cn', registry: 'icp', status: 'valid' },
          { domain: 'watched.cn', registry: 'psb', status: 'valid' },
        ],
      );
      const checkedAt = Number(family('beian_watch_last_check_timestamp_seconds').metrics[0].value);
      assert.ok(Math.abs(checkedAt - Date.now() / 1000) < 60);
      assert.equal(family('beian_watch_last_change_timestamp_seconds').metrics.length, 0);
    } finally {
      await watcher?.stop();
      await server?.close();
    }
  });
});

describe('beian watch, long-lived', () => {
  it('checks on its schedule, and restarted goes on from its database: a change, no second baseline', async () => {
    const data = await tempFile('records.json', { version: 1, icp: [RECORD], psb: [] });
    const server = await loopbackServer(data);
    const sites = await tempFile('sites.csv', `domain,icp\nwatched.cn,${ICP}\n`);
    const db = await tempFile('alone.db', '');
    const history = async (checks: number) => {
      for (let i = 0; i < 100; i++) {
        const { code, out } = await cli(['watch', 'history', 'watched.cn', '--db', db, '--json']);
        if (code === 0 && JSON.parse(out).checks.count >= checks) return JSON.parse(out);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no ${checks} checks in the database`);
    };
    const start = async () => {
      let watcher: Watcher | undefined;
      const { code, err } = await cli(
        ['watch', '--file', sites, '--lookup', `${server.url}/v1`, '--db', db, '--every', '1h'],
        { onWatch: (w) => (watcher = w) },
      );
      assert.equal(code, 0, err);
      assert.match(err, /watching the sites of .*sites\.csv every 1h, history in .*alone\.db/);
      return watcher!;
    };
    try {
      const first = await start();
      assert.deepEqual((await history(1)).changes, []);
      await first.stop();
      await writeFile(data, JSON.stringify({ version: 1, icp: [{ ...RECORD, siteName: '示例二' }], psb: [] }));
      for (
        let i = 0;
        i < 100 && (await (await fetch(`${server.url}/v1/icp?domain=watched.cn`)).json()).record?.siteName !== '示例二';
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const second = await start();
      const after = await history(2);
      await second.stop();
      assert.deepEqual(
        after.changes.map((c: { field: string; before: string; after: string }) => [c.field, c.before, c.after]),
        [['icp.siteName', '示例', '示例二']],
      );
    } finally {
      await server.close();
    }
  });
});

describe('the watcher on /metrics', () => {
  it('shows the sites the file lists now: one taken off the list leaves, its history stays', async () => {
    const data = await tempFile('records.json', {
      version: 1,
      icp: [RECORD, { ...RECORD, serviceLicence: '京ICP备2021012345号-2', domain: 'other.cn' }],
      psb: [],
    });
    const server = await loopbackServer(data);
    const sites = await tempFile('sites.csv', `domain,icp\nwatched.cn,${ICP}\nother.cn,京ICP备2021012345号-2\n`);
    const db = await tempFile('listed.db', '');
    const watcher = await Watcher.open(db, {
      sites,
      lookup: `${server.url}/v1`,
      hooks: [],
      pages: false,
      concurrency: 2,
      timeoutMs: 5000,
    });
    const domains = () =>
      [...watcher.collector()].find((f) => f.name === 'beian_watch_site_healthy')!.samples.map((s) => s.labels!.domain);
    try {
      await watcher.round();
      assert.deepEqual(domains().sort(), ['other.cn', 'watched.cn']);
      await writeFile(sites, `domain,icp\nwatched.cn,${ICP}\n`);
      await watcher.round();
      assert.deepEqual(domains(), ['watched.cn']);
    } finally {
      await watcher.stop();
      await server.close();
    }
    assert.equal((await cli(['watch', 'history', 'other.cn', '--db', db])).code, 0);
  });
});
