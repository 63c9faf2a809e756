/**
 * The `beian` command: `check` validates filing numbers, `lint` audits the numbers of HTML pages (files, a built
 * site's folder, URLs; optionally rendered in Chromium and checked with a lookup service), `snippet` prints the
 * footer's HTML for a site's template, `serve` runs the lookup service.
 * Exit codes: 0 no error-level finding, 1 at least one, 2 usage error or an input that could not be read,
 * 3 internal failure (a bug: reported with a request to report it, the stack with BEIAN_DEBUG=1).
 */
import { parseArgs } from 'node:util';
import { ICP_TYPES, KINDS } from '../contract/values.js';
import { escapeHTML } from '../core/render.js';
import {
  parseFiling,
  renderBadgeHTML,
  renderQueryHTML,
  type Filing,
  type FilingKind,
  type MessageLang,
  type ParseOptions,
} from '../core/index.js';
import { isLicence, LICENCES, type LicenceKind } from '../core/licences.js';
import { lookupVerb } from './batch-output.js';
import { datasetVerb } from './dataset.js';
import { readWatch, startWatching, watchVerb, type WatchValues } from './watch/verb.js';
import { Watcher } from './watch/watcher.js';
import { UsageError } from './errors.js';
import { lookupAddress } from './options.js';
import { lintInputs, lintSettings, type LintValues } from './lint.js';
import { failureLines, filingJson, lintGithub, lintJson, lintText, type LintFormat } from './output.js';
import { badgeItems, readDeclaration } from '../core/badge-declaration.js';
import type { RunningServer } from '../server/node.js';
import { readSettings, SERVE_OPTIONS, SettingError, settingsHelp } from '../server/settings.js';
import { upstreamsHelp } from '../server/upstreams.js';
import { diagnosticLines, painter, printable, type Style } from './terminal.js';

