/**
 * Footer lint (`domain-spec.md` §7): the rules that look at how numbers are shown in a page, decided on a neutral
 * list of text, link and image parts so that the same checks serve parsed HTML (the CLI, with parse5) and a live
 * DOM (`domReader`, for pages in the browser) without touching either.
 */
import { findFilings } from './find.js';
import { classifyLink, isHotlinkedIcon, type LinkInfo } from './links.js';
import type { Filing, ParseOptions } from './parse.js';
import { diagnose, type Diagnostic, type RuleId, type Severity } from './rules.js';

/** An `<a>` of the page; parts inside the same anchor share the same object. */
export interface FooterLink {
  readonly href: string | null;
}

export type FooterPart =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly line: number;
      readonly link: FooterLink | null;
      readonly hidden: boolean;
      /** Shown as an app's numbers (a badge with `app` or the about layout): its -nA number is right there (L16). */
      readonly app?: boolean;
    }
  | { readonly type: 'img'; readonly src: string | null; readonly line: number; readonly link: FooterLink | null }
  /** The edge of a block (`<p>`, `<div>`, `<br>` …): numbers never continue across it. */
  | { readonly type: 'break' }
  /** Numbers that only a script shows: a `<beian-badge>` given them as attributes, with no plain links inside. */
  | { readonly type: 'scripted'; readonly line: number; readonly shown: string };

export interface FooterFinding extends Diagnostic {
  /** 1-based line in the source, when known (0 otherwise). */
  readonly line: number;
  /** The number as shown ('' for a finding about the whole page). */
  readonly text: string;
}

export interface FooterItem {
  readonly filing: Filing;
  readonly line: number;
  /** The anchor the number sits in, or null. */
  readonly link: FooterLink | null;
  /** The number is in hidden content. */
  readonly hidden: boolean;
  /** This number's findings: its own diagnostics, then how it is linked and shown. */
  readonly findings: readonly FooterFinding[];
}

export interface FooterReport {
  /** Every filing number found, in document order. */
  readonly items: readonly FooterItem[];
  /** Every finding in document order: the items', then those about the page as a whole. */
  readonly findings: readonly FooterFinding[];
}

/** What a page is linted for, beyond how its numbers parse. */
export interface LintOptions extends ParseOptions {
  /** The page is a site's home page (domain-spec §7.1): it must show an ICP or 公安 number (L26). */
  readonly home?: boolean;
  /** Kinds the page must show, whatever page it is: each one missing is an L26 error. */
  readonly require?: readonly RequiredKind[];
}

/** `icp`: an ICP filing or licence number; `psb`: a 公安 number. */
export type RequiredKind = 'icp' | 'psb';

const BREAK = '\u001f';
const ICP_KINDS = new Set(['icp-filing', 'icp-licence']);

interface Span {
  start: number;
  end: number;
  line: number;
  text: string;
  link: FooterLink | null;
  hidden: boolean;
  app: boolean;
}
interface Image {
  at: number;
  src: string | null;
  link: FooterLink | null;
}

/** The page's parts as one text, with where each text part and image sits in it. */
class Page {
  text = '';
  readonly spans: Span[] = [];
  readonly images: Image[] = [];
  /** Offsets of the block breaks in `text`, ascending. */
  readonly breakAt: number[] = [];
  readonly linkImages = new Map<FooterLink, Image[]>();
  readonly scripted: FooterFinding[] = [];

  constructor(parts: readonly FooterPart[]) {
    for (const part of parts) this.#add(part);
  }

  #add(part: FooterPart): void {
    const at = this.text.length;
    switch (part.type) {
      case 'text':
        this.spans.push({
          start: at,
          end: at + part.text.length,
          line: part.line,
          text: part.text,
          link: part.link,
          hidden: part.hidden,
          app: !!part.app,
        });
        this.text += part.text;
        return;
      case 'img': {
        const image = { at, src: part.src, link: part.link };
        this.images.push(image);
        if (part.link) this.linkImages.set(part.link, [...(this.linkImages.get(part.link) ?? []), image]);
        return;
      }
      case 'scripted':
        this.scripted.push({ ...diagnose('L22', '', { shown: part.shown }), line: part.line, text: part.shown });
        return;
      default:
        // (Not text.endsWith: on a text built by appending, that would flatten it at every break.)
        if (this.breakAt[this.breakAt.length - 1] === at - 1) return;
        this.breakAt.push(at);
        this.text += BREAK;
    }
  }

  /** How many block breaks lie between two offsets. */
  breaks(from: number, to: number): number {
    return lowerBound(this.breakAt, to) - lowerBound(this.breakAt, from);
  }
}

