/** The numbers a `<beian-badge>` is given, and the order it shows them in (the badge and the linter agree). */

/** The numbers one host shows; the values of a `hosts` map. */
export interface BadgeNumbers {
  icp?: string;
  psb?: string;
  telecom?: string;
  algorithm?: string;
  filings?: readonly string[];
}

/** Host name (or `*` for any other host) → the numbers shown there. */
export type HostMap = Readonly<Record<string, BadgeNumbers>>;

/** The numbers given to a badge, in the order it shows them. */
export function badgeNumbers(n: BadgeNumbers): string[] {
  return [n.icp, n.telecom, n.psb, n.algorithm, ...(Array.isArray(n.filings) ? n.filings : [])]
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
