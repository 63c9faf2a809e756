/**
 * The compliant footer as plain HTML, for server-side templates (Hugo, WordPress, Express…) and as the no-JS
 * fallback that `<beian-badge>` upgrades. Every value is escaped; links are built from validated numbers only.
 */
import { badgeItems, readDeclaration } from './badge-declaration.js';
import type { BadgeItem } from './badge-item.js';
import type { BadgeNumbers } from './badge-numbers.js';
import { langFromTag, type Lang } from './lang.js';
import { POLICE_ICON as I } from './icon.js';
import { isHotlinkedIcon, MIIT_QUERY_URL, MPS_QUERY_URL } from './links.js';

/** The numbers and lists of `<beian-badge>` (lists as arrays or as the attribute's `;`-separated text), and how to draw them. */
export interface BadgeHTMLOptions extends BadgeNumbers {
  /** `inline` (default), `stacked` or `about` (an app's about page), as the element's `layout`. */
  layout?: 'inline' | 'stacked' | 'about';
  /** The numbers are an app's: the 公安 number links the MPS app search. */
  app?: boolean;
  /** `zh-CN` (default), `zh-TW` or `en`: the words of report links and the titles of labels. */
  lang?: string;
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

// Web pages open in a new tab, as the element's links do; tel: and mailto: where they are.
const link = (href: string, content: string) =>
  `<a href="${escapeHTML(href)}"${href.startsWith('https:') ? ' target="_blank"' : ''} rel="noopener noreferrer">${content}</a>`;

const LISTS = ['filings', 'genai', 'vanity', 'contacts'] as const;

/**
 * The footer's HTML for these numbers. Invalid numbers are shown as given, never linked to a record. Throws a
 * RangeError naming each entry it cannot use as given (a link of the wrong kind, an unknown report link), so
 * nothing given is silently dropped.
 */
export function renderBadgeHTML(options: BadgeHTMLOptions): string {
  const problems: string[] = [];
  const lang = langFromTag(options.lang ?? '');
  const about = options.layout === 'about';
  const drawn = badgeItems(readDeclaration(options, problems), { lang, app: options.app, about });
  problems.push(...drawn.problems);
  if (problems.length) throw new RangeError(`renderBadgeHTML: ${problems.join('\n')}`);
  // A hotlinked platform asset breaks on its next release (L12): our own drawing instead, as the element does.
  const siteIcon = options.iconSrc && !isHotlinkedIcon(options.iconSrc) ? options.iconSrc : undefined;
  const icon = siteIcon ? `<img src="${escapeHTML(siteIcon)}" alt="" width="16" height="16">` : ICON;
  const html = drawn.items
    .map((item) => itemHTML(item, icon, lang))
    .join(options.layout === 'stacked' || about ? '<br>' : ' ');
  if (options.element === false) return html;
  return `<beian-badge${badgeAttributes(options, siteIcon)}>${html}</beian-badge>`;
}

function itemHTML(item: BadgeItem, icon: string, lang: Lang): string {
  const title = item.name && lang !== 'zh-CN' ? ` title="${escapeHTML(item.name)}"` : '';
  const label = item.label && `<span${title}>${escapeHTML(item.label)}</span>`;
  const content = (item.icon ? icon : '') + escapeHTML(item.text);
  return label + (item.href ? link(item.href, content) : content);
}

/** The element's attributes for the same footer, so it upgrades what is printed. */
function badgeAttributes(options: BadgeHTMLOptions, siteIcon: string | undefined): string {
  const list = (value: string | readonly string[] | undefined) =>
    typeof value === 'string' ? value : value?.join('; ');
  const values: (readonly [string, string | boolean | null | undefined])[] = [
    ...(['icp', 'telecom', 'psb', 'algorithm'] as const).map((k) => [k, options[k]] as const),
    ...LISTS.map((k) => [k, list(options[k])] as const),
    ['report', options.report === '' || options.report],
    ['layout', options.layout],
    ['app', options.app],
    ['lang', options.lang],
    ['icon-src', siteIcon],
  ];
  // true is an attribute without a value; text is escaped; nothing, false and blanks are left out.
  return values
    .map(([k, v]) => (v === true ? ` ${k}` : typeof v === 'string' && v.trim() ? ` ${k}="${escapeHTML(v)}"` : ''))
    .join('');
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
  const attrs =
    (
      [
        ['lookup', options.lookup],
        ['lang', options.lang],
        ['mode', options.mode],
        ['type', options.type],
      ] as const
    )
      .filter(([, value]) => value?.trim())
      .map(([name, value]) => ` ${name}="${escapeHTML(value!)}"`)
      .join('') + (options.urlState ? ' url-state' : '');
  return `<beian-query${attrs}><p>${intro}${link(MIIT_QUERY_URL, icp)} · ${link(MPS_QUERY_URL, psb)}</p></beian-query>`;
}
