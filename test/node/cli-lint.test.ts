// `beian lint` as a site's and a host's compliance check (issue 14): folders, URLs served by loopback servers,
// --render in a real Chromium, --lookup against the real lookup server, the output formats and exit codes.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { findChromium } from '../../src/cli/browser.js';
import { escapeData, escapeProperty } from '../../src/cli/output.js';
import { explain, type Diagnostic } from '../../src/core/index.js';
import { diagnose } from '../../src/core/rules.js';
import { startServer } from '../../src/server/node.js';
import { FixtureProvider } from '../../src/server/providers/fixture.js';
import { jsonLogger } from '../../src/server/providers/types.js';
import { TEST_DATA } from '../support/server.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    env: { LANG: 'en_US.UTF-8', ...env },
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reports are read field by field
const json = (stdout: string): any => JSON.parse(stdout);
const rules = (page: { findings: { rule: string; detail: string }[] }) =>
  page.findings.map((f) => (f.detail ? `${f.rule}.${f.detail}` : f.rule));

const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Writes a folder of files (paths relative to it); returns the folder. */
async function site(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'beian-lint-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const servers: Server[] = [];
after(() =>
  Promise.all(
    servers.map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  ),
);

/** A loopback web server, closed when the test file ends; returns its origin. */
async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ICP = '<a href="https://beian.miit.gov.cn/">京ICP备2021012345号-1</a>';
const PSB =
  '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=11010502012345"><img src="/police.png" alt="">京公网安备11010502012345号</a>';
const html = (body: string) =>
  `<!doctype html>\n<html><head><meta charset="utf-8"><title>t</title></head>\n<body>\n${body}\n</body></html>`;

/** GBK bytes of a text: the encoder table derived from Node's own GBK decoder (Node ships no GBK encoder). */
const gbkTable = (() => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
})();
const gbk = (text: string) =>
  new Uint8Array([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : gbkTable.get(c)!)));

