// Hugo and VitePress example sites, built as their users build them, then shown in Chromium.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { lintHtml } from '../../src/cli/html.ts';
import { assert, assertUpgradedFooter, buildBundle } from './harness.mjs';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const example = (name) => join(ROOT, 'demo/integrations', name);

/** Every file under `dir`, relative to it. */
const filesUnder = async (dir) => (await readdir(dir, { recursive: true, withFileTypes: true }))
  .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();

export const tests = {
  async 'Hugo: a fresh `hugo new site` plus the example\'s files and the single-file bundle shows the upgraded footer'() {
    const tmp = await mkdtemp(join(tmpdir(), 'beian-hugo-'));
    const site = join(tmp, 'site');
    try {
      await run('hugo', ['new', 'site', site]);
      // The example holds only what a user adds: its files must not replace one `hugo new site` made.
      const fresh = new Set(await filesUnder(site));
      const ours = await filesUnder(example('hugo'));
      assert(!ours.some((f) => fresh.has(f)), `the example overwrites files of a fresh site: ${ours.filter((f) => fresh.has(f))}`);
      await cp(example('hugo'), site, { recursive: true });
      // The files README tells a Hugo site to copy: dist/cdn/beian-badge.js and police.svg, into static/js/.
      await buildBundle(join(site, 'static/js'));
      await run('hugo', ['--source', site, '--quiet']);
      const built = lintHtml(await readFile(join(site, 'public/index.html'), 'utf8'));
      assert(built.items.length === 2 && built.findings.length === 0,
        `the built page has both numbers and lints clean before JavaScript: ${built.items.length} items, ${built.findings.map((f) => f.rule)}`);
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

  async 'VitePress: the example, importing beian-elements as installed from npm, builds and shows the upgraded footer'() {
    const site = await mkdtemp(join(tmpdir(), 'beian-vitepress-'));
    try {
      // Outside this checkout, so `beian-elements` can only come from the site's node_modules.
      await cp(example('vitepress'), site, { recursive: true });
      const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
      const installed = join(site, 'node_modules/beian-elements');
      await mkdir(installed, { recursive: true });
      await cp(join(ROOT, 'package.json'), join(installed, 'package.json'));
      await buildBundle(join(installed, 'dist'), 'production'); // the library, with lit, zod… left to node_modules
      // What npm would install beside it: the site's other dependencies and the package's own, linked to this
      // checkout's copies (their own dependencies resolve from there).
      const own = JSON.parse(await readFile(join(site, 'package.json'), 'utf8'));
      const names = [...Object.keys({ ...own.dependencies, ...own.devDependencies }), ...Object.keys(pkg.dependencies)]
        .filter((name) => name !== 'beian-elements');
      for (const name of new Set(names)) {
        await mkdir(dirname(join(site, 'node_modules', name)), { recursive: true });
        await symlink(join(ROOT, 'node_modules', name), join(site, 'node_modules', name), 'dir');
      }
      // `npm run build` in the site.
      await run(process.execPath, [join(site, 'node_modules/vitepress/bin/vitepress.js'), 'build'], { cwd: site });
      const out = join(site, '.vitepress/dist');
      // Pre-rendered with the plain links inside the tag: compliant before (and without) JavaScript.
      const prerendered = lintHtml(await readFile(join(out, 'index.html'), 'utf8'));
      assert(prerendered.items.length === 2 && prerendered.findings.length === 0, `pre-rendered footer: ${JSON.stringify(prerendered.findings)}`);
      await assertUpgradedFooter(out, 'VitePress');
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  },
};
