// Hexo: the example site, with Hexo's default theme and the most used ones from npm, generated with the footer
// script and shown in Chromium; and the query form of its tag, asking our lookup server.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintHtml } from '../../src/cli/html.ts';
import { renderQueryHTML } from '../../src/core/index.ts';
import { serveDemo } from '../../demo/server.ts';
import { assert, assertUpgradedFooter, assertVisibleFooter, browser, buildBundle, OUT } from './harness.mjs';
import { assertQueryFallback, assertQueryForm, lookupServer, printedForms } from './sites.mjs';

const here = (path) => new URL(path, import.meta.url).pathname;
const MODULES = here('../../node_modules/');
// Each theme with the renderers its README asks for (NexT's Nunjucks comes with Hexo) and the element of its
// page footer, where the script must put ours.
const THEMES = {
  landscape: { renderers: ['hexo-renderer-ejs', 'hexo-renderer-stylus'], footer: 'footer#footer' },
  next: { renderers: ['hexo-renderer-stylus'], footer: 'footer.footer' },
  fluid: { renderers: ['hexo-renderer-ejs', 'hexo-renderer-stylus'], footer: 'body > footer' },
  butterfly: { renderers: ['hexo-renderer-pug', 'hexo-renderer-stylus'], footer: 'footer#footer' },
};

/** Builds beian-elements as `npm install beian-elements` gives it: its package.json, the library and the bundles. */
async function pack(dir) {
  await mkdir(dir, { recursive: true });
  await cp(here('../../package.json'), join(dir, 'package.json'));
  await buildBundle(join(dir, 'dist'), 'production');
  await buildBundle(join(dir, 'dist/cdn'));
  await buildBundle(join(dir, 'dist/cdn'), 'cdn:query');
}
let packed;
/** The package, built once for the group's tests (removed by `teardown`). */
const installable = () =>
  (packed ??= mkdtemp(join(tmpdir(), 'beian-hexo-pkg-')).then(async (root) => {
    await pack(join(root, 'beian-elements'));
    return join(root, 'beian-elements');
  }));
export async function teardown() {
  if (packed) await rm(join(await packed, '..'), { recursive: true, force: true });
}

/**
 * The example site in a new folder, set to `theme` as a user sets it: `theme:` in _config.yml, the theme and its
 * renderers in package.json. Its node_modules is the project's, flat as npm installs it (themes require() what
 * they find beside them there), plus beian-elements from `pkg`.
 */
async function exampleSite(root, theme, pkg) {
  const site = join(root, theme);
  await cp(here('../../demo/integrations/hexo/'), site, { recursive: true });
  await mkdir(join(site, 'node_modules'));
  for (const name of await readdir(MODULES)) {
    if (!name.startsWith('.')) await symlink(join(MODULES, name), join(site, 'node_modules', name));
  }
  await cp(pkg, join(site, 'node_modules/beian-elements'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(site, 'package.json'), 'utf8'));
  // The example lists landscape and its renderers: swap them for the theme's (a theme of the site's own: none).
  const swapped = ['hexo-theme-landscape', ...THEMES.landscape.renderers];
  const deps = Object.keys(manifest.dependencies).filter((name) => !swapped.includes(name));
  if (THEMES[theme]) deps.push(`hexo-theme-${theme}`, ...THEMES[theme].renderers);
  manifest.dependencies = Object.fromEntries(deps.map((name) => [name, manifest.dependencies[name] ?? '*']));
  await writeFile(join(site, 'package.json'), JSON.stringify(manifest));
  await edit(join(site, '_config.yml'), (text) => text.replace(/^theme: .*$/m, `theme: ${theme}`));
  // Where a user keeps the theme's settings (Fluid warns without it); the defaults here.
  await writeFile(join(site, `_config.${theme}.yml`), "# Nothing changed from the theme's defaults.\n");
  return site;
}

const edit = async (file, change) => writeFile(file, change(await readFile(file, 'utf8')));

/** Generates `site` with Hexo's API, as `hexo generate` does; returns Hexo's warnings and the home page's HTML. */
async function generate(site) {
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
}

/** Generates the site and checks the home page: no warning, lints clean, our footer exactly once. */
async function generateClean(site, what) {
  const { warnings, html } = await generate(site);
  assert(warnings.length === 0, `${what}: ${warnings.join('\n')}`);
  const findings = lintHtml(html).findings.map((f) => f.rule);
  assert(findings.length === 0, `${what}: the generated page lints clean: ${findings}`);
  assert(html.split('<beian-badge ').length === 2, `${what}: one footer on the page`);
  return html;
}

