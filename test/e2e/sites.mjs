// Hugo and VitePress example sites, built as their users build them, then shown in Chromium: the footer, and the
// query form asking our lookup server.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { serveDemo } from '../../demo/server.ts';
import { lintHtml } from '../../src/cli/html.ts';
import { renderQueryHTML } from '../../src/core/index.ts';
import { MIIT_QUERY_URL, MPS_QUERY_URL } from '../../src/core/links.ts';
import { assert, assertUpgradedFooter, buildBundle, open, OUT } from './harness.mjs';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const example = (name) => join(ROOT, 'demo/integrations', name);

/** Every file under `dir`, relative to it. */
const filesUnder = async (dir) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

/** The `<beian-query>` elements of a built page, as printed: tag, attributes and fallback. */
export const printedForms = (html) => html.match(/<beian-query[ >][^]*?<\/beian-query>/g) ?? [];

/**
 * Our lookup server on loopback, as a site's `lookup` names it: the v1 API on the demo dataset (CORS `*`), on an
 * origin of its own, apart from the site's.
 */
export async function lookupServer() {
  const root = await mkdtemp(join(tmpdir(), 'beian-lookup-'));
  const server = await serveDemo({ root });
  return {
    endpoint: `${server.url}v1`,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * The query form of a served page, driven as a visitor drives it: a domain of the demo dataset, submitted, gives its
 * ICP record; then in 公安 mode a 14-digit code gives its 公安 record; both asked of `endpoint`. A screenshot of the
 * form with the result goes to e2e-out/`shot`.png (the README's pictures in demo/screenshots are copied from there).
 */
export async function assertQueryForm(page, what, endpoint, shot) {
  const asked = [];
  page.on('request', (r) => r.url().includes('/v1/') && asked.push(r.url()));
  const query = page.locator('beian-query');
  assert((await query.count()) === 1, `${what}: one query form on the page, not ${await query.count()}`);
  const box = query.locator('input[type="search"]');
  await box.fill('mi.cn');
  await query.locator('[part~="submit"]').click();
  await query.locator('tbody tr').first().waitFor({ timeout: 10_000 });
  const icp = await query.locator('tbody tr').first().locator('td').allTextContents();
  assert(
    icp[0] === '小米科技有限责任公司' && icp[2] === '京ICP备10046444号-9' && icp[4] === 'mi.cn',
    `${what}: the ICP record of mi.cn: ${icp}`,
  );
  await query.locator('input[value="psb"]').check();
  await box.fill('44030002000001');
  await query.locator('[part~="submit"]').click();
  await query.locator('tbody tr td:has-text("粤公网安备44030002000001号")').waitFor({ timeout: 10_000 });
  const psb = await query.locator('tbody tr').first().locator('td').allTextContents();
  assert(
    psb[0] === '腾讯网' && psb[1] === 'qq.com' && psb[5] === '粤公网安备44030002000001号',
    `${what}: the 公安 record of 44030002000001: ${psb}`,
  );
  const elsewhere = asked.filter((url) => !url.startsWith(`${endpoint}/`));
  assert(asked.length > 0 && elsewhere.length === 0, `${what}: the form asks ${endpoint}, not ${elsewhere}`);
  await query.screenshot({ path: `${OUT}${shot}.png` });
}

/** Without JavaScript, the page shows the form's fallback: both official query sites, linked and visible. */
export async function assertQueryFallback(page, what) {
  const links = page.locator('beian-query > p > a');
  const seen = await links.evaluateAll((as) => as.map((a) => a.href));
  assert(
    JSON.stringify(seen) === JSON.stringify([MIIT_QUERY_URL, MPS_QUERY_URL]),
    `${what} without JavaScript: the official links ${seen}`,
  );
  for (const link of await links.all())
    assert(await link.isVisible(), `${what} without JavaScript: ${await link.textContent()} is not visible`);
}

/** A page of a built site, served, with the form asking `endpoint`: the search in Chromium, then the fallback. */
async function assertQueryPage(root, path, what, endpoint, shot) {
  const site = await serveDemo({ root, api: false });
  try {
    const visit = await open(path, { base: site.url });
    try {
      await assertQueryForm(visit.page, what, endpoint, shot);
      assert(visit.problems.length === 0, `${what}: ${visit.problems.join('\n')}`);
    } finally {
      await visit.close();
    }
    const nojs = await open(path, { base: site.url, javaScriptEnabled: false });
    try {
      await assertQueryFallback(nojs.page, what);
    } finally {
      await nojs.close();
    }
  } finally {
    await site.close();
  }
}

/** A fresh `hugo new site` in `tmp` with the example's files (checked not to replace any of its own) added. */
async function hugoSite(tmp) {
  const site = join(tmp, 'site');
  await run('hugo', ['new', 'site', site]);
  // The example holds only what a user adds: its files must not replace one `hugo new site` made.
  const fresh = new Set(await filesUnder(site));
  const ours = await filesUnder(example('hugo'));
  assert(
    !ours.some((f) => fresh.has(f)),
    `the example overwrites files of a fresh site: ${ours.filter((f) => fresh.has(f))}`,
  );
  await cp(example('hugo'), site, { recursive: true });
  return site;
}

let vitepress;
const made = []; // what vitepressSite started or wrote, for teardown, even when its build failed
/**
 * The VitePress example, copied outside this checkout with beian-elements installed as npm would install it, its
 * config naming our lookup server, built once for the group's tests (removed by `teardown`).
 */
function vitepressSite() {
  vitepress ??= (async () => {
    const site = await mkdtemp(join(tmpdir(), 'beian-vitepress-'));
    made.push(() => rm(site, { recursive: true, force: true }));
    const lookup = await lookupServer();
    made.push(lookup.close);
    // Outside this checkout, so `beian-elements` can only come from the site's node_modules.
    await cp(example('vitepress'), site, { recursive: true });
    const config = join(site, '.vitepress/config.mts');
    const given = (await readFile(config, 'utf8')).match(/name: 'beian-lookup', content: '([^']+)'/)?.[1];
    assert(given, 'the example\'s config names its lookup service in a <meta name="beian-lookup">');
    await writeFile(config, (await readFile(config, 'utf8')).replace(given, lookup.endpoint));
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    const installed = join(site, 'node_modules/beian-elements');
    await mkdir(installed, { recursive: true });
    await cp(join(ROOT, 'package.json'), join(installed, 'package.json'));
    await buildBundle(join(installed, 'dist'), 'production'); // the library, with lit, zod… left to node_modules
    // What npm would install beside it: the site's other dependencies and the package's own, linked to this
    // checkout's copies (their own dependencies resolve from there).
    const own = JSON.parse(await readFile(join(site, 'package.json'), 'utf8'));
    const names = [
      ...Object.keys({ ...own.dependencies, ...own.devDependencies }),
      ...Object.keys(pkg.dependencies),
    ].filter((name) => name !== 'beian-elements');
    for (const name of new Set(names)) {
      await mkdir(dirname(join(site, 'node_modules', name)), { recursive: true });
      await symlink(join(ROOT, 'node_modules', name), join(site, 'node_modules', name), 'dir');
    }
    // `npm run build` in the site.
    await run(process.execPath, [join(site, 'node_modules/vitepress/bin/vitepress.js'), 'build'], { cwd: site });
    return { out: join(site, '.vitepress/dist'), lookup };
  })();
  return vitepress;
}

export async function teardown() {
  await vitepress?.catch(() => {});
  for (const undo of made.reverse()) await undo();
}

export const tests = {
  async "Hugo: a fresh `hugo new site` plus the example's files and the single-file bundle shows the upgraded footer"() {
    const tmp = await mkdtemp(join(tmpdir(), 'beian-hugo-'));
    try {
      const site = await hugoSite(tmp);
      // The files README tells a Hugo site to copy: dist/cdn/beian-badge.js and police.svg, into static/js/.
      await buildBundle(join(site, 'static/js'));
      await run('hugo', ['--source', site, '--quiet']);
      const built = lintHtml(await readFile(join(site, 'public/index.html'), 'utf8'));
      assert(
        built.items.length === 2 && built.findings.length === 0,
        `the built page has both numbers and lints clean before JavaScript: ${built.items.length} items, ${built.findings.map((f) => f.rule)}`,
      );
      await assertUpgradedFooter(join(site, 'public'), 'Hugo');
      // A number of the wrong shape is still printed, linked to the platform's home page, never to a code picked out of it.
      const params = join(site, 'config/_default/params.toml');
      const numbers = await readFile(params, 'utf8');
      assert(numbers.includes('京公网安备11010602202215号'), 'the example names the demo 公安 number');
      await writeFile(params, numbers.replace('京公网安备11010602202215号', '京公网安备110106022022159999号'));
      await run('hugo', ['--source', site, '--quiet']);
      const wrong = await readFile(join(site, 'public/index.html'), 'utf8');
      assert(wrong.includes('京公网安备110106022022159999号</a>') && !wrong.includes('code='), `wrong shape: ${wrong}`);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  },

  async "Hugo: {{< beian-query >}} prints renderQueryHTML()'s form with the site's endpoint; it searches our lookup server"() {
    const tmp = await mkdtemp(join(tmpdir(), 'beian-hugo-'));
    const lookup = await lookupServer();
    try {
      const site = await hugoSite(tmp);
      // The files README tells a Hugo site to copy: for the form dist/cdn/beian-query.js, beside the footer's.
      await buildBundle(join(site, 'static/js'));
      await buildBundle(join(site, 'static/js'), 'cdn:query');
      const params = join(site, 'config/_default/params.toml');
      const given = (await readFile(params, 'utf8')).match(/^ *lookup = '(.*)'$/m)?.[1];
      assert(given, 'the example names its lookup service under [beian]');
      await writeFile(params, (await readFile(params, 'utf8')).replace(given, lookup.endpoint));
      // Every parameter, twice on a page, against what renderQueryHTML prints for them; the script comes once.
      const all = { lookup: 'https://lookup.test/v1?a=1&b=2', lang: 'en-US', mode: 'psb', type: 'app', urlState: true };
      await writeFile(
        join(site, 'content/all.md'),
        `---\ntitle: all\n---\n{{< beian-query lookup="${all.lookup}" lang="en-US" mode="psb" type="app" url-state="true" >}}\n\n{{< beian-query lang="zh-Hant" url-state=true >}}\n`,
      );
      await run('hugo', ['--source', site, '--quiet']);
      const page = await readFile(join(site, 'public/query/index.html'), 'utf8');
      const printed = printedForms(page);
      // In the page's language (a fresh site's languageCode, en-us), as the element speaks it.
      const lang = page.match(/<html lang="([^"]+)">/)?.[1];
      assert(
        JSON.stringify(printed) === JSON.stringify([renderQueryHTML({ lookup: lookup.endpoint, lang })]),
        `the shortcode's form: ${printed}`,
      );
      assert(
        page.split('<script src="/js/beian-query.js" defer></script>').length === 2,
        'the page loads the classic script, once',
      );
      const both = await readFile(join(site, 'public/all/index.html'), 'utf8');
      const expected = [
        renderQueryHTML(all),
        renderQueryHTML({ lookup: lookup.endpoint, lang: 'zh-Hant', urlState: true }),
      ];
      assert(JSON.stringify(printedForms(both)) === JSON.stringify(expected), `with parameters: ${printedForms(both)}`);
      assert(both.split('beian-query.js').length === 2, 'two forms on a page, one script');
      await assertQueryPage(join(site, 'public'), 'query/', 'Hugo query', lookup.endpoint, 'hugo-query');
    } finally {
      await lookup.close();
      await rm(tmp, { recursive: true, force: true });
    }
  },

  async 'VitePress: the example, importing beian-elements as installed from npm, builds and shows the upgraded footer'() {
    const { out } = await vitepressSite();
    // Pre-rendered with the plain links inside the tag: compliant before (and without) JavaScript.
    const prerendered = lintHtml(await readFile(join(out, 'index.html'), 'utf8'));
    assert(
      prerendered.items.length === 2 && prerendered.findings.length === 0,
      `pre-rendered footer: ${JSON.stringify(prerendered.findings)}`,
    );
    await assertUpgradedFooter(out, 'VitePress');
  },

  async 'VitePress: <BeianQuery /> pre-renders renderQueryHTML()\'s form; in the browser it asks the site\'s <meta name="beian-lookup">'() {
    const { out, lookup } = await vitepressSite();
    const html = await readFile(join(out, 'query.html'), 'utf8');
    assert(
      html.includes(`<meta name="beian-lookup" content="${lookup.endpoint}">`),
      "the config names the lookup service in every page's head",
    );
    // In the page's language (the config's lang), as the element speaks it.
    const printed = printedForms(html);
    assert(
      JSON.stringify(printed) === JSON.stringify([renderQueryHTML({ lang: 'zh-CN' })]),
      `the pre-rendered form: ${printed}`,
    );
    assert(
      !/<script[^>]*beian-query/.test(html),
      "the element comes from the site's own chunks, not a script of its own",
    );
    await assertQueryPage(out, 'query.html', 'VitePress query', lookup.endpoint, 'vitepress-query');

    // Reached from another page in the app, the form is rendered in the browser, and still asks the service.
    const site = await serveDemo({ root: out, api: false });
    const { page, problems, close } = await open('', { base: site.url });
    try {
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.getByRole('link', { name: '备案查询' }).first().click();
      await page.waitForURL(/query/);
      await page.locator('beian-query input[type="search"]').fill('mi.cn');
      await page.locator('beian-query [part~="submit"]').click();
      await page.locator('beian-query tbody tr td:has-text("京ICP备10046444号-9")').waitFor({ timeout: 10_000 });
      assert(
        !requests.some((url) => url.endsWith('.html')),
        `navigated in the app, not by loading a page: ${requests.filter((u) => u.endsWith('.html'))}`,
      );
      assert(problems.length === 0, `VitePress query after navigation: ${problems.join('\n')}`);
    } finally {
      await close();
      await site.close();
    }
  },
};
