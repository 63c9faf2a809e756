// End-to-end checks of the built demo in Debian's Chromium (playwright-core): the demo page, layout shift when
// the badge upgrades over its fallback, the strict-CSP page and the page without JavaScript; and each integration
// (React, server rendering, Hugo, Hexo, VitePress, WordPress) built or run as its users would, then shown in Chromium.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { buildDemo, serveDemo } from '../../demo/server.ts';
import { lintHtml } from '../../src/cli/html.ts';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from '../chromium.mjs';

const OUT = new URL('../../e2e-out/', import.meta.url).pathname;
await mkdir(OUT, { recursive: true });
await buildDemo();
const server = await serveDemo();
const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });

/** A page that records console errors, uncaught exceptions and CSP violations. */
async function open(path, { javaScriptEnabled = true, width = 1200, base = server.url } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(base + path, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** Waits until every badge on the page has rendered its links. */
async function upgraded(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('beian-badge')].every((b) =>
    b.matches(':state(unlisted)') || b.shadowRoot?.querySelector('[part~="item"]')));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/** The demo numbers' footer, as every example site shows it once upgraded: [text, href] per link. */
const FOOTER = [['京ICP备2026002630号-1', 'https://beian.miit.gov.cn/'],
  ['京公网安备 11010602202215号', 'https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215']];

/** dist/cdn's single-file bundle (and police.svg, with `cdn:badge`), built into an example site's folder. */
const buildBundle = (outDir, mode = 'cdn:badge') =>
  build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, mode, logLevel: 'warn', build: { outDir, emptyOutDir: false } });

/** Serves a built example site and checks, in Chromium, that its badge upgraded to FOOTER without a problem. */
async function assertUpgradedFooter(root, what) {
  const site = await serveDemo({ root, api: false });
  const { page, problems, close } = await open('', { base: site.url });
  try {
    await page.locator('beian-badge [part~="link"]').first().waitFor();
    const links = await page.locator('beian-badge [part~="link"]').evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
    assert(JSON.stringify(links) === JSON.stringify(FOOTER), `${what} footer: ${JSON.stringify(links)}`);
    assert(problems.length === 0, problems.join('\n'));
  } finally {
    await close();
    await site.close();
  }
}

