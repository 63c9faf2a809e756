/** Reads an HTML page with a real parser (parse5) into the footer parts that `core` lints. */
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { footerParts, lintFooter, type FooterReport, type LintOptions, type TreeReader } from '../core/index.js';

const reader: TreeReader<T.Node> = {
  tag: (node) => (node.nodeName === '#text' ? null : node.nodeName),
  children: (node) => ('childNodes' in node ? node.childNodes : []),
  text: (node) => (node as T.TextNode).value,
  attr: (node, name) => ('attrs' in node ? node.attrs.find((a) => a.name === name)?.value ?? null : null),
  line: (node) => node.sourceCodeLocation?.startLine ?? 0,
};

/** Lints the filing numbers of an HTML page or fragment. */
export function lintHtml(html: string, options: LintOptions = {}): FooterReport {
  // Scripting off: a <noscript> fallback is parsed as markup, like a browser without JS would show it.
  const document = parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  return lintFooter(footerParts<T.Node>(document, reader, options), options);
}
