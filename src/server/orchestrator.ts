/**
 * The orchestrator (contract C.2): status and decision rules of contract B.5. Walks the providers in order, matches
 * records against the normalised query, and never calls an empty answer "not filed" unless it is confirmed.
 */
import {
  UNKNOWN_REASONS,
  type IcpNormalized,
  type IcpPart,
  type IcpRecord,
  type IcpType,
  type PsbNormalized,
  type PsbPart,
  type PsbRecord,
  type Source,
  type Status,
  type UnknownReason,
} from '../contract/index.js';
import { MAX_RECORDS, type Kind } from '../contract/values.js';
import { MIIT_URL, MPS_URL, mpsRecordUrl } from '../core/index.js';
import { FOUND_FRESH_MS, SETTLED_FRESH_MS } from './providers/wrappers.js';
import { Lru } from './lru.js';
import { words } from './messages.js';
import { Tally } from './metrics.js';
import type { By, Logger, LookupProvider, Outcome, Rec, Unavailable } from './providers/types.js';
import { silentLogger } from './providers/types.js';

const HOUR = 3_600_000;

/** An ICP question as the orchestrator decides it: the query of `/v1/icp` read and normalised (B.3). */
export interface IcpKey {
  type: IcpType;
  /** Canonical number; `main` says whether it is a subject number (no `-N`). */
  number?: { value: string; main: boolean; mainLicence: string };
  domain?: string;
  unit?: string;
}

/** A 公安 question as the orchestrator decides it: the query of `/v1/psb` read and normalised (B.3). */
export interface PsbKey {
  code?: string;
  domain?: string;
}

export interface LookupServiceOptions {
  providers: readonly LookupProvider[];
  now?: () => Date;
  log?: Logger;
  /** Contract C.2: 15 s for one lookup across all providers. */
  totalTimeoutMs?: number;
  /** How many past answers are kept for `previously-valid` and stale answers (30 days at most). */
  historySize?: number;
}

type Part<K extends Kind> = K extends 'icp' ? IcpPart : PsbPart;

interface Decision {
  status: Status;
  reason: string | null;
  record: Rec | null;
  records: Rec[] | null;
  source: Source | null;
  retryAfter?: number;
}

/** The orchestrator: answers the ICP and 公安 parts of every route from its providers. */
export class LookupService {
  readonly providers: readonly LookupProvider[];
  /**
   * What each provider answered, for /metrics: by provider, outcome (found, empty, cancelled, unavailable, or
   * skipped past the deadline, or threw), the cause of a failure, and whether it was a replay from the cache.
   */
  readonly outcomes = new Tally();
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #timeout: number;
  readonly #history: Lru<string, { decision: Decision; at: number }>;

  constructor(options: LookupServiceOptions) {
    this.providers = options.providers;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? silentLogger;
    this.#timeout = options.totalTimeoutMs ?? 15_000;
    this.#history = new Lru(options.historySize ?? 10_000);
  }

  /** Changes when any provider's data changes. */
  get revision(): number {
    return this.providers.reduce((sum, p) => sum + (p.revision?.() ?? 0), 0);
  }

  async icp(q: IcpKey): Promise<IcpPart> {
    const normalized: IcpNormalized = {
      type: q.type,
      mainLicence: q.number?.mainLicence ?? null,
      serviceLicence: q.number && !q.number.main ? q.number.value : null,
      domain: q.domain ?? null,
      unitName: q.unit ?? null,
    };
    const keys = { number: q.number?.value, domain: q.domain, unit: q.unit };
    const decision = await this.#decide('icp', keys, q.type, (records, by) => matchIcp(records as IcpRecord[], q, by));
    return { kind: 'icp', normalized, ...this.#envelope(decision, MIIT_URL) } as IcpPart;
  }

  async psb(q: PsbKey): Promise<PsbPart> {
    const normalized: PsbNormalized = { code: q.code ?? null, domain: q.domain ?? null };
    const decision = await this.#decide('psb', { number: q.code, domain: q.domain }, undefined, (records, by) =>
      matchPsb(records as PsbRecord[], q, by),
    );
    const code = q.code ?? (decision.record as PsbRecord | null)?.code;
    const official = code ? mpsRecordUrl(code) : MPS_URL;
    return { kind: 'psb', normalized, ...this.#envelope(decision, official) } as PsbPart;
  }

  #envelope(d: Decision, official: string): Omit<Part<Kind>, 'kind' | 'normalized'> {
    const checkedAt = this.#now();
    // A cached answer is fresh until its TTL runs out from when the upstream gave it, not from now.
    const from = d.source?.cached && !d.source.stale ? Date.parse(d.source.fetchedAt) : checkedAt.getTime();
    const ttl =
      d.status === 'unknown'
        ? (d.retryAfter ?? 60) * 1000
        : d.source?.stale
          ? 60_000
          : d.status === 'valid' || d.status === 'mismatch'
            ? FOUND_FRESH_MS
            : SETTLED_FRESH_MS;
    return {
      status: d.status,
      reason: d.reason,
      record: d.record,
      records: d.records,
      source: d.source,
      checkedAt: checkedAt.toISOString(),
      expiresAt: new Date(Math.max(from + ttl, checkedAt.getTime())).toISOString(),
      links: { official },
      error: d.status === 'unknown' ? unknownError(d.reason as UnknownReason, d.retryAfter ?? 60) : null,
    } as Omit<Part<Kind>, 'kind' | 'normalized'>;
  }

