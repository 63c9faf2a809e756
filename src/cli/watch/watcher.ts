/**
 * `beian watch`'s rounds: the sites file read afresh, each site verified through the lookup service (and its home
 * page linted, with --pages), each check folded into the site's state and stored with its changes, then the
 * alerts not yet delivered sent. Rounds never overlap; a long-lived watcher waits `every` between them.
 */
import { readIcpAnswer, readPsbAnswer } from '../../contract/record-answers.js';
import { KINDS, type Kind } from '../../contract/values.js';
import { parseFiling } from '../../core/index.js';
import { readLookupInput } from '../../core/query.js';
import type { Collector, Family } from '../../server/metrics.js';
import { limiter, LookupSession, type Limiter } from '../batch.js';
import { readList } from '../csv.js';
import { UsageError } from '../errors.js';
import { lintInputs, lintSettings, type LintSettings } from '../lint.js';
import {
  fold,
  isHealthy,
  partOf,
  type Change,
  type Observation,
  type PartObservation,
  type SiteState,
} from './state.js';
import { MAX_ALERT_ATTEMPTS, WatchStore } from './store.js';
import { deliver, hookKey, hookName, hookOfKey, type Webhook } from './webhooks.js';

/** A watched site: its domain, the numbers it should show (normalised by core), and its home page. */
export interface Site {
  readonly domain: string;
  readonly icp?: string;
  readonly psb?: string;
  readonly page: string;
  readonly where: string;
}

export interface WatchOptions {
  readonly sites: string;
  readonly lookup: string;
  readonly hooks: readonly Webhook[];
  /** Lint each home page too. */
  readonly pages: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly log?: (line: string) => void;
}

export interface SiteReport {
  readonly domain: string;
  readonly state: SiteState;
  readonly changes: readonly Change[];
  readonly healthy: boolean;
}

export interface RoundReport {
  readonly at: string;
  readonly sites: readonly SiteReport[];
  readonly alerts: { readonly sent: number; readonly failed: number };
}

const PAGE_CONCURRENCY = 4;

/** The column names a sites file's header may use (a spreadsheet kept in Chinese too). */
const COLUMNS: Record<string, keyof Omit<Site, 'where'>> = {
  domain: 'domain',
  域名: 'domain',
  icp: 'icp',
  icp备案号: 'icp',
  备案号: 'icp',
  psb: 'psb',
  公安备案号: 'psb',
  网安备案号: 'psb',
  page: 'page',
  首页: 'page',
};

/** Reads and checks the sites file: a CSV with a header (domain, icp, psb, page); every bad row is named. */
export async function readSites(path: string): Promise<Site[]> {
  const [header, ...rows] = await readList(path);
  const columns = header?.cells.map((cell) => COLUMNS[cell.toLowerCase()]);
  if (!columns?.includes('domain'))
    throw new UsageError(
      `${path} needs a header row naming its columns: domain, icp, psb (and page, the home page's URL if not https://<domain>/).`,
      false,
    );
  const problems: string[] = [];
  const sites = rows.flatMap((row) => {
    const cell = (name: keyof Omit<Site, 'where'>) => row.cells[columns.indexOf(name)] || undefined;
    const site = readSite(cell('domain'), cell('icp'), cell('psb'), cell('page'), row.where);
    if (typeof site === 'string') problems.push(`${row.where}: ${site}`);
    return typeof site === 'string' ? [] : [site];
  });
  if (problems.length)
    throw new UsageError(`${path} has rows beian watch cannot check:\n  ${problems.join('\n  ')}`, false);
  const seen = new Set<string>();
  const twice = sites.find((s) => seen.size === seen.add(s.domain).size);
  if (twice) throw new UsageError(`${twice.where}: ${twice.domain} is listed twice; keep one row per domain.`, false);
  return sites;
}

/** A row as a site, or what is wrong with it. */
function readSite(
  domain: string | undefined,
  icp: string | undefined,
  psb: string | undefined,
  page: string | undefined,
  where: string,
): Site | string {
  const host = domain && readLookupInput(domain);
  if (!host || host.kind !== 'domain') return `"${domain ?? ''}" is not a domain`;
  if (!icp && !psb) return `${host.value} has no number to watch; give its icp or psb number (or both)`;
  const numbers: { icp?: string; psb?: string } = {};
  for (const [kind, given] of [
    ['icp', icp],
    ['psb', psb],
  ] as const) {
    if (!given) continue;
    const filing = parseFiling(given);
    const right =
      kind === 'psb' ? filing.kind === 'psb' : filing.kind === 'icp-filing' || filing.kind === 'icp-licence';
    if (!right || !filing.normalized)
      return `"${given}" is not a valid ${kind === 'psb' ? '公安备案 number' : 'ICP number'}`;
    numbers[kind] = filing.normalized;
  }
  if (page !== undefined && !/^https?:\/\/[^/]/.test(page)) return `page "${page}" is not an http(s) URL`;
  return { domain: host.value, ...numbers, page: page ?? `https://${host.value}/`, where };
}

