// Hugo and VitePress example sites, built as their users build them, then shown in Chromium.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lintHtml } from '../../src/cli/html.ts';
import { assert, assertUpgradedFooter, buildBundle } from './harness.mjs';

export const tests = {
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
};
