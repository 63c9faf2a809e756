/**
 * `beian lookup`: inputs from the arguments and list files, asked of a lookup service (batch.ts), printed as a
 * table for people, JSON for programs, or CSV for Excel (one row per record, every input accounted for).
 */
import type { IcpRecord, PsbRecord } from '../contract/records.js';
import type { Kind } from '../contract/values.js';
import type { MessageLang } from '../core/index.js';
import { batchJson, countStatuses, lookupWith, LookupSession, ServiceError, type Ask, type BatchRow } from './batch.js';
import { readList, toCsv, type ListRow } from './csv.js';
import { UsageError } from './errors.js';
import { lookupAddress, wholeOption } from './options.js';
import { printable, type Style } from './terminal.js';

export interface LookupValues {
  file?: string[];
  lookup?: string;
  host?: string;
  kind?: string;
  concurrency?: string;
  timeout?: string;
  json: boolean;
  csv: boolean;
}

/** Where the command writes: lines, and (on a terminal only) the progress bar's redraws. */
export interface LookupIo {
  out(text: string): void;
  err(text: string): void;
  progress?(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** Exit status: 2 when the service cannot be asked; 1 when an input is invalid, not on record, cancelled or mismatched. */
export async function lookupVerb(
  inputs: readonly string[],
  values: LookupValues,
  io: LookupIo,
  lang: MessageLang,
  style: Style,
): Promise<number> {
  if (values.json && values.csv) throw new UsageError('--json and --csv are two output formats; give one.');
  const endpoint = values.lookup ?? io.env.BEIAN_LOOKUP;
  if (!endpoint) throw new UsageError('beian lookup needs a lookup service: --lookup https://…/v1 (or BEIAN_LOOKUP).');
  const kinds = readKinds(values.kind);
  const asks = [...inputs.map((input) => ({ input })), ...(await listAsks(values.file ?? [], io))];
  if (!asks.length)
    throw new UsageError(
      'beian lookup needs inputs: numbers, domains or unit names as arguments, or --file sites.txt|sites.csv',
    );
  const session = new LookupSession(lookupAddress(endpoint), {
    concurrency: wholeOption(values.concurrency, 'concurrency', 4, 32),
    timeoutMs: wholeOption(values.timeout, 'timeout', 15, 300) * 1000,
  });
  let rows: BatchRow[];
  try {
    rows = await lookupWith(session, asks, {
      host: values.host,
      kinds,
      lang,
      onProgress: io.progress && progressBar(io.progress),
    });
  } catch (e) {
    if (e instanceof ServiceError) throw new UsageError(e.message, false);
    throw e;
  } finally {
    io.progress?.('\r\x1b[K');
  }
  const summary = summaryLine(rows, asks.length, session.sent, lang);
  // Less the last line's \n, which `out` adds: every line ends in CRLF.
  if (values.csv) io.out(batchCsv(rows).slice(0, -1));
  else if (values.json) io.out(JSON.stringify(batchJson(rows), null, 2));
  else io.out([...rows.map((row) => rowText(row, style)), '', summary].join('\n'));
  if (values.csv || values.json) io.err(summary);
  return rows.some((r) => FAILING.has(r.status)) ? 1 : 0;
}

/** Statuses that fail the command (like `check`'s errors); `unknown` does not: the service could not tell. */
const FAILING = new Set(['error', 'not-found', 'cancelled', 'mismatch']);

function readKinds(kind: string | undefined): Kind[] | undefined {
  if (kind === undefined) return undefined;
  if (kind !== 'icp' && kind !== 'psb')
    throw new UsageError(`--kind must be icp or psb (what a domain is looked up in), not "${kind}".`);
  return [kind];
}

/** Column names a list's header may use for its inputs (a hosting panel's export, a spreadsheet of sites). */
const INPUT_COLUMNS = new Set([
  'input',
  'domain',
  'site',
  'url',
  'number',
  'icp',
  'psb',
  'code',
  'unit',
  '域名',
  '网址',
  '网站',
  '备案号',
  'icp备案号',
  '公安备案号',
  '网安备案号',
  '主办单位',
  '单位名称',
]);

/** The inputs of list files: every line of a text file; of a CSV, the columns its header names as inputs, or else its first. */
async function listAsks(files: readonly string[], io: LookupIo): Promise<Ask[]> {
  const asks: Ask[] = [];
  for (const file of files) {
    const rows = await readList(file);
    const columns = inputColumns(rows[0]);
    if (!columns && rows.some((r) => r.cells.length > 1))
      io.err(
        `beian: ${file} has no header naming its input columns (${[...INPUT_COLUMNS].slice(0, 9).join(', ')}…): reading its first column only`,
      );
    for (const row of columns ? rows.slice(1) : rows) {
      for (const c of columns ?? [0]) if (row.cells[c]) asks.push({ input: row.cells[c], where: row.where });
    }
  }
  return asks;
}

function inputColumns(header: ListRow | undefined): number[] | null {
  const columns = header?.cells.flatMap((cell, i) => (INPUT_COLUMNS.has(cell.toLowerCase()) ? [i] : [])) ?? [];
  return columns.length ? columns : null;
}

/** `  312/1000 [#########-----------]  31%`, redrawn in place. */
function progressBar(write: (text: string) => void): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const filled = Math.round((done / total) * 30);
    if (filled === last && done !== total) return;
    last = filled;
    write(
      `\r${String(done).padStart(String(total).length)}/${total} [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${String(Math.floor((done / total) * 100)).padStart(3)}%`,
    );
  };
}