describe('beian lint <folder>', () => {
  it('walks a built site: HTML files sorted, node_modules and dot-folders skipped, the root index.html its home page', async () => {
    const dir = await site({
      'index.html': html('<p>Welcome</p>'),
      'about/index.html': html('<p>About us</p>'),
      'blog/post.htm': html(`<footer>${ICP}</footer>`),
      'node_modules/pkg/index.html': html('<p>京ICP备123号</p>'),
      '.git/x.html': html('<p>京ICP备123号</p>'),
      'style.css': 'p { color: red }',
    });
    const r = await run(['lint', '--json', dir]);
    assert.equal(r.code, 1);
    const { pages, summary } = json(r.stdout);
    assert.deepEqual(
      pages.map((p: { file: string; home: boolean }) => [p.file, p.home]),
      [
        [join(dir, 'about/index.html'), false],
        [join(dir, 'blog/post.htm'), false],
        [join(dir, 'index.html'), true],
      ],
    );
    assert.deepEqual(pages.map(rules), [[], [], ['L26']]);
    assert.deepEqual(summary, { pages: 3, failures: 0, error: 1, warn: 0, info: 0 });
    const text = await run(['lint', dir]);
    assert.match(
      text.stdout,
      /index\.html \(home page\)\n {2}no filing numbers found\n {2}page:\n\s+✖ error L26 {2}The home page shows no filing number/,
    );
    assert.ok(text.stdout.endsWith('\n\n3 pages: 1 error, 0 warnings, 0 info'), text.stdout);
    assert.doesNotMatch(text.stderr, /EISDIR/);
  });

  it('--home makes every page a home page; a folder with no HTML file cannot be read (exit 2)', async () => {
    const dir = await site({ 'a.html': html('<p>hi</p>'), 'b.html': html(`<footer>${ICP}</footer>`) });
    assert.deepEqual(json((await run(['lint', '--json', '--home', dir])).stdout).pages.map(rules), [['L26'], []]);
    const empty = await site({ 'readme.txt': 'no pages' });
    const r = await run(['lint', empty]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /holds no \.html or \.htm file/);
  });

  it('reports an unreadable input, still lints the others, and exits 2', async () => {
    const dir = await site({ 'ok.html': html(`<footer>${ICP}</footer>`) });
    const r = await run(['lint', join(dir, 'missing.html'), join(dir, 'ok.html')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^beian: cannot read .*missing\.html: ENOENT/);
    assert.match(r.stdout, /ok\.html\n\s+4: ✔ 京ICP备2021012345号-1/);
    assert.match(r.stdout, /1 page: 0 errors, 0 warnings, 0 info; 1 input could not be read$/);
  });
});

describe('beian lint --require', () => {
  it('makes each kind it names an L26 error where it is missing, whatever the page', async () => {
    const dir = await site({ 'sub.html': html(`<footer>${ICP}</footer>`) });
    const file = join(dir, 'sub.html');
    const both = await run(['lint', '--json', '--require', 'icp,psb', file]);
    assert.equal(both.code, 1);
    assert.deepEqual(rules(json(both.stdout).pages[0]), ['L26.psb']);
    assert.equal((await run(['lint', '--require', 'icp', file])).code, 0);
  });

  it('refuses anything but icp and psb', async () => {
    const r = await run(['lint', '--require', 'icp,miit', 'x.html']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--require takes icp, psb or icp,psb .*not "icp,miit"/);
  });
});

describe('beian lint <url>', () => {
  const footer = `<footer>${ICP}</footer>`;
  let origin: string;
  before(async () => {
    origin = await serve((req, res) => {
      const send = (type: string, body: string | Uint8Array) => res.writeHead(200, { 'content-type': type }).end(body);
      switch (req.url) {
        case '/':
          return send('text/html; charset=utf-8', html(footer));
        case '/utf8':
          return send('text/html; charset=utf-8', html(`<p>备案：</p>${footer}`));
        case '/gbk':
          return send(
            'text/html; charset=GBK',
            gbk(
              `<!doctype html><title>t</title><footer><a href="https://beian.miit.gov.cn/">京ICP备2021012345号-1</a></footer>`,
            ),
          );
        case '/gbk-meta':
          return send(
            'text/html',
            gbk(
              `<!doctype html><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><footer><a href="https://beian.miit.gov.cn/">京ICP备2021012345号-1</a></footer>`,
            ),
          );
        case '/start':
          return res.writeHead(301, { location: '/hop' }).end();
        case '/hop':
          return res.writeHead(302, { location: `${origin}/` }).end();
        case '/loop':
          return res.writeHead(302, { location: '/loop' }).end();
        case '/image':
          return send('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
        case '/endless': {
          // No Content-Length and no end: only the reader's cap stops it.
          res.writeHead(200, { 'content-type': 'text/html' });
          const timer = setInterval(() => res.write(`<p>${'x'.repeat(1000)}</p>`), 5);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/silent':
          return; // never answers
        default:
          return res.writeHead(404, { 'content-type': 'text/html' }).end('<p>not found</p>');
      }
    });
  });

  it('decodes UTF-8 and GBK pages, by Content-Type or by <meta> alone', async () => {
    assert.equal(new TextDecoder('gbk').decode(gbk('京ICP备2021012345号-1')), '京ICP备2021012345号-1');
    const r = await run(['lint', '--json', `${origin}/utf8`, `${origin}/gbk`, `${origin}/gbk-meta`]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { pages } = json(r.stdout);
    assert.deepEqual(
      pages.map((p: { url: string; home: boolean; host: string }) => [p.url, p.home, p.host]),
      [
        [`${origin}/utf8`, false, '127.0.0.1'],
        [`${origin}/gbk`, false, '127.0.0.1'],
        [`${origin}/gbk-meta`, false, '127.0.0.1'],
      ],
    );
    for (const page of pages)
      assert.deepEqual(
        page.items.map((i: { normalized: string }) => i.normalized),
        ['京ICP备2021012345号-1'],
      );
  });

  it('follows redirects to the final address; a URL whose path is / is a home page', async () => {
    const r = await run(['lint', '--json', `${origin}/start`]);
    const [page] = json(r.stdout).pages;
    assert.deepEqual([page.url, page.home], [`${origin}/`, true]);
    assert.equal(r.code, 0);
  });

  it('names each input it cannot lint and why: a redirect loop, no HTML, HTTP errors', async () => {
    const r = await run(['lint', `${origin}/loop`, `${origin}/image`, `${origin}/gone`, `${origin}/utf8`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/loop redirects more than 10 times/);
    assert.match(r.stderr, /\/image is not an HTML page \(Content-Type: image\/png\)/);
    assert.match(r.stderr, /\/gone answered HTTP 404/);
    assert.match(r.stdout, /1 page: 0 errors, 0 warnings, 0 info; 3 inputs could not be read$/);
  });

  it('gives up on a server that never answers after --timeout', async () => {
    const started = Date.now();
    const r = await run(['lint', '--timeout', '1', `${origin}/silent`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/silent gave no complete answer within 1 s; try a larger --timeout/);
    assert.ok(Date.now() - started < 5000);
  });

  it('stops reading a body past --max-bytes', async () => {
    const r = await run(['lint', '--max-bytes', '50000', `${origin}/endless`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/endless is larger than 50000 bytes; raise --max-bytes/);
  });

  it('refuses a wrong --timeout or --max-bytes', async () => {
    for (const args of [
      ['--timeout', '0'],
      ['--timeout', 'soon'],
      ['--max-bytes', '0'],
    ]) {
      const r = await run(['lint', ...args, `${origin}/`]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, new RegExp(`${args[0]} must be a number of (seconds|bytes) above 0`));
    }
  });
});

describe('beian lint --render', async () => {
  const browser = await findChromium(process.env).then(
    () => true,
    () => false,
  );
  const badge = `customElements.define('x-badge', class extends HTMLElement {
    connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<span><slot name="pre"></slot></span> ' + this.getAttribute('data-psb'); }
  });`;
  const page = html(`<main><p>Home</p></main>
<footer id="footer"></footer>
<beian-badge icp="京ICP备2021012345号-1"></beian-badge>
<x-badge data-psb="京公网安备11010502012345号"><b slot="pre">公安备案</b></x-badge>
<p class="gone"><a href="https://beian.miit.gov.cn/">京ICP备2021012345号-2</a></p>
<style>.gone { visibility: hidden }</style>
<script>
  document.getElementById('footer').innerHTML = ${JSON.stringify(ICP.replace('-1', '-3'))};
  customElements.define('beian-badge', class extends HTMLElement {
    connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(ICP)}; }
  });
  ${badge}
</script>`);

  it(
    'reads the page as rendered: script output, shadow roots and slots; CSS-hidden numbers are L20; L22 from the served HTML',
    { skip: !browser && 'no Chromium here' },
    async () => {
      const origin = await serve((_, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
      );
      const plain = json((await run(['lint', '--json', `${origin}/`])).stdout).pages[0];
      assert.deepEqual(
        plain.items.map((i: { normalized: string }) => i.normalized),
        ['京ICP备2021012345号-1', '京ICP备2021012345号-2'],
      );
      const r = await run(['lint', '--json', '--render', `${origin}/`]);
      const [rendered] = json(r.stdout).pages;
      assert.deepEqual(
        rendered.items.map((i: { normalized: string }) => i.normalized),
        ['京ICP备2021012345号-3', '京ICP备2021012345号-1', '京公网安备11010502012345号', '京ICP备2021012345号-2'],
      );
      const found = rendered.findings.map((f: { rule: string; text: string }) => `${f.rule} ${f.text}`);
      assert.ok(found.includes('L20 京ICP备2021012345号-2'), found.join('\n'));
      assert.ok(found.includes('L23 京公网安备11010502012345号'), found.join('\n'));
      assert.ok(found.includes('L22 京ICP备2021012345号-1'), found.join('\n'));
      // The badge's number keeps its line in the served HTML; the script's has none there.
      assert.deepEqual(
        rendered.findings.filter((f: { rule: string }) => f.rule === 'L20').map((f: { line: number }) => f.line),
        [8],
      );
      assert.equal(r.code, 0, r.stderr);
    },
  );

  it('renders local files too, and bounds the time per page', { skip: !browser && 'no Chromium here' }, async () => {
    const dir = await site({ 'index.html': page, 'loop.html': html('<script>for (;;) {}</script>') });
    const r = await run(['lint', '--render', '--timeout', '3', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /index\.html \(home page\)\n\s+-: ✔ 京ICP备2021012345号-3/);
    assert.match(r.stderr, /loop\.html (did not finish rendering within 3 s|cannot render)/);
  });

  it(
    'reads a page nested 100,000 deep (nothing recurses over the depth)',
    { skip: !browser && 'no Chromium here' },
    async () => {
      const depth = 100_000;
      const dir = await site({ 'deep.html': html(`${'<div>'.repeat(depth)}${ICP}${'</div>'.repeat(depth)}`) });
      const r = await run(['lint', '--json', '--render', '--timeout', '60', join(dir, 'deep.html')]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        json(r.stdout).pages[0].items.map((i: { normalized: string }) => i.normalized),
        ['京ICP备2021012345号-1'],
      );
    },
  );

  it('says which browser setting is wrong, exit 2', async () => {
    const dir = await site({ 'x.html': html('<p>hi</p>') });
    const r = await run(['lint', '--render', join(dir, 'x.html')], { CHROMIUM_BIN: '/nonexistent/chromium' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /CHROMIUM_BIN=\/nonexistent\/chromium is not an executable file/);
  });
});

describe('beian lint --lookup', () => {
  // The real lookup server over loopback HTTP: a small dataset, and a registry upstream that confirms one
  // number is not on record (the dataset alone never says "not found": contract B.5).
  let endpoint: string;
  let stop: () => Promise<void>;
  before(async () => {
    const data = await site({
      'records.json': JSON.stringify({
        ...TEST_DATA,
        icp: [
          ...TEST_DATA.icp,
          {
            ...TEST_DATA.icp[0],
            mainLicence: '浙ICP备2025148805号',
            serviceLicence: '浙ICP备2025148805号-1',
            domain: 'restricted.cn',
            limitAccess: true,
          },
        ],
      }),
    });
    const registry = new FixtureProvider({
      id: 'registry',
      script: { '京ICP备2024012345号-1': 'confirmed-empty' },
      otherwise: 'empty',
    });
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      data: join(data, 'records.json'),
      upstreams: [registry],
      log: jsonLogger(() => undefined),
    });
    endpoint = `${server.url}/v1`;
    stop = () => server.close();
  });
  after(() => stop());

  const lookup = async (host: string, body: string, url = endpoint) => {
    const dir = await site({ 'page.html': html(body) });
    const r = await run(['lint', '--json', '--lookup', url, '--host', host, join(dir, 'page.html')]);
    return {
      code: r.code,
      findings: rules(json(r.stdout).pages[0]).filter((rule) => /^L1[45]/.test(rule)),
      page: json(r.stdout).pages[0],
    };
  };
  const link = (number: string) => `<a href="https://beian.miit.gov.cn/">${number}</a>`;

  it('finds nothing when the numbers are on record for the host', async () => {
    assert.deepEqual(
      await lookup('www.example.cn', `<footer>${ICP} ${PSB}</footer>`).then((r) => [r.code, r.findings]),
      [0, []],
    );
  });

  it('L14 for a number filed for another domain, L15 for one not on record, cancelled or restricted', async () => {
    const other = await lookup('example.cn', link('京ICP备2021012345号-2'));
    assert.deepEqual([other.code, other.findings], [1, ['L14']]);
    const finding = other.page.findings.find((f: { rule: string }) => f.rule === 'L14');
    assert.deepEqual([finding.severity, finding.line, finding.text], ['error', 4, '京ICP备2021012345号-2']);
    assert.equal(
      finding.message,
      explain(diagnose('L14', '', { shown: '京ICP备2021012345号-2', host: 'example.cn' })).message,
    );
    assert.deepEqual((await lookup('example.cn', link('京ICP备2024012345号-1'))).findings, ['L15']);
    assert.deepEqual((await lookup('gone.cn', link('粤ICP备19087654号-2'))).findings, ['L15.cancelled']);
    assert.deepEqual((await lookup('restricted.cn', link('浙ICP备2025148805号-1'))).findings, ['L15.restricted']);
  });

  it('a lookup that cannot answer is L15 info, never an error', async () => {
    const dead = await startServer({ port: 0, host: '127.0.0.1', upstreams: [], log: jsonLogger(() => undefined) });
    await dead.close();
    const r = await lookup('example.cn', `<footer>${ICP}</footer>`, `${dead.url}/v1`);
    assert.deepEqual([r.code, r.findings], [0, ['L15.unknown']]);
    assert.equal(r.page.findings.find((f: { rule: string }) => f.rule === 'L15').severity, 'info');
  });

  it('needs --host for local files, and an address', async () => {
    const noHost = await run(['lint', '--lookup', endpoint, 'index.html']);
    assert.equal(noHost.code, 2);
    assert.match(noHost.stderr, /--lookup needs --host <domain> for local files/);
    const env = await run(['lint', 'index.html'], { BEIAN_LOOKUP: 'lookup.example.cn' });
    assert.match(env.stderr, /--lookup must be the lookup service's address/);
  });
});

describe('beian lint output', () => {
  const d = (rule: string, detail = '', args = {}): Diagnostic => diagnose(rule as Diagnostic['rule'], detail, args);
  const words = (diagnostic: Diagnostic) => {
    const { message, fix } = explain(diagnostic);
    return escapeData(`${message} — ${fix}`);
  };

  it('--format github prints one workflow command per finding, escaped, then the summary', async () => {
    const dir = await site({
      'a,b:c%.html': html(
        '<p>\n京ICP备2021012345号-1</p>\n<p><a href="https://beian.miit.gov.cn/">京ICP备 2021012345号-2</a></p>',
      ),
    });
    const file = join(dir, 'a,b:c%.html');
    const r = await run(['lint', '--format', 'github', '--require', 'psb', file]);
    assert.equal(r.code, 1);
    const at = escapeProperty(file);
    assert.deepEqual(r.stdout.split('\n'), [
      `::error file=${at},line=5,title=L01::${words(d('L01', '', { shown: '京ICP备2021012345号-1' }))}`,
      `::notice file=${at},line=6,title=L21::${words(d('L21', '', { shown: '京ICP备 2021012345号-2', normalized: '京ICP备2021012345号-2' }))}`,
      `::error file=${at},title=L26::${words(d('L26', 'psb'))}`,
      '1 page: 2 errors, 0 warnings, 1 info',
    ]);
    assert.ok(at.endsWith('a%2Cb%3Ac%25.html'), at);
  });

  it('puts a URL in the title (it is no file of the repository)', async () => {
    const origin = await serve((_, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>京ICP备2021012345号-1</p>'),
    );
    const r = await run(['lint', '--format', 'github', `${origin}/a`]);
    assert.equal(
      r.stdout.split('\n')[0],
      `::error title=L01 http%3A//127.0.0.1%3A${origin.split(':')[2]}/a::${words(d('L01', '', { shown: '京ICP备2021012345号-1' }))}`,
    );
  });

  it('escapes data and properties as GitHub reads them', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
  });

  it('--json gives every finding its fix, and a summary; --json and --format must agree', async () => {
    const dir = await site({ 'index.html': html('<p>京ICP备2021012345号-1</p>') });
    const r = await run(['lint', '--format', 'json', dir]);
    const doc = json(r.stdout);
    assert.deepEqual(Object.keys(doc), ['pages', 'failures', 'summary']);
    assert.deepEqual(Object.keys(doc.pages[0]), ['file', 'home', 'host', 'items', 'findings']);
    const [finding] = doc.pages[0].findings;
    assert.deepEqual(Object.keys(finding), ['rule', 'severity', 'detail', 'message', 'fix', 'line', 'text']);
    assert.equal(finding.fix, explain(d('L01')).fix);
    assert.deepEqual(doc.summary, { pages: 1, failures: 0, error: 1, warn: 0, info: 0 });
    assert.equal((await run(['lint', '--json', dir])).stdout, r.stdout);
    const both = await run(['lint', '--json', '--format', 'github', dir]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--json is --format json; it cannot go with --format github/);
    assert.match(
      (await run(['lint', '--format', 'xml', dir])).stderr,
      /--format must be text, json or github, not "xml"/,
    );
  });

  it('shows bidi and control characters from a page as �, in text and in annotations', async () => {
    const sneaky = '\u202e\u2066\u200f\u061c\u001b[2J';
    const dir = await site({
      'p\u202e.html': html(
        `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=${sneaky}1"><img src="/p.png" alt="">京公网安备11010502012345号</a>`,
      ),
    });
    for (const format of ['text', 'github']) {
      const r = await run(['lint', '--format', format, dir]);
      assert.match(r.stdout, /L04/);
      assert.doesNotMatch(
        r.stdout,
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
        format,
      );
      assert.ok(r.stdout.includes('\ufffd\ufffd\ufffd\ufffd\ufffd[2J'), r.stdout);
    }
  });
});

describe('beian internal errors', () => {
  const failing = (env: NodeJS.ProcessEnv = {}) => {
    const err: string[] = [];
    const io = {
      out: () => {
        throw new Error('stdout is gone');
      },
      err: (s: string) => err.push(s),
      env,
    };
    return { io, err };
  };

  it('exit 3 with the message and a request to report it; the stack with BEIAN_DEBUG=1', async () => {
    const quiet = failing();
    assert.equal(await main(['check', '京ICP备2021012345号-1'], quiet.io), 3);
    assert.match(
      quiet.err.join('\n'),
      /^beian: internal error: stdout is gone\nThis is a bug in beian; please report it/,
    );
    assert.doesNotMatch(quiet.err.join('\n'), /\n\s+at /);
    const debug = failing({ BEIAN_DEBUG: '1' });
    assert.equal(await main(['check', '京ICP备2021012345号-1'], debug.io), 3);
    assert.match(debug.err.join('\n'), /Error: stdout is gone\n\s+at /);
  });
});
