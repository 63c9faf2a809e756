// Hexo: the example site generated with the footer script, then shown in Chromium.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintHtml } from '../../src/cli/html.ts';
import { assert, assertUpgradedFooter, buildBundle } from './harness.mjs';

export const tests = {
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
};
