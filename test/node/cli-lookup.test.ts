// `beian lookup`: batches against the real lookup server on loopback, its rate limit included (a 1,000-input
// batch never asks faster than the service allows, and every input is in the CSV); the table, JSON and CSV
// outputs; list files as people save them; and the CSV reader and writer themselves.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { main, type Io } from '../../src/cli/main.js';
import { parseCsv, toCsv } from '../../src/cli/csv.js';
import type { RunningServer } from '../../src/server/node.js';
import type { Logger } from '../../src/server/providers/types.js';
import { TEST_DATA } from '../support/server.js';
import { loopbackServer } from '../support/loopback.js';
import { tempFile } from '../support/temp-files.js';

async function cli(argv: string[], more: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, ...more });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The CSV beian writes, read back as records keyed by the header (after checking the BOM Excel needs). */
function readCsv(text: string): Record<string, string>[] {
  assert.ok(text.startsWith('\ufeff'), 'the CSV starts with a UTF-8 BOM');
  const [header, ...rows] = parseCsv(text.slice(1), 'out.csv').map((r) => r.cells);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/** Each request the server answered, by the server's own request log. */
function requestRecorder(): { log: Logger; requests: { at: number; path: string; status: number }[] } {
  const requests: { at: number; path: string; status: number }[] = [];
  const log: Logger = {
    info: (msg, fields) => {
      if (msg === 'request')
        requests.push({ at: Date.now(), path: String(fields!.path), status: Number(fields!.status) });
    },
    warn() {},
    error() {},
  };
  return { log, requests };
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const DATA = {
  ...TEST_DATA,
  icp: [
    ...TEST_DATA.icp,
    // Someone else's text in a record: Excel must show it, not run it.
    {
      unitName: '=HYPERLINK("http://evil.test","点我")',
      serviceLicence: '沪ICP备2023019008号-1',
      domain: 'formula.cn',
      siteName: '公式, 逗号与"引号"',
    },
  ],
};

describe('beian lookup against the lookup service', () => {
  let server: RunningServer;
  let lookup: string;
  before(async () => {
    server = await loopbackServer(DATA);
    lookup = `${server.url}/v1`;
  });
  after(() => server.close());

  it('answers numbers, 公安 codes, domains (both registries) and unit names, a table line per answer', async () => {
    const { code, out } = await cli([
      'lookup',
      '--lookup',
      lookup,
      '京ICP备2021012345号-1',
      '11010502012345',
      'example.cn',
      '示例科技有限公司',
    ]);
    assert.equal(code, 0);
    const lines = out.split('\n');
    assert.match(lines[0], /^京ICP备2021012345号-1 {2}ICP {2}✔ valid$/);
    assert.match(lines[1], /京ICP备2021012345号-1 · 示例科技有限公司 · 示例 · example\.cn/);
    assert.ok(lines.some((l) => /^11010502012345 {2}PSB {2}✔ valid$/.test(l)));
    assert.ok(lines.some((l) => /^example\.cn {2}PSB {2}✔ valid$/.test(l)));
    // The unit's two sites, each a line.
    assert.equal(
      lines.filter((l) => l.includes('示例科技有限公司') && l.startsWith('    京ICP备2021012345号-')).length,
      4,
    );
    assert.match(lines.at(-1)!, /^4 inputs, 5 answers: 5 valid · 6 requests, 0 refused by the service$/);
  });

  it('fails (exit 1) on an input that is no number, a cancelled filing or one not for the host, and says why', async () => {
    const bad = await cli(['lookup', '--lookup', lookup, '--json', '京ICP备12号', 'gone.cn', '--kind', 'icp']);
    assert.equal(bad.code, 1);
    const { counts, results } = JSON.parse(bad.out);
    assert.deepEqual(counts, { error: 1, cancelled: 1 });
    assert.equal(results[0].reason, 'invalid-input');
    assert.match(results[0].message, /digits/);
    assert.equal(results[1].records[0].serviceLicence, '粤ICP备19087654号-2');
    const verified = await cli([
      'lookup',
      '--lookup',
      lookup,
      '--json',
      '--host',
      'example.cn',
      '京ICP备2021012345号-1',
      '京公网安备11010502012345号',
    ]);
    assert.equal(verified.code, 0);
    assert.deepEqual(
      JSON.parse(verified.out).results.map((r: { endpoint: string; kind: string; status: string }) => [
        r.endpoint,
        r.kind,
        r.status,
      ]),
      [
        ['verify', 'icp', 'valid'],
        ['verify', 'psb', 'valid'],
      ],
    );
    const elsewhere = await cli([
      'lookup',
      '--lookup',
      lookup,
      '--json',
      '--host',
      'shop-example.cn',
      '京ICP备2021012345号-1',
    ]);
    assert.equal(elsewhere.code, 1);
    assert.equal(JSON.parse(elsewhere.out).results[0].status, 'mismatch');
  });

  it('writes CSV that Excel opens as UTF-8: a row per record, quoting, and no formula from a record', async () => {
    const { code, out } = await cli([
      'lookup',
      '--lookup',
      lookup,
      '--csv',
      '--kind',
      'icp',
      'formula.cn',
      '示例科技有限公司',
      'nowhere.cn',
    ]);
    assert.equal(code, 0);
    const rows = readCsv(out);
    assert.deepEqual(
      rows.map((r) => [r.input, r.status, r.number]),
      [
        ['formula.cn', 'valid', '沪ICP备2023019008号-1'],
        ['示例科技有限公司', 'valid', '京ICP备2021012345号-1'],
        ['示例科技有限公司', 'valid', '京ICP备2021012345号-2'],
        ['nowhere.cn', 'unknown', ''],
      ],
    );
    assert.equal(rows[0].unit_name, `'=HYPERLINK("http://evil.test","点我")`);
    assert.equal(rows[0].site_name, '公式, 逗号与"引号"');
    assert.match(rows[3].message, /registry did not confirm/);
  });

  it('reads list files: text one per line, CSV by its header columns, and says what it leaves out', async () => {
    const text = await tempFile('sites.txt', '# our sites\nexample.cn\n\n  shop-example.cn  \n');
    const csv = await tempFile(
      'sites.csv',
      '\ufeff域名,备注,备案号\r\nexample.cn,"主站, 北京",京ICP备2021012345号-1\r\n"shop-example.cn",,\r\n',
    );
    const headless = await tempFile('plain.csv', 'example.cn,主站\n');
    const { code, out, err } = await cli([
      'lookup',
      '--lookup',
      lookup,
      '--json',
      '--kind',
      'icp',
      '--file',
      text,
      '--file',
      csv,
      '--file',
      headless,
    ]);
    assert.equal(code, 0);
    const results = JSON.parse(out).results as { input: string; where: string }[];
    assert.deepEqual(
      results.map((r) => [r.input, r.where.replace(/^.*\//, '')]),
      [
        ['example.cn', 'sites.txt:2'],
        ['shop-example.cn', 'sites.txt:4'],
        ['example.cn', 'sites.csv:2'],
        ['京ICP备2021012345号-1', 'sites.csv:2'],
        ['shop-example.cn', 'sites.csv:3'],
        ['example.cn', 'plain.csv:1'],
      ],
    );
    assert.match(err, /plain\.csv has no header naming its input columns .*reading its first column only/);
  });

  it('refuses what it cannot read or ask, with what to do (exit 2)', async () => {
    const closed = await closedPort();
    // 域名 in GBK, as Excel on a Chinese Windows saves "CSV".
    const gbk = await tempFile('gbk.csv', '');
    await writeFile(gbk, Buffer.from([0xd3, 0xf2, 0xc3, 0xfb, 0x0a]));
    const cases: [string[], RegExp][] = [
      [['lookup', 'example.cn'], /needs a lookup service: --lookup https:\/\/…\/v1 \(or BEIAN_LOOKUP\)/],
      [
        ['lookup', '--lookup', `http://127.0.0.1:${closed}/v1`, 'example.cn'],
        new RegExp(
          `cannot use the lookup service at http://127.0.0.1:${closed}/v1: could not connect \\(ECONNREFUSED\\)`,
        ),
      ],
      [['lookup', '--lookup', `${server.url}/nope`, 'example.cn'], /its \/v1\/meta is not a v1 lookup service answer/],
      [
        ['lookup', '--lookup', lookup, '--concurrency', '0', 'example.cn'],
        /--concurrency must be a whole number from 1 to 32, not "0"/,
      ],
      [['lookup', '--lookup', lookup, '--json', '--csv', 'example.cn'], /give one/],
      [['lookup', '--lookup', lookup, '--file', '/nonexistent/sites.txt'], /cannot read \/nonexistent\/sites\.txt/],
      [['lookup', '--lookup', lookup, '--file', gbk], /is not UTF-8 text; save it as UTF-8/],
      [['lookup', '--lookup', lookup, '--kind', 'web', 'example.cn'], /--kind must be icp or psb/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await cli(argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, message);
    }
  });

  it('draws a progress bar only where it is given a terminal, and clears it', async () => {
    const drawn: string[] = [];
    await cli(['lookup', '--lookup', lookup, '--kind', 'icp', 'example.cn', 'shop-example.cn'], {
      progress: (t) => drawn.push(t),
    });
    assert.deepEqual(drawn, [
      '\r0/2 [------------------------------]   0%',
      '\r1/2 [###############---------------]  50%',
      '\r2/2 [##############################] 100%',
      '\r\x1b[K',
    ]);
  });
});

describe('a batch of 1,000 inputs against a rate-limited service', () => {
  const LIMIT = 100;
  const WINDOW_MS = 1000;
  const CONCURRENCY = 8;
  const recorder = requestRecorder();
  let server: RunningServer;
  before(async () => {
    server = await loopbackServer(DATA, {
      log: recorder.log,
      app: { rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } },
    });
  });
  after(() => server.close());

  it('waits out every 429 for its Retry-After, never hammers, and accounts for every input in the CSV', async () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? 'example.cn' : `site-${i}.cn`));
    const file = await tempFile('sites.csv', `domain\n${inputs.join('\n')}\n`);
    const { code, out, err } = await cli([
      'lookup',
      '--lookup',
      `${server.url}/v1`,
      '--csv',
      '--kind',
      'icp',
      '--concurrency',
      String(CONCURRENCY),
      '--file',
      file,
    ]);
    assert.equal(code, 0, err);
    const rows = readCsv(out);
    // Every input, in order, each answered by the service (none given up on), a row each (one record per domain).
    assert.deepEqual(
      rows.map((r) => r.input),
      inputs,
    );
    assert.deepEqual(new Set(rows.map((r) => r.status)), new Set(['valid', 'unknown']));
    assert.equal(rows.filter((r) => r.status === 'valid').length, 10);
    assert.ok(rows.every((r) => r.status === 'valid' || r.reason === 'unconfirmed-empty'));
    // The same question is asked once: 990 domains + example.cn + /v1/meta.
    const v1 = recorder.requests.filter((r) => r.path.startsWith('/v1/'));
    const answered = v1.filter((r) => r.status === 200);
    assert.equal(answered.length, 992);
    // The service's own limit held (it refuses the rest), and after a refusal the batch waited: at most one
    // refusal per request in flight for each window it needed, where a client that retried at once would
    // have been refused without end.
    const refused = v1.filter((r) => r.status === 429).length;
    const windows = Math.ceil(answered.length / LIMIT);
    assert.ok(refused <= CONCURRENCY * (windows + 1), `${refused} refusals over ${windows} windows`);
    assert.match(
      err,
      new RegExp(
        `1000 inputs, 1000 answers: 10 valid, 990 unknown · ${v1.length} requests, ${refused} refused by the service`,
      ),
    );
  });
});

describe('CSV', () => {
  it('reads quoted commas, quotes and line breaks, CRLF or LF, and names the row of a stray quote', () => {
    const rows = parseCsv('a,"b, c","say ""hi"""\r\n"multi\nline",x\n\n,,\nlast', 'f.csv');
    assert.deepEqual(rows, [
      { where: 'f.csv:1', cells: ['a', 'b, c', 'say "hi"'] },
      { where: 'f.csv:2', cells: ['multi\nline', 'x'] },
      { where: 'f.csv:6', cells: ['last'] },
    ]);
    assert.throws(
      () => parseCsv('a\n"open,b\n', 'f.csv'),
      /f\.csv:2: a quote that opens no quoted field, or one never closed; put the whole field in quotes/,
    );
    assert.throws(() => parseCsv('ok\nsay "hi"\n', 'f.csv'), /f\.csv:2: a quote that opens no quoted field/);
  });

  it('writes a BOM, CRLF, quotes where needed, and keeps formulas as text', () => {
    assert.equal(
      toCsv([
        ['a', 'b,c', 'd"e', null, 3, true],
        ['=1+1', '-2', '@x', 'line\nbreak', '', false],
      ]),
      '\ufeffa,"b,c","d""e",,3,true\r\n\'=1+1,\'-2,\'@x,"line\nbreak",,false\r\n',
    );
  });
});
