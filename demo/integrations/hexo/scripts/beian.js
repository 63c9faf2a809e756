/**
 * The filing footer for Hexo, with no theme edits. Copy this file to your site's `scripts/`, run
 * `npm install beian-elements`, and set `beian:` (icp, psb, and optionally telecom, algorithm, report) in
 * `_config.yml`. Then:
 * - a filter puts the plain, compliant links (they work without JavaScript) at the end of the theme's own page
 *   footer, or, where the theme has none, in a strip of their own before `</body>`;
 * - a generator serves the self-hosted bundle from the installed package at `/js/beian-badge.js`, which upgrades
 *   them to `<beian-badge>` (one file from your own host, no foreign CDN).
 */
'use strict';
const { createReadStream } = require('node:fs');
const { createRequire } = require('node:module');
// beian-elements is ESM: Node ≥ 20.19 require()s it, while import() is unavailable in the vm Hexo runs scripts in.
const { explain, parseFiling, renderBadgeHTML } = require('beian-elements/core');
// A real HTML parser, so that no "<footer" or "</body>" in a script, comment or attribute can mislead us. It is
// beian-elements' own dependency (`beian lint` reads pages with it), so it is resolved from there.
const { parse } = createRequire(require.resolve('beian-elements/package.json'))('parse5');

const NUMBERS = ['icp', 'telecom', 'psb', 'algorithm'];
const KEYS = [...NUMBERS, 'report'];
const MAX_PAGE = 2e6; // characters
const config = hexo.config.beian;
const lang = String(hexo.config.language).startsWith('zh') ? 'zh' : 'en';

/**
 * The page's footer: the last <footer> (or role="contentinfo") that is not the footer of an article, aside, main,
 * nav or section (the HTML rule for which footer is the page's). Themes paint their own layout over anything
 * after their wrapper (landscape's full-height #wrap does), but never over their own footer. Walks from the end
 * without recursion and stops at the first match, which is near the end of a page.
 */
function pageFooter(document) {
  const stack = [document];
  while (stack.length) {
    const node = stack.pop();
    if (node.tagName === 'footer' || node.attrs?.some((a) => a.name === 'role' && a.value === 'contentinfo')) return node;
    if (['article', 'aside', 'main', 'nav', 'section'].includes(node.tagName)) continue;
    for (const child of node.childNodes ?? []) stack.push(child); // a <template>'s content is not among them
  }
  return null;
}

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
  // Inside the theme's footer a <div> (a footer holds no footer), with room around it: a theme whose footer has no
  // padding would leave it flush with the page's edge, which fractional line heights cut off by a pixel. Alone,
  // a strip that clears floats and stacks above positioned layers, so that nothing the theme positions covers it.
  const inside = `<div class="beian" style="padding:0 .5em .5em">${footer}</div>${script}`;
  const strip = `<footer class="beian" style="clear:both;position:relative;z-index:1;text-align:center;padding:1em">${footer}</footer>${script}`;

  // after_render:html also sees post bodies and other fragments: only a whole page, with its </body>, gets one.
  hexo.extend.filter.register('after_render:html', (html, locals) => {
    // Our script already there: a page filtered twice, or a theme that took it in by hand.
    if (typeof html !== 'string' || !html.includes('</body>') || html.includes(script)) return html;
    // Parsing costs about a millisecond per 10 kB: a page past 2 MB is left as it is, said, rather than guessed at.
    if (html.length > MAX_PAGE) {
      hexo.log.warn(`beian: ${locals?.path} is over ${MAX_PAGE / 1e6} MB: no footer added there; put one in by hand`);
      return html;
    }
    const document = parse(html, { sourceCodeLocationInfo: true });
    const body = document.childNodes.find((n) => n.tagName === 'html')?.childNodes.find((n) => n.tagName === 'body');
    const bodyEnd = body?.sourceCodeLocation?.endTag;
    if (!bodyEnd) return html; // "</body>" only inside text or a script: not a page we can place anything in
    const footerEnd = pageFooter(body)?.sourceCodeLocation?.endTag; // none if the footer was left unclosed
    const [at, block] = footerEnd ? [footerEnd.startOffset, inside] : [bodyEnd.startOffset, strip];
    return html.slice(0, at) + block + html.slice(at);
  });
  const bundle = require.resolve('beian-elements/cdn/beian-badge.js');
  hexo.extend.generator.register('beian-badge', () => ({ path: 'js/beian-badge.js', data: () => createReadStream(bundle) }));
}
