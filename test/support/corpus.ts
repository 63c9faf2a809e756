// How a verdict is compared with a footer-corpus case; shared by the Node tests (parse5) and the browser tests
// (live DOM) so both readers of a page are held to the same expectations.
import type { Filing, FooterReport } from '../../src/core/index.js';

export interface CorpusCase {
  id: string;
  input: string;
  inputKind: 'number' | 'html';
  note?: string;
  expect: {
    kind: string;
    valid: boolean;
    normalized: string | null;
    province: string | null;
    psbCode: string | null;
    site: number | null;
    suffixKind: string | null;
    rules: string[];
    numbers?: { kind: string; display: string; normalized: string | null }[];
  };
}

// L18 and the corpus assume "now" is at least 2026.
export const CORPUS_NOW = new Date('2026-11-30T12:00:00+08:00');
const FIELDS = ['kind', 'valid', 'normalized', 'province', 'psbCode', 'site', 'suffixKind'] as const;
const ICP_TYPES = new Set(['icp-filing', 'icp-licence', 'telecom-licence']);

type Verdict = Pick<Filing, (typeof FIELDS)[number]>;

/**
 * Where the spec decided a case after the corpus was written, the spec stands: these cases are held to its newer
 * verdict, each with the section that decides it.
 */
const SUPERSEDED: Record<string, { because: string; expect: Partial<CorpusCase['expect']> }> = {
  c179: {
    because: '§5.1 and L24: 萌ICP is a vanity registry, reported as info, not an ICP error',
    expect: { kind: 'vanity', valid: true, normalized: '萌ICP备20259514号', rules: ['L24'] },
  },
  c209: {
    because: '§7.1: a 公安 number with no province character is L08, and the prefix is never invented',
    expect: { normalized: null, rules: ['L06', 'L08'] },
  },
  c223: {
    because: 'L23: a 公安 number in no link at all (L04 is for links that do not carry the code)',
    expect: { rules: ['L01', 'L23', 'L12', 'L13'] },
  },
  c238: {
    because: 'L23: a 公安 number in no link at all (L04 is for links that do not carry the code)',
    expect: { rules: ['L11', 'L01', 'L23', 'L12'] },
  },
};

/** The case as the spec now decides it. */
function current(c: CorpusCase): CorpusCase {
  const superseded = SUPERSEDED[c.id];
  return superseded ? { ...c, expect: { ...c.expect, ...superseded.expect } } : c;
}

/** Every way `actual` differs from the case: wrong fields and rules that should have fired but did not. */
function mismatches(original: CorpusCase, actual: Verdict, fired: ReadonlySet<string>): string[] {
  const c = current(original);
  const wrong = FIELDS.filter((k) => actual[k] !== c.expect[k]).map(
    (k) => `${k}: got ${JSON.stringify(actual[k])}, expected ${JSON.stringify(c.expect[k])}`,
  );
  const missing = c.expect.rules
    .filter((r) => !fired.has(r))
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
  const expected = JSON.stringify(current(c).expect.numbers);
  return [
    ...mismatches(c, actual, new Set(report.findings.map((f) => f.rule))),
    ...(numbers === expected ? [] : [`numbers: got ${numbers}, expected ${expected}`]),
  ];
}