/** The first index of a sorted array whose value is at least `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Finds the filing numbers among a page's parts and checks how each is linked and shown. Linear in the page:
 * numbers come in document order, so the text parts covering each are found by a cursor that only moves forward.
 */
export function lintFooter(parts: readonly FooterPart[], options: LintOptions = {}): FooterReport {
  const page = new Page(parts);
  const found = findFilings(page.text, options);
  const cover = new Cover(page.spans);
  const items = found.map(({ start, end, filing }, i): FooterItem => {
    const covering = cover.spans(start, end);
    const line = cover.line(start);
    const link = covering.find((s) => s.link)?.link ?? null;
    const hidden = covering.some((s) => s.hidden);
    const own = [...filing.diagnostics];
    // A placeholder (`备案中`) is no number yet: how it is linked and iconed waits for the real one.
    if (!isPending(filing)) {
      own.push(...linkRules(filing, link && classifyLink(link.href)));
      if (filing.kind === 'psb')
        own.push(
          ...iconRules(
            nearImages(page, link, start, end, found[i - 1]?.end ?? 0, found[i + 1]?.start ?? page.text.length),
          ),
        );
    }
    own.push(
      ...shownRules(
        filing,
        hidden,
        covering.some((s) => s.app),
      ),
    );
    return { filing, line, link, hidden, findings: own.map((d) => ({ ...d, line, text: filing.display })) };
  });
  const findings = [...items.flatMap((i) => i.findings), ...page.scripted, ...pageRules(items, options)];
  return { items, findings };
}

/** The text parts over a range of the page's text, for ranges asked in ascending order. */
class Cover {
  #next = 0;
  // Where the last line count stopped, so counting the lines of many numbers in one text part stays linear.
  #counted = { span: -1, offset: 0, line: 0 };

  constructor(readonly all: readonly Span[]) {}

