/**
 * Everything a `<beian-badge>` can be told to show (`domain-spec.md` §5.1), read into footer items: numbers of
 * every kind with their labels, the site's own links where the spec lets it give one, generative-AI models,
 * report links and contacts, vanity numbers after the legal ones, and the about page of an app. Declared in
 * attributes (HTML alone: CMS users cannot set properties), in a `hosts` entry, or by the plain links a badge
 * wraps. The badge loads this only for pages that use more than its first paint draws; `renderBadgeHTML` and
 * the linter use it for every badge.
 */
import { badgeNumbers, type BadgeList, type BadgeNumbers } from './badge-numbers.js';
import { filingItem, type BadgeItem } from './badge-item.js';
import { findFilings } from './find.js';
import type { Lang } from './lang.js';
import { isLicence, LICENCES, licenceOfLabel, type LicenceKind } from './licences.js';
import { MIIT_URL, REPORT_12377_URL } from './links.js';
import { parseFiling, type Filing, type ParseOptions } from './parse.js';

/** One entry of a list: its text, and the link the site gives it (`text https://…`). */
export interface Entry {
  readonly text: string;
  readonly href?: string;
}

/** A badge's declaration, read. */
export interface Declaration {
  /** The numbers in the order shown: icp, telecom, psb, algorithm, then `filings`. */
  readonly numbers: readonly Entry[];
  readonly genai: readonly Entry[];
  readonly report: readonly ReportId[];
  readonly contacts: readonly Entry[];
  readonly vanity: readonly Entry[];
}

export interface DeclarationOptions extends ParseOptions {
  readonly lang: Lang;
  /** The numbers are an app's or a mini-program's (the MPS app search). */
  readonly app?: boolean;
  /** The about-page layout of an app: the filing system's address below the ICP number (implies `app`). */
  readonly about?: boolean;
}

/** The items, and what was given but could not be used as given (each names the entry and how to fix it). */
export interface BadgeItems {
  readonly items: BadgeItem[];
  readonly problems: string[];
}

const TELECOM_LABEL: Readonly<Record<Lang, string>> = {
  'zh-CN': '增值电信业务经营许可证',
  'zh-TW': '增值電信業務經營許可證',
  en: 'Value-added telecom licence',
};

/** A kind's label in each language: the telecom licence's and those of licences.ts. */
function labelOf(kind: string): Readonly<Record<Lang, string>> | null {
  return kind === 'telecom-licence' ? TELECOM_LABEL : isLicence(kind) ? LICENCES[kind].label : null;
}

/** The part of a labelled kind: `telecom`, `genai`, or `licence` beside the licence's own kind (`licence culture-licence`). */
function partOf(kind: string): string {
  return kind === 'telecom-licence' ? 'telecom' : kind === 'genai' ? kind : `licence ${kind}`;
}

/** Its label shown in Chinese, and named in the page's language where that is not Chinese. */
function labelled(label: Readonly<Record<Lang, string>>, lang: Lang): { label: string; name: string } {
  return { label: `${label['zh-CN']}：`, name: lang === 'zh-CN' ? '' : label[lang] };
}

const REPORTS = {
  '12377': {
    url: REPORT_12377_URL,
    text: {
      'zh-CN': '违法和不良信息举报电话：12377',
      'zh-TW': '違法和不良信息舉報電話：12377',
      en: 'Report illegal content: 12377',
    },
  },
  '12321': {
    url: 'https://www.12321.cn/',
    text: {
      'zh-CN': '网络不良与垃圾信息举报：12321',
      'zh-TW': '網絡不良與垃圾信息舉報：12321',
      en: 'Report spam and harmful content: 12321',
    },
  },
  cyberpolice: {
    url: 'https://cyberpolice.mps.gov.cn/wfjb/',
    text: { 'zh-CN': '网络违法犯罪举报', 'zh-TW': '網絡違法犯罪舉報', en: 'Report cybercrime' },
  },
  '12318': {
    url: 'https://jbts.mct.gov.cn/',
    text: {
      'zh-CN': '文化市场举报：12318',
      'zh-TW': '文化市場舉報：12318',
      en: 'Report cultural market violations: 12318',
    },
  },
} as const satisfies Record<string, { url: string; text: Readonly<Record<Lang, string>> }>;

