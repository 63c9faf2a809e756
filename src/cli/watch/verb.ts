/**
 * `beian watch`: one round for cron (--once), rounds on a schedule (alone, or beside `beian serve --watch`), and
 * `beian watch history <domain>`.
 */
import type { Kind } from '../../contract/values.js';
import { UsageError } from '../errors.js';
import { lookupAddress, wholeOption } from '../options.js';
import { printable, type Style } from '../terminal.js';
import type { Change, SiteState, Value } from './state.js';
import { WatchStore } from './store.js';
import { roundLine, Watcher, type RoundReport, type WatchOptions } from './watcher.js';
import { hookName, hookOfKey, readWebhook } from './webhooks.js';

export interface WatchValues {
  file?: string[];
  lookup?: string;
  db?: string;
  every?: string;
  once: boolean;
  pages: boolean;
  webhook?: string[];
  concurrency?: string;
  timeout?: string;
  json: boolean;
}

export interface WatchIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Receives a long-lived watcher (tests stop it). */
  onWatch?(watcher: Watcher): void;
}

export const DEFAULT_DB = 'beian-watch.db';
const DEFAULT_EVERY = '6h';

/** Reads the watch options, all but the lookup service's address (`beian serve --watch` gives its own). */
export function readWatch(
  values: WatchValues,
): Omit<WatchOptions, 'lookup'> & { db: string; everyMs: number; every: string } {
  const sites = values.file ?? [];
  if (sites.length !== 1)
    throw new UsageError('beian watch needs its sites file: --file sites.csv (a header row: domain,icp,psb[,page]).');
  return {
    sites: sites[0],
    db: values.db ?? DEFAULT_DB,
    every: values.every ?? DEFAULT_EVERY,
    everyMs: duration(values.every ?? DEFAULT_EVERY),
    hooks: (values.webhook ?? []).map(readWebhook),
    pages: values.pages,
    concurrency: wholeOption(values.concurrency, 'concurrency', 4, 32),
    timeoutMs: wholeOption(values.timeout, 'timeout', 15, 300) * 1000,
  };
}

function watchLookup(values: WatchValues, env: NodeJS.ProcessEnv): string {
  const endpoint = values.lookup ?? env.BEIAN_LOOKUP;
  if (!endpoint)
    throw new UsageError(
      'beian watch needs a lookup service: --lookup https://…/v1 (or BEIAN_LOOKUP), or run it with beian serve --watch.',
    );
  return lookupAddress(endpoint);
}

/** `90s`, `30m`, `6h`, `1d`: at least 10 s (a registry is no stock ticker), at most 30 days. */
export function duration(text: string): number {
  const m = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  const ms = m
    ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd']
    : NaN;
  if (!(ms >= 10_000 && ms <= 30 * 86_400_000))
    throw new UsageError(`--every takes a duration from 10s to 30d, like 30m, 6h or 1d, not "${text}".`);
  return ms;
}

/** `beian watch …` and `beian watch history <domain>`. Exit status of --once: 1 when a site is not as it should be. */
export async function watchVerb(
  inputs: readonly string[],
  values: WatchValues,
  io: WatchIo,
  style: Style,
): Promise<number> {
  if (inputs[0] === 'history') return historyVerb(inputs.slice(1), values, io, style);
  if (inputs.length)
    throw new UsageError(`beian watch takes its sites as --file sites.csv, not as arguments: ${inputs.join(' ')}`);
  const options = { ...readWatch(values), lookup: watchLookup(values, io.env), log: io.err };
  const watcher = await Watcher.open(options.db, options);
  if (!values.once) {
    startWatching(watcher, options, io);
    return 0;
  }
  try {
    const report = await watcher.round();
    io.out(values.json ? JSON.stringify(report, null, 2) : roundText(report, style));
    return report.sites.every((s) => s.healthy) ? 0 : 1;
  } finally {
    await watcher.stop();
  }
}

/** A long-lived watcher: rounds on its schedule, said once on stderr. */
export function startWatching(watcher: Watcher, options: ReturnType<typeof readWatch>, io: WatchIo): void {
  watcher.start(options.everyMs);
  io.err(`beian: watching the sites of ${options.sites} every ${options.every}, history in ${options.db}`);
  io.onWatch?.(watcher);
}

async function historyVerb(inputs: readonly string[], values: WatchValues, io: WatchIo, style: Style): Promise<number> {
  if (inputs.length !== 1)
    throw new UsageError(
      'beian watch history takes one domain, e.g. beian watch history example.cn [--db beian-watch.db]',
    );
  const store = await WatchStore.open(values.db ?? DEFAULT_DB);
  try {
    const history = store.history(inputs[0]);
    if (!history.checks.count)
      throw new UsageError(
        `${values.db ?? DEFAULT_DB} has no checks of ${inputs[0]}; is it the domain as the sites file gives it?`,
        false,
      );
    if (values.json) {
      const changes = history.changes.map(({ alerts, ...c }) => ({
        ...c,
        alerts: alerts.map((a) => ({
          hook: hookName(hookOfKey(a.hook)),
          attempts: a.attempts,
          sentAt: a.sentAt,
          error: a.error,
        })),
      }));
      io.out(JSON.stringify({ domain: inputs[0], ...history, changes }, null, 2));
    } else io.out(historyText(inputs[0], history, style));
    return 0;
  } finally {
    store.close();
  }
}

function historyText(domain: string, history: ReturnType<WatchStore['history']>, style: Style): string {
  const { count, first, last } = history.checks;
  const head = `${style(1, domain)}  ${count} checks, ${first} … ${last}${history.state ? `\n  now: ${stateText(history.state)}` : ''}`;
  if (!history.changes.length) return `${head}\n  no changes`;
  const lines = history.changes.map((c) => {
    const alerts = c.alerts.map(
      (a) =>
        `${hookName(hookOfKey(a.hook))} ${a.sentAt ? style(32, 'sent') : style(31, `not sent (${a.attempts} tries: ${a.error})`)}`,
    );
    return `  ${c.at}  ${changeText(c)}${alerts.length ? style(2, `  [${alerts.join('; ')}]`) : ''}`;
  });
  return [head, ...lines].join('\n');
}

/** `icp.holder: 示例科技有限公司 → 新示例科技有限公司` (values are the registry's text: made printable). */
function changeText(c: Change): string {
  return `${c.field}: ${printable(valueText(c.before))} → ${printable(valueText(c.after))}`;
}

function valueText(value: Value): string {
  return value === null ? '(none)' : String(value);
}

function stateText(state: SiteState): string {
  // A missing record's fields are the last known: its 限制接入 is no longer news.
  const part = (kind: Kind) =>
    state[kind] &&
    `${kind.toUpperCase()} ${state[kind].status}${state[kind].status !== 'missing' && state[kind].limitAccess ? ' 限制接入' : ''}`;
  const footer =
    state.footer &&
    `footer ${Object.entries(state.footer)
      .map(([k, shown]) => `${k} ${shown ? 'shown' : 'MISSING'}`)
      .join(', ')}`;
  return [part('icp'), part('psb'), footer].filter(Boolean).join(' · ');
}

function roundText(report: RoundReport, style: Style): string {
  const lines = report.sites.flatMap((s) => [
    `${s.healthy ? style(32, '✔') : style(31, '✖')} ${style(1, s.domain)}  ${stateText(s.state)}`,
    ...s.changes.map((c) => `    ${style(33, '!')} ${changeText(c)}`),
  ]);
  return [...lines, '', roundLine(report)].join('\n');
}
