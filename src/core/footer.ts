/**
 * Footer lint (`domain-spec.md` §7): the rules that look at how numbers are shown in a page, decided on a neutral
 * list of text, link and image parts so that the same checks serve parsed HTML (the CLI) and a live DOM (the
 * badge's light-DOM enhancement) without touching either.
 */
import { classifyLink, isHotlinkedIcon, type LinkInfo } from './links.js';
import { findFilings, type Filing, type ParseOptions } from './parse.js';
import { diagnose, type Diagnostic } from './rules.js';

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
    if (filing.kind === 'icp-filing' && filing.suffixKind) {
      own.push(diagnose('L16', `${filing.display} is an ${filing.suffixKind === 'app' ? 'App' : 'mini-program'} number, shown in a website footer.`,
        `${filing.display} 是${filing.suffixKind === 'app' ? 'App' : '小程序'}备案号，却展示在网站页脚。`));
    }
    if (filing.kind === 'icp-filing' && filing.valid && filing.site === null) {
      own.push(diagnose('L17', `${filing.display} is the subject number; most provinces expect the site number (…号-N).`,
        `${filing.display} 是主体备案号，多数地区要求展示网站备案号（…号-N）。`));
    }
    if (covering.some((s) => s.hidden)) {
      own.push(diagnose('L20', `${filing.display} is hidden from view.`, `${filing.display} 被隐藏，访客看不到。`));
    }
    return { filing, line, link, findings: own.map((d) => ({ ...d, line, text: filing.display })) };
  });
  return { items, findings: items.flatMap((i) => i.findings) };
}

function breaks(text: string, from: number, to: number): number {
  return text.slice(from, to).split(BREAK).length - 1;
}

function linkRules(filing: Filing, link: LinkInfo): Diagnostic[] {
  const shown = filing.display;
  if (ICP_KINDS.has(filing.kind)) {
    switch (link.target) {
      case 'miit':
        return [];
      case 'miit-dead':
        return [diagnose('L02', `${shown} links to a dead MIIT address.`, `${shown} 链接到已停用的工信部旧地址。`)];
      case 'mps':
      case 'mps-legacy':
        return [diagnose('L03', `${shown} is an ICP number linked to the 公安 platform.`, `${shown} 是ICP备案号，却链接到公安备案平台。`)];
      default:
        return [diagnose('L01', `${shown} is not linked to beian.miit.gov.cn.`, `${shown} 未链接到 beian.miit.gov.cn。`)];
    }
  }
  if (filing.kind !== 'psb') {
    return link.target === 'mps' || link.target === 'mps-legacy'
      ? [diagnose('L03', `${shown} is linked to the 公安 platform.`, `${shown} 被链接到公安备案平台。`)]
      : [];
  }
  const code = filing.psbCode;
  switch (link.target) {
    case 'miit':
    case 'miit-dead':
      return [diagnose('L03', `${shown} is a 公安 number linked to the MIIT site.`, `${shown} 是公安备案号，却链接到工信部网站。`)];
    case 'mps':
      if (link.code === null) {
        const wrong = link.params.find((p) => p !== 'code');
        return [diagnose('L04', wrong ? `${shown}: the link uses "${wrong}=" instead of "code=".` : `${shown}: the link does not carry the code.`,
          wrong ? `${shown}：链接参数应为“code=”，而非“${wrong}=”。` : `${shown}：链接缺少备案编号。`)];
      }
      return compareCode(shown, code, link.code);
    case 'mps-legacy':
      if (link.code === null) {
        return [diagnose('L04', `${shown} links to the retired www.beian.gov.cn without a record code.`, `${shown} 链接到已停用的 www.beian.gov.cn，且缺少备案编号。`)];
      }
      return [
        diagnose('L04', `${shown} links to the retired www.beian.gov.cn; use beian.mps.gov.cn.`, `${shown} 链接到已停用的 www.beian.gov.cn，应改为 beian.mps.gov.cn。`, 'warn'),
        ...compareCode(shown, code, link.code),
      ];
    default:
      return [diagnose('L04', `${shown} is not linked to its record on beian.mps.gov.cn.`, `${shown} 未链接到全国互联网安全管理平台的备案记录。`)];
  }
}

function compareCode(shown: string, code: string | null, linked: string): Diagnostic[] {
  if (!/^\d{14}$/.test(linked)) {
    return [diagnose('L04', `${shown}: the link's code "${linked}" is not 14 digits.`, `${shown}：链接中的编号“${linked}”不是14位数字。`)];
  }
  if (code !== null && linked !== code) {
    return [diagnose('L05', `${shown}: the link's code ${linked} differs from the number shown.`, `${shown}：链接中的编号 ${linked} 与显示的编号不一致。`)];
  }
  return [];
}

function iconRules(near: readonly Image[]): Diagnostic[] {
  if (near.length === 0) return [diagnose('L12', 'No police icon next to the 公安 number.', '公安备案号旁没有公安备案图标。')];
  if (near.some((img) => !img.src?.trim())) return [diagnose('L12', 'The police icon has an empty src.', '公安备案图标的 src 为空。')];
  const hot = near.find((img) => isHotlinkedIcon(img.src!));
  if (hot) return [diagnose('L12', `The police icon hotlinks ${hot.src}, which breaks on the platform's next release.`, `公安备案图标盗链 ${hot.src}，平台更新后会失效。`)];
  return [];
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
    if (tag === 'img') {
      parts.push({ type: 'img', src: tree.attr(node, 'src'), line: tree.line(node), link });
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
