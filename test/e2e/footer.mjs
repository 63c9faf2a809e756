// The one-script footer (dist/cdn/beian-footer.js) on the pages operators can only add a script to: a plain page,
// a login screen that does not scroll, a theme that paints over the end of <body>, an SPA that replaces the body's
// children, and a "custom code" box that calls beian.mount().
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { serveDemo } from '../../demo/server.ts';
import { assert, assertVisibleFooter, buildBundle, FOOTER, NUMBERS, open, OUT } from './harness.mjs';

const script = (attrs = `data-icp="${NUMBERS.icp}" data-psb="${NUMBERS.psb}"`) =>
  `<script src="/beian-footer.js" ${attrs} defer></script>`;
const page = (head, body) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>站点</title>${head}</head>
<body>${body}</body></html>`;

const PAGES = {
  'plain.html': page(script(), '<main><h1>一个普通页面</h1><p>页面本身没有页脚。</p></main>'),
  // A login screen: the window's height, and no scrolling, so the end of <body> is out of reach.
  'login.html': page(
    `<style>html, body { height: 100%; margin: 0; overflow: hidden } main { height: 100%; display: grid; place-items: center }</style>${script()}`,
    '<main><form id="login"><h1>登录</h1><input aria-label="用户名"><button>登录</button></form></main>',
  ),
  // A theme whose wrapper is absolutely positioned over the whole page (as Hexo's landscape is): what follows it in
  // the flow sits underneath.
  'covered.html': page(
    `<style>body { margin: 0 } #wrap { position: absolute; inset: 0 0 auto; min-height: 100%; background: #fff }</style>${script()}`,
    `<div id="wrap"><h1>主题</h1>${'<p>正文</p>'.repeat(40)}<p id="end">完</p></div>`,
  ),
  // A theme that re-runs the page's scripts on each navigation (pjax), here simply twice.
  'twice.html': page(`${script()}${script()}`, '<main><h1>页面</h1></main>'),
  // What a "custom code" box runs: the script, then a call, into the app's own footer area.
  'mount.html': page(
    '<script src="/beian-footer.js"></script>',
    `<main><h1>应用</h1></main><div id="app-footer"></div><script src="/custom.js"></script>`,
  ),
  'custom.js': `beian.mount({ icp: ${JSON.stringify(NUMBERS.icp)}, psb: ${JSON.stringify(NUMBERS.psb)}, target: '#app-footer', report: true });\n`,
  'typo.html': page(script(`data-icp="${NUMBERS.icp}" data-colour="red"`), '<main><h1>页面</h1></main>'),
};

