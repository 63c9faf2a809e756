/**
 * Footer lint (`domain-spec.md` §7): the rules that look at how numbers are shown in a page, decided on a neutral
 * list of text, link and image parts so that the same checks serve parsed HTML (the CLI, with parse5) and a live
 * DOM (`domReader`, for pages in the browser) without touching either.
 */
import { classifyLink, isHotlinkedIcon, type LinkInfo } from './links.js';
import { findFilings } from './find.js';
import type { Filing, ParseOptions } from './parse.js';
import { diagnose, type Diagnostic, type RuleId, type Severity } from './rules.js';

/** An `<a>` of the page; parts inside the same anchor share the same object. */
export interface FooterLink {
  readonly href: string | null;
}

export type FooterPart =
  | { readonly type: 'text'; readonly text: string; readonly line: number; readonly link: FooterLink | null; readonly hidden: boolean }
  | { readonly type: 'img'; readonly src: string | null; readonly line: number; readonly link: FooterLink | null }
  /** The edge of a block (`<p>`, `<div>`, `<br>` …): numbers never continue across it. */
  | { readonly type: 'break' };

export interface FooterFinding extends Diagnostic {
  /** 1-based line in the source, when known (0 otherwise). */
  readonly line: number;
  /** The number as shown. */
  readonly text: string;
}

export interface FooterItem {
  readonly filing: Filing;
  readonly line: number;
  /** The anchor the number sits in, or null. */
  readonly link: FooterLink | null;
  /** This number's findings: its own diagnostics, then how it is linked and shown. */
  readonly findings: readonly FooterFinding[];
}

export interface FooterReport {
  /** Every filing number found, in document order. */
  readonly items: readonly FooterItem[];
  /** Every item's findings, in document order. */
  readonly findings: readonly FooterFinding[];
}

const BREAK = '\u001f';
const ICP_KINDS = new Set(['icp-filing', 'icp-licence']);

interface Span { start: number; end: number; line: number; text: string; link: FooterLink | null; hidden: boolean }
interface Image { at: number; src: string | null; line: number; link: FooterLink | null }

/** Finds the filing numbers among a page's parts and checks how each is linked and shown. */
export function lintFooter(parts: readonly FooterPart[], options: ParseOptions = {}): FooterReport {
  let text = '';
  const spans: Span[] = [];
  const images: Image[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      spans.push({ start: text.length, end: text.length + part.text.length, line: part.line, text: part.text, link: part.link, hidden: part.hidden });
      text += part.text;
    } else if (part.type === 'img') {
      images.push({ at: text.length, src: part.src, line: part.line, link: part.link });
    } else if (!text.endsWith(BREAK)) {
      text += BREAK;
    }
  }

  const found = findFilings(text, options);
  const items = found.map(({ start, end, filing }, i): FooterItem => {
    const covering = spans.filter((s) => s.end > start && s.start < end);
    const first = covering[0];
    const line = first ? first.line + (first.text.slice(0, start - first.start).match(/\n/g)?.length ?? 0) : 0;
    const link = covering.find((s) => s.link)?.link ?? null;
    const own = [...filing.diagnostics, ...linkRules(filing, classifyLink(link?.href ?? null))];
    if (filing.kind === 'psb') {
      const near = images.filter((img) =>
        (link && img.link === link) ||
        (img.at <= start && img.at >= (found[i - 1]?.end ?? 0) && breaks(text, img.at, start) <= 1) ||
        (img.at >= end && img.at <= (found[i + 1]?.start ?? text.length) && breaks(text, end, img.at) === 0));
      own.push(...iconRules(near));
    }
    const shown = { shown: filing.display };
    if (filing.kind === 'icp-filing' && filing.suffixKind) own.push(diagnose('L16', filing.suffixKind === 'app' ? '' : 'miniapp', shown));
    if (filing.kind === 'icp-filing' && filing.valid && filing.site === null) own.push(diagnose('L17', '', shown));
    if (covering.some((s) => s.hidden)) own.push(diagnose('L20', '', shown));
    return { filing, line, link, findings: own.map((d) => ({ ...d, line, text: filing.display })) };
  });
  return { items, findings: items.flatMap((i) => i.findings) };
}

