/**
 * Reads a dataset file without freezing the server: one JSON.parse of a 50 MB file (or even decoding it into one
 * string) holds the event loop for longer than any request may wait, so the file's bytes are cut into its
 * records, and each is decoded, parsed, checked and indexed in turn, yielding to waiting requests every few
 * milliseconds. The cut follows JSON's grammar (strings, escapes, nesting) on the UTF-8 bytes, whose structural
 * characters are all ASCII (no byte of a multi-byte character is); a record is parsed by JSON.parse itself, so
 * what it accepts is exactly JSON.
 */
import type { Kind } from '../../contract/values.js';
import { checkEntry, checkOutline, type DatasetProblem } from './file.js';
import { RecordsIndex } from './records-index.js';

/** Records are flat: deeper nesting than this is no dataset (and no stack is spent on it). */
const MAX_DEPTH = 8;

export interface ReadOptions {
  /** The longest stretch of work between two yields to the event loop. */
  sliceMs?: number;
}

export interface DatasetRead {
  /** The records, indexed, when nothing stops the file from loading. */
  index?: RecordsIndex;
  problems: DatasetProblem[];
}

class JsonError extends Error {}

/** Where a JSON value starting at `at` ends (one past its last character). */
function valueEnd(text: Uint8Array, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === 0x22) {
      i = stringEnd(text, i) - 1;
      if (depth === 0) return i + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) throw new JsonError(`nested deeper than ${MAX_DEPTH} levels at ${position(text, i)}`);
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === 0x2c || c <= 0x20)) {
      return i;
    }
  }
  if (depth > 0) throw new JsonError('the file ends inside a value (is it cut short?)');
  return text.length;
}

function stringEnd(text: Uint8Array, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const c = text[i];
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  throw new JsonError(`a string starting at ${position(text, quote)} never ends`);
}

const skipSpace = (text: Uint8Array, at: number) => {
  while (at < text.length && text[at] <= 0x20) at++;
  return at;
};

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Line and column (in characters) of byte `at`, for errors only. */
function position(text: Uint8Array, at: number): string {
  const before = new TextDecoder().decode(text.subarray(0, at));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

const BYTE: Record<string, number> = { '{': 0x7b, '}': 0x7d, '[': 0x5b, ']': 0x5d, ',': 0x2c, ':': 0x3a, '"': 0x22 };

function expect(text: Uint8Array, at: number, char: string, what: string): number {
  at = skipSpace(text, at);
  if (text[at] !== BYTE[char])
    throw new JsonError(
      `expected ${what} at ${position(text, at)}, found ${at < text.length ? JSON.stringify(String.fromCharCode(text[at])) : 'the end'}`,
    );
  return at + 1;
}

function parseAt(text: Uint8Array, start: number, end: number): unknown {
  try {
    return JSON.parse(decoder.decode(text.subarray(start, end)));
  } catch (e) {
    if (e instanceof TypeError) throw new JsonError(`not UTF-8 in the value at ${position(text, start)}`);
    throw new JsonError(
      `${(e as Error).message.replace(/ in JSON at position \d+.*/, '')} in the value at ${position(text, start)}`,
    );
  }
}

/**
 * Reads a dataset file's bytes: its outline and every record checked (file.ts), the loadable records indexed.
 * Not JSON, or not shaped like a dataset: one problem saying where.
 */
export async function readDataset(text: Uint8Array, options: ReadOptions = {}): Promise<DatasetRead> {
  const sliceMs = options.sliceMs ?? 2;
  let sliceStart = performance.now();
  const breathe = async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  const problems: DatasetProblem[] = [];
  const outline: Record<string, unknown> = {};
  const index = new RecordsIndex();
  try {
    let at = expect(
      text,
      text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf ? 3 : 0,
      '{',
      'the dataset object, "{"',
    );
    for (let first = true; ; first = false) {
      at = skipSpace(text, at);
      if (text[at] === BYTE['}']) break;
      if (!first) at = skipSpace(text, expect(text, at, ',', '"," or "}"'));
      if (text[at] !== BYTE['"']) throw new JsonError(`expected a field name at ${position(text, at)}`);
      const keyEnd = stringEnd(text, at);
      const key = parseAt(text, at, keyEnd) as string;
      at = skipSpace(text, expect(text, keyEnd, ':', '":"'));
      if ((key === 'icp' || key === 'psb') && text[at] === BYTE['[']) {
        outline[key] = [];
        at = await readList(text, at + 1, key, index, problems, breathe);
      } else {
        const end = valueEnd(text, at);
        outline[key] = parseAt(text, at, end);
        at = end;
      }
    }
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    return {
      problems: [
        {
          path: '(file)',
          message: `not JSON: ${e.message}`,
          fix: 'fix the JSON there (a validator such as `jq . FILE` shows it too)',
          severity: 'error',
        },
      ],
    };
  }
  problems.unshift(...checkOutline(outline));
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return { index, problems };
}

/** Reads the records of a list whose `[` is just before `at`; returns where the list ends. */
async function readList(
  text: Uint8Array,
  at: number,
  kind: Kind,
  index: RecordsIndex,
  problems: DatasetProblem[],
  breathe: () => Promise<void>,
): Promise<number> {
  at = skipSpace(text, at);
  if (text[at] === BYTE[']']) return at + 1;
  for (let i = 0; ; i++) {
    at = skipSpace(text, at);
    const end = valueEnd(text, at);
    const checked =
      kind === 'icp' ? checkEntry('icp', parseAt(text, at, end), i) : checkEntry('psb', parseAt(text, at, end), i);
    if (checked.record) index.add(checked.record);
    problems.push(...checked.problems);
    at = skipSpace(text, end);
    if (text[at] === BYTE[']']) return at + 1;
    at = expect(text, at, ',', '"," or "]"');
    await breathe();
  }
}