/** What one check saw, and the answers it saw it in (stored with it). */
interface Seen {
  readonly observation: Observation;
  readonly answers: { verify: unknown; page?: unknown };
}

export class Watcher {
  readonly #store: WatchStore;
  readonly #options: WatchOptions;
  readonly #states = new Map<string, { state: SiteState; at: string }>();
  readonly #lastChanges: Map<string, string>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  private constructor(store: WatchStore, options: WatchOptions) {
    this.#store = store;
    this.#options = options;
    for (const [domain, check] of store.lastChecks()) this.#states.set(domain, { state: check.state, at: check.at });
    this.#lastChanges = store.lastChanges();
  }

  /** Opens the database and goes on from the state it holds. */
  static async open(db: string, options: WatchOptions): Promise<Watcher> {
    return new Watcher(await WatchStore.open(db), options);
  }

  /** One round over every site in the file. */
  round(): Promise<RoundReport> {
    const round = this.#round();
    this.#running = round.catch(() => undefined);
    return round;
  }

  /** Rounds every `everyMs`, the first now; a round that fails (the sites file broken, say) is logged and the next still comes. */
  start(everyMs: number): void {
    const next = async () => {
      try {
        const report = await this.round();
        this.#options.log?.(roundLine(report));
      } catch (e) {
        this.#options.log?.(`beian watch: round failed: ${(e as Error).message}`);
      }
      if (!this.#stopped) this.#timer = setTimeout(next, everyMs);
    };
    void next();
  }

  /** Stops the schedule, lets a round under way finish, and closes the database. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    this.#store.close();
  }

  async #round(): Promise<RoundReport> {
    const sites = await readSites(this.#options.sites);
    this.#forgetUnlisted(new Set(sites.map((s) => s.domain)));
    const session = new LookupSession(this.#options.lookup, {
      concurrency: this.#options.concurrency,
      timeoutMs: this.#options.timeoutMs,
    });
    const pageSlots = limiter(PAGE_CONCURRENCY);
    const hooks = this.#options.hooks.map(hookKey);
    const reports = await Promise.all(
      sites.map(async (site) => {
        const seen = await this.#check(session, site, pageSlots);
        const at = new Date().toISOString();
        const { state, changes } = fold(this.#states.get(site.domain)?.state, seen.observation);
        this.#store.record({ domain: site.domain, at, answers: seen.answers, state, changes, hooks });
        this.#states.set(site.domain, { state, at });
        if (changes.length) this.#lastChanges.set(site.domain, at);
        return { domain: site.domain, state, changes, healthy: isHealthy(state) };
      }),
    );
    const alerts = await this.#deliverAlerts(new Map(sites.map((s) => [s.domain, s])));
    return { at: new Date().toISOString(), sites: reports, alerts };
  }

  /** A site taken off the list leaves /metrics (its history stays in the database). */
  #forgetUnlisted(listed: ReadonlySet<string>): void {
    for (const domain of this.#states.keys()) if (!listed.has(domain)) this.#states.delete(domain);
    for (const domain of this.#lastChanges.keys()) if (!listed.has(domain)) this.#lastChanges.delete(domain);
  }

  async #check(session: LookupSession, site: Site, pageSlots: Limiter): Promise<Seen> {
    const query: Record<string, string> = { domain: site.domain };
    if (site.icp) query.icp = site.icp;
    if (site.psb) query.psb = site.psb;
    const [reply, page] = await Promise.all([
      session.ask('verify', query),
      this.#options.pages ? pageSlots(() => this.#footer(site)) : undefined,
    ]);
    const verify = reply.ok ? reply.json : { failed: reply.reason, message: reply.message };
    const observation: Observation = {
      ...(site.icp ? { icp: observe('icp', reply.ok ? reply.json : null) } : {}),
      ...(site.psb ? { psb: observe('psb', reply.ok ? reply.json : null) } : {}),
      ...(page ? { footer: page.footer } : {}),
    };
    return { observation, answers: { verify, ...(page ? { page: page.report } : {}) } };
  }

  /** Whether the home page shows the site's numbers, linted as `beian lint` does; null when it could not be read. */
  async #footer(site: Site): Promise<{ footer: Observation['footer']; report: unknown }> {
    // lint's own defaults (the page-size cap among them), with the watcher's time limit.
    const defaults = lintSettings({ host: site.domain, home: true, render: false }, [site.page], {});
    const settings: LintSettings = { ...defaults, timeoutMs: this.#options.timeoutMs };
    const run = await lintInputs([site.page], settings, {});
    const page = run.pages[0];
    if (!page) return { footer: null, report: { failed: run.failures[0]?.message ?? 'not read' } };
    const shown = new Set(page.items.map((i) => i.filing.normalized));
    const footer = {
      ...(site.icp ? { icp: shown.has(site.icp) } : {}),
      ...(site.psb ? { psb: shown.has(site.psb) } : {}),
    };
    const errors = page.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    return { footer, report: { url: page.url, numbers: [...shown], errors } };
  }

  /** Sends every alert not yet taken (this round's, and any a webhook refused before); each try is stored. */
  async #deliverAlerts(sites: ReadonlyMap<string, Site>): Promise<{ sent: number; failed: number }> {
    const tally = { sent: 0, failed: 0 };
    for (const alert of this.#store.unsentAlerts()) {
      const changes = this.#store.checkChanges(alert.checkId);
      const domain = changes[0]?.domain;
      if (!domain) continue;
      const site = sites.get(domain);
      const hook = hookOfKey(alert.hook);
      try {
        await deliver(hook, {
          domain,
          at: changes[0].at,
          numbers: { icp: site?.icp, psb: site?.psb },
          changes: changes.map(({ field, before, after }) => ({ field, before, after })),
        });
        this.#store.alertTried(alert.id, { sentAt: new Date().toISOString() });
        tally.sent++;
      } catch (e) {
        const error = (e as Error).message;
        this.#store.alertTried(alert.id, { error });
        tally.failed++;
        const last = alert.attempts + 1 === MAX_ALERT_ATTEMPTS ? ' (the last try)' : '';
        this.#options.log?.(`beian watch: alert for ${domain} not taken by ${hookName(hook)}${last}: ${error}`);
      }
    }
    return tally;
  }

  /** The per-site gauges for /metrics: health and status by registry, the footer, the last check and change. */
  readonly collector: Collector = () => watchFamilies(this.#states, this.#lastChanges);
}