function breaks(text: string, from: number, to: number): number {
  return text.slice(from, to).split(BREAK).length - 1;
}

function linkRules(filing: Filing, link: LinkInfo): Diagnostic[] {
  const say = (rule: RuleId, detail = '', args = {}, severity?: Severity) =>
    [diagnose(rule, detail, { shown: filing.display, ...args }, severity)];
  const toMps = link.target === 'mps' || link.target === 'mps-legacy';
  if (ICP_KINDS.has(filing.kind)) {
    if (link.target === 'miit') return [];
    if (link.target === 'miit-dead') return say('L02');
    return toMps ? say('L03', 'icp') : say('L01');
  }
  if (filing.kind !== 'psb') return toMps ? say('L03', 'other') : [];
  switch (link.target) {
    case 'miit':
    case 'miit-dead':
      return say('L03', 'psb');
    case 'mps':
      if (link.code === null) {
        const param = link.params.find((p) => p !== 'code');
        return param ? say('L04', 'param', { param }) : say('L04', 'nocode');
      }
      return compareCode(filing, link.code, say);
    case 'mps-legacy':
      if (link.code === null) return say('L04', 'legacy-nocode');
      // A legacy number's own 12-digit code is what the retired link carried: only the host is the problem then.
      return [...say('L04', 'legacy', {}, 'warn'), ...(/^\d{12,13}$/.test(link.code) ? [] : compareCode(filing, link.code, say))];
    default:
      return say('L04');
  }
}

function compareCode(filing: Filing, linked: string, say: (rule: RuleId, detail?: string, args?: object) => Diagnostic[]): Diagnostic[] {
  if (!/^\d{14}$/.test(linked)) return say('L04', 'malformed', { code: linked });
  return filing.psbCode !== null && linked !== filing.psbCode ? say('L05', '', { code: linked }) : [];
}

function iconRules(near: readonly Image[]): Diagnostic[] {
  if (near.length === 0) return [diagnose('L12')];
  if (near.some((img) => !img.src?.trim())) return [diagnose('L12', 'empty')];
  const hot = near.find((img) => isHotlinkedIcon(img.src!));
  return hot ? [diagnose('L12', 'hotlink', { src: hot.src! })] : [];
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

const BLOCKS = new Set(('address article aside blockquote body br dd div dl dt fieldset figcaption figure footer form ' +
  'h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead tr ul').split(' '));
const SKIPPED = new Set(['script', 'style', 'template', 'head']);

/** Flattens a page tree into footer parts. */
export function footerParts<N>(root: N, tree: TreeReader<N>): FooterPart[] {
  const parts: FooterPart[] = [];
  const walk = (node: N, link: FooterLink | null, hidden: boolean): void => {
    const tag = tree.tag(node);
    if (tag === null) {
      parts.push({ type: 'text', text: tree.text(node), line: tree.line(node), link, hidden });
      return;
    }
    if (SKIPPED.has(tag)) return;
    if (tag === 'img' || tag === 'svg') {
      // An inline SVG is an icon drawn by the page itself, the safest kind (it cannot break or be hotlinked).
      parts.push({ type: 'img', src: tag === 'svg' ? 'inline:svg' : tree.attr(node, 'src'), line: tree.line(node), link });
      return;
    }
    const style = (tree.attr(node, 'style') ?? '').replace(/\s/g, '').toLowerCase();
    const nowHidden = hidden || tree.attr(node, 'hidden') !== null || /display:none|visibility:hidden/.test(style);
    const nowLink = tag === 'a' ? { href: tree.attr(node, 'href') } : link;
    const block = BLOCKS.has(tag);
    if (block) parts.push({ type: 'break' });
    for (const child of tree.children(node)) walk(child, nowLink, nowHidden);
    if (block) parts.push({ type: 'break' });
  };
  walk(root, null, false);
  return parts;
}
