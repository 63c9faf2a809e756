/**
 * One item of the footer as every renderer draws it (`<beian-badge>`, `renderBadgeHTML`, and the linter reading a
 * badge): its label, its text, its link and whether the police icon goes before it. The badge's first paint
 * builds these for canonical numbers; `badge-declaration.ts` builds everything else with the same function.
 */
import { formatFiling } from './format.js';
import { officialLink } from './links.js';
import type { Filing } from './parse.js';

export interface BadgeItem {
  /** Its parts after `item`: `icp`, `telecom`, `psb`, `algorithm`, `licence`, `genai`, `report`, `contact`, `system` or `vanity`, and `invalid`. */
  readonly part: string;
  /** The number it shows (for verification and the invalid event); null for report links and contacts. */
  readonly filing: Filing | null;
  /** Shown before the text, always in Chinese: the legal wording (§5.1); '' when none. */
  readonly label: string;
  /** The label in the page's language where that is not Chinese, for titles and accessible names; else ''. */
  readonly name: string;
  readonly text: string;
  readonly href: string | null;
  /** The police icon goes before the text. */
  readonly icon: boolean;
}

export interface ItemOptions {
  /** The numbers are an app's: the 公安 number opens the MPS app search. */
  readonly app?: boolean;
  /** The site's own link, where §5.1 lets it give one (already checked); else the official one. */
  readonly href?: string | null;
}

/**
 * A number as the footer shows it: its canonical form and its official (or the site's) link. The kinds the first
 * paint draws have no label; `badge-declaration.ts` adds the others'.
 */
export function filingItem(filing: Filing, options: ItemOptions): BadgeItem {
  const kind = filing.kind;
  return {
    // ICP filings and licences share a part; labelled kinds are given theirs in badge-declaration.ts.
    part: (kind.startsWith('icp') ? 'icp' : kind) + (filing.normalized === null ? ' invalid' : ''),
    filing,
    label: '',
    name: '',
    text: formatFiling(filing, { spaced: true }),
    href: options.href ?? officialLink(filing, options),
    icon: kind === 'psb',
  };
}
