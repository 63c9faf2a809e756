/**
 * `beian lint`: the compliance check a site runs on its build and a host on the sites it serves. Each input
 * becomes pages (a file, a folder's HTML files, a URL); each page is read as served (or rendered, --render),
 * linted, and its numbers optionally checked with a lookup service (--lookup). An input that cannot be read is
 * reported and the others are still linted.
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { LookupClient } from '../client/index.js';
import type { FooterFinding, FooterItem, FooterReport, LintOptions, RequiredKind } from '../core/index.js';
import { launchBrowser } from './browser.js';
import { InputError, UsageError } from './errors.js';
import { lookupAddress } from './options.js';
import { lintHtml } from './html.js';
import { lookupClient, lookupFindings } from './lint-lookup.js';
import { fetchPage, readPageFile } from './page.js';
import { pageFindings } from './report.js';
import { lintRendered, renderPage } from './render.js';
import { expandInput, isUrl, type Source } from './sources.js';

/** How the pages are read and what they are linted for, from the command line. */
export interface LintSettings {
  readonly host?: string;
  readonly home: boolean;
  readonly require: readonly RequiredKind[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly render: boolean;
  /** The lookup service, `https://…/v1`. */
  readonly lookup?: string;
}

/** One linted page. */
export interface PageReport extends FooterReport {
  /** The file's path, or the URL the page was served from (after redirects). */
  readonly file?: string;
  readonly url?: string;
  readonly home: boolean;
  readonly host: string | null;
}

export interface Failure {
  readonly input: string;
  readonly message: string;
}

/** The pages linted, and the inputs that could not be read, in the order given. */
export interface LintRun {
  readonly pages: PageReport[];
  readonly failures: Failure[];
}

interface Loaded {
  readonly html: string;
  /** What the browser loads for --render. */
  readonly address: string;
  readonly home: boolean;
  readonly host: string | null;
}

export interface LintValues {
  host?: string;
  home: boolean;
  require?: string;
  timeout?: string;
  'max-bytes'?: string;
  render: boolean;
  lookup?: string;
}

/** Reads and checks the lint options; every mistake is a UsageError that says what is expected. */
export function lintSettings(values: LintValues, inputs: readonly string[], env: NodeJS.ProcessEnv): LintSettings {
  const lookup = values.lookup ?? (env.BEIAN_LOOKUP || undefined);
  if (lookup !== undefined) lookupAddress(lookup);
  // A URL brings its host; a file has none, and a lookup asks whether the number is filed for a host.
  if (lookup !== undefined && !values.host && inputs.some((i) => !isUrl(i))) {
    throw new UsageError(
      '--lookup needs --host <domain> for local files: the lookup asks whether the numbers are filed for that domain.',
    );
  }
  return {
    host: values.host,
    home: values.home,
    require: requiredKinds(values.require),
    timeoutMs: positive('--timeout', values.timeout, 15, 'a number of seconds') * 1000,
    maxBytes: Math.floor(positive('--max-bytes', values['max-bytes'], 20 * 1024 * 1024, 'a number of bytes')),
    render: values.render,
    lookup,
  };
}

function requiredKinds(list: string | undefined): RequiredKind[] {
  if (list === undefined) return [];
  const kinds = list.split(',').map((k) => k.trim().toLowerCase());
  const wrong = kinds.find((k) => k !== 'icp' && k !== 'psb');
  if (wrong !== undefined)
    throw new UsageError(`--require takes icp, psb or icp,psb (the numbers every page must show), not "${list}".`);
  return [...new Set(kinds as RequiredKind[])];
}

function positive(name: string, given: string | undefined, fallback: number, what: string): number {
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!given.trim() || !Number.isFinite(value) || value <= 0)
    throw new UsageError(`${name} must be ${what} above 0, not "${given}".`);
  return value;
}

/** Lints every input. The browser (--render) is started once, for the first page, and always closed. */
export async function lintInputs(
  inputs: readonly string[],
  settings: LintSettings,
  env: NodeJS.ProcessEnv,
): Promise<LintRun> {
  const run: LintRun = { pages: [], failures: [] };
  const client = settings.lookup ? lookupClient(settings.lookup, settings.timeoutMs) : null;
  let launched: Promise<Browser> | undefined;
  const browser = settings.render ? () => (launched ??= launchBrowser(env, settings.timeoutMs)) : null;
  try {
    for (const input of inputs) {
      const sources = await collect(run, input, () => expandInput(input, settings.home));
      for (const source of sources ?? []) {
        const page = await collect(run, input, () => lintSource(source, settings, client, browser));
        if (page) run.pages.push(page);
      }
    }
  } finally {
    await launched?.then(
      (b) => b.close(),
      () => undefined,
    );
  }
  return run;
}

/** Runs one step, recording an InputError as the failure of its input; anything else is a bug and propagates. */
async function collect<T>(run: LintRun, input: string, step: () => Promise<T>): Promise<T | null> {
  try {
    return await step();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    run.failures.push({ input: e.input || input, message: e.message });
    return null;
  }
}

async function lintSource(
  source: Source,
  settings: LintSettings,
  client: LookupClient | null,
  browser: (() => Promise<Browser>) | null,
): Promise<PageReport> {
  const page = await loadSource(source, settings);
  const options: LintOptions = { host: page.host ?? undefined, home: page.home, require: settings.require };
  let report = lintHtml(page.html, options);
  const name = source.kind === 'file' ? source.path : source.url;
  if (browser)
    report = lintRendered(await renderPage(await browser(), page.address, name, settings.timeoutMs), options, report);
  if (client && page.host) report = withFindings(report, await lookupFindings(report.items, page.host, client));
  const where = source.kind === 'file' ? { file: source.path } : { url: page.address };
  return { ...where, home: page.home, host: page.host, ...report };
}

/** A page's HTML as served, and what it is: a URL's final host is the page's host, and its root `/` a home page. */
async function loadSource(source: Source, settings: LintSettings): Promise<Loaded> {
  if (source.kind === 'file') {
    const html = await readPageFile(source.path);
    return { html, address: pathToFileURL(source.path).href, home: source.home, host: settings.host ?? null };
  }
  const { url, html } = await fetchPage(source.url, settings);
  return { html, address: url.href, home: source.home || url.pathname === '/', host: settings.host ?? url.hostname };
}

/** `beian lint` of one page's HTML held in memory (the MCP tool's `html`): the same lint and lookup as a file's. */
export async function lintString(html: string, name: string, settings: LintSettings): Promise<LintRun> {
  const options: LintOptions = { host: settings.host, home: settings.home, require: settings.require };
  let report = lintHtml(html, options);
  if (settings.lookup && settings.host) {
    report = withFindings(
      report,
      await lookupFindings(report.items, settings.host, lookupClient(settings.lookup, settings.timeoutMs)),
    );
  }
  return { pages: [{ file: name, home: settings.home, host: settings.host ?? null, ...report }], failures: [] };
}

/** The report with more findings on some items (the lookup's), each after the item's own. */
function withFindings(report: FooterReport, extra: ReadonlyMap<FooterItem, readonly FooterFinding[]>): FooterReport {
  const page = pageFindings(report);
  const items = report.items.map((i) => (extra.has(i) ? { ...i, findings: [...i.findings, ...extra.get(i)!] } : i));
  return { items, findings: [...items.flatMap((i) => i.findings), ...page] };
}