const USAGE = `Usage:
  beian check <number>… [--json] [--host <domain>] [--lang en|zh]
  beian lint <file|folder|url>… [--format text|json|github] [--json] [--host <domain>] [--lang en|zh]
             [--home] [--require icp,psb] [--render] [--lookup <https://…/v1>]
             [--timeout <seconds>] [--max-bytes <bytes>]
  beian snippet --icp <number> [--psb <number>] [--telecom <number>] [--algorithm <number> [<url>]]
                [--filing <[label：]number [url]>]… [--genai <model number>]… [--vanity <number>]…
                [--contact <text url>]… [--report | --report-links 12377,12321,cyberpolice,12318]
                [--layout inline|stacked|about] [--app] [--icon-src <url>] [--script <url>]
  beian snippet --query [--lookup <https://…/v1>] [--mode icp|psb] [--type web|app|miniapp|quickapp]
                [--url-state] [--script <url>]
  beian lookup <number|domain|unit>… [--file sites.txt|sites.csv]… [--lookup <https://…/v1>]
               [--host <domain>] [--kind icp|psb] [--json | --csv] [--concurrency 4] [--timeout <seconds>]
  beian watch --file sites.csv [--lookup <https://…/v1>] [--db beian-watch.db] [--every 6h | --once]
              [--pages] [--webhook <[json|dingtalk|feishu|wecom=]url[#secret]>]… [--json]
  beian watch history <domain> [--db beian-watch.db] [--json]
  beian dataset check <records.json> [--json]
  beian dataset schema
  beian mcp [--lookup <https://…/v1>] [--lang en|zh]
  beian serve [--data records.json] [--port 8787] [--bind 127.0.0.1] [--trust-proxy <hops|ranges>]
              [--rate-limit <per minute|off>] [--log-level info|warn|error|silent] [more below]
              [--watch sites.csv [--db …] [--every …] [--pages] [--webhook …]…]

  check   validate filing numbers (ICP 备案/ICP证, 增值电信, 公安备案, 网信算备)
  lint    find the filing numbers in HTML pages and check how they are linked and shown: files, every
          .html/.htm of a folder (its root index.html is the home page, which must show a number), or
          http(s) URLs (fetched; a URL whose path is / is a home page)
  snippet print the footer's HTML to paste into a template: plain links that crawlers and
          visitors without JavaScript see, inside <beian-badge>, and the script that upgrades
          them (--script: where the site serves dist/cdn/beian-badge.js, default
          /js/beian-badge.js; --script "" leaves it out); with --query, the query form
          around links to the official query sites, and its classic script
          (default /js/beian-query.js). --filing, --genai, --vanity and --contact may be repeated:
          the other licences, AI models, 萌ICP numbers and the site's report contacts
  lookup  ask a lookup service (--lookup, default $BEIAN_LOOKUP) for the records of many inputs at
          once: numbers, 公安 codes, domains (both registries) or unit names, from the arguments and
          --file lists (a text file, one per line; or a CSV whose header names its input columns:
          input, domain, icp, psb, unit, 域名, 备案号…). --host verifies the numbers for that domain.
          At most --concurrency requests at a time; a 429 holds them all for its Retry-After. --csv
          prints one row per record for Excel (UTF-8 with BOM), --json the same as a document
  watch   re-check sites (a CSV: domain,icp,psb[,page]) on a schedule (--every, default 6h) or once
          (--once, for cron: exit 1 when a site is not as it should be) through a lookup service, and
          with --pages their home pages as lint does. Every answer and change is kept in SQLite (--db;
          needs better-sqlite3); a change (status, holder, number, site name, 限制接入, cancellation, a
          number gone from the footer) is posted to each --webhook: JSON, or the DingTalk, Feishu or
          WeCom robot's format (told from its host, or named). history: a site's checks and changes.
          With beian serve --watch, the watcher asks that server, and /metrics shows every site
  dataset check a lookup service's dataset (every problem, where it is and how to fix it: exit 1 when
          the file would not load; warnings for records no query can find), or print its JSON Schema
  mcp     an MCP server on stdio for AI assistants (needs @modelcontextprotocol/sdk): tools
          check_numbers, lint_page, lookup_icp, lookup_psb and verify_site, each answering the JSON of
          the matching command (--lookup, default $BEIAN_LOOKUP: the service the lookup tools ask)
  serve   run the v1 lookup service (default data: the demo dataset; upstreams from the
          environment, below)
  --json  machine-readable output (for lint: the same as --format json)
  --host  the site's domain: famous numbers copied from other sites become errors
  --lang  language of messages (default: from $LANG)

lint options:
  --format    text (default), json, or github (GitHub Actions annotations)
  --home      lint every page given as a home page
  --require   numbers every page must show: icp, psb or icp,psb
  --render    load each page in Chromium and lint it as rendered (needs playwright-core and a
              Chromium: CHROMIUM_BIN, a system chromium/chrome, or @sparticuz/chromium)
  --lookup    check the numbers with a lookup service for the page's host (default $BEIAN_LOOKUP);
              local files need --host
  --timeout   seconds per page to fetch, render or look up (default 15)
  --max-bytes largest page fetched (default 20971520, 20 MB)

serve options (each also an environment variable; an option wins over its variable):
${settingsHelp()}
upstreams (environment variables; each turns one on):
${upstreamsHelp()}

Exit status: 0 no error-level finding, 1 some, 2 usage error or an input that could not be read,
3 internal error.`;

const SNIPPET_NUMBERS = ['icp', 'psb', 'telecom', 'algorithm'] as const;

/** The watcher's options that `beian serve --watch` takes too. */
const WATCH_OPTIONS = ['db', 'every', 'pages', 'webhook'] as const;

/** The options each verb takes (and --help). */
const VERB_OPTIONS = {
  check: ['json', 'host', 'lang'],
  lint: ['json', 'format', 'host', 'lang', 'home', 'require', 'render', 'lookup', 'timeout', 'max-bytes'],
  snippet: [
    ...SNIPPET_NUMBERS,
    'filing',
    'genai',
    'vanity',
    'contact',
    'report',
    'report-links',
    'layout',
    'app',
    'icon-src',
    'script',
    'host',
    'lang',
    'query',
    'lookup',
    'mode',
    'type',
    'url-state',
  ],
  lookup: ['json', 'csv', 'file', 'lookup', 'host', 'kind', 'concurrency', 'timeout', 'lang'],
  watch: ['file', 'lookup', 'db', 'every', 'once', 'pages', 'webhook', 'concurrency', 'timeout', 'json'],
  dataset: ['json'],
  mcp: ['lookup', 'lang'],
  serve: [...SERVE_OPTIONS, 'watch', ...WATCH_OPTIONS],
} as const;

/** Where the command writes, and what it reads of its environment. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Redraws the progress bar: only when stderr is a terminal (none when piped). */
  progress?(text: string): void;
  /** Receives the running server of `beian serve` (tests close it). */
  onServe?(server: { url: string; close(): Promise<void> }): void;
  /** Receives a long-lived watcher (`beian watch`, `beian serve --watch`; tests stop it). */
  onWatch?(watcher: Watcher): void;
}

