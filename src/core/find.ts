/** Finding filing numbers in running text, such as a page's footer. */
import { normalizeText } from './normalize.js';
import { LABEL, parseFiling, type Filing, type ParseOptions } from './parse.js';

/** A filing number found in running text, with its offsets in that text. */
export interface FoundFiling {
  readonly start: number;
  readonly end: number;
  readonly filing: Filing;
}

// Candidates are matched on the normalised text (no whitespace), then parsed from the original substring.
const LABEL_SRC = LABEL.source.slice(1);
const CANDIDATE = new RegExp(
  `(?:${LABEL_SRC})?(?:` +
    '(?:沪交|云教|\\p{sc=Han})?ICP[备证]:?(?:[AB]\\d{1,2}-)?[-0-9X*]*[0-9X*]号?(?:-\\d{1,3})?(?:[AX](?![A-Z]))?号?' +
    '|\\p{sc=Han}?公网安备号?:?[0-9X*]*号?' +
    '|(?<=公安备案号?:?)[0-9X*]{6,}号?' +
    // A bounded head: unbounded, a long run of Chinese text made this alternative quadratic.
    '|\\p{sc=Han}{0,20}?(?:公网监备案证号?|分局备案编号|文保网安备案号):?第?\\d+号?' +
    '|网信算备:?[0-9X*]+号?' +
    '|\\p{sc=Han}?[AB]\\d{1,2}-\\d{8}(?:-\\d{1,3})?' +
  ')',
  'gu',
);

/**
 * Finds every filing number in a text (a page's footer text, say), in order. Characters that are not
 * whitespace separate numbers; callers put U+001F between blocks of a page so numbers never join across them.
 */
export function findFilings(text: string, options: ParseOptions = {}): FoundFiling[] {
  const n = normalizeText(text);
  const found: FoundFiling[] = [];
  for (const m of n.text.matchAll(CANDIDATE)) {
    const from = n.tokenAt[m.index];
    let to = n.tokenAt[m.index + m[0].length - 1];
    // Whitespace goes between the parts of a number, never inside a run of digits: `号-1 2024` is `-1`, then a year.
    for (let i = from + 1; i <= to; i++) {
      if (n.tokens[i].space && /[\dX*]/.test(n.tokens[i - 1].ch) && /[\dA-Z*]/.test(n.tokens[i].ch)) to = i - 1;
    }
    const first = n.tokens[from];
    const last = n.tokens[to];
    found.push({ start: first.start, end: last.end, filing: parseFiling(text.slice(first.start, last.end), options) });
  }
  return found;
}
