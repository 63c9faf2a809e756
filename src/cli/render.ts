/**
 * `beian lint --render`: a page read as a visitor sees it, after its scripts ran. Chromium lays the page out; a
 * script in the page reads the rendered tree (shadow roots and slotted content included, custom elements as
 * what they render) into plain nodes, with the page's layout decided there: block boxes become `div`, inline
 * ones `span`, what is not visible gets `hidden` (L20). That tree is linted in Node like any other.
 */
import type { Browser } from 'playwright-core';
import { footerParts, lintFooter, type FooterReport, type LintOptions, type TreeReader } from '../core/index.js';
import { InputError } from './errors.js';
import { pageFindings } from './report.js';

/** A node of the rendered page: `tag` null for text. */
export interface RenderedNode {
  readonly tag: string | null;
  readonly attrs: { readonly href?: string; readonly src?: string; readonly hidden?: string };
  readonly text: string;
  readonly children: RenderedNode[];
}

/** One node as the page script sends it: parent index, tag (null: text), href, src, hidden (1), text. */
type Row = [parent: number, tag: string | null, href: string | null, src: string | null, hidden: 0 | 1, text: string];

// Runs in the page, as source text: a function passed to evaluate() would be serialised after tsx or the bundler
// rewrote it (helpers such as __name that do not exist in the page). Iterative, because pages nest 100,000 deep;
// rows in document order, each naming its parent, so nothing on either side recurses over the depth.
const READ_RENDERED_TREE = `(() => {
  const SKIPPED = new Set(['script', 'style', 'template', 'head', 'noscript', 'iframe', 'object', 'input', 'textarea', 'select']);
  const rows = [];
  const pending = [[document.documentElement, -1]];
  while (pending.length) {
    const [node, parent] = pending.pop();
    if (node.nodeType === Node.TEXT_NODE) {
      let at = parent;
      if (node.data.trim()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        // Text with no size (font-size: 0) or moved off the page (text-indent: -9999px, left: -9999px) is not seen.
        if (r.width === 0 || r.height === 0 || r.right + scrollX <= 0 || r.bottom + scrollY <= 0) at = rows.push([parent, 'span', null, null, 1, '']) - 1;
      }
      rows.push([at, null, null, null, 0, node.data]);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const name = node.localName;
    if (SKIPPED.has(name)) continue;
    const style = getComputedStyle(node);
    const display = style.display;
    const inline = display === 'contents' || display.startsWith('inline') || display.startsWith('ruby') || display === 'none';
    let hidden = 0;
    if (display !== 'contents' && name !== 'br') {
      // A box that clips its content to (almost) nothing: height: 0, or the 1px screen-reader-only pattern. Only
      // boxes that clip are measured: measuring every box costs seconds on a deep page.
      const clipped = style.overflow !== 'visible' && ((r) => r.width <= 1 || r.height <= 1)(node.getBoundingClientRect());
      // checkOpacity and checkVisibilityCSS: the same options under their names before Chromium 121.
      hidden = !node.checkVisibility({ opacityProperty: true, visibilityProperty: true, checkOpacity: true, checkVisibilityCSS: true }) || clipped ? 1 : 0;
    }
    let self;
    if (name === 'a' || name === 'img' || name === 'svg' || name === 'br') {
      const href = name === 'a' ? node.getAttribute('href') : null;
      const src = name === 'img' ? node.getAttribute('src') : null;
      // A link laid out as a block still breaks numbers apart: it sits in a block of its own.
      const at = name === 'a' && !inline ? rows.push([parent, 'div', null, null, 0, '']) - 1 : parent;
      self = rows.push([at, name, href, src, hidden, '']) - 1;
      if (name !== 'a') continue;
    } else {
      self = rows.push([parent, inline ? 'span' : 'div', null, null, hidden, '']) - 1;
    }
    let children = node.childNodes;
    if (node.shadowRoot) children = node.shadowRoot.childNodes;
    else if (name === 'slot' && node.assignedNodes().length) children = node.assignedNodes();
    for (let i = children.length - 1; i >= 0; i--) pending.push([children[i], self]);
  }
  return JSON.stringify(rows);
})()`;

/** Loads a page (http, https or file URL) and reads its rendered tree, within the time limit. */
export async function renderPage(
  browser: Browser,
  url: string,
  input: string,
  timeoutMs: number,
): Promise<RenderedNode> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  let timer: NodeJS.Timeout | undefined;
  // The deadline covers the page's own scripts too: a page that loops forever would hang evaluate() otherwise.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new InputError(
            input,
            `${input} did not finish rendering within ${timeoutMs / 1000} s; try a larger --timeout`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([readRendered(context, url, input, timeoutMs), deadline]);
  } finally {
    clearTimeout(timer);
    await context.close();
  }
}

async function readRendered(
  context: Awaited<ReturnType<Browser['newContext']>>,
  url: string,
  input: string,
  timeoutMs: number,
): Promise<RenderedNode> {
  const page = await context.newPage();
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  } catch (e) {
    throw new InputError(input, `cannot render ${input}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (response && response.status() >= 400)
    throw new InputError(input, `${input} answered HTTP ${response.status()}; lint a page that exists`);
  // Scripts that fetch the footer after load: give them a moment of network quiet, no more than the time left.
  await page.waitForLoadState('networkidle', { timeout: Math.min(2000, timeoutMs) }).catch(() => undefined);
  return treeFromRows(JSON.parse(await page.evaluate<string>(READ_RENDERED_TREE)) as Row[]);
}

/** Builds the tree from the page's rows (each after its parent), under a document node. */
export function treeFromRows(rows: readonly Row[]): RenderedNode {
  const root: RenderedNode = { tag: '#document', attrs: {}, text: '', children: [] };
  const nodes: RenderedNode[] = [];
  for (const [parent, tag, href, src, hidden, text] of rows) {
    const attrs = { ...(href !== null && { href }), ...(src !== null && { src }), ...(hidden && { hidden: '' }) };
    const node = { tag, attrs, text, children: [] };
    nodes.push(node);
    (parent < 0 ? root : nodes[parent]).children.push(node);
  }
  return root;
}

const reader: TreeReader<RenderedNode> = {
  tag: (node) => node.tag,
  children: (node) => node.children,
  text: (node) => node.text,
  attr: (node, name) => node.attrs[name as keyof RenderedNode['attrs']] ?? null,
  // A rendered node has no source line; lintRendered borrows them from the served HTML.
  line: () => 0,
};

/**
 * Lints a rendered tree. Lines come from the served HTML's report (`served`), matched by number in page order,
 * and its L22 findings are kept: they are about the HTML as served, which a crawler reads without scripts, and
 * the rendered tree, where the badge has drawn its links, can no longer show them.
 */
export function lintRendered(root: RenderedNode, options: LintOptions, served: FooterReport): FooterReport {
  const rendered = lintFooter(footerParts(root, reader, options), options);
  const lines = new Map<string, number[]>();
  for (const item of served.items)
    lines.set(item.filing.display, [...(lines.get(item.filing.display) ?? []), item.line]);
  const items = rendered.items.map((item) => {
    const line = lines.get(item.filing.display)?.shift() ?? 0;
    return { ...item, line, findings: item.findings.map((f) => ({ ...f, line })) };
  });
  return {
    items,
    findings: [
      ...items.flatMap((i) => i.findings),
      ...pageFindings(rendered),
      ...served.findings.filter((f) => f.rule === 'L22'),
    ],
  };
}