/** Runs the command; returns the exit code. Output goes through `out`/`err` so tests can capture it. */
export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        host: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        ...Object.fromEntries(SERVE_OPTIONS.map((name) => [name, { type: 'string' } as const])),
        icp: { type: 'string' },
        psb: { type: 'string' },
        telecom: { type: 'string' },
        algorithm: { type: 'string' },
        report: { type: 'boolean', default: false },
        'report-links': { type: 'string' },
        filing: { type: 'string', multiple: true },
        genai: { type: 'string', multiple: true },
        vanity: { type: 'string', multiple: true },
        contact: { type: 'string', multiple: true },
        layout: { type: 'string' },
        app: { type: 'boolean', default: false },
        'icon-src': { type: 'string' },
        script: { type: 'string' },
        query: { type: 'boolean', default: false },
        lookup: { type: 'string' },
        mode: { type: 'string' },
        type: { type: 'string' },
        'url-state': { type: 'boolean', default: false },
        format: { type: 'string' },
        home: { type: 'boolean', default: false },
        require: { type: 'string' },
        render: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        'max-bytes': { type: 'string' },
        file: { type: 'string', multiple: true },
        kind: { type: 'string' },
        concurrency: { type: 'string' },
        csv: { type: 'boolean', default: false },
        db: { type: 'string' },
        every: { type: 'string' },
        once: { type: 'boolean', default: false },
        pages: { type: 'boolean', default: false },
        webhook: { type: 'string', multiple: true },
        watch: { type: 'string' },
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
    const style = painter(
      io.env,
      values.json || values.csv || (values.format !== undefined && values.format !== 'text'),
    );
    // Options of another verb are refused, not ignored: `beian check --icp …` would check nothing.
    const allowed: readonly string[] | undefined = VERB_OPTIONS[verb as keyof typeof VERB_OPTIONS];
    const stray =
      allowed && Object.keys(values).find((k) => !allowed.includes(k) && k !== 'help' && values[k as 'json'] !== false);
    if (stray)
      throw new UsageError(
        `--${stray} is not an option of beian ${verb}; it takes ${allowed!.map((k) => `--${k}`).join(', ')}.`,
      );
    if (verb === 'check') {
      if (inputs.length === 0)
        throw new UsageError('beian check needs at least one number, e.g. beian check 京ICP备2021012345号-1');
      const filings = inputs.map((input) => parseFiling(input, options));
      io.out(
        values.json
          ? JSON.stringify(
              filings.map((f) => filingJson(f, lang)),
              null,
              2,
            )
          : filings.map((f) => checkText(f, lang, style)).join('\n'),
      );
      return filings.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
    }
    // Awaited here, so that its errors reach the catch below.
    if (verb === 'lint') return await lintVerb(inputs, values, io, lang, style);
    if (verb === 'lookup') return await lookupVerb(inputs, values, io, lang, style);
    if (verb === 'watch') return await watchVerb(inputs, values, io, style);
    if (verb === 'dataset') return await datasetVerb(inputs, values.json, io.out, style);
    // Loaded only for this verb, and it loads the optional MCP SDK.
    if (verb === 'mcp') return await (await import('./mcp.js')).mcpVerb(inputs, values, io, lang);
    if (verb === 'snippet' && values.query) return querySnippet(values, io);
    if (verb === 'snippet') {
      if (inputs.length)
        throw new UsageError(
          `beian snippet takes its numbers as options (--icp, --psb…), not as arguments: ${inputs.join(' ')}`,
        );
      return badgeSnippet(values, io, options, lang, style);
    }
    if (verb === 'serve') return await serveVerb(inputs, values, io);
    throw new UsageError(verb ? `unknown command "${verb}"` : 'no command given');
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`beian: ${(e as Error).message}${e instanceof UsageError && !e.showUsage ? '' : `\n\n${USAGE}`}`);
      return 2;
    }
    return internalError(e, io);
  }
}