/**
 * Opens the served site's page at `path` (default: the home page) at `width` with foreign hosts but `allow`'s
 * cut off (the themes' CDN files are unreachable here: each request fails at once, as offline), or `html` in its
 * place; runs `check(page)` and returns the console errors and exceptions, the site's origin masked so that two
 * visits compare.
 */
async function visit(root, { width = 1200, path = '', check = () => {}, html, allow, javaScriptEnabled = true } = {}) {
  const server = await serveDemo({ root, api: false });
  const { origin } = new URL(server.url);
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    javaScriptEnabled,
  });
  await context.route(
    (url) => url.origin !== origin && url.origin !== allow,
    (route) => route.abort(),
  );
  if (html)
    await context.route(`${origin}/${path}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const page = await context.newPage();
  const problems = [];
  const record = (text) => problems.push(text.replaceAll(origin, 'SITE'));
  page.on('console', (m) => m.type() === 'error' && record(`console: ${m.text()} (${m.location().url})`));
  page.on('pageerror', (e) => record(`exception: ${e.message}`));
  try {
    await page.goto(`${origin}/${path}`, { waitUntil: 'networkidle' }); // the favicon, asked for after load, too
    await check(page);
    return problems.sort();
  } finally {
    await context.close();
    await server.close();
  }
}

/**
 * The harness's assertUpgradedFooter for a theme from npm, which offline logs errors of its own (a CDN font, the
 * jQuery its scripts need): our footer is inside the theme's page footer, a visitor sees it, and the page logs
 * nothing that the same page without our footer and script (`html` less what the script added) does not.
 */
async function assertThemeFooter(root, theme, html, { width = 1200 } = {}) {
  const what = `Hexo ${theme}${width < 600 ? ' phone' : ''}`;
  const ours =
    /<div class="beian"[^>]*><beian-badge [^]*?<\/beian-badge><\/div><script type="module" src="\/js\/beian-badge.js"><\/script>/;
  assert(ours.test(html), `${what}: the footer as the script prints it inside a theme's`);
  const baseline = await visit(root, { width, html: html.replace(ours, '') });
  const problems = await visit(root, {
    width,
    check: async (page) => {
      const selector = THEMES[theme].footer;
      const landed = await page
        .locator('beian-badge')
        .evaluate((badge, s) => badge.closest('footer')?.matches(s), selector);
      assert(landed, `${what}: the footer is not inside the theme's ${selector}`);
      await assertVisibleFooter(page, what);
      await page.screenshot({ path: `${OUT}${what.toLowerCase().replace(/\W+/g, '-')}.png` });
    },
  });
  assert(
    JSON.stringify(problems) === JSON.stringify(baseline),
    `${what}: the footer adds problems:\n${problems.join('\n')}\nto the theme's own:\n${baseline.join('\n')}`,
  );
}