  spans(start: number, end: number): Span[] {
    while (this.#next < this.all.length && this.all[this.#next].end <= start) this.#next++;
    const covering: Span[] = [];
    for (let i = this.#next; i < this.all.length && this.all[i].start < end; i++) covering.push(this.all[i]);
    return covering;
  }

  /** The source line of an offset inside the current text part (its start line, plus the newlines before it). */
  line(at: number): number {
    const index = this.#next;
    const span = this.all[index];
    if (!span) return 0;
    const counted = this.#counted;
    if (counted.span !== index) Object.assign(counted, { span: index, offset: span.start, line: span.line });
    for (let i = counted.offset - span.start; i < at - span.start; i++)
      if (span.text.charCodeAt(i) === 10) counted.line++;
    counted.offset = Math.max(counted.offset, at);
    return counted.line;
  }
}

/**
 * The images that go with a 公安 number: those inside its link, those before it in its block or the one before
 * (the icon often sits on a line of its own), and those after it in its block, up to the neighbouring numbers.
 */
function nearImages(
  page: Page,
  link: FooterLink | null,
  start: number,
  end: number,
  previous: number,
  next: number,
): Image[] {
  const near = new Set(link ? page.linkImages.get(link) : []);
  const { images } = page;
  for (let k = firstImageAt(images, start + 1) - 1; k >= 0; k--) {
    const img = images[k];
    if (img.at < previous || page.breaks(img.at, start) > 1) break;
    near.add(img);
  }
  for (let k = firstImageAt(images, end); k < images.length; k++) {
    const img = images[k];
    if (img.at > next || page.breaks(end, img.at) > 0) break;
    near.add(img);
  }
  return [...near];
}

/** The index of the first image at or after an offset (images are in page order). */
function firstImageAt(images: readonly Image[], at: number): number {
  let lo = 0;
  let hi = images.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (images[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How a number is linked; `anchor` is null when it is in no `<a>` at all. A 公安 number in no anchor is L23; one
 * in an anchor that goes nowhere (no href, `#`, `javascript:`) is a broken link to its record, L04.
 */
function linkRules(filing: Filing, anchor: LinkInfo | null): Diagnostic[] {
  const say = (rule: RuleId, detail = '', args = {}, severity?: Severity) => [
    diagnose(rule, detail, { shown: filing.display, ...args }, severity),
  ];
  if (anchor === null && filing.kind === 'psb') return say('L23');
  const link = anchor ?? classifyLink(null);
  const toMps = link.target === 'mps' || link.target === 'mps-legacy';
  // A retired MIIT address is dead whatever the number (§7.1).
  if (link.target === 'miit-dead') return say('L02');
  if (ICP_KINDS.has(filing.kind)) {
    if (link.target === 'miit' || (link.target === 'miit-licences' && filing.kind === 'icp-licence')) return [];
    return toMps ? say('L03', 'icp') : say('L01');
  }
  if (filing.kind !== 'psb') return toMps ? say('L03', 'other') : [];
  switch (link.target) {
    case 'miit':
    case 'miit-licences':
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
      return [
        ...say('L04', 'legacy', {}, 'warn'),
        ...(/^\d{12,13}$/.test(link.code) ? [] : compareCode(filing, link.code, say)),
      ];
    default:
      return say('L04');
  }
}

function compareCode(
  filing: Filing,
  linked: string,
  say: (rule: RuleId, detail?: string, args?: object) => Diagnostic[],
): Diagnostic[] {
  if (!/^\d{14}$/.test(linked)) return say('L04', 'malformed', { code: linked });
  return filing.psbCode !== null && linked !== filing.psbCode ? say('L05', '', { code: linked }) : [];
}

function iconRules(near: readonly Image[]): Diagnostic[] {
  if (near.length === 0) return [diagnose('L12')];
  if (near.some((img) => !img.src?.trim())) return [diagnose('L12', 'empty')];
  const hot = near.find((img) => isHotlinkedIcon(img.src!));
  return hot ? [diagnose('L12', 'hotlink', { src: hot.src! })] : [];
}

/** How a number is shown: an app's number in a site footer (not on an app's own page), a subject number, hidden content. */
function shownRules(filing: Filing, hidden: boolean, app: boolean): Diagnostic[] {
  const shown = { shown: filing.display };
  const found: Diagnostic[] = [];
  if (filing.kind === 'icp-filing' && filing.suffixKind && !app)
    found.push(diagnose('L16', filing.suffixKind === 'app' ? '' : 'miniapp', shown));
  // Independent of a missing 号 (L06): a subject number is one, with or without it (§7.1).
  if (filing.kind === 'icp-filing' && filing.normalized !== null && filing.site === null)
    found.push(diagnose('L17', '', shown));
  if (hidden) found.push(diagnose('L20', '', shown));
  return found;
}

/** What the page as a whole must show: a home page some number (L26), and every kind `require` names. */
function pageRules(items: readonly FooterItem[], options: LintOptions): FooterFinding[] {
  const shown = new Set(items.filter(isShown).map((i) => (i.filing.kind === 'psb' ? 'psb' : 'icp')));
  const page = (detail: string) => ({ ...diagnose('L26', detail), line: 0, text: '' });
  const missing = (options.require ?? []).filter((kind) => !shown.has(kind));
  if (missing.length) return missing.map(page);
  return options.home && shown.size === 0 ? [page('')] : [];
}

/** A visible ICP or 公安 number that is a number (not a pending placeholder). */
function isShown(item: FooterItem): boolean {
  const { kind } = item.filing;
  return (ICP_KINDS.has(kind) || kind === 'psb') && !item.hidden && !isPending(item.filing);
}

/** A number shown as pending (`备案中`, `京ICP备-号`): a placeholder, not a number (L11, §7.1). */
function isPending(filing: Filing): boolean {
  return filing.diagnostics.some((d) => d.rule === 'L11' && d.detail === 'pending');
}