/** `beian serve`: the lookup service, and beside it the watcher of `--watch`; every option is read before anything starts. */
async function serveVerb(
  inputs: readonly string[],
  values: Parameters<typeof readSettings>[0] & WatchValues & { watch?: string },
  io: Io,
): Promise<number> {
  if (inputs.length) throw new UsageError(`beian serve takes no arguments, only options: ${inputs.join(' ')}`);
  let settings;
  try {
    settings = readSettings(values, io.env);
  } catch (e) {
    if (e instanceof SettingError) throw new UsageError(e.message, false);
    throw e;
  }
  const stray =
    values.watch === undefined && WATCH_OPTIONS.find((name) => values[name] !== undefined && values[name] !== false);
  if (stray) throw new UsageError(`--${stray} is an option of the watcher: it goes with --watch sites.csv.`);
  const watch = values.watch === undefined ? null : readWatch({ ...values, file: [values.watch] });
  // Loaded only for this verb: check and lint need no server code.
  const { startServer } = await import('../server/node.js');
  let server;
  try {
    server = await startServer({ ...settings, host: settings.bind });
  } catch (e) {
    throw new UsageError((e as Error).message, false);
  }
  io.err(`beian: lookup service on ${server.url}/v1 (try ${server.url}/v1/meta)`);
  io.onServe?.(server);
  if (watch) await watchBeside(server, watch, io);
  return 0;
}

/** `beian serve --watch`: the watcher asks the server it runs beside, and its per-site gauges join /metrics. */
async function watchBeside(server: RunningServer, watch: ReturnType<typeof readWatch>, io: Io): Promise<void> {
  const options = { ...watch, lookup: `${server.url}/v1`, log: io.err };
  const watcher = await Watcher.open(options.db, options);
  server.addCollector(watcher.collector);
  startWatching(watcher, options, io);
}

function defaultIo(): Io {
  const progress = process.stderr.isTTY ? (text: string) => void process.stderr.write(text) : undefined;
  return { out: console.log, err: console.error, env: process.env, progress };
}

/** An exception nothing expected: a bug. Said as such, with the stack for the report when BEIAN_DEBUG=1. */
function internalError(e: unknown, io: Io): number {
  const error = e instanceof Error ? e : new Error(String(e));
  const stack = io.env.BEIAN_DEBUG === '1' ? `\n${error.stack}` : '\n(run again with BEIAN_DEBUG=1 for the stack)';
  io.err(
    `beian: internal error: ${error.message}\nThis is a bug in beian; please report it with the command you ran.${stack}`,
  );
  return 3;
}

/**
 * `beian lint`: the report on stdout in the chosen format; the inputs that could not be read on stderr (in
 * `github` format, as error annotations), which make the exit status 2.
 */