  async #decide(
    kind: Kind,
    keys: { number?: string; domain?: string; unit?: string },
    type: IcpType | undefined,
    match: (records: Rec[], by: By) => Omit<Decision, 'source'> | null,
  ): Promise<Decision> {
    const historyKey = `${kind}:${type ?? ''}:${keys.number ?? ''}:${keys.domain ?? ''}:${keys.unit ?? ''}`;
    // One timer per lookup, cleared when it ends: AbortSignal.timeout() would keep every signal alive for its full
    // span, and a busy server would hold a span's worth of them.
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('lookup took too long', 'TimeoutError')),
      this.#timeout,
    );
    try {
      return await this.#walk(kind, keys, type, match, historyKey, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  async #walk(
    kind: Kind,
    keys: { number?: string; domain?: string; unit?: string },
    type: IcpType | undefined,
    match: (records: Rec[], by: By) => Omit<Decision, 'source'> | null,
    historyKey: string,
    signal: AbortSignal,
  ): Promise<Decision> {
    const ctx = { signal, now: this.#now, log: this.#log };
    const asked = this.providers.flatMap((p) => {
      if (!p.kinds.includes(kind) || (type && p.capabilities.types && !p.capabilities.types.includes(type))) return [];
      const by: By | undefined =
        keys.number && p.capabilities.byNumber
          ? 'number'
          : keys.domain && p.capabilities.byDomain
            ? 'domain'
            : keys.unit && !keys.number && !keys.domain && p.capabilities.byUnit
              ? 'unit'
              : undefined;
      return by ? [{ p, by }] : [];
    });
    const reasons = new Set<UnknownReason>();
    const retryAfters: number[] = [];
    const emptyUpstreams = new Set<string>();
    let confirmedBy: 'canary-confirmed' | 'corroborated' | undefined;
    let datasetEmpty = false;

    for (const { p, by } of asked) {
      // Past the deadline the registries are skipped, but the dataset, asked last and answering from memory, is not.
      if (signal.aborted && p.authority !== 'dataset') {
        reasons.add('timeout');
        this.#count(p, 'skipped', 'timeout');
        continue;
      }
      const value = by === 'number' ? keys.number! : by === 'domain' ? keys.domain! : keys.unit!;
      let answer: Outcome;
      try {
        answer = await p.lookup({ kind, by, value, type }, ctx);
      } catch (e) {
        // Providers report failures as outcomes; a throw is a bug in one, which must not become a 5xx.
        this.#log.error('provider threw', { provider: p.id, error: String(e) });
        reasons.add('upstream-error');
        this.#count(p, 'threw');
        continue;
      }
      this.#count(p, answer.outcome, answer.outcome === 'unavailable' ? answer.failure.cause : '', answer.cached);
      if (answer.outcome === 'unavailable') {
        reasons.add(answer.reason);
        if (answer.retryAfter) retryAfters.push(answer.retryAfter);
        this.#logFailure(p, answer);
        continue;
      }
      const source: Source = {
        provider: p.id,
        authority: 'authority' in answer && answer.authority ? answer.authority : p.authority,
        fetchedAt: answer.fetchedAt.toISOString(),
        cached: !!answer.cached,
        stale: false,
      };
      if (answer.outcome !== 'empty') {
        const matched = match(answer.records, by);
        if (matched) {
          const decision: Decision =
            answer.outcome === 'cancelled'
              ? {
                  status: 'cancelled',
                  reason: 'cancelled-upstream',
                  record: matched.record ?? matched.records?.[0] ?? null,
                  records: matched.records,
                  source,
                }
              : { ...matched, source };
          // A registry's answer is remembered (B.5 step 5); a dataset is the operator's own and says what it says now,
          // so a record removed from it is gone at once (C.3: no cache for `dataset`).
          const remember = p.authority !== 'dataset' && (decision.status === 'valid' || decision.status === 'mismatch');
          // Dated by when the upstream gave it (a cached replay keeps its age), so `stale` and the 30 days are its.
          if (remember) this.#history.set(historyKey, { decision, at: answer.fetchedAt.getTime() });
          return decision;
        }
        // Records that lack the queried key answer nothing: an unconfirmed empty.
        reasons.add('unconfirmed-empty');
        continue;
      }
      if (answer.confirmed) {
        confirmedBy = 'canary-confirmed';
      } else if (p.authority === 'official-mirror' || p.authority === 'third-party') {
        // Two empties from different upstreams corroborate each other.
        if (emptyUpstreams.size && !emptyUpstreams.has(p.upstream)) confirmedBy = 'corroborated';
        emptyUpstreams.add(p.upstream);
      } else {
        // A dataset's empty never counts, not even as the reason when a registry had trouble after it.
        datasetEmpty = true;
        continue;
      }
      if (confirmedBy) {
        const past = this.#recent(historyKey)?.decision;
        return past?.status === 'valid'
          ? { status: 'cancelled', reason: 'previously-valid', record: past.record, records: past.records, source }
          : { status: 'not-found', reason: confirmedBy, record: null, records: null, source };
      }
      reasons.add('unconfirmed-empty');
    }

    // Nothing decisive: a recent valid or mismatch answer beats an unconfirmed empty.
    const past = this.#recent(historyKey);
    if (past?.decision.source) {
      // Stale only past the fresh TTL (B.4): a quarantined upstream hides its cache, not the answer's age.
      const stale = this.#now().getTime() - past.at >= FOUND_FRESH_MS;
      return { ...past.decision, source: { ...past.decision.source, cached: true, stale } };
    }
    if (datasetEmpty && !reasons.size) reasons.add('unconfirmed-empty');
    const reason = asked.length ? (UNKNOWN_REASONS.find((r) => reasons.has(r)) ?? 'upstream-error') : 'no-provider';
    return {
      status: 'unknown',
      reason,
      record: null,
      records: null,
      source: null,
      retryAfter: retryAfters.length ? Math.min(...retryAfters) : 60,
    };
  }

  /**
   * One line per provider that failed a lookup: what failed (cause, detail, the upstream's own words) and since
   * when. A new upstream failure warns; a replayed one, our pacing and a quarantine skip only inform.
   */
  #logFailure(p: LookupProvider, answer: Unavailable): void {
    const { cause, detail, message } = answer.failure;
    const news = !answer.cached && cause !== 'pacing' && cause !== 'quarantine';
    this.#log[news ? 'warn' : 'info']('provider unavailable', {
      provider: p.id,
      reason: answer.reason,
      cause,
      detail,
      error: message,
      since: p.failing?.()?.since,
      retryAfter: answer.retryAfter,
      cached: answer.cached,
    });
  }

  #count(p: LookupProvider, outcome: Outcome['outcome'] | 'skipped' | 'threw', cause = '', cached = false): void {
    this.outcomes.add({ provider: p.id, outcome, cause, cached: String(cached) });
  }

  #recent(key: string): { decision: Decision; at: number } | undefined {
    const entry = this.#history.get(key);
    return entry && this.#now().getTime() - entry.at < 30 * 24 * HOUR ? entry : undefined;
  }
}

