// Every case of the shared real-world corpus (test/fixtures/footer-corpus.json, copied from shared/data).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import corpus from '../fixtures/footer-corpus.json' with { type: 'json' };
import { parseFiling } from '../../src/core/index.js';
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
