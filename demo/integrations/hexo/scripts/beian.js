/**
 * The filing footer and the query form for Hexo, with no theme edits. Copy this file to your site's `scripts/`, run
 * `npm install beian-elements`, and set `beian:` (icp, psb, and optionally telecom, algorithm, report; lookup for
 * the form) in `_config.yml`. Then:
 * - a filter puts the plain, compliant links (they work without JavaScript) at the end of the theme's own page
 *   footer, or, where the theme has none, in a strip of their own before `</body>`;
 * - a generator serves the self-hosted bundle from the installed package at `/js/beian-badge.js`, which upgrades
 *   them to `<beian-badge>` (one file from your own host, no foreign CDN);
 * - the tag `{% beian_query %}` puts the public query form in a post or page: `<beian-query>` around links to the
 *   official query sites (what visitors without JavaScript see), asking the lookup service `beian.lookup`. Options
 *   as `name:value`, as in Hexo's own `{% codeblock lang:js %}`: `lookup:https://…/v1`, `lang:en`, `mode:psb`,
 *   `type:app`, and `url-state` (keep the search in the page's URL). The filter adds the form's script,
 *   `/js/beian-query.js` (also served from the package), once to each page that has a form.
 */
'use strict';
const { createReadStream } = require('node:fs');
const { createRequire } = require('node:module');
// beian-elements is ESM: Node ≥ 20.19 require()s it, while import() is unavailable in the vm Hexo runs scripts in.
const { explain, parseFiling, renderBadgeHTML, renderQueryHTML } = require('beian-elements/core');
// A real HTML parser, so that no "<footer" or "</body>" in a script, comment or attribute can mislead us. It is
// beian-elements' own dependency (`beian lint` reads pages with it), so it is resolved from there.
const { parse } = createRequire(require.resolve('beian-elements/package.json'))('parse5');

const NUMBERS = ['icp', 'telecom', 'psb', 'algorithm'];
const KEYS = [...NUMBERS, 'report', 'lookup'];
const MAX_PAGE = 2e6; // characters
const config = hexo.config.beian;
// The site's language (the first, if it has several), which themes put on <html lang> and the form speaks.
const siteLang = [hexo.config.language].flat()[0];
const lang = String(siteLang).startsWith('zh') ? 'zh' : 'en';

/** Whether the parsed page has an element `name` (a tag name in a script or comment is no element). */
function hasElement(document, name) {
  const stack = [document];
  while (stack.length) {
    const node = stack.pop();
    if (node.tagName === name) return true;
    for (const child of node.childNodes ?? []) stack.push(child);
  }
  return false;
}

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
    if (node.tagName === 'footer' || node.attrs?.some((a) => a.name === 'role' && a.value === 'contentinfo'))
      return node;
    if (['article', 'aside', 'main', 'nav', 'section'].includes(node.tagName)) continue;
    for (const child of node.childNodes ?? []) stack.push(child); // a <template>'s content is not among them
  }
  return null;
}

let footer = '';
let footerScript = '';
const noNumbers =
  'beian: no filing numbers to show. Add to _config.yml:\nbeian:\n  icp: 京ICP备2026002630号-1\n  psb: 京公网安备11010602202215号';
if (!config || typeof config !== 'object') {
  hexo.log.warn(noNumbers);
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
  if (!Object.keys(numbers).length) {
    hexo.log.warn(noNumbers); // only a lookup service, say: the form works, and no empty footer is printed
  } else {
    footer = renderBadgeHTML({ ...numbers, report: Boolean(config.report) });
    footerScript = `<script type="module" src="${hexo.config.root}js/beian-badge.js"></script>`;
    const bundle = require.resolve('beian-elements/cdn/beian-badge.js');
    hexo.extend.generator.register('beian-badge', () => ({
      path: 'js/beian-badge.js',
      data: () => createReadStream(bundle),
    }));
  }
}
// Inside the theme's footer a <div> (a footer holds no footer), with room around it: a theme whose footer has no
// padding would leave it flush with the page's edge, which fractional line heights cut off by a pixel. Alone,
// a strip that clears floats and stacks above positioned layers, so that nothing the theme positions covers it.
const inside = `<div class="beian" style="padding:0 .5em .5em">${footer}</div>${footerScript}`;
const strip = `<footer class="beian" style="clear:both;position:relative;z-index:1;text-align:center;padding:1em">${footer}</footer>${footerScript}`;
// The form's script is classic and deferred; with no data- attributes it only defines <beian-query> (with them
// it would put a second form after itself).
const queryScript = `<script src="${hexo.config.root}js/beian-query.js" defer></script>`;