export const tests = {
  async "Hexo: on landscape, NexT, Fluid and Butterfly from npm, the footer lands in the theme's own, visible"() {
    const root = await mkdtemp(join(tmpdir(), 'beian-hexo-'));
    try {
      for (const theme of Object.keys(THEMES)) {
        const site = await exampleSite(root, theme, await installable());
        const html = await generateClean(site, `Hexo ${theme}`);
        for (const width of [1200, 390]) await assertThemeFooter(join(site, 'public'), theme, html, { width });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },

  async 'Hexo: a theme with no footer gets a strip of its own before </body>; build warnings name the fix'() {
    const root = await mkdtemp(join(tmpdir(), 'beian-hexo-'));
    try {
      const site = await exampleSite(root, 'bare', await installable());
      // A theme with no page footer (only an article's), whose layout is a full-height positioned layer, as
      // landscape's is: what follows it in the page lies under it unless it stacks above. And a script that says
      // "</body>" and "<footer>", which must not count.
      await mkdir(join(site, 'themes/bare/layout'), { recursive: true });
      await writeFile(
        join(site, 'themes/bare/layout/layout.njk'),
        `<!doctype html>
<html lang="{{ config.language }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ config.title }}</title><link rel="icon" href="data:,"></head>
<body><div id="wrap" style="position:absolute;top:0;left:0;width:100%;min-height:100%;z-index:1;background:#fff">
<main><article><h1>{{ config.title }}</h1><footer>by {{ config.author }}</footer></article></main>
<script>document.title += " </body> <footer>";</script></div></body></html>`,
      );
      await writeFile(join(site, 'themes/bare/layout/index.njk'), '{{ body | safe }}');
      const html = await generateClean(site, 'Hexo bare');
      assert(
        /<\/script><\/div><footer class="beian"[^>]*><beian-badge [^]*<\/footer><script type="module"[^>]*><\/script><\/body>/.test(
          html,
        ),
        html,
      );
      await assertUpgradedFooter(join(site, 'public'), 'Hexo bare', { width: 390 });

      // A typo in _config.yml is named at build time, with its fix, and the number is still printed as given.
      await edit(join(site, '_config.yml'), (text) =>
        text.replace('京ICP备2026002630号-1', '京ICP备123号\n  colour: red'),
      );
      const typo = await generate(site);
      assert(
        typo.warnings.some((w) => w.includes('unknown key "colour"')),
        typo.warnings.join('\n'),
      );
      assert(
        typo.warnings.some((w) => w.includes('beian.icp "京ICP备123号": L07')),
        typo.warnings.join('\n'),
      );
      assert(typo.html.includes('<beian-badge icp="京ICP备123号" psb="京公网安备11010602202215号">'), typo.html);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },

  async "Hexo: {% beian_query %} on landscape prints renderQueryHTML()'s form with beian.lookup, its script once; it searches our lookup server"() {
    const root = await mkdtemp(join(tmpdir(), 'beian-hexo-'));
    const lookup = await lookupServer();
    try {
      const site = await exampleSite(root, 'landscape', await installable());
      const given = (await readFile(join(site, '_config.yml'), 'utf8')).match(/^ {2}lookup: (.*)$/m)?.[1];
      assert(given, 'the example names its lookup service under beian:');
      await edit(join(site, '_config.yml'), (text) => text.replace(given, lookup.endpoint));
      // Every option, twice on a page, against what renderQueryHTML prints for them; a wrong one is named.
      const all = { lookup: 'https://lookup.test/v1?a=1&b=2', lang: 'en', mode: 'psb', type: 'app', urlState: true };
      await mkdir(join(site, 'source/all'));
      await writeFile(
        join(site, 'source/all/index.md'),
        `---\ntitle: all\n---\n{% beian_query lookup:${all.lookup} lang:en mode:psb type:app url-state %}\n\n{% beian_query lang:zh-Hant mode:ipc colour:red %}\n`,
      );
      const { warnings } = await generate(site);
      assert(
        JSON.stringify(warnings) ===
          JSON.stringify([
            'beian_query in all/index.md: mode:ipc is not one of mode:icp, mode:psb',
            'beian_query in all/index.md: "colour:red" is not an option; use lookup:…, lang:…, mode:…, type:… or url-state',
          ]),
        `the build warnings: ${warnings.join('\n')}`,
      );
      const page = await readFile(join(site, 'public/query/index.html'), 'utf8');
      // In the site's language, which the theme puts on <html lang> and the element speaks.
      const expected = renderQueryHTML({ lookup: lookup.endpoint, lang: 'zh-CN' });
      assert(
        JSON.stringify(printedForms(page)) === JSON.stringify([expected]),
        `the tag's form: ${printedForms(page)}`,
      );
      const script = '<script src="/js/beian-query.js" defer></script>';
      assert(
        page.split(script).length === 2 && page.indexOf(script) > page.indexOf(expected),
        'the page loads the classic script once, after the form',
      );
      assert(
        !(await readFile(join(site, 'public/index.html'), 'utf8')).includes('beian-query'),
        'a page without the form gets no script',
      );
      const both = await readFile(join(site, 'public/all/index.html'), 'utf8');
      const forms = [renderQueryHTML(all), renderQueryHTML({ lookup: lookup.endpoint, lang: 'zh-Hant', mode: 'ipc' })];
      assert(JSON.stringify(printedForms(both)) === JSON.stringify(forms), `with options: ${printedForms(both)}`);
      assert(both.split('beian-query.js').length === 2, 'two forms on a page, one script');

      // In Chromium, the theme's own offline errors aside (as the footer's test compares): the page without our
      // form and script logs the same.
      const { origin } = new URL(lookup.endpoint);
      const served = join(site, 'public');
      const baseline = await visit(served, { path: 'query/', html: page.replace(expected, '').replace(script, '') });
      const problems = await visit(served, {
        path: 'query/',
        allow: origin,
        check: (tab) => assertQueryForm(tab, 'Hexo landscape query', lookup.endpoint, 'hexo-query'),
      });
      assert(
        JSON.stringify(problems) === JSON.stringify(baseline),
        `Hexo landscape query: the form adds problems:\n${problems.join('\n')}\nto the theme's own:\n${baseline.join('\n')}`,
      );
      await visit(served, {
        path: 'query/',
        javaScriptEnabled: false,
        check: (tab) => assertQueryFallback(tab, 'Hexo landscape query'),
      });
    } finally {
      await lookup.close();
      await rm(root, { recursive: true, force: true });
    }
  },
};
