/**
 * A page read as footer parts (text, images, block edges), the neutral form `lintFooter` checks. `PartsReader`
 * takes a page's elements and texts as they come, in document order, and needs neither a tree nor a stack: each
 * element's context (its link, whether it is hidden) is derived from its parent's. So a parser can feed it while
 * it parses and keep nothing of what it has read (the CLI's parse5 reader), and `footerParts` feeds it from a
 * tree (a live DOM, or any tree a `TreeReader` reads).
 */
import { badgeItems, readDeclaration } from './badge-declaration.js';
import type { BadgeNumbers } from './badge-numbers.js';
import type { FooterLink, FooterPart } from './footer.js';
import { hostEntry } from './hosts.js';
import { isHotlinkedIcon } from './links.js';

/** Options of the reading: the host a page is shown on decides what a `<beian-badge>` with a `hosts` map renders. */
export interface PartsOptions {
  readonly host?: string;
}

/** What an element's content inherits. Opaque to callers: they hand back what `element` gave them. */
export interface PartsContext {
  readonly link: FooterLink | null;
  readonly hidden: boolean;
  /** Content that shows nothing of its own: a script, a style, or a badge drawn from its attributes. */
  readonly skip: boolean;
  readonly block: boolean;
  /** The `<beian-badge>` drawn from attributes that this content is inside, if any. */
  readonly badge: DrawnBadge | null;
}

/** A badge drawn from its attributes: whether plain links inside it show its numbers without JavaScript. */
interface DrawnBadge {
  readonly line: number;
  readonly shown: string;
  hasLink: boolean;
}

/** An element's tag (lower case) and attributes, as the reader asks for them. */
export interface ElementInfo {
  readonly tag: string;
  attr(name: string): string | null;
  readonly line: number;
}

const BLOCKS = new Set(
  (
    'address article aside blockquote body br dd div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead tr ul'
  ).split(' '),
);
const SKIPPED = new Set(['script', 'style', 'template', 'head']);
// What a badge is given in its attributes (`report` is read below: present with no value, it means 12377).
const BADGE_ATTRIBUTES = ['icp', 'telecom', 'psb', 'algorithm', 'filings', 'genai', 'vanity', 'contacts'] as const;

export class PartsReader {
  static readonly ROOT: PartsContext = { link: null, hidden: false, skip: false, block: false, badge: null };
  readonly #emit: (part: FooterPart) => void;
  readonly #options: PartsOptions;

  constructor(emit: (part: FooterPart) => void, options: PartsOptions = {}) {
    this.#emit = emit;
    this.#options = options;
  }

  /** An element opens inside `parent`: its own parts are emitted, and the context of its content returned. */
  element(el: ElementInfo, parent: PartsContext): PartsContext {
    const { tag } = el;
    if (parent.skip) {
      if (tag === 'a' && parent.badge) parent.badge.hasLink = true;
      return parent;
    }
    if (SKIPPED.has(tag)) return { ...parent, skip: true, block: false, badge: null };
    if (tag === 'img' || tag === 'svg') {
      // An inline SVG is an icon drawn by the page itself, the safest kind (it cannot break or be hotlinked).
      this.#emit({ type: 'img', src: tag === 'svg' ? 'inline:svg' : el.attr('src'), line: el.line, link: parent.link });
      return { ...parent, skip: true, block: false, badge: null };
    }
    const style = (el.attr('style') ?? '').replace(/\s/g, '').toLowerCase();
    const hidden = parent.hidden || el.attr('hidden') !== null || /display:none|visibility:hidden/.test(style);
    if (tag === 'beian-badge') return this.#badge(el, { ...parent, hidden });
    const block = BLOCKS.has(tag);
    if (block) this.#emit({ type: 'break' });
    return { link: tag === 'a' ? { href: el.attr('href') } : parent.link, hidden, skip: false, block, badge: null };
  }

  text(text: string, line: number, context: PartsContext): void {
    if (!context.skip) this.#emit({ type: 'text', text, line, link: context.link, hidden: context.hidden });
  }

  /** The element whose content had `context` has closed (call once per element, after its content). */
  end(context: PartsContext, parent: PartsContext): void {
    if (context.block) this.#emit({ type: 'break' });
    const { badge } = context;
    if (badge && badge !== parent.badge && !badge.hasLink)
      this.#emit({ type: 'scripted', line: badge.line, shown: badge.shown });
  }

