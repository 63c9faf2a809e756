/**
 * The compliant footer as plain HTML, for server-side templates (Hugo, WordPress, Express…) and as the no-JS
 * fallback that `<beian-badge>` upgrades. Every value is escaped; links are built from validated numbers only.
 */
import { formatFiling } from './format.js';
import { langFromTag, type Lang } from './lang.js';
import { POLICE_ICON as I } from './icon.js';
import { isHotlinkedIcon, MIIT_QUERY_URL, MPS_QUERY_URL, officialLink, REPORT_12377_TEXT, REPORT_12377_URL, TELECOM_LABEL } from './links.js';
import { parseFiling } from './parse.js';

export interface BadgeHTMLOptions {
  icp?: string;
  psb?: string;
  telecom?: string;
  algorithm?: string;
  /** Add the 12377 report link. */
  report?: boolean;
  /** The site's own copy of the police icon; default: an inline SVG drawing. */
  iconSrc?: string;
  /** Wrap the links in `<beian-badge>` with the same numbers, so the element upgrades them. Default true. */
  element?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for HTML content and quoted attribute values. */
export const escapeHTML = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);


// The element's drawing, sized for the fallback's line of text (attributes only: no style, for strict CSPs).
const ICON = `<svg viewBox="${I.viewBox}" width="16" height="18" aria-hidden="true"><path d="${I.shield}" fill="${I.blue}" stroke="${I.rim}" stroke-width="1.5"/><path d="${I.star}" fill="${I.gold}"/></svg>`;

const link = (href: string, content: string) => `<a href="${escapeHTML(href)}" target="_blank" rel="noopener noreferrer">${content}</a>`;

/** The footer's HTML for these numbers. Invalid numbers are shown as given, never linked to a record. */
export function renderBadgeHTML(options: BadgeHTMLOptions): string {
  const items: string[] = [];
  // A hotlinked platform asset breaks on its next release (L12): our own drawing instead, as the element does.
  const siteIcon = options.iconSrc && !isHotlinkedIcon(options.iconSrc) ? options.iconSrc : undefined;
  for (const key of ['icp', 'telecom', 'psb', 'algorithm'] as const) {
    const value = options[key];
    if (!value?.trim()) continue;
    const filing = parseFiling(value);
    const text = escapeHTML(formatFiling(filing, { spaced: true }));
    const url = officialLink(filing);
    const icon = filing.kind === 'psb' ? (siteIcon ? `<img src="${escapeHTML(siteIcon)}" alt="" width="16" height="16">` : ICON) : '';
    const label = filing.kind === 'telecom-licence' ? TELECOM_LABEL : '';
    items.push(label + (url ? link(url, icon + text) : text));
  }
  if (options.report) items.push(link(REPORT_12377_URL, REPORT_12377_TEXT));
  const html = items.join(' ');
  if (options.element === false) return html;
  const attrs = (['icp', 'telecom', 'psb', 'algorithm'] as const)
    .filter((k) => options[k]?.trim()).map((k) => ` ${k}="${escapeHTML(options[k]!)}"`).join('')
    + (options.report ? ' report' : '') + (siteIcon ? ` icon-src="${escapeHTML(siteIcon)}"` : '');
  return `<beian-badge${attrs}>${html}</beian-badge>`;
}

export interface QueryHTMLOptions {
  /** The lookup service (`https://…/v1`); without it the form uses the page's `<meta name="beian-lookup">`. */
  lookup?: string;
  /** `zh-CN` (default), `zh-TW` or `en`: the form's language, and the fallback's words. */
  lang?: string;
  /** `icp` (default) or `psb`: what the form searches first. */
  mode?: string;
  /** The ICP record type: `web` (default), `app`, `miniapp`, `quickapp`. */
  type?: string;
  /** Keep the search in the page URL, so a result can be shared. */
  urlState?: boolean;
}

// The fallback's words: where the official searches are, for visitors without JavaScript.
const QUERY_WORDS: Record<Lang, readonly [string, string, string]> = {
  'zh-CN': ['在官方网站查询备案：', 'ICP 备案（工业和信息化部）', '公安联网备案（公安部）'],
  'zh-TW': ['在官方網站查詢備案：', 'ICP 備案（工業和信息化部）', '公安聯網備案（公安部）'],
  en: ['Search the official registries: ', 'ICP filings (MIIT)', 'public-security filings (MPS)'],
};

/**
 * `<beian-query>` with its fallback for pages without JavaScript (and for crawlers): links to the official query
 * sites of MIIT and MPS, which the element replaces with the form. Every value is escaped.
 */
export function renderQueryHTML(options: QueryHTMLOptions = {}): string {
  const [intro, icp, psb] = QUERY_WORDS[langFromTag(options.lang ?? '')];
  const attrs = ([['lookup', options.lookup], ['lang', options.lang], ['mode', options.mode], ['type', options.type]] as const)
    .filter(([, value]) => value?.trim()).map(([name, value]) => ` ${name}="${escapeHTML(value!)}"`).join('') + (options.urlState ? ' url-state' : '');
  return `<beian-query${attrs}><p>${intro}${link(MIIT_QUERY_URL, icp)} · ${link(MPS_QUERY_URL, psb)}</p></beian-query>`;
}
