/**
 * Reads an HTML page with a real parser (parse5) into the footer parts that `core` lints, while it parses. The
 * tree adapter below hands each element and text to core's `PartsReader` as parse5 inserts it (document order)
 * and lets go of it once it is closed, so memory follows the page's text and its open elements, not its tree.
 */
import { defaultTreeAdapter, parse, type DefaultTreeAdapterTypes as T, type TreeAdapter } from 'parse5';
import {
  lintFooter,
  PartsReader,
  type FooterPart,
  type FooterReport,
  type LintOptions,
  type PartsContext,
} from '../core/index.js';

/** Lints the filing numbers of an HTML page or fragment. */
export function lintHtml(html: string, options: LintOptions = {}): FooterReport {
  return lintFooter(htmlParts(html, options), options);
}

/** The footer parts of an HTML page. */
export function htmlParts(html: string, options: LintOptions = {}): FooterPart[] {
  const parts: FooterPart[] = [];
  const stream = new PartsStream(new PartsReader((part) => parts.push(part), options));
  // Scripting off: a <noscript> fallback is parsed as markup, like a browser without JS would show it.
  parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false, treeAdapter: stream.adapter });
  stream.finish();
  return parts;
}

type Node = T.Node;
type Element = T.Element;
type Text = T.TextNode;
type Location = NonNullable<T.Element['sourceCodeLocation']>;

const base = defaultTreeAdapter;

/**
 * parse5's default tree, kept only as far as the parser still reads it: an element leaves it when it closes, a
 * text once it is read, a comment never enters. Each node's context (and line) lives in a WeakMap beside it.
 */
class PartsStream {
  readonly #reader: PartsReader;
  readonly #contexts = new WeakMap<Node, PartsContext>();
  readonly #locations = new WeakMap<Node, Location>();
  /** The elements parse5 holds open, innermost last: those still open at the end are closed then. */
  readonly #open: Element[] = [];
  /** The text being inserted: parse5 may add to it until something else is inserted. */
  #text: Text | null = null;
  /** An element just inserted: it is void (`<img>`, `<br>`) unless parse5 opens it at once. */
  #inserted: Element | null = null;
  readonly #ended = new WeakSet<Element>();
  readonly adapter: TreeAdapter<T.DefaultTreeAdapterMap>;

  constructor(reader: PartsReader) {
    this.#reader = reader;
    this.adapter = {
      ...base,
      appendChild: (parent, node) => this.#insert(parent, node, () => base.appendChild(parent, node)),
      insertBefore: (parent, node, before) => this.#insert(parent, node, () => base.insertBefore(parent, node, before)),
      insertText: (parent, text) => this.#insertText(parent, text, null),
      insertTextBefore: (parent, text, before) => this.#insertText(parent, text, before),
      // Where a node starts is read (its line), never where it ends.
      setNodeSourceCodeLocation: (node, location) => {
        if (location) this.#locations.set(node, location);
      },
      getNodeSourceCodeLocation: (node) => this.#locations.get(node),
      updateNodeSourceCodeLocation: () => {},
      onItemPush: (element) => {
        if (this.#inserted === element) this.#inserted = null;
        this.#open.push(element);
      },
      onItemPop: (element) => {
        this.#flush();
        const at = this.#open.lastIndexOf(element);
        if (at >= 0) this.#open.splice(at, 1);
        this.#end(element);
        base.detachNode(element);
      },
    };
  }

  /** Closes what the page left open (`html`, `body`, unclosed elements), innermost first. */
  finish(): void {
    this.#flush();
    for (let i = this.#open.length - 1; i >= 0; i--) this.#end(this.#open[i]);
    this.#open.length = 0;
  }

  #insert(parent: T.ParentNode, node: T.ChildNode, attach: () => void): void {
    this.#flush();
    if (base.isCommentNode(node)) return;
    attach();
    // A node parse5 moves (misnested formatting, `<a><div>…</a>`) was read where it first went in.
    if (!base.isElementNode(node) || this.#contexts.has(node)) return;
    const line = this.#line(node);
    const context = this.#reader.element(
      { tag: node.tagName, attr: (name) => attribute(node, name), line },
      this.#context(parent),
    );
    this.#contexts.set(node, context);
    if ('content' in node) this.#contexts.set(node.content, context); // a <template>'s content is skipped with it
    this.#inserted = node;
  }

  #insertText(parent: T.ParentNode, text: string, before: T.ChildNode | null): void {
    const last = before ? parent.childNodes[parent.childNodes.indexOf(before) - 1] : parent.childNodes.at(-1);
    if (this.#text && last === this.#text) {
      this.#text.value += text;
      return;
    }
    this.#flush();
    const node = base.createTextNode(text);
    if (before) base.insertBefore(parent, node, before);
    else base.appendChild(parent, node);
    this.#text = node;
  }

  /** Reads the pending text and a void element's end; both then leave the tree. */
  #flush(): void {
    const text = this.#text;
    if (text) {
      this.#text = null;
      // parse5 builds a text a character at a time, a rope of some 30 bytes per character until something reads
      // it whole: reading one character makes V8 flatten it, to 2 bytes per character at most.
      text.value.charCodeAt(0);
      this.#reader.text(text.value, this.#line(text), this.#context(text.parentNode));
      base.detachNode(text);
    }
    const element = this.#inserted;
    if (element) {
      this.#inserted = null;
      this.#end(element);
      base.detachNode(element);
    }
  }

  #end(element: Element): void {
    if (this.#ended.has(element)) return;
    this.#ended.add(element);
    this.#reader.end(this.#context(element), this.#context(element.parentNode));
  }

  #context(node: Node | null): PartsContext {
    return (node && this.#contexts.get(node)) ?? PartsReader.ROOT;
  }

  #line(node: Node): number {
    return this.#locations.get(node)?.startLine ?? 0;
  }
}

function attribute(element: Element, name: string): string | null {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}
