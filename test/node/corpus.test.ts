// Every case of the shared real-world corpus (test/fixtures/footer-corpus.json, copied from shared/data).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import corpus from '../fixtures/footer-corpus.json' with { type: 'json' };
import { explain, parseFiling } from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';
import { CORPUS_NOW, footerMismatches, numberMismatches, type CorpusCase } from '../support/corpus.js';

const cases = corpus.cases as CorpusCase[];

describe('footer corpus: numbers', () => {
  for (const c of cases.filter((c) => c.inputKind === 'number')) {
    it(`${c.id} ${JSON.stringify(c.input)}`, () => {
      assert.deepEqual(numberMismatches(c, parseFiling(c.input, { now: CORPUS_NOW })), []);
    });
  }
});

describe('footer corpus: HTML footers read with parse5', () => {
  for (const c of cases.filter((c) => c.inputKind === 'html')) {
    it(`${c.id} ${c.note}`, () => {
      assert.deepEqual(footerMismatches(c, lintHtml(c.input, { now: CORPUS_NOW })), []);
    });
  }
});

describe('every diagnostic the corpus raises is worded in both languages', () => {
  const diagnostics = cases.flatMap((c) =>
    c.inputKind === 'number'
      ? parseFiling(c.input, { now: CORPUS_NOW }).diagnostics
      : lintHtml(c.input, { now: CORPUS_NOW }).findings,
  );
  const kinds = [...new Map(diagnostics.map((d) => [`${d.rule}.${d.detail}`, d])).values()];
  it(`covers ${kinds.length} distinct messages`, () => assert.ok(kinds.length >= 30));
  for (const d of kinds) {
    it(`${d.rule}${d.detail ? `.${d.detail}` : ''}`, () => {
      for (const lang of ['en', 'zh'] as const) {
        const { message, fix } = explain(d, lang);
        assert.doesNotMatch(message, /[{}]/, 'every placeholder is filled');
        assert.notEqual(message, d.rule);
        assert.ok(fix.length > 10);
        if (lang === 'zh') assert.match(message + fix, /\p{sc=Han}/u);
      }
    });
  }
});
