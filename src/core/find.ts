/**
 * Finding filing numbers in running text, such as a page's footer. Linear in the text and bounded in memory
 * whatever its size: only windows around the characters every number contains are normalised, a chunk at a time.
 */
import { normalizeText, type Token } from './normalize.js';
import { LICENCES } from './licences.js';
import {
  ANY_LABEL,
  ICP_HEAD,
  LABEL,
  LICENCE_LABEL,
  parseFiling,
  respell,
  type Filing,
  type ParseOptions,
} from './parse.js';

/** A filing number found in running text, with its offsets in that text (its label, if any, left out). */
export interface FoundFiling {
  readonly start: number;
  readonly end: number;
  readonly filing: Filing;
}

// Candidates are matched on the normalised text (no whitespace, misspellings respelt), then parsed from the
// original substring, label and all: the label can say what the number is (公安备案号：digits).
const PENDING = '\\(?(?:备案中|申请中|申请ING)\\)?';
const OPEN = '[〔【(\\[]';
// Free-form licences (营业性演出许可证, 出版物经营许可证, 营业执照) have no shape: their number is what follows their
// label and a colon, up to a separator, the next number or label, or a space (cut in `candidates`, on the
// original text: the normalised one has none).
const FREE_LABELS = Object.values(LICENCES)
  .filter((l) => !l.shape)
  .flatMap((l) => l.labels)
  .join('|');
const NEXT = `${Object.values(LICENCES)
  .flatMap((l) => l.labels)
  .join('|')}|\\p{sc=Han}?ICP|公网安备|网信算备|增值电信`;
const FREE = `(?:(?!${NEXT})[^:|·,;，；、\u001f]){1,24}`;
const CLOSE = '[〕】)\\]]';
const CANDIDATE = new RegExp(
  `(?<label>${LABEL.source.slice(1)}|${LICENCE_LABEL.source.slice(1)}|${ANY_LABEL.source.slice(1)})?(?:` +
    `(?:${ICP_HEAD}|\\p{sc=Han}?公网安备)(?::?${PENDING}|(?<=备)案中|-号)|(?<=:)${PENDING}` +
    `|${ICP_HEAD}:?(?:[A-D]\\d{1,2}-)?[-0-9X*]*[0-9X*]号?(?:-\\d{1,3})?(?:[AX](?![A-Z]))?号?` +
    '|\\p{sc=Han}?公网安备号?:?[0-9X*]*号?' +
    // Bare digits after a label naming the 公安 system: `公安联网备案：11010502030143号`.
    '|(?<=(?:公安|公网安)[\\p{sc=Han}A-Z/]{0,10}:?)[0-9X*]{6,}号?' +
    // A bounded head: unbounded, a long run of Chinese text made this alternative quadratic.
    '|\\p{sc=Han}{0,20}?(?:公网监备案证号?|分局备案编号|文保网安备案号):?第?\\d+号?' +
    '|网信算备:?[0-9X*]+号?' +
    '|\\p{sc=Han}?(?:合字)?[A-D]\\d{1,2}(?:\\.[A-D]\\d{1,2})*-\\d{8}(?:-\\d{1,3})?' +
    // The other licences of §5 whose numbers have a shape of their own, in any brackets.
    `|\\p{sc=Han}网文${OPEN}\\d{4}${CLOSE}\\d{3,5}-\\d{3}号?` +
    `|\\(\\p{sc=Han}\\)网(?:药械信息|械平台)备字${OPEN}\\d{4}${CLOSE}第\\d{5}号` +
    '|\\(?\\p{sc=Han}\\)?-非?经营性-\\d{4}-\\d{4}' +
    '|(?:\\(总\\))?(?:网出证)?\\(\\p{sc=Han}\\)字第\\d{1,6}号' +
    '|\\p{sc=Han}\\(\\d{4}\\)\\d{7}' +
    // Shapes too plain to stand alone, read only after their label: 7 and 11 digits, a generative-AI number.
    '|(?<=视听节目许可证(?:编号|证号|号)?:?)\\d{7}|(?<=新闻信息服务许可证(?:编号|证号|号)?:?)\\d{11}' +
    '|(?<=(?:上线编号|备案号|模型备案号|登记编号):?)[A-Z]+-[A-Z0-9]+-\\d{8}(?:\\d{4})?' +
    `|(?<=(?:${FREE_LABELS})(?:编号|证号|号)?:)(?<free>${FREE})` +
    ')',
  'gu',
);

