/** What a `<beian-badge>` is given: its attributes, or one entry of its `hosts` map (the badge and the linter agree). */

/** A list attribute: entries separated by `;` or new lines, or the entries themselves (as a property). */
export type BadgeList = string | readonly string[];

/** What one host shows; the values of a `hosts` map, and the badge's own attributes. */
export interface BadgeNumbers {
  icp?: string;
  psb?: string;
  telecom?: string;
  algorithm?: string;
  /** Further numbers of any kind, each `[label：]number [https://…]`. */
  filings?: BadgeList;
  /** Generative-AI models, each `model number [https://…]`. */
  genai?: BadgeList;
  /** Vanity numbers (萌ICP), shown after the legal ones, each `number [https://…]`. */
  vanity?: BadgeList;
  /** The site's own report contacts, each `text [tel:…|mailto:…|https://…]`. */
  contacts?: BadgeList;
  /** Report links: true (or an empty attribute) for 12377, or some of `12377 12321 cyberpolice 12318`. */
  report?: boolean | string | null;
}

/** Host name (or `*` for any other host) → the numbers shown there. */
export type HostMap = Readonly<Record<string, BadgeNumbers>>;

/** The four numbers a badge is given one by one, in the order it shows them. */
export function badgeNumbers(n: BadgeNumbers): string[] {
  return [n.icp, n.telecom, n.psb, n.algorithm].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** Everything given, as text: what the badge shows until its full chunk draws it (or if that cannot load). */
export function givenText(n: BadgeNumbers): string {
  return [...badgeNumbers(n), n.filings, n.genai, n.vanity, n.contacts]
    .flat()
    .filter((v) => typeof v == 'string')
    .join(' ');
}

/** Whether it asks for more than those numbers (lists, report links), which the badge's full chunk draws. */
export function hasExtras(n: BadgeNumbers): boolean {
  return !!(n.filings || n.genai || n.vanity || n.contacts) || (n.report ?? false) !== false;
}