export type ReportId = keyof typeof REPORTS;
// In the order §5.1 lists them (an object keeps number-like keys in numeric order).
const REPORT_IDS: readonly ReportId[] = ['12377', '12321', 'cyberpolice', '12318'];

/** Entries of a list attribute are separated by `;`, `；` or a new line (no number contains one). */
const SEPARATOR = /[;；\n]/u;
/** A link at the end of an entry, after a space: any scheme is taken as one, so that a refused one is reported. */
const TRAILING_LINK = /^(.*?)\s+([a-z][a-z\d+.-]*:\S+)$/isu;

/** A declaration from attributes or a `hosts` entry. Report names it does not know are problems. */
export function readDeclaration(n: BadgeNumbers, problems: string[]): Declaration {
  return {
    numbers: [...badgeNumbers(n).map(readEntry), ...readList(n.filings)],
    genai: readList(n.genai),
    report: readReports(n.report, problems),
    contacts: readList(n.contacts),
    vanity: readList(n.vanity),
  };
}

function readList(list: BadgeList | undefined): Entry[] {
  const entries = typeof list === 'string' ? list.split(SEPARATOR) : Array.isArray(list) ? list : [];
  return entries.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map(readEntry);
}

function readEntry(entry: string): Entry {
  const m = TRAILING_LINK.exec(entry.trim());
  return m ? { text: m[1], href: m[2] } : { text: entry.trim() };
}

function readReports(report: boolean | string | null | undefined, problems: string[]): ReportId[] {
  // A removed attribute leaves null.
  if (report == null || report === false) return [];
  if (report === true || report.trim() === '') return ['12377'];
  const ids: ReportId[] = [];
  for (const word of report.split(/[\s,，]+/u).filter(Boolean)) {
    if (REPORT_IDS.includes(word as ReportId)) ids.push(word as ReportId);
    else
      problems.push(
        `report "${word}" is not a report link it knows. Fix: use some of ${REPORT_IDS.join(', ')}, or give the site's own contact in contacts.`,
      );
  }
  return ids;
}

/**
 * A declaration from the plain links and text a badge wraps, one piece per link or run of text: the numbers
 * found in them (a link's own URL kept where the site may give one), report links by their official host,
 * `tel:`/`mailto:` links and 举报 text as contacts, a licence's label linked on its own (营业执照 → the platform's
 * link), a model's name before its generative-AI number, and vanity numbers. Other text is not the footer's.
 */
export function readWrapped(pieces: readonly Entry[], options: ParseOptions = {}): Declaration {
  const numbers: Entry[] = [];
  const genai: Entry[] = [];
  const report: ReportId[] = [];
  const contacts: Entry[] = [];
  const vanity: Entry[] = [];
  for (const { text, href } of pieces) {
    const found = findFilings(text, options);
    for (const { filing } of found) {
      // A link is a number's own when it holds that number alone, and the site may link that kind at all: ICP
      // and 公安 links are the ones the badge replaces with the official ones.
      const own = found.length === 1 && siteLinked(filing.kind) ? href : undefined;
      const model = filing.kind === 'genai' ? MODEL.exec(text)?.[1] : undefined;
      if (model) genai.push({ text: `${model} ${filing.input}`, href: own });
      else (filing.kind === 'vanity' ? vanity : numbers).push({ text: filing.input, href: own });
    }
    if (found.length) continue;
    const id = reportOf(text, href);
    if (id) report.push(id);
    else if (/^(?:tel|mailto):/iu.test(href ?? '') || text.includes('举报')) contacts.push({ text: text.trim(), href });
    else if (href && licenceOfLabel(text)) numbers.push({ text: text.trim(), href });
  }
  return { numbers, genai, report: [...new Set(report)], contacts, vanity };
}

