/**
 * The compliant footer as plain HTML, for server-side templates (Hugo, WordPress, Express…) and as the no-JS
 * fallback that `<beian-badge>` upgrades. Every value is escaped; links are built from validated numbers only.
 */
import { formatFiling } from './format.js';
import { POLICE_ICON as I } from './icon.js';
import { isHotlinkedIcon, officialLink, REPORT_12377_TEXT, REPORT_12377_URL, TELECOM_LABEL } from './links.js';
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
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

// The element's drawing, sized for the fallback's line of text (attributes only: no style, for strict CSPs).
const ICON = `<svg viewBox="${I.viewBox}" width="16" height="18" aria-hidden="true"><path d="${I.shield}" fill="${I.blue}" stroke="${I.rim}" stroke-width="1.5"/><path d="${I.star}" fill="${I.gold}"/></svg>`;

const link = (href: string, content: string) => `<a href="${escape(href)}" target="_blank" rel="noopener noreferrer">${content}</a>`;

/** The footer's HTML for these numbers. Invalid numbers are shown as given, never linked to a record. */
export function renderBadgeHTML(options: BadgeHTMLOptions): string {
  const items: string[] = [];
  // A hotlinked platform asset breaks on its next release (L12): our own drawing instead, as the element does.
  const siteIcon = options.iconSrc && !isHotlinkedIcon(options.iconSrc) ? options.iconSrc : undefined;
  for (const key of ['icp', 'telecom', 'psb', 'algorithm'] as const) {
    const value = options[key];
    if (!value?.trim()) continue;
    const filing = parseFiling(value);
    const text = escape(formatFiling(filing, { spaced: true }));
    const url = officialLink(filing);
    const icon = filing.kind === 'psb' ? (siteIcon ? `<img src="${escape(siteIcon)}" alt="" width="16" height="16">` : ICON) : '';
    const label = filing.kind === 'telecom-licence' ? TELECOM_LABEL : '';
    items.push(label + (url ? link(url, icon + text) : text));
  }
  if (options.report) items.push(link(REPORT_12377_URL, REPORT_12377_TEXT));
  const html = items.join(' ');
  if (options.element === false) return html;
  const attrs = (['icp', 'telecom', 'psb', 'algorithm'] as const)
    .filter((k) => options[k]?.trim()).map((k) => ` ${k}="${escape(options[k]!)}"`).join('')
    + (options.report ? ' report' : '') + (siteIcon ? ` icon-src="${escape(siteIcon)}"` : '');
  return `<beian-badge${attrs}>${html}</beian-badge>`;
}
