/**
 * The `beian` command: `check` validates filing numbers, `lint` audits the numbers in HTML pages, `snippet`
 * prints the footer's HTML for a site's template, `serve` runs the lookup service.
 * Exit codes: 0 no error-level finding, 1 at least one, 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ICP_TYPES } from '../contract/values.js';
import { escapeHTML } from '../core/render.js';
import { explain, parseFiling, renderBadgeHTML, renderQueryHTML, type Diagnostic, type Filing, type MessageLang, type ParseOptions } from '../core/index.js';
import { lintHtml } from './html.js';

const USAGE = `Usage:
  beian check <number>… [--json] [--host <domain>] [--lang en|zh]
  beian lint <file.html>… [--json] [--host <domain>] [--lang en|zh]
  beian snippet --icp <number> [--psb <number>] [--telecom <number>] [--algorithm <number>]
                [--report] [--icon-src <url>] [--script <url>]
  beian snippet --query [--lookup <https://…/v1>] [--mode icp|psb] [--type web|app|miniapp|quickapp]
                [--url-state] [--script <url>]
  beian serve [--data records.json] [--port 8787] [--bind 127.0.0.1]

  check   validate filing numbers (ICP 备案/ICP证, 增值电信, 公安备案, 网信算备)
  lint    find the filing numbers in HTML pages and check how they are linked and shown
  snippet print the footer's HTML to paste into a template: plain links that crawlers and
          visitors without JavaScript see, inside <beian-badge>, and the script that upgrades
          them (--script: where the site serves dist/cdn/beian-badge.js, default
          /js/beian-badge.js; --script "" leaves it out); with --query, the query form
          around links to the official query sites, and its classic script
          (default /js/beian-query.js)
  serve   run the v1 lookup service (default data: the demo dataset; upstreams from
          BEIAN_ICP_ENGINE and JUHE_KEY in the environment)
  --json  machine-readable output
  --host  the site's domain: famous numbers copied from other sites become errors
  --lang  language of messages (default: from $LANG)

Exit status: 0 no error-level finding, 1 some, 2 usage error.`;

const SNIPPET_NUMBERS = ['icp', 'psb', 'telecom', 'algorithm'] as const;

/** The options each verb takes (and --help). */
const VERB_OPTIONS = {
  check: ['json', 'host', 'lang'],
  lint: ['json', 'host', 'lang'],
  snippet: [...SNIPPET_NUMBERS, 'report', 'icon-src', 'script', 'host', 'lang', 'query', 'lookup', 'mode', 'type', 'url-state'],
  serve: ['data', 'port', 'bind'],
} as const;


class UsageError extends Error {
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

/** Where the command writes, and what it reads of its environment. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Receives the running server of `beian serve` (tests close it). */
  onServe?(server: { url: string; close(): Promise<void> }): void;
}

