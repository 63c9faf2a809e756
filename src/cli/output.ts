/**
 * What `beian lint` prints: a report for people (`text`), a stable JSON document for programs (`json`, shape in
 * the README), or GitHub Actions workflow commands that annotate the files of a pull request (`github`).
 */
import {
  explain,
  parseFiling,
  type Filing,
  type FooterFinding,
  type MessageLang,
  type Severity,
} from '../core/index.js';
import type { LintRun, PageReport } from './lint.js';
import { pageFindings } from './report.js';
import { diagnosticLines, MARK, printable, type Style } from './terminal.js';

export type LintFormat = 'text' | 'json' | 'github';

const SEVERITIES = ['error', 'warn', 'info'] as const;

/** What `beian check --json` prints for these numbers (and the MCP `check_numbers` tool answers). */
export function checkJson(numbers: readonly string[], host: string | undefined, lang: MessageLang) {
  return numbers.map((input) => filingJson(parseFiling(input, { host }), lang));
}

/** How many findings of each severity the pages hold. */
export function countFindings(pages: readonly PageReport[]): Record<Severity, number> {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const page of pages) for (const f of page.findings) counts[f.severity]++;
  return counts;
}

/** The line that ends every text and github report: `3 pages: 2 errors, 1 warning, 0 info`. */
export function summaryLine(run: LintRun, lang: MessageLang): string {
  const { error, warn, info } = countFindings(run.pages);
  if (lang === 'zh') {
    const failed = run.failures.length ? `；${run.failures.length} 项输入无法读取` : '';
    return `${run.pages.length} 个页面：${error} 个错误，${warn} 个警告，${info} 个提示${failed}`;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const failed = run.failures.length ? `; ${plural(run.failures.length, 'input')} could not be read` : '';
  return `${plural(run.pages.length, 'page')}: ${plural(error, 'error')}, ${plural(warn, 'warning')}, ${info} info${failed}`;
}

/** The failures, one line each (the text and JSON formats print them on stderr). */
export function failureLines(run: LintRun): string[] {
  return run.failures.map((f) => `beian: ${printable(f.message)}`);
}

/** Each page with its numbers, their findings and fixes, then the page's own findings and counts. */
export function lintText(run: LintRun, lang: MessageLang, style: Style): string {
  return [...run.pages.map((page) => pageText(page, lang, style)), summaryLine(run, lang)].join('\n\n');
}

function pageText(page: PageReport, lang: MessageLang, style: Style): string {
  const home = page.home ? style(2, lang === 'zh' ? ' (首页)' : ' (home page)') : '';
  const head = `${style(4, printable(page.file ?? page.url!))}${home}`;
  const items = page.items.length
    ? page.items.map(({ filing, line, findings }) => {
        const worst = findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warn');
        const mark = worst ? style(MARK[worst.severity][0], MARK[worst.severity][1]) : style(32, '✔');
        return [
          `  ${style(2, `${String(line || '-').padStart(4)}:`)} ${mark} ${style(1, shownText(filing))}`,
          ...diagnosticLines(findings, lang, style, '         '),
        ].join('\n');
      })
    : [`  ${lang === 'zh' ? '未发现备案号' : 'no filing numbers found'}`];
  const own = pageFindings(page);
  const whole = own.length
    ? [`  ${lang === 'zh' ? '整页' : 'page'}:`, ...diagnosticLines(own, lang, style, '         ')]
    : [];
  const counts = SEVERITIES.map((s) => `${page.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  return [head, ...items, ...whole, `  ${counts}`].join('\n');
}

function shownText(filing: Filing): string {
  return printable(
    filing.normalized && filing.normalized !== filing.display
      ? `${filing.display} → ${filing.normalized}`
      : filing.display,
  );
}

/** The JSON document: pages, failures and a summary (shape documented in the README). */
export function lintJson(run: LintRun, lang: MessageLang) {
  return {
    pages: run.pages.map((page) => ({
      ...(page.file !== undefined ? { file: page.file } : { url: page.url }),
      home: page.home,
      host: page.host,
      items: page.items.map((i) => filingJson(i.filing, lang)),
      findings: page.findings.map((f) => findingJson(f, lang)),
    })),
    failures: run.failures,
    summary: { pages: run.pages.length, failures: run.failures.length, ...countFindings(run.pages) },
  };
}

/** A filing as `beian check --json` prints it. */
export function filingJson(f: Filing, lang: MessageLang) {
  return {
    input: f.input,
    kind: f.kind,
    valid: f.valid,
    normalized: f.normalized,
    province: f.province,
    psbCode: f.psbCode,
    site: f.site,
    suffixKind: f.suffixKind,
    diagnostics: f.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: explain(d, lang).message })),
  };
}

function findingJson(f: FooterFinding, lang: MessageLang) {
  const { message, fix } = explain(f, lang);
  return { rule: f.rule, severity: f.severity, detail: f.detail, message, fix, line: f.line, text: f.text };
}

const COMMAND = { error: 'error', warn: 'warning', info: 'notice' } as const;

/**
 * One workflow command per finding (`::error file=…,line=…,title=L01::message — fix`), then the failures and the
 * summary. A URL is no file of the repository: it goes in the title.
 */
export function lintGithub(run: LintRun, lang: MessageLang): string {
  const lines = run.pages.flatMap((page) => page.findings.map((f) => annotation(page, f, lang)));
  for (const failure of run.failures) lines.push(`::error title=beian lint::${escapeData(printable(failure.message))}`);
  return [...lines, summaryLine(run, lang)].join('\n');
}

function annotation(page: PageReport, f: FooterFinding, lang: MessageLang): string {
  const { message, fix } = explain(f, lang);
  const properties = [
    page.file !== undefined && `file=${escapeProperty(printable(page.file))}`,
    f.line > 0 && page.file !== undefined && `line=${f.line}`,
    `title=${escapeProperty(printable(page.file !== undefined ? f.rule : `${f.rule} ${page.url}`))}`,
  ].filter(Boolean);
  return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(printable(`${message} — ${fix}`))}`;
}

/** GitHub's escaping of a command's message (actions/toolkit, command.ts). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command's property value: the message's, plus the separators `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