/** B.5 step 3 for ICP records. Null when no record carries the queried key (an unconfirmed empty). */
function matchIcp(records: IcpRecord[], q: IcpKey, by: By): Omit<Decision, 'source'> | null {
  const carries = (r: IcpRecord) =>
    q.number!.main ? r.mainLicence === q.number!.value : r.serviceLicence === q.number!.value;
  const keyed = records.filter(
    by === 'number' ? carries : by === 'domain' ? (r) => r.domain === q.domain : (r) => r.unitName === q.unit,
  );
  if (!keyed.length) return null;
  const list = keyed.slice(0, MAX_RECORDS);
  if (q.number && q.domain) {
    const hit = keyed.find(by === 'number' ? (r) => r.domain === q.domain : carries);
    return hit
      ? { status: 'valid', reason: null, record: hit, records: null }
      : {
          status: 'mismatch',
          reason: by === 'number' ? 'domain-mismatch' : 'number-mismatch',
          record: keyed[0],
          records: null,
        };
  }
  if (q.unit) return { status: 'valid', reason: null, record: null, records: list };
  const many = !!q.domain || q.number!.main;
  return { status: 'valid', reason: null, record: keyed[0], records: many ? list : null };
}

/** B.5 step 3 for 公安 records: a domain matches the main domain or any listed one. */
function matchPsb(records: PsbRecord[], q: PsbKey, by: By): Omit<Decision, 'source'> | null {
  const lists = (r: PsbRecord) => r.mainDomain === q.domain || r.domains.includes(q.domain!);
  const keyed = records.filter(by === 'number' ? (r) => r.code === q.code : lists);
  if (!keyed.length) return null;
  if (q.code && q.domain) {
    const hit = keyed.find(by === 'number' ? lists : (r) => r.code === q.code);
    return hit
      ? { status: 'valid', reason: null, record: hit, records: null }
      : {
          status: 'mismatch',
          reason: by === 'number' ? 'domain-mismatch' : 'number-mismatch',
          record: keyed[0],
          records: null,
        };
  }
  return { status: 'valid', reason: null, record: keyed[0], records: q.code ? null : keyed.slice(0, MAX_RECORDS) };
}

function unknownError(reason: UnknownReason, retryAfter: number) {
  const { message, messageZh } = words(`unknown.${reason}`);
  const retryable = reason !== 'no-provider';
  return { code: reason, message, messageZh, retryable, retryAfter: retryable ? retryAfter : null };
}
