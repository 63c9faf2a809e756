/**
 * The lists people keep their sites in: CSV as Excel and hosting panels save it (RFC 4180, UTF-8, maybe with a
 * BOM), or plain text with one entry per line; and CSV written back so that Excel opens it as UTF-8.
 */
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './errors.js';

/** One line of a list, with where it came from (for messages: `sites.csv:12`). */
export interface ListRow {
  readonly where: string;
  readonly cells: readonly string[];
}

/** A list file is read whole: past this it is not a list of sites (100,000 rows of ~100 bytes). */
export const MAX_LIST_BYTES = 10_000_000;
const MAX_ROWS = 100_000;

/** Reads a list file: `.csv` as CSV, anything else as one entry per line (`#` comments and blank lines skipped). */
export async function readList(path: string): Promise<ListRow[]> {
  const text = await readText(path);
  const rows = path.toLowerCase().endsWith('.csv') ? parseCsv(text, path) : lines(text, path);
  if (rows.length > MAX_ROWS)
    throw new UsageError(`${path} has ${rows.length} rows; split it into lists of at most ${MAX_ROWS}.`, false);
  return rows;
}

async function readText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > MAX_LIST_BYTES)
      throw new UsageError(`${path} is ${size} bytes; a list file may have at most ${MAX_LIST_BYTES}.`, false);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`, false);
  }
  try {
    // `fatal`: a file saved as GBK (Excel's default "CSV" in Chinese Windows) is refused, not read as mojibake.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path} is not UTF-8 text; save it as UTF-8 (in Excel: Save As → "CSV UTF-8").`, false);
  }
}

function lines(text: string, path: string): ListRow[] {
  return text.split(/\r?\n/).flatMap((line, i) => {
    const entry = line.trim();
    return entry && !entry.startsWith('#') ? [{ where: `${path}:${i + 1}`, cells: [entry] }] : [];
  });
}

/** A field, quoted (`""` is a quote; line breaks allowed) or bare, and what ends it: a comma, a line break, the end. */
const FIELD = /[ \t]*(?:"((?:[^"]|"")*)"[ \t]*|([^,\r\n"]*))(,|\r\n|\n|\r|$)/y;

/** RFC 4180, as Excel writes it; rows of empty cells are skipped. */
export function parseCsv(text: string, path: string): ListRow[] {
  const rows: ListRow[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  for (let at = 0; at < text.length; at = FIELD.lastIndex) {
    FIELD.lastIndex = at;
    const m = FIELD.exec(text);
    if (!m)
      throw new UsageError(
        `${path}:${line}: a quote that opens no quoted field, or one never closed; put the whole field in quotes, with "" for each quote inside.`,
        false,
      );
    const [whole, quoted, bare, end] = m;
    cells.push(quoted === undefined ? bare.trim() : quoted.replaceAll('""', '"'));
    line += whole.match(/\r\n|\n|\r/g)?.length ?? 0;
    if (end === ',') continue;
    if (cells.some(Boolean)) rows.push({ where: `${path}:${rowLine}`, cells });
    cells = [];
    rowLine = line;
  }
  // A last line that ends in a comma has one more, empty, field.
  if (cells.some(Boolean)) rows.push({ where: `${path}:${rowLine}`, cells: [...cells, ''] });
  return rows;
}

/**
 * A CSV file as Excel reads it: a UTF-8 byte-order mark (else Excel guesses the local code page and the Chinese is
 * garbled), CRLF line ends, fields quoted when they must be, and text that Excel would run as a formula (`=`, `+`,
 * `-`, `@`: a record's name is someone else's text) kept as text with a leading apostrophe.
 */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return `\ufeff${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
