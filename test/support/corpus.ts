// How a verdict is compared with a footer-corpus case; shared by the Node tests (parse5) and the browser tests
// (live DOM) so both readers of a page are held to the same expectations.
import type { Filing, FooterReport } from '../../src/core/index.js';

export interface CorpusCase {
  id: string;
  input: string;
  inputKind: 'number' | 'html';
  note?: string;
  expect: {
    kind: string; valid: boolean; normalized: string | null; province: string | null; psbCode: string | null;
    site: number | null; suffixKind: string | null; rules: string[];
    numbers?: { kind: string; display: string; normalized: string | null }[];
  };
}

// L18 and the corpus assume "now" is at least 2026.
export const CORPUS_NOW = new Date('2026-11-30T12:00:00+08:00');
const FIELDS = ['kind', 'valid', 'normalized', 'province', 'psbCode', 'site', 'suffixKind'] as const;
const ICP_TYPES = new Set(['icp-filing', 'icp-licence', 'telecom-licence']);

type Verdict = Pick<Filing, (typeof FIELDS)[number]>;

/** Every way `actual` differs from the case: wrong fields and rules that should have fired but did not. */
function mismatches(c: CorpusCase, actual: Verdict, fired: ReadonlySet<string>): string[] {
  const wrong = FIELDS.filter((k) => actual[k] !== c.expect[k])
    .map((k) => `${k}: got ${JSON.stringify(actual[k])}, expected ${JSON.stringify(c.expect[k])}`);
  const missing = c.expect.rules.filter((r) => !fired.has(r))
    .map((r) => `rule ${r} did not fire (fired: ${[...fired].join(', ') || 'none'})`);
  return [...wrong, ...missing];
}

export function numberMismatches(c: CorpusCase, f: Filing): string[] {
  return mismatches(c, f, new Set(f.diagnostics.map((d) => d.rule)));
}

/**
 * For a footer, the case describes its ICP-type number (or its 公安 number when it has none), the 公安 code, the
 * footer's overall validity, every rule that fires anywhere, and every number in order.
 */
export function footerMismatches(c: CorpusCase, report: FooterReport): string[] {
  const filings = report.items.map((i) => i.filing);
  const primary = filings.find((f) => ICP_TYPES.has(f.kind)) ?? filings.find((f) => f.kind === 'psb');
  if (!primary) return ['no filing number found'];
  const actual: Verdict = {
    ...primary,
    psbCode: filings.find((f) => f.kind === 'psb')?.psbCode ?? null,
    valid: !report.findings.some((f) => f.severity !== 'info'),
  };
  const numbers = JSON.stringify(filings.map((f) => ({ kind: f.kind, display: f.display, normalized: f.normalized })));
  const expected = JSON.stringify(c.expect.numbers);
  return [
    ...mismatches(c, actual, new Set(report.findings.map((f) => f.rule))),
    ...(numbers === expected ? [] : [`numbers: got ${numbers}, expected ${expected}`]),
  ];
}