const tests = {
  async 'the demo page renders every badge state, without errors'() {
    const { page, problems, close } = await open('');
    await upgraded(page);
    const items = await page.locator('#site-badge [part~="link"]').allTextContents();
    assert(items.join(' | ') === '京ICP备2026002630号-1 | 京公网安备 11010602202215号', `site footer: ${items}`);
    const invalid = await page.locator('beian-badge.show-invalid').evaluate((b) => b.matches(':state(invalid)'));
    assert(invalid, 'the invalid badge is marked invalid');
    const enhanced = await page.locator('#enhanced [part~="link"]').evaluateAll((as) => as.map((a) => a.href));
    assert(enhanced[1] === 'https://beian.mps.gov.cn/#/query/webSearch?code=44010502001297', `enhanced links: ${enhanced}`);
    const lookup = await page.evaluate(() => fetch('/v1/icp?domain=mi.cn').then((r) => r.json()));
    assert(lookup.status === 'valid' && lookup.record.serviceLicence === '京ICP备10046444号-9', `the lookup service beside the demo: ${lookup.status}`);
    await page.screenshot({ path: `${OUT}demo.png`, fullPage: true });
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'the demo verifies its badges against the local lookup service; a reload within the TTL asks nothing'() {
    const { page, problems, close } = await open('');
    const verifies = [];
    page.on('request', (r) => r.url().includes('/v1/verify') && verifies.push(r.url()));
    const marks = async () => page.evaluate(() => Object.fromEntries(['verified', 'verified-psb', 'mismatch', 'not-found', 'unknown', 'declared']
      .map((id) => [id, [...document.getElementById(id).shadowRoot.querySelectorAll('[part~="mark"]')].map((m) => m.textContent).join('')])));
    await page.waitForFunction(() => ['verified', 'verified-psb', 'mismatch', 'not-found', 'unknown', 'declared']
      .every((id) => document.getElementById(id).shadowRoot.querySelector('[part~="mark"]')));
    const first = await marks();
    const expected = { verified: '✓', 'verified-psb': '✓', mismatch: '⚠', 'not-found': '⚠', unknown: 'ⓘ', declared: 'ⓘⓘ' };
    assert(JSON.stringify(first) === JSON.stringify(expected), `marks: ${JSON.stringify(first)}`);
    assert(verifies.length === 6, `one request per badge question: ${verifies.length}`);
    await page.locator('#mismatch [part~="mark"]').click();
    await page.mouse.move(0, 0);
    assert(await page.locator('#mismatch [part~="details"]').isVisible(), 'a click keeps the details open after the pointer leaves');
    const details = await page.locator('#mismatch [part~="details"]').textContent();
    assert(details.includes('与本网站不符') && details.includes('网站负责人应'), `mismatch details: ${details}`);
    await page.locator('section[aria-labelledby="verify-title"]').screenshot({ path: `${OUT}verification.png` });
    verifies.length = 0;
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('unknown').shadowRoot.querySelector('[part~="mark"]'));
    assert(JSON.stringify(await marks()) === JSON.stringify(expected), 'the same marks after reload');
    assert(verifies.length === 0, `requests after reload: ${verifies.length}`);
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'the query form: type, submit, read the records; then with the keyboard alone'() {
    const { page, problems, close } = await open('');
    const query = page.locator('#query');
    await query.locator('input[type="search"]').fill('小米科技有限责任公司');
    await query.locator('[part~="submit"]').click();
    await query.locator('tbody tr').first().waitFor();
    const cells = await query.locator('tbody tr').first().locator('td').allTextContents();
    assert(cells[0] === '小米科技有限责任公司' && cells[2] === '京ICP备10046444号-9', `first record: ${cells}`);
    assert(new URL(page.url()).searchParams.get('q') === '小米科技有限责任公司', 'the search is in the URL');
    await query.screenshot({ path: `${OUT}query.png` });

    // Keyboard only: focus the box by tabbing from the radio buttons, type, Enter; then the type selector.
    await query.locator('input[value="psb"]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('qq.com');
    await page.keyboard.press('Enter');
    await query.locator('tbody tr td:has-text("粤公网安备44030002000001号")').waitFor();
    const psbHeader = await query.locator('th').first().textContent();
    assert(psbHeader === '网站名称', `公安 columns: ${psbHeader}`);
    const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('type'));
    assert(focused === 'search', `focus stays in the box: ${focused}`);

    // A shared link runs the search it holds.
    await page.goto(`${server.url}?q=${encodeURIComponent('京ICP备2026000000号-1')}&type=web`);
    await query.locator('[part~="message"]').waitFor();
    assert((await query.locator('[part~="message"]').textContent()).includes('未查到备案记录'), 'not found from a shared link');
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'React: the wrapper sets properties and delivers typed events'() {
    const { page, problems, close } = await open('react.html');
    await page.locator('#react-badge [part~="item"]').first().waitFor();
    await page.waitForFunction(() => document.getElementById('problem').textContent !== 'no problem');
    const problem = await page.locator('#problem').textContent();
    assert(problem === '京ICP备123号: L07', `onInvalid: ${problem}`);
    await page.locator('#fix').click();
    await page.waitForFunction(() => !document.getElementById('react-badge').matches(':state(invalid)'));
    const items = await page.locator('#react-badge [part~="link"]').allTextContents();
    assert(items[0].startsWith('京ICP备2026002630号-1'), `after the fix: ${items}`);
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'server rendering: Lit SSR (declarative shadow DOM) and renderBadgeHTML both show the footer without JavaScript'() {
    const { render } = await import('@lit-labs/ssr');
    const { collectResultSync } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html } = await import('lit');
    await import('../../src/beian-badge.ts');
    const { renderBadgeHTML } = await import('../../src/core/index.ts');
    // Server rendering cannot wait for the lazily loaded parser: numbers in canonical form render at once.
    const ssr = collectResultSync(render(html`<beian-badge id="ssr" icp="京ICP备2026002630号-1" psb="京公网安备11010602202215号"></beian-badge>`));
    const plain = renderBadgeHTML({ icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' });
    const { page, close } = await open('nojs.html', { javaScriptEnabled: false });
    // Served as a page: declarative shadow DOM is read by the HTML parser on navigation, not by document.write.
    await page.route('**/ssr.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><main>${ssr}<div id="plain">${plain}</div></main>` }));
    await page.goto(`${server.url}ssr.html`);
    const fromSsr = await page.evaluate(() => [...document.getElementById('ssr').shadowRoot.querySelectorAll('[part~="link"]')].map((a) => [a.textContent, a.href]));
    assert(JSON.stringify(fromSsr) === JSON.stringify(FOOTER), `SSR: ${JSON.stringify(fromSsr)}`);
    const shown = await page.locator('#ssr [part~="link"]').first().isVisible();
    assert(shown, 'the SSR footer is visible');
    const fromPlain = await page.locator('#plain a').evaluateAll((as) => as.map((a) => a.href));
    assert(fromPlain[1] === 'https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215', `plain: ${fromPlain}`);
    await page.screenshot({ path: `${OUT}ssr.png` });
    await close();
  },

  async 'Hugo: the example site, built with the partial and the single-file bundle, shows the upgraded footer'() {
    const site = await mkdtemp(join(tmpdir(), 'beian-hugo-'));
    try {
      await cp(new URL('../../demo/integrations/hugo/', import.meta.url).pathname, site, { recursive: true });
      // The files a Hugo site copies: dist/cdn/beian-badge.js and police.svg, built here into the site's static/js/.
      await buildBundle(join(site, 'static/js'));
      await promisify(execFile)('hugo', ['--source', site, '--quiet']);
      const findings = lintHtml(await readFile(join(site, 'public/index.html'), 'utf8')).findings.map((f) => f.rule);
      assert(findings.length === 0, `the built page lints clean before JavaScript: ${findings}`);
      await assertUpgradedFooter(join(site, 'public'), 'Hugo');
      // A number of the wrong shape is still printed, linked to the platform's home page, never to a code picked out of it.
      const config = join(site, 'hugo.toml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('京公网安备11010602202215号', '京公网安备110106022022159999号'));
      await promisify(execFile)('hugo', ['--source', site, '--quiet']);
      const wrong = await readFile(join(site, 'public/index.html'), 'utf8');
      assert(wrong.includes('京公网安备110106022022159999号</a>') && !wrong.includes('code='), `wrong shape: ${wrong}`);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  },

  async 'Hexo: the injector prints a compliant footer with no theme edits, upgraded by the bundle it serves'() {
    const site = await mkdtemp(join(tmpdir(), 'beian-hexo-'));
    /** Builds the example into `site`, returns Hexo's warnings and the home page's HTML. */
    const generate = async () => {
      const { default: Hexo } = await import('hexo');
      const hexo = new Hexo(site, { silent: true });
      const warnings = [];
      hexo.log.warn = (message) => warnings.push(String(message));
      hexo.log.error = (...args) => warnings.push(args.map(String).join(' '));
      hexo.env.init = true; // what hexo-cli sets once it has found the site's folder; without it, no config loads
      await hexo.init();
      await hexo.call('generate', {});
      await hexo.exit();
      return { warnings, html: await readFile(join(site, 'public/index.html'), 'utf8') };
    };
    try {
      await cp(new URL('../../demo/integrations/hexo/', import.meta.url).pathname, site, { recursive: true });
      // The package as `npm install beian-elements` gives it: its package.json, the library and the single-file bundle.
      const installed = join(site, 'node_modules/beian-elements');
      await mkdir(installed, { recursive: true });
      await cp(new URL('../../package.json', import.meta.url).pathname, join(installed, 'package.json'));
      await buildBundle(join(installed, 'dist'), 'production');
      await buildBundle(join(installed, 'dist/cdn'));

      const { warnings, html } = await generate();
      assert(warnings.length === 0, warnings.join('\n'));
      const findings = lintHtml(html).findings.map((f) => f.rule);
      assert(findings.length === 0, `the generated page lints clean: ${findings}`);

      await assertUpgradedFooter(join(site, 'public'), 'Hexo');

      // A typo in _config.yml is named at build time, with its fix, and the number is still printed as given.
      const config = join(site, '_config.yml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('京ICP备2026002630号-1', '京ICP备123号\n  colour: red'));
      const typo = await generate();
      assert(typo.warnings.some((w) => w.includes('unknown key "colour"')), typo.warnings.join('\n'));
      assert(typo.warnings.some((w) => w.includes('beian.icp "京ICP备123号": L07')), typo.warnings.join('\n'));
      assert(typo.html.includes('<beian-badge icp="京ICP备123号" psb="京公网安备11010602202215号">'), typo.html);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  },

  async 'VitePress: the example theme imports the element on the client only; the built site shows the footer'() {
    const out = await mkdtemp(join(tmpdir(), 'beian-vitepress-'));
    try {
      const { build: buildSite } = await import('vitepress');
      await buildSite(new URL('../../demo/integrations/vitepress', import.meta.url).pathname, { outDir: out, logLevel: 'warn' });
      // Pre-rendered with the plain links inside the tag: compliant before (and without) JavaScript.
      const prerendered = lintHtml(await readFile(join(out, 'index.html'), 'utf8'));
      assert(prerendered.items.length === 2 && prerendered.findings.length === 0, `pre-rendered footer: ${JSON.stringify(prerendered.findings)}`);
      await assertUpgradedFooter(out, 'VitePress');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  },

  async 'WordPress: the plugin’s shortcode and block print a compliant footer (php-cli), which the bundle upgrades'() {
    const plugin = new URL('../../demo/integrations/wordpress/beian-elements/beian-elements.php', import.meta.url).pathname;
    const stubs = new URL('./wordpress-stubs.php', import.meta.url).pathname;
    const run = async (atts) => JSON.parse((await promisify(execFile)('php', [stubs, plugin, JSON.stringify(atts)])).stdout);
    const printed = await run({ icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' });
    assert(printed.shortcode === printed.block, 'the block renders what the shortcode prints');
    const findings = lintHtml(printed.shortcode).findings.map((f) => f.rule);
    assert(findings.length === 0, `the printed footer lints clean: ${findings}`);
    assert(printed.modules['beian-badge'] === '/wp-content/plugins/beian-elements/assets/beian-badge.js', 'the bundle is enqueued as a module');
    const hostile = await run({ icp: '"><script>alert(1)</script>', psb: '1101<b>0502030143' });
    assert(!/<script|<b>/.test(hostile.shortcode) && !hostile.shortcode.includes('code='), `escaped, no record link: ${hostile.shortcode}`);
    const longer = await run({ psb: '京公网安备110106022022159999号' });
    assert(!longer.shortcode.includes('code=') && longer.shortcode.includes('https://beian.mps.gov.cn/'), `18 digits, no record link: ${longer.shortcode}`);

    const root = await mkdtemp(join(tmpdir(), 'beian-wp-'));
    try {
      const assets = join(root, 'wp-content/plugins/beian-elements/assets');
      await mkdir(assets, { recursive: true });
      // The plugin's assets/: the self-hosted bundle and our icon, both from dist/cdn.
      await buildBundle(assets);
      await writeFile(join(root, 'index.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><footer>${printed.shortcode}</footer>
        <script type="module" src="${printed.modules['beian-badge']}"></script>`);
      await assertUpgradedFooter(root, 'WordPress');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },

  async 'upgrading over the fallback links shifts nothing (CLS 0)'() {
    for (const width of [1200, 360]) {
      const { page, problems, close } = await open('nojs.html', { width });
      await upgraded(page);
      const shift = await page.evaluate(() => window.__layoutShift);
      assert(shift === 0, `layout shift ${shift} at ${width}px`);
      assert(problems.length === 0, problems.join('\n'));
      await close();
    }
  },

  async 'the strict-CSP page with Trusted Types renders without violations'() {
    const { page, problems, close } = await open('csp.html');
    await upgraded(page);
    const texts = await page.locator('#normalised [part~="item"]').allTextContents();
    assert(texts.join(' | ') === '沪ICP备15045419号-1 | 晋公网安备 14010502050691号', `normalised: ${texts}`);
    assert(await page.locator('#enhanced [part~="link"]').count() === 2, 'enhanced badge has two links');
    const violations = await page.evaluate(() => window.__violations);
    assert(violations.length === 0, `CSP violations: ${violations.join(', ')}`);
    assert(problems.length === 0, problems.join('\n'));
    await page.screenshot({ path: `${OUT}csp.png` });
    await close();
  },

  async 'without JavaScript the plain links remain'() {
    const { page, close } = await open('nojs.html', { javaScriptEnabled: false });
    const links = page.locator('beian-badge a');
    assert(await links.count() === 2, 'two fallback links');
    for (const a of await links.all()) assert(await a.isVisible(), `${await a.textContent()} is visible`);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
    assert(hrefs[0] === 'https://beian.miit.gov.cn/', `ICP link ${hrefs[0]}`);
    await page.screenshot({ path: `${OUT}nojs.png` });
    await close();
  },
};

let passed = 0;
let failed = 0;
for (const [name, test] of Object.entries(tests)) {
  try {
    await test();
    passed++;
    console.log(`✔ ${name}`);
  } catch (e) {
    failed++;
    console.log(`✖ ${name}\n  ${String(e.stack ?? e).split('\n').join('\n  ')}`);
  }
}
await browser.close();
await server.close();
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
