// core in Chromium: the corpus footers read from a live DOM give the same verdicts as parse5 gives in Node.
import { expect } from '@open-wc/testing';
import { footerParts, lintFooter, parseFiling } from '../../src/core/index.js';
import { domReader } from '../../src/elements/internal/dom-reader.js';
import { CORPUS_NOW, footerMismatches, numberMismatches, type CorpusCase } from '../support/corpus.js';

const cases: CorpusCase[] = (await (await fetch('/test/fixtures/footer-corpus.json')).json()).cases;

describe('core in the browser', () => {
  it('parses every corpus number as in Node', () => {
    const numbers = cases.filter((c) => c.inputKind === 'number');
    expect(numbers.length).to.be.greaterThan(100);
    for (const c of numbers)
      expect(numberMismatches(c, parseFiling(c.input, { now: CORPUS_NOW })), c.id).to.deep.equal([]);
  });

  for (const c of cases.filter((c) => c.inputKind === 'html')) {
    it(`lints corpus footer ${c.id} from the DOM`, () => {
      const page = new DOMParser().parseFromString(c.input, 'text/html');
      expect(footerMismatches(c, lintFooter(footerParts<Node>(page, domReader), { now: CORPUS_NOW }))).to.deep.equal(
        [],
      );
    });
  }
});