async function lintVerb(
  inputs: readonly string[],
  values: LintValues & { json: boolean; format?: string },
  io: Io,
  lang: MessageLang,
  style: Style,
): Promise<number> {
  if (inputs.length === 0)
    throw new UsageError('beian lint needs at least one HTML file, folder or URL, e.g. beian lint public/');
  const format = lintFormat(values.format, values.json);
  const run = await lintInputs(inputs, lintSettings(values, inputs, io.env), io.env);
  if (format !== 'github' && run.failures.length) io.err(failureLines(run).join('\n'));
  if (format === 'json') io.out(JSON.stringify(lintJson(run, lang), null, 2));
  else io.out(format === 'github' ? lintGithub(run, lang) : lintText(run, lang, style));
  if (run.failures.length) return 2;
  return run.pages.some((p) => p.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** `--format`, or `--json` (its alias for json); both given must agree. */
function lintFormat(format: string | undefined, json: boolean): LintFormat {
  if (format !== undefined && !['text', 'json', 'github'].includes(format))
    throw new UsageError(`--format must be text, json or github, not "${format}".`);
  if (json && format !== undefined && format !== 'json')
    throw new UsageError(`--json is --format json; it cannot go with --format ${format}.`);
  return json ? 'json' : ((format as LintFormat | undefined) ?? 'text');
}

/** `beian snippet`: the footer's plain HTML inside <beian-badge> (renderBadgeHTML), and the script that upgrades it. */
function badgeSnippet(
  values: Partial<
    Record<'icp' | 'psb' | 'telecom' | 'algorithm' | 'report-links' | 'layout' | 'icon-src' | 'script', string>
  > &
    Partial<Record<'filing' | 'genai' | 'vanity' | 'contact', string[]>> & { report?: boolean; app?: boolean },
  io: Io,
  options: ParseOptions,
  lang: 'en' | 'zh',
  style: Style,
): number {
  const numbers = Object.fromEntries(SNIPPET_NUMBERS.filter((k) => values[k]?.trim()).map((k) => [k, values[k]!]));
  const lists = { filings: values.filing, genai: values.genai, vanity: values.vanity, contacts: values.contact };
  if (!Object.keys(numbers).length && !values.filing?.length && !values.genai?.length) {
    throw new UsageError(
      'beian snippet needs a number, e.g. beian snippet --icp 京ICP备2021012345号-1 --psb 京公网安备11010502030143号',
    );
  }
  const layout = values.layout;
  if (layout !== undefined && layout !== 'inline' && layout !== 'stacked' && layout !== 'about') {
    throw new UsageError(`--layout must be inline, stacked or about, not "${layout}".`);
  }
  if (values.report && values['report-links'])
    throw new UsageError('--report is 12377 alone; give either it or --report-links, not both.');
  const declared = { ...numbers, ...lists, report: values['report-links']?.replaceAll(',', ' ') ?? values.report };
  let html: string;
  try {
    html = renderBadgeHTML({ ...declared, layout, app: values.app, iconSrc: values['icon-src'] });
  } catch (e) {
    // An entry it cannot use as given (a link of the wrong kind, an unknown report link): nothing is dropped silently.
    if (e instanceof RangeError) throw new UsageError(e.message.replace(/^renderBadgeHTML: /, ''), false);
    throw e;
  }
  // A number with problems is still printed as given (as the badge shows it); what to fix goes to stderr.
  const { items } = badgeItems(readDeclaration(declared, []), { ...options, lang: 'zh-CN' });
  const filings = items.flatMap((item) => item.filing ?? []);
  const problems = filings.filter((f) => f.diagnostics.some((d) => d.severity !== 'info'));
  if (problems.length) io.err(problems.map((f) => checkText(f, lang, style)).join('\n'));
  const src = values.script ?? '/js/beian-badge.js';
  io.out(src ? `${html}\n<script type="module" src="${escapeHTML(src)}"></script>` : html);
  return filings.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/** `beian snippet --query`: the form with its fallback (renderQueryHTML) and the classic script that upgrades it. */
function querySnippet(
  values: { lookup?: string; mode?: string; type?: string; 'url-state': boolean; script?: string } & Record<
    string,
    unknown
  >,
  io: Io,
): number {
  const numbers = [...SNIPPET_NUMBERS, 'report', 'icon-src'].filter(
    (k) => values[k] !== undefined && values[k] !== false,
  );
  if (numbers.length)
    throw new UsageError(`--${numbers[0]} is for the footer; beian snippet --query prints the query form`);
  if (values.mode !== undefined && !(KINDS as readonly string[]).includes(values.mode))
    throw new UsageError(`--mode must be icp or psb, not "${values.mode}".`);
  if (values.type !== undefined && !(ICP_TYPES as readonly string[]).includes(values.type))
    throw new UsageError(`--type must be one of ${ICP_TYPES.join(', ')}, not "${values.type}".`);
  if (values.lookup !== undefined) lookupAddress(values.lookup);
  const html = renderQueryHTML({
    lookup: values.lookup,
    mode: values.mode,
    type: values.type,
    urlState: values['url-state'],
  });
  const src = values.script ?? '/js/beian-query.js';
  io.out(src ? `${html}\n<script src="${escapeHTML(src)}" defer></script>` : html);
  return 0;
}

const KIND: Readonly<Record<Exclude<FilingKind, LicenceKind>, readonly [en: string, zh: string]>> = {
  'icp-filing': ['ICP filing', 'ICP备案'],
  'icp-licence': ['ICP licence', 'ICP许可证'],
  'telecom-licence': ['telecom licence', '增值电信许可证'],
  psb: ['public security', '公安备案'],
  algorithm: ['algorithm filing', '算法备案'],
  vanity: ['vanity registry number', '趣味备案号'],
  unknown: ['not a filing number', '无法识别'],
};

function kindName(kind: FilingKind, lang: MessageLang): string {
  return isLicence(kind) ? LICENCES[kind].label[lang === 'zh' ? 'zh-CN' : 'en'] : KIND[kind][lang === 'zh' ? 1 : 0];
}

function checkText(f: Filing, lang: MessageLang, style: Style): string {
  const status = f.valid
    ? style(32, '✔')
    : f.diagnostics.some((d) => d.severity === 'error')
      ? style(31, '✖')
      : style(33, '!');
  const facts = [
    kindName(f.kind, lang),
    f.province && `${lang === 'zh' ? '省份' : 'province'} ${f.province}`,
    f.site !== null && `${lang === 'zh' ? '网站序号' : 'site'} ${f.site}${f.suffixKind ? ` (${f.suffixKind})` : ''}`,
    f.psbCode && `code ${f.psbCode}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const shown =
    f.normalized && f.normalized !== f.input
      ? `${printable(f.input)} → ${style(1, f.normalized)}`
      : style(1, printable(f.input));
  return [`${status} ${shown}  ${style(2, facts)}`, ...diagnosticLines(f.diagnostics, lang, style, '    ')].join('\n');
}