  /**
   * A `<beian-badge>`: from attributes, the parts it renders (each number linked to its official page, the police
   * icon beside the 公安 number) and, with no plain links inside it, L22 when it ends; from wrapped links, those
   * links, which it reads and upgrades. Under a `hosts` map that does not list the host, nothing.
   */
  #badge(el: ElementInfo, frame: PartsContext): PartsContext {
    const own: BadgeNumbers = Object.fromEntries(BADGE_ATTRIBUTES.map((k) => [k, el.attr(k) ?? undefined]));
    const report = el.attr('report');
    if (report !== null) own.report = report || true;
    const hosts = el.attr('hosts');
    const listed = hosts === null ? own : hostEntry(hosts, this.#options.host ?? '', own);
    if (!listed) return { ...frame, skip: true, block: false, badge: null };
    const layout = el.attr('layout');
    const about = layout === 'about';
    const options = { lang: 'zh-CN', app: about || el.attr('app') !== null, about, host: this.#options.host } as const;
    const declaration = readDeclaration(listed, []);
    const { items } = badgeItems(declaration, options);
    this.#emit({ type: 'break' });
    if (!items.length) return { ...frame, skip: false, block: true, badge: null };
    const { line } = el;
    const icon = el.attr('icon-src');
    const { app } = options;
    const text = (content: string, link: FooterLink | null): FooterPart => ({
      type: 'text',
      text: content,
      line,
      link,
      hidden: frame.hidden,
      app,
    });
    items.forEach((item, i) => {
      const link = item.href === null ? null : { href: item.href };
      // Stacked and about layouts put each item on a line of its own; inline ones are separated.
      if (i) this.#emit(layout === 'stacked' || layout === 'about' ? { type: 'break' } : text(' | ', null));
      if (item.label) this.#emit(text(item.label, null));
      if (item.icon) this.#emit({ type: 'img', src: icon && !isHotlinkedIcon(icon) ? icon : 'inline:svg', line, link });
      this.#emit(text(item.text, link));
    });
    this.#emit({ type: 'break' });
    const shown = declaration.numbers.map((n) => n.text).join(' ');
    return { ...frame, skip: true, block: false, badge: { line, shown, hasLink: false } };
  }
}

/** Reads a page tree (parse5 or DOM) without depending on either. */
export interface TreeReader<N> {
  /** Lower-case tag name; null for a text node; any other name (`#document`, `#comment`) walks its children. */
  tag(node: N): string | null;
  children(node: N): Iterable<N>;
  text(node: N): string;
  attr(node: N, name: string): string | null;
  line(node: N): number;
}

/** One element being walked: the rest of its children, and the contexts of its content and of itself. */
interface Frame<N> {
  readonly children: Iterator<N>;
  readonly context: PartsContext;
  readonly parent: PartsContext;
}

/**
 * Flattens a page tree into footer parts, without recursion (pages nest as deep as they like). A
 * `<beian-badge>` given its numbers as attributes is read as what it renders for the page's host.
 */
export function footerParts<N>(root: N, tree: TreeReader<N>, options: PartsOptions = {}): FooterPart[] {
  const parts: FooterPart[] = [];
  const reader = new PartsReader((part) => parts.push(part), options);
  const top = PartsReader.ROOT;
  const stack: Frame<N>[] = [{ children: [root][Symbol.iterator](), context: top, parent: top }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    const next = frame.children.next();
    if (next.done) {
      stack.pop();
      if (stack.length) reader.end(frame.context, frame.parent);
      continue;
    }
    const node = next.value;
    const tag = tree.tag(node);
    if (tag === null) {
      reader.text(tree.text(node), tree.line(node), frame.context);
      continue;
    }
    const context = reader.element(
      { tag, attr: (name) => tree.attr(node, name), line: tree.line(node) },
      frame.context,
    );
    // Skipped content is walked only for the links that may sit in a badge drawn from its attributes.
    if (!context.skip || context.badge)
      stack.push({ children: tree.children(node)[Symbol.iterator](), context, parent: frame.context });
    else reader.end(context, frame.context);
  }
  return parts;
}