/** Runs the command; returns the exit code. Output goes through `out`/`err` so tests can capture it. */
export async function main(argv: readonly string[], io: Io = { out: console.log, err: console.error, env: process.env }): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        host: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        data: { type: 'string' },
        port: { type: 'string' },
        bind: { type: 'string' },
        icp: { type: 'string' },
        psb: { type: 'string' },
        telecom: { type: 'string' },
        algorithm: { type: 'string' },
        report: { type: 'boolean', default: false },
        'icon-src': { type: 'string' },
        script: { type: 'string' },
        query: { type: 'boolean', default: false },
        lookup: { type: 'string' },
        mode: { type: 'string' },
        type: { type: 'string' },
        'url-state': { type: 'boolean', default: false },
      },
    });
    const [verb, ...inputs] = positionals;
    if (values.help || verb === 'help') {
      io.out(USAGE);
      return 0;
    }
    const lang = values.lang ?? (io.env.LANG?.startsWith('zh') ? 'zh' : 'en');
    if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be "en" or "zh", not "${lang}".`);
    const options: ParseOptions = { host: values.host };
    const style = painter(io.env, values.json);
    // Options of another verb are refused, not ignored: `beian check --icp …` would check nothing.
    const allowed: readonly string[] | undefined = VERB_OPTIONS[verb as keyof typeof VERB_OPTIONS];
    const stray = allowed && Object.keys(values).find((k) => !allowed.includes(k) && k !== 'help' && values[k as 'json'] !== false);
    if (stray) throw new UsageError(`--${stray} is not an option of beian ${verb}; it takes ${allowed!.map((k) => `--${k}`).join(', ')}.`);
    if (verb === 'check') {
      if (inputs.length === 0) throw new UsageError('beian check needs at least one number, e.g. beian check 京ICP备2021012345号-1');
      const filings = inputs.map((input) => parseFiling(input, options));
      io.out(values.json ? JSON.stringify(filings.map((f) => filingJson(f, lang)), null, 2) : filings.map((f) => checkText(f, lang, style)).join('\n'));
      return filings.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
    }
    if (verb === 'lint') {
      if (inputs.length === 0) throw new UsageError('beian lint needs at least one HTML file, e.g. beian lint public/index.html');
      const reports = await Promise.all(inputs.map(async (file) => {
        let html: string;
        try {
          html = await readFile(file, 'utf8');
        } catch (e) {
          throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, false);
        }
        return { file, ...lintHtml(html, options) };
      }));
      if (values.json) {
        io.out(JSON.stringify(reports.map((r) => ({
          file: r.file,
          items: r.items.map((i) => filingJson(i.filing, lang)),
          findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: explain(f, lang).message, line: f.line, text: f.text })),
        })), null, 2));
      } else {
        io.out(reports.map((r) => lintText(r, lang, style)).join('\n\n'));
      }
      return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
    }
    if (verb === 'snippet' && values.query) return querySnippet(values, io);
    if (verb === 'snippet') {
      if (inputs.length) throw new UsageError(`beian snippet takes its numbers as options (--icp, --psb…), not as arguments: ${inputs.join(' ')}`);
      const numbers = Object.fromEntries(SNIPPET_NUMBERS.filter((k) => values[k]?.trim()).map((k) => [k, values[k]!]));
      if (!Object.keys(numbers).length) throw new UsageError('beian snippet needs a number, e.g. beian snippet --icp 京ICP备2021012345号-1 --psb 京公网安备11010502030143号');
      // A number with problems is still printed as given (as the badge shows it); what to fix goes to stderr.
      const filings = Object.values(numbers).map((n) => parseFiling(n, options));
      const problems = filings.filter((f) => f.diagnostics.some((d) => d.severity !== 'info'));
      if (problems.length) io.err(problems.map((f) => checkText(f, lang, style)).join('\n'));
      const src = values.script ?? '/js/beian-badge.js';
      const html = renderBadgeHTML({ ...numbers, report: values.report, iconSrc: values['icon-src'] });
      io.out(src ? `${html}\n<script type="module" src="${escapeHTML(src)}"></script>` : html);
      return filings.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
    }
    if (verb === 'serve') {
      if (inputs.length) throw new UsageError(`beian serve takes no arguments, only options: ${inputs.join(' ')}`);
      const port = Number(values.port ?? 8787);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0–65535), not "${values.port}".`);
      // Loaded only for this verb: check and lint need no server code.
      const { startServer } = await import('../server/node.js');
      let server;
      try {
        server = await startServer({ data: values.data, port, host: values.bind });
      } catch (e) {
        throw new UsageError((e as Error).message, false);
      }
      io.err(`beian: lookup service on ${server.url}/v1 (try ${server.url}/v1/meta)`);
      io.onServe?.(server);
      return 0;
    }
    throw new UsageError(verb ? `unknown command "${verb}"` : 'no command given');
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`beian: ${(e as Error).message}${e instanceof UsageError && !e.showUsage ? '' : `\n\n${USAGE}`}`);
      return 2;
    }
    throw e;
  }
}


/** `beian snippet --query`: the form with its fallback (renderQueryHTML) and the classic script that upgrades it. */
function querySnippet(values: { lookup?: string; mode?: string; type?: string; 'url-state': boolean; script?: string } & Record<string, unknown>, io: Io): number {
  const numbers = [...SNIPPET_NUMBERS, 'report', 'icon-src'].filter((k) => values[k] !== undefined && values[k] !== false);
  if (numbers.length) throw new UsageError(`--${numbers[0]} is for the footer; beian snippet --query prints the query form`);
  if (values.mode !== undefined && !['icp', 'psb'].includes(values.mode)) throw new UsageError(`--mode must be icp or psb, not "${values.mode}".`);
  if (values.type !== undefined && !(ICP_TYPES as readonly string[]).includes(values.type)) throw new UsageError(`--type must be one of ${ICP_TYPES.join(', ')}, not "${values.type}".`);
  if (values.lookup !== undefined && !/^https?:\/\/[^/]/.test(values.lookup)) throw new UsageError(`--lookup must be the lookup service's address, https://…/v1, not "${values.lookup}".`);
  const html = renderQueryHTML({ lookup: values.lookup, mode: values.mode, type: values.type, urlState: values['url-state'] });
  const src = values.script ?? '/js/beian-query.js';
  io.out(src ? `${html}\n<script src="${escapeHTML(src)}" defer></script>` : html);
  return 0;
}