/** Kinds the site may link to a page of its own choosing (§5.1): the licences without a public query, an algorithm filing's notice, a vanity registry. */
function siteLinked(kind: string): boolean {
  return kind === 'algorithm' || kind === 'vanity' || isLicence(kind);
}

/** `模型名称：云雀大模型 · 备案号：…`: the name, up to a separator or the number's label. */
const MODEL = /模型名称\s*[:：]\s*(.+?)\s*(?:[·|,，;；]|备案号|上线编号|$)/u;

function reportOf(text: string, href: string | undefined): ReportId | undefined {
  const host = href && hostOf(href);
  return REPORT_IDS.find(
    (id) =>
      (host && hostOf(REPORTS[id].url) === host) ||
      (id !== 'cyberpolice' && text.includes(id) && text.includes('举报')),
  );
}

function hostOf(href: string): string | undefined {
  try {
    return new URL(href).host;
  } catch {
    return undefined;
  }
}

/** The footer's items for a declaration, in order: numbers, models, report links, contacts, then vanity numbers. */
export function badgeItems(d: Declaration, options: DeclarationOptions): BadgeItems {
  const problems: string[] = [];
  const app = options.app || options.about;
  const items: BadgeItem[] = [];
  const vanity = [...d.vanity];
  for (const entry of d.numbers) {
    const item = numberItem(entry, { ...options, app }, problems);
    // A vanity number is never shown in place of a legal one (§5.1): it goes last, with the others.
    if (item.filing?.kind === 'vanity') {
      problems.push(
        `"${entry.text}" is a vanity number, not a filing: it is shown after the legal ones. Fix: give it in vanity.`,
      );
      vanity.push(entry);
      continue;
    }
    items.push(item);
    if (options.about && item.part === 'icp') items.push(systemItem(item.filing, entry, problems));
  }
  for (const entry of d.genai) items.push(genaiItem(entry, options, problems));
  for (const id of d.report) items.push(reportItem(id, options.lang));
  for (const entry of d.contacts) items.push(contactItem(entry, problems));
  for (const entry of vanity) items.push(vanityItem(entry, options, problems));
  return { items, problems };
}

function numberItem(entry: Entry, options: DeclarationOptions, problems: string[]): BadgeItem {
  const named = licenceOfLabel(entry.text);
  // A licence's label alone, linked to what the site shows for it (营业执照 → its platform-issued link).
  if (named && entry.href && entry.text.replace(/\s|[:：]$/gu, '') === LICENCES[named].label['zh-CN']) {
    return labelItem(named, entry, options.lang, problems);
  }
  const filing = parseFiling(entry.text, options);
  const item = filingItem(filing, { ...options, href: ownLink(filing, entry, problems) });
  const label = labelOf(filing.kind);
  return label
    ? { ...item, ...labelled(label, options.lang), part: item.part.replace(filing.kind, partOf(filing.kind)) }
    : item;
}

function labelItem(kind: LicenceKind, entry: Entry, lang: Lang, problems: string[]): BadgeItem {
  const { label } = LICENCES[kind];
  const href = checkedLink(entry, ['https:'], problems);
  return {
    part: `licence ${kind}`,
    filing: null,
    label: '',
    name: labelled(label, lang).name,
    text: label['zh-CN'],
    href,
    icon: false,
  };
}

/**
 * The site's own link for a number, where §5.1 lets it give one: any `https:` page for the licences without a
 * public query, the filing's own notice on beian.cac.gov.cn for an algorithm; undefined (the official link)
 * otherwise. A link that cannot be used is a problem, and the number is shown without it.
 */
