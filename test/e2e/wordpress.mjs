// WordPress: the plugin run as WordPress runs it, then shown in Chromium.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lintHtml } from '../../src/cli/html.ts';
import { assert, assertUpgradedFooter, buildBundle } from './harness.mjs';

export const tests = {
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
};