const CSV_HEADER = [
  'input',
  'source',
  'registry',
  'status',
  'reason',
  'message',
  'number',
  'unit_name',
  'unit_nature',
  'site_name',
  'domains',
  'limit_access',
  'approved_at',
  'department',
  'authority',
];

/** One line per record, and one for each answer without records, so every input is in the file. */
export function batchCsv(rows: readonly BatchRow[]): string {
  const lines = rows.flatMap((row) => {
    const head = [row.input, row.where, row.kind, row.status, row.reason, row.message];
    if (!row.records.length) return [[...head, ...Array<null>(8).fill(null), row.authority]];
    return row.records.map((record) => [...head, ...recordCells(record), row.authority]);
  });
  return toCsv([CSV_HEADER, ...lines]);
}

function isIcp(record: IcpRecord | PsbRecord): record is IcpRecord {
  return 'serviceLicence' in record;
}

function recordCells(r: IcpRecord | PsbRecord): (string | boolean | null)[] {
  if (isIcp(r))
    return [
      r.serviceLicence ?? r.mainLicence,
      r.unitName,
      r.natureName,
      r.siteName,
      r.domain,
      r.limitAccess,
      r.approvedAt,
      null,
    ];
  return [r.display, r.unitName, r.unitType, r.websiteName, r.domains.join(' '), null, r.filedAt, r.department];
}

const MARKS: Record<string, [number, string]> = { valid: [32, '✔'], unknown: [33, '?'] };

/** `✔ example.cn  ICP  valid  京ICP备2021012345号-1 · 示例科技有限公司 · 示例`, a line per record. */
function rowText(row: BatchRow, style: Style): string {
  const [color, mark] = MARKS[row.status] ?? [31, '✖'];
  const status = style(color, `${mark} ${row.status}${row.reason ? ` (${row.reason})` : ''}`);
  const head = `${style(1, printable(row.input))}  ${row.kind?.toUpperCase() ?? '-'}  ${status}`;
  if (!row.records.length) return row.message ? `${head}  ${style(2, printable(row.message))}` : head;
  return [head, ...row.records.map((r) => `    ${printable(recordSummary(r))}`)].join('\n');
}

function recordSummary(r: IcpRecord | PsbRecord): string {
  const parts = isIcp(r)
    ? [r.serviceLicence ?? r.mainLicence, r.unitName, r.siteName, r.domain, r.limitAccess ? '限制接入' : null]
    : [r.display, r.unitName, r.websiteName, r.domains.join(' ')];
  return parts.filter(Boolean).join(' · ');
}

/** `1000 inputs, 1200 answers: 900 valid, 300 not-found · 1010 requests, 10 refused by the service`. */
function summaryLine(
  rows: readonly BatchRow[],
  inputs: number,
  sent: { requests: number; refused: number },
  lang: MessageLang,
): string {
  const counts = Object.entries(countStatuses(rows))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  if (lang === 'zh')
    return `${inputs} 项输入，${rows.length} 个结果：${counts} · 请求 ${sent.requests} 次，其中 ${sent.refused} 次被服务限流`;
  return `${inputs} inputs, ${rows.length} answers: ${counts} · ${sent.requests} requests, ${sent.refused} refused by the service`;
}