// Every number holds one of these (备 or 证, 申请 of a pending one, a telecom category, the words or the bracketed
// year of the other licences), in any width or spelling; text far from all of them is never normalised.
const ANCHOR = /[备備证證]|申请|[A-DＡ-Ｄ]\s*[0-9０-９]|网文|字第|经营性|编号|执照|[(（]\s*[0-9０-９]{4}\s*[)）]/giu;
/** How far a number (with its label and spacing) may reach before and after its anchor. */
const BEFORE = 128;
const AFTER = 192;
/** Windows are normalised this many characters at a time, so memory stays bounded on any page. */
const CHUNK = 1 << 13;

/**
 * Finds every filing number in a text (a page's footer text, say), in order. Characters that are not
 * whitespace separate numbers; callers put U+001F between blocks of a page so numbers never join across them.
 */
export function findFilings(text: string, options: ParseOptions = {}): FoundFiling[] {
  const found: FoundFiling[] = [];
  for (const [from, to] of windows(text)) scanWindow(text, from, to, options, found);
  return found;
}

/** The disjoint spans of text that lie near an anchor, in order. */
function* windows(text: string): Generator<[from: number, to: number]> {
  let from = 0;
  let to = 0;
  for (const { index } of text.matchAll(ANCHOR)) {
    const start = Math.max(0, index - BEFORE);
    if (start > to) {
      if (to > from) yield [from, to];
      from = start;
    }
    to = Math.min(text.length, index + AFTER);
  }
  if (to > from) yield [from, to];
}

/**
 * Scans one window a chunk at a time. Chunks overlap: a number that starts near a chunk's end is left to the next
 * chunk, which begins far enough back to see its label too.
 */
function scanWindow(text: string, from: number, to: number, options: ParseOptions, found: FoundFiling[]): void {
  let accepted = from;
  for (let start = from; ;) {
    const end = Math.min(to, start + CHUNK);
    const limit = end === to ? to : end - AFTER;
    for (const f of candidates(text, start, end, options)) if (f.start >= accepted && f.start < limit) found.push(f);
    if (end === to) return;
    accepted = limit;
    start = limit - BEFORE;
  }
}

/** The numbers in `text[start, end)`, with offsets into `text`. */
function candidates(text: string, start: number, end: number, options: ParseOptions): FoundFiling[] {
  const n = normalizeText(text.slice(start, end));
  const found: FoundFiling[] = [];
  for (const m of respell(n.text).text.matchAll(CANDIDATE)) {
    const from = n.tokenAt[m.index];
    const at = n.tokenAt[m.index + (m.groups!.label?.length ?? 0)];
    const end = n.tokenAt[m.index + m[0].length - 1];
    const to = m.groups!.free ? spaceBefore(n.tokens, at, end) : lastToken(n.tokens, from, end);
    const number = n.tokens[at];
    const first = n.tokens[from];
    const last = n.tokens[to];
    if (number.start > last.start) continue; // the match was cut back into its label
    const filing = parseFiling(text.slice(start + first.start, start + last.end), options);
    found.push({ start: start + number.start, end: start + last.end, filing });
  }
  return found;
}

/** Where a free-form number ends: before the first space inside it. */
function spaceBefore(tokens: readonly Token[], from: number, to: number): number {
  for (let i = from + 1; i <= to; i++) if (tokens[i].space) return i - 1;
  return to;
}

/**
 * Where a candidate ends. Spaces may split a serial into groups (`1234 5678`, read as `check` reads it, §7.1),
 * but a run of digits that is already whole (past 号, or a full serial or 公安 code) ends at a space: `号-1 2024`
 * is `-1`, then a year.
 */
function lastToken(tokens: readonly Token[], from: number, to: number): number {
  let digits = 0;
  let whole = false;
  let psb = false;
  for (let i = from; i <= to; i++) {
    const { ch, space } = tokens[i];
    const inRun = digits > 0 && /[\dA-Z*]/.test(ch);
    if (space && inRun && (whole || digits >= (psb ? 14 : 8))) return i - 1;
    digits = /[\dX*]/.test(ch) ? digits + 1 : 0;
    if (ch === '号') whole = true;
    if (ch === '安') psb = true;
  }
  return to;
}