function filingJson(f: Filing, lang: MessageLang) {
  return {
    input: f.input, kind: f.kind, valid: f.valid, normalized: f.normalized, province: f.province,
    psbCode: f.psbCode, site: f.site, suffixKind: f.suffixKind,
    diagnostics: f.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: explain(d, lang).message })),
  };
}

type Style = (code: number, text: string) => string;

function painter(env: NodeJS.ProcessEnv, json: boolean): Style {
  // https://no-color.org; FORCE_COLOR wins for CI logs that render ANSI.
  const on = !json && !env.NO_COLOR && (!!env.FORCE_COLOR || process.stdout.isTTY === true);
  return (code, text) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
}

const MARK = { error: [31, '✖'], warn: [33, '!'], info: [36, 'i'] } as const;
const KIND = {
  'icp-filing': ['ICP filing', 'ICP备案'], 'icp-licence': ['ICP licence', 'ICP许可证'], 'telecom-licence': ['telecom licence', '增值电信许可证'],
  psb: ['public security', '公安备案'], algorithm: ['algorithm filing', '算法备案'], unknown: ['not a filing number', '无法识别'],
} as const;

/**
 * Text from the input (a page's links, a number as typed) shown on a terminal: control characters become �, so a
 * page cannot clear the screen or retitle the window through our output.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

function diagnosticLines(ds: readonly Diagnostic[], lang: MessageLang, style: Style, indent: string): string[] {
  return ds.map((d) => {
    const [color, mark] = MARK[d.severity];
    const { message, fix } = explain(d, lang);
    return `${indent}${style(color, `${mark} ${d.severity.padEnd(5)} ${d.rule}`)}  ${printable(message)}\n${indent}             ${style(2, fix)}`;
  });
}

function checkText(f: Filing, lang: MessageLang, style: Style): string {
  const status = f.valid ? style(32, '✔') : f.diagnostics.some((d) => d.severity === 'error') ? style(31, '✖') : style(33, '!');
  const facts = [
    KIND[f.kind][lang === 'zh' ? 1 : 0],
    f.province && `${lang === 'zh' ? '省份' : 'province'} ${f.province}`,
    f.site !== null && `${lang === 'zh' ? '网站序号' : 'site'} ${f.site}${f.suffixKind ? ` (${f.suffixKind})` : ''}`,
    f.psbCode && `code ${f.psbCode}`,
  ].filter(Boolean).join(' · ');
  const shown = f.normalized && f.normalized !== f.input ? `${printable(f.input)} → ${style(1, f.normalized)}` : style(1, printable(f.input));
  return [`${status} ${shown}  ${style(2, facts)}`, ...diagnosticLines(f.diagnostics, lang, style, '    ')].join('\n');
}

function lintText(r: { file: string } & ReturnType<typeof lintHtml>, lang: MessageLang, style: Style): string {
  const head = style(4, printable(r.file));
  if (r.items.length === 0) return `${head}\n  ${lang === 'zh' ? '未发现备案号' : 'no filing numbers found'}`;
  const items = r.items.map(({ filing, line, findings }) => {
    const worst = findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warn');
    const mark = worst ? style(MARK[worst.severity][0], MARK[worst.severity][1]) : style(32, '✔');
    const shown = printable(filing.normalized && filing.normalized !== filing.display ? `${filing.display} → ${filing.normalized}` : filing.display);
    return [`  ${style(2, `${String(line).padStart(4)}:`)} ${mark} ${style(1, shown)}`, ...diagnosticLines(findings, lang, style, '         ')].join('\n');
  });
  const counts = (['error', 'warn', 'info'] as const).map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  return [head, ...items, `  ${counts}`].join('\n');
}
