/**
 * The filing footer for Hexo, with no theme edits. Copy this file to your site's `scripts/`, run
 * `npm install beian-elements`, and set `beian:` (icp, psb, and optionally telecom, algorithm, report) in
 * `_config.yml`. Then:
 * - an injector prints the plain, compliant links before `</body>` of every page (they work without JavaScript);
 * - a generator serves the self-hosted bundle from the installed package at `/js/beian-badge.js`, which upgrades
 *   them to `<beian-badge>` (one file from your own host, no foreign CDN).
 */
'use strict';
const { createReadStream } = require('node:fs');
// beian-elements is ESM: Node ≥ 20.19 require()s it, while import() is unavailable in the vm Hexo runs scripts in.
const { explain, parseFiling, renderBadgeHTML } = require('beian-elements/core');

const NUMBERS = ['icp', 'telecom', 'psb', 'algorithm'];
const KEYS = [...NUMBERS, 'report'];
const config = hexo.config.beian;
const lang = String(hexo.config.language).startsWith('zh') ? 'zh' : 'en';

if (!config || typeof config !== 'object') {
  hexo.log.warn('beian: no filing numbers to show. Add to _config.yml:\nbeian:\n  icp: 京ICP备2026002630号-1\n  psb: 京公网安备11010602202215号');
} else {
  for (const key of Object.keys(config).filter((k) => !KEYS.includes(k))) {
    hexo.log.warn(`beian: unknown key "${key}" in _config.yml; use ${KEYS.join(', ')}`);
  }
  // The footer still prints a number with problems, as given: the build log says what to fix.
  // YAML reads a bare 14-digit code as a number; String() gives its digits back.
  const numbers = Object.fromEntries(NUMBERS.filter((k) => config[k]).map((k) => [k, String(config[k])]));
  for (const [key, value] of Object.entries(numbers)) {
    const filing = parseFiling(value);
    if (filing.valid) continue;
    for (const d of filing.diagnostics) {
      const { message, fix } = explain(d, lang);
      hexo.log.warn(`beian.${key} "${filing.input}": ${d.rule} ${message} ${fix}`);
    }
  }

  const footer = renderBadgeHTML({ ...numbers, report: Boolean(config.report) });
  const script = `<script type="module" src="${hexo.config.root}js/beian-badge.js"></script>`;
  const bundle = require.resolve('beian-elements/cdn/beian-badge.js');
  hexo.extend.injector.register('body_end', `<footer class="beian">${footer}</footer>${script}`);
  hexo.extend.generator.register('beian-badge', () => ({ path: 'js/beian-badge.js', data: () => createReadStream(bundle) }));
}