function ownLink(filing: Filing, entry: Entry, problems: string[]): string | undefined {
  if (!entry.href) return undefined;
  const refuse = (why: string) => (
    problems.push(`the link ${entry.href} of "${entry.text}" is not used: ${why}`),
    undefined
  );
  if (filing.normalized === null)
    return refuse('the number does not validate, and only valid numbers are linked. Fix: correct the number.');
  if (filing.kind === 'algorithm') {
    return hostOf(entry.href) === 'beian.cac.gov.cn' && entry.href.startsWith('https:')
      ? entry.href
      : refuse(
          'an algorithm filing links to its notice on https://beian.cac.gov.cn/. Fix: give that notice, or no link.',
        );
  }
  if (isLicence(filing.kind)) return checkedLink(entry, ['https:'], problems) ?? undefined;
  return refuse('this kind always links to its official system. Fix: remove the link.');
}

/** The entry's link when it has one of these schemes (and, for https:, a host); else null and a problem. */
function checkedLink(entry: Entry, schemes: readonly string[], problems: string[]): string | null {
  const href = entry.href;
  if (!href) return null;
  let url: URL | undefined;
  try {
    url = new URL(href);
  } catch {
    // reported below
  }
  const ok = url && schemes.includes(url.protocol) && (url.protocol !== 'https:' || url.hostname.includes('.'));
  if (ok) return url!.href;
  problems.push(
    `the link ${href} of "${entry.text}" is not used: only ${schemes.join(' or ')} links are. Fix: give a full ${schemes[0]} address.`,
  );
  return null;
}

/** The filing system's address, printed and linked below an app's ICP number (工信部信管〔2023〕105号). */
function systemItem(filing: Filing | null, entry: Entry, problems: string[]): BadgeItem {
  if (filing?.kind === 'icp-filing' && filing.valid && !filing.suffixKind) {
    problems.push(
      `"${entry.text}" is shown on an app's about page, where the number ends in -nA (a mini-program's in -nX). Fix: give the app's own number.`,
    );
  }
  return { part: 'system', filing: null, label: '', name: '', text: MIIT_URL, href: MIIT_URL, icon: false };
}

/** A model and its number: `模型名称：X · 备案号：Y` (or 上线编号, or a 网信算备 number linked to CAC). */
function genaiItem(entry: Entry, options: DeclarationOptions, problems: string[]): BadgeItem {
  const at = entry.text.search(/\S+$/u);
  const model = entry.text.slice(0, at).trim();
  const filing = parseFiling(entry.text.slice(at), options);
  if (!model) problems.push(`genai "${entry.text}" has no model name. Fix: write the model's name, then its number.`);
  const item = filingItem(filing, { ...options, href: ownLink(filing, entry, problems) });
  const word = filing.kind !== 'genai' ? '' : /\d{12}$/.test(filing.normalized ?? '') ? '上线编号：' : '备案号：';
  const { name } = labelled(LICENCES.genai.label, options.lang);
  return {
    ...item,
    part: `genai${filing.normalized === null ? ' invalid' : ''}`,
    label: model ? `模型名称：${model} · ${word}` : word,
    name,
    icon: false,
  };
}

function reportItem(id: ReportId, lang: Lang): BadgeItem {
  const { url, text } = REPORTS[id];
  return { part: 'report', filing: null, label: '', name: '', text: text[lang], href: url, icon: false };
}

/** The site's own 举报电话 / 举报邮箱: its text, linked to the `tel:`, `mailto:` or `https:` address it gives. */
function contactItem(entry: Entry, problems: string[]): BadgeItem {
  const href = checkedLink(entry, ['tel:', 'mailto:', 'https:'], problems);
  return { part: 'contact', filing: null, label: '', name: '', text: entry.text, href, icon: false };
}

/** A vanity number (萌ICP, 喵ICP): not validated as ICP; 萌ICP links to its registry's page for it. */
function vanityItem(entry: Entry, options: DeclarationOptions, problems: string[]): BadgeItem {
  const filing = parseFiling(entry.text, options);
  const number = (filing.kind === 'vanity' && filing.normalized) || entry.text;
  const moe = number.startsWith('萌ICP备') ? `https://icp.gov.moe/?keyword=${number.replace(/\D/gu, '')}` : null;
  const href = checkedLink(entry, ['https:'], problems) ?? moe;
  return { part: 'vanity', filing: null, label: '', name: '', text: number, href, icon: false };
}
