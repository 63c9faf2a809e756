/**
 * Normalisation of `domain-spec.md` §0, done character by character so that every normalised character still
 * knows where it came from: that is how L21 (whitespace or full-width inside a number) and the displayed text
 * of a number found in a page are recovered without a second parse.
 */

/** One non-whitespace character of the input after normalisation. */
export interface Token {
  /** The normalised text: NFKC, other dashes mapped to `-`, ASCII letters upper-cased. */
  readonly ch: string;
  /** Offsets of the original character in the input. */
  readonly start: number;
  readonly end: number;
  /** Whitespace that stood right before this character in the input ('' when none). */
  readonly space: string;
  /** The original character was full-width or another dash (NFKC or the dash map changed it). */
  readonly changed: boolean;
}

export interface NormalizedText {
  /** The normalised input with all whitespace removed. */
  readonly text: string;
  readonly tokens: readonly Token[];
  /** For each UTF-16 index of `text`, the index of the token it belongs to. */
  readonly tokenAt: readonly number[];
}

// NFKC maps the full-width hyphen; these remain (domain-data.json → normalization.dashChars).
const DASH = /[‐‑‒–—―−﹣]/u;

export function normalizeText(input: string): NormalizedText {
  const tokens: Token[] = [];
  const tokenAt: number[] = [];
  let text = '';
  let space = '';
  let i = 0;
  for (const char of input) {
    const start = i;
    i += char.length;
    let ch = settled(char) ? char : char.normalize('NFKC');
    if (WHITESPACE.test(ch)) {
      // U+3000 becomes ' ' under NFKC; the original is kept so L21 can tell a plain space from others.
      space += char;
      continue;
    }
    if (DASH.test(ch)) ch = '-';
    const changed = ch !== char;
    if (/[a-z]/.test(ch)) ch = ch.toUpperCase();
    for (let k = 0; k < ch.length; k++) tokenAt.push(tokens.length);
    tokens.push({ ch, start, end: i, space, changed });
    text += ch;
    space = '';
  }
  return { text, tokens, tokenAt };
}

const WHITESPACE = /^\s+$/u;

/** Printable ASCII and the common CJK ideographs, which NFKC leaves as they are: most of any page, skipped fast. */
function settled(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code > 0x20 && code < 0x7f) || (code >= 0x4e00 && code <= 0x9fff);
}
