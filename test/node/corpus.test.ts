// Every case of the shared real-world corpus (test/fixtures/footer-corpus.json, copied from shared/data).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import corpus from '../fixtures/footer-corpus.json' with { type: 'json' };
import { parseFiling, type Filing } from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';

// L18 and the corpus assume "now" is at least 2026.
const now = new Date('2026-11-30T12:00:00+08:00');
const ICP_TYPES = new Set(['icp-filing', 'icp-licence', 'telecom-licence']);

interface Verdict {
  kind: string; valid: boolean; normalized: string | null; province: string | null; psbCode: string | null;
  site: number | null; suffixKind: string | null; rules: string[];
}

function assertVerdict(actual: Verdict, expected: Verdict, rulesFired: Set<string>) {
  const { kind, valid, normalized, province, psbCode, site, suffixKind, rules } = expected;
  const fields = { kind, valid, normalized, province, psbCode, site, suffixKind };
  const got = Object.fromEntries(Object.keys(fields).map((k) => [k, actual[k as keyof Verdict]]));
  assert.deepEqual(got, fields);
  for (const rule of rules) assert.ok(rulesFired.has(rule), `rule ${rule} should fire; fired: ${[...rulesFired].join(', ') || 'none'}`);
}

describe('footer corpus: numbers', () => {
  for (const c of corpus.cases.filter((c) => c.inputKind === 'number')) {
    it(`${c.id} ${JSON.stringify(c.input)}`, () => {
      const f = parseFiling(c.input, { now });
      assertVerdict({ ...f, rules: [] }, c.expect as Verdict, new Set(f.diagnostics.map((d) => d.rule)));
    });
  }
});

describe('footer corpus: HTML footers', () => {
  for (const c of corpus.cases.filter((c) => c.inputKind === 'html')) {
    it(`${c.id} ${c.note}`, () => {
      const report = lintHtml(c.input, { now });
      const filings = report.items.map((i) => i.filing);
      const primary: Filing | undefined = filings.find((f) => ICP_TYPES.has(f.kind)) ?? filings.find((f) => f.kind === 'psb');
      assert.ok(primary, 'a filing number is found');
      const actual: Verdict = {
        ...primary,
        psbCode: filings.find((f) => f.kind === 'psb')?.psbCode ?? null,
        valid: !report.findings.some((f) => f.severity !== 'info'),
        rules: [],
      };
      assertVerdict(actual, c.expect as Verdict, new Set(report.findings.map((f) => f.rule)));
      assert.deepEqual(
        filings.map((f) => ({ kind: f.kind, display: f.display, normalized: f.normalized })),
        c.expect.numbers,
      );
    });
  }
});