let site;
/** The bundle and the pages above, served from a temp folder; the SPA built by Vite into its spa/. */
async function footerSite() {
  if (site) return site;
  const root = await mkdtemp(join(tmpdir(), 'beian-footer-'));
  await buildBundle(root, 'cdn:footer');
  for (const [name, text] of Object.entries(PAGES)) await writeFile(join(root, name), text);
  const spa = join(root, 'spa');
  await build({
    root: new URL('./spa/', import.meta.url).pathname,
    base: '/spa/',
    logLevel: 'error',
    build: { outDir: spa, emptyOutDir: true },
  });
  const server = await serveDemo({ root, api: false });
  site = {
    url: server.url,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return site;
}

/** Opens one of the footer site's pages. */
const visit = async (path, options = {}) => open(path, { base: (await footerSite()).url, ...options });

/** Whether the strip is in the flow or fixed to the window, and the box of an element of the page. */
const placement = (page, selector) =>
  page.evaluate(
    (s) => ({
      fixed: document.querySelector('beian-footer').hasAttribute('fixed'),
      last: document.body.lastElementChild?.localName,
      footer: document.querySelector('beian-footer').getBoundingClientRect().toJSON(),
      own: s ? document.querySelector(s).getBoundingClientRect().toJSON() : null,
    }),
    selector,
  );

export const tests = {
  async 'one script tag: the footer at the end of a plain page, in the flow, for every width'() {
    for (const width of [1280, 375]) {
      const { page, problems, close } = await visit('plain.html', { width });
      await assertVisibleFooter(page, `plain page at ${width}px`);
      const where = await placement(page);
      assert(!where.fixed && where.last === 'beian-footer', `in the flow, last in <body>: ${JSON.stringify(where)}`);
      assert(problems.length === 0, problems.join('\n'));
      if (width === 375) await page.screenshot({ path: `${OUT}footer-plain-375.png`, fullPage: true });
      await close();
    }
  },

  async 'a login screen that does not scroll: the strip is fixed to the bottom, clear of the form'() {
    const { page, problems, close } = await visit('login.html', { width: 390, height: 700 });
    await assertVisibleFooter(page, 'login screen');
    const where = await placement(page, '#login');
    assert(where.fixed, 'fixed where the flow cannot be scrolled to');
    assert(where.own.bottom <= where.footer.top, `the form is not covered: ${JSON.stringify(where)}`);
    assert(problems.length === 0, problems.join('\n'));
    await page.screenshot({ path: `${OUT}footer-login.png` });
    await close();
  },

  async 'a theme painting over the end of <body>: the strip is fixed to the bottom instead'() {
    const { page, problems, close } = await visit('covered.html');
    await assertVisibleFooter(page, 'covered page');
    assert((await placement(page)).fixed, 'fixed where the flow is painted over');
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'the covered theme opened at an anchor below: fixed once the strip’s place comes into view'() {
    const { page, problems, close } = await visit('covered.html#end');
    await page.waitForFunction(() => document.querySelector('beian-footer')?.isConnected);
    assert(!(await placement(page)).fixed, 'off screen at first: nothing told yet');
    await assertVisibleFooter(page, 'covered page, scrolled up to the strip');
    assert((await placement(page)).fixed, 'fixed once seen painted over');
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'the script run twice (a pjax theme) shows one footer and warns of nothing'() {
    const { page, problems, warnings, close } = await visit('twice.html');
    await assertVisibleFooter(page, 'twice-run page');
    assert((await page.locator('beian-footer').count()) === 1, 'exactly one footer');
    assert(warnings.length === 0 && problems.length === 0, [...warnings, ...problems].join('\n'));
    await close();
  },

  async 'an SPA that replaces the body’s children gets the footer back, still visible'() {
    const { page, problems, close } = await visit('spa/');
    await page.locator('#login').waitFor();
    await assertVisibleFooter(page, 'SPA login');
    await page.locator('#submit').click();
    await page.locator('#dashboard').waitFor();
    await page.locator('#count').click();
    await assertVisibleFooter(page, 'SPA after replacing the body');
    const where = await placement(page);
    assert(where.last === 'beian-footer', `put back at the end: ${JSON.stringify(where)}`);
    assert((await page.locator('beian-footer').count()) === 1, 'exactly one footer');
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'beian.mount() from a custom-code box puts the footer into its target, with the report link'() {
    const { page, problems, close } = await visit('mount.html');
    const report = ['违法和不良信息举报电话：12377', 'https://www.12377.cn/'];
    await assertVisibleFooter(page, 'mounted footer', { expected: [...FOOTER, report] });
    const parent = await page.evaluate(() => document.querySelector('beian-footer').parentElement.id);
    assert(parent === 'app-footer', `mounted into its target: ${parent}`);
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'a mistyped data- attribute is named in a warning, and the footer still shows'() {
    const { page, warnings, close } = await visit('typo.html');
    await assertVisibleFooter(page, 'typo page', { expected: [FOOTER[0]] });
    assert(
      warnings.some((w) => w.includes('unknown attribute data-colour') && w.includes('data-icon-src')),
      warnings.join('\n'),
    );
    await close();
  },
};

/** Stops the footer site; run.mjs calls it after the group. */
export const teardown = () => site?.close();
