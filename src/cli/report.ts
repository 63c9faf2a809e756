/** Reading a footer report: which findings are about the page as a whole rather than one of its numbers. */
import type { FooterFinding, FooterReport } from '../core/index.js';

/** The findings of a report that belong to no item (L26, a badge's L22), in order. */
export function pageFindings(report: FooterReport): FooterFinding[] {
  const own = new Set(report.items.flatMap((i) => i.findings));
  return report.findings.filter((f) => !own.has(f));
}