// after_render:html also sees post bodies and other fragments: only a whole page, with its </body>, gets one.
hexo.extend.filter.register('after_render:html', (html, locals) => {
  if (typeof html !== 'string' || !html.includes('</body>')) return html;
  // Our script already there: a page filtered twice, or a theme that took it in by hand.
  const wantsFooter = footer !== '' && !html.includes(footerScript);
  const wantsQuery = html.includes('<beian-query') && !html.includes(queryScript);
  if (!wantsFooter && !wantsQuery) return html;
  // Parsing costs about a millisecond per 10 kB: a page past 2 MB is left as it is, said, rather than guessed at.
  if (html.length > MAX_PAGE) {
    hexo.log.warn(
      `beian: ${locals?.path} is over ${MAX_PAGE / 1e6} MB: no footer or query script added there; put them in by hand`,
    );
    return html;
  }
  const document = parse(html, { sourceCodeLocationInfo: true });
  const body = document.childNodes.find((n) => n.tagName === 'html')?.childNodes.find((n) => n.tagName === 'body');
  const bodyEnd = body?.sourceCodeLocation?.endTag;
  if (!bodyEnd) return html; // "</body>" only inside text or a script: not a page we can place anything in
  const inserts = []; // [offset, text], in the order they stand at one offset
  if (wantsFooter) {
    const footerEnd = pageFooter(body)?.sourceCodeLocation?.endTag; // none if the footer was left unclosed
    inserts.push(footerEnd ? [footerEnd.startOffset, inside] : [bodyEnd.startOffset, strip]);
  }
  if (wantsQuery && hasElement(body, 'beian-query')) inserts.push([bodyEnd.startOffset, queryScript]);
  let out = html;
  for (const [at, text] of inserts.reverse().sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + text + out.slice(at);
  return out;
});

const QUERY_OPTIONS = { lookup: null, lang: null, mode: ['icp', 'psb'], type: ['web', 'app', 'miniapp', 'quickapp'] };
/**
 * `{% beian_query [lookup:…] [lang:…] [mode:icp|psb] [type:web|app|miniapp|quickapp] [url-state] %}`: the form,
 * in the page's language unless `lang:` says otherwise. A wrong option is named in the build log, with the fix.
 */
hexo.extend.tag.register('beian_query', function (args) {
  const where = `beian_query in ${this.source ?? this.path ?? 'a page'}`;
  const options = { lookup: config?.lookup && String(config.lookup), lang: this.lang ?? siteLang };
  for (const arg of args) {
    const [name, value] = arg.includes(':')
      ? [arg.slice(0, arg.indexOf(':')), arg.slice(arg.indexOf(':') + 1)]
      : [arg, null];
    if (name === 'url-state') {
      options.urlState = value === null || value === 'true';
    } else if (!(name in QUERY_OPTIONS) || value === null) {
      hexo.log.warn(
        `${where}: "${arg}" is not an option; use ${Object.keys(QUERY_OPTIONS)
          .map((k) => `${k}:…`)
          .join(', ')} or url-state`,
      );
    } else {
      if (QUERY_OPTIONS[name] && !QUERY_OPTIONS[name].includes(value)) {
        hexo.log.warn(
          `${where}: ${name}:${value} is not one of ${QUERY_OPTIONS[name].map((v) => `${name}:${v}`).join(', ')}`,
        );
      }
      options[name] = value;
    }
  }
  if (!options.lookup) {
    hexo.log.warn(
      `${where}: no lookup service for the form to ask. Add to _config.yml:\nbeian:\n  lookup: https://…/v1\n(or write {% beian_query lookup:https://…/v1 %})`,
    );
  }
  if (options.lang === 'default') delete options.lang; // Hexo's name for "no language set"
  return renderQueryHTML(options);
});
const queryBundle = require.resolve('beian-elements/cdn/beian-query.js');
hexo.extend.generator.register('beian-query', () => ({
  path: 'js/beian-query.js',
  data: () => createReadStream(queryBundle),
}));