function watchFamilies(
  states: ReadonlyMap<string, { state: SiteState; at: string }>,
  lastChanges: ReadonlyMap<string, string>,
): Family[] {
  const sites = [...states];
  const byRegistry = (
    value: (state: SiteState, kind: Kind) => number | undefined,
    extra: (state: SiteState, kind: Kind) => Record<string, string> = () => ({}),
  ) =>
    sites.flatMap(([domain, { state }]) =>
      KINDS.flatMap((registry) => {
        const v = value(state, registry);
        return v === undefined ? [] : [{ labels: { domain, registry, ...extra(state, registry) }, value: v }];
      }),
    );
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  return [
    {
      name: 'beian_watch_site_healthy',
      help: 'Whether a watched site is as it should be: every number valid, not 限制接入, shown on its home page.',
      type: 'gauge',
      samples: sites.map(([domain, { state }]) => ({ labels: { domain }, value: isHealthy(state) ? 1 : 0 })),
    },
    {
      name: 'beian_watch_site_status',
      help: "A watched site's status in each registry (1 for its current status).",
      type: 'gauge',
      samples: byRegistry(
        (s, k) => (s[k] ? 1 : undefined),
        (s, k) => ({ status: s[k]!.status }),
      ),
    },
    {
      name: 'beian_watch_site_limit_access',
      help: 'Whether the ICP record is marked 限制接入.',
      type: 'gauge',
      samples: byRegistry((s, k) => (k === 'icp' && s.icp ? Number(s.icp.limitAccess === true) : undefined)),
    },
    {
      name: 'beian_watch_footer_shows_number',
      help: 'Whether the home page shows the number (with --pages).',
      type: 'gauge',
      samples: byRegistry((s, k) => (s.footer?.[k] === undefined ? undefined : Number(s.footer[k]))),
    },
    {
      name: 'beian_watch_last_check_timestamp_seconds',
      help: 'When a watched site was last checked.',
      type: 'gauge',
      samples: sites.map(([domain, { at }]) => ({ labels: { domain }, value: seconds(at) })),
    },
    {
      name: 'beian_watch_last_change_timestamp_seconds',
      help: 'When something of a watched site last changed.',
      type: 'gauge',
      samples: [...lastChanges].map(([domain, at]) => ({ labels: { domain }, value: seconds(at) })),
    },
  ];
}

/** What one registry's part of a verify answer says: decided, an unconfirmed empty, or nothing. */
function observe(kind: Kind, json: unknown): PartObservation {
  const part = (json as Record<string, unknown> | null)?.[kind];
  const read = kind === 'icp' ? readIcpAnswer(part) : readPsbAnswer(part);
  if (!read.success) return { kind: 'unknown' };
  const { status, reason, record } = read.data;
  if (status === 'unknown') return reason === 'unconfirmed-empty' ? { kind: 'empty' } : { kind: 'unknown' };
  if (status === 'error') return { kind: 'unknown' };
  return { kind: 'decided', part: partOf(status, record) };
}

/** `… 12 sites checked: 11 as they should be, 1 not; 2 changes; alerts 2 sent, 0 failed`. */
export function roundLine(report: RoundReport): string {
  const healthy = report.sites.filter((s) => s.healthy).length;
  const changes = report.sites.reduce((n, s) => n + s.changes.length, 0);
  const n = report.sites.length;
  return `${report.at} ${n} site${n === 1 ? '' : 's'} checked: ${healthy} as they should be, ${n - healthy} not; ${changes} change${changes === 1 ? '' : 's'}; alerts ${report.alerts.sent} sent, ${report.alerts.failed} failed`;
}
