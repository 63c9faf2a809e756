/**
 * Many lookups against a v1 lookup service (`beian lookup`, `beian watch`, `beian mcp`): each input read by core
 * (a number, a 公安 code, a domain or a unit name), asked of `/v1/icp`, `/v1/psb` or `/v1/verify`, a bounded
 * number at a time; a refusal (429, 503) holds every request back for the service's Retry-After and then asks
 * again, so a batch never hammers a service that said "slow down".
 */
import * as z from 'zod/mini';
import { boundedJson } from '../client/index.js';
import {
  readCapabilities,
  readIcpAnswer,
  readPsbAnswer,
  type IcpAnswer,
  type PsbAnswer,
} from '../contract/record-answers.js';
import type { IcpRecord, PsbRecord } from '../contract/records.js';
import { KINDS, type Kind } from '../contract/values.js';
import { explain, type MessageLang } from '../core/index.js';
import { readLookupInput, type LookupInput } from '../core/query.js';

export type Endpoint = Kind | 'verify';

/** One input and where it came from (`sites.csv:12`; none for an argument). */
export interface Ask {
  readonly input: string;
  readonly where?: string;
}

export interface BatchOptions {
  /** The service's base, `https://…/v1`. */
  readonly endpoint: string;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Per request (default 15 s). */
  readonly timeoutMs?: number;
  /** Verify the numbers for this domain (`/v1/verify`) instead of looking them up. */
  readonly host?: string;
  /** What a domain is looked up in (default both, if the service has 公安 records). */
  readonly kinds?: readonly Kind[];
  readonly lang?: MessageLang;
  onProgress?(done: number, total: number): void;
}

/** One answer to one input: an input asked in two registries (a domain) has two rows. */
export interface BatchRow {
  readonly input: string;
  readonly where: string | null;
  /** The registry asked; null when the input was nothing to ask. */
  readonly kind: Kind | null;
  readonly endpoint: Endpoint | null;
  /** The parameters sent. */
  readonly query: Readonly<Record<string, string>>;
  /** A v1 status (contract B.5); `error` for an input the service refused or that was never sent. */
  readonly status: string;
  readonly reason: string | null;
  /** Why an `unknown` or `error` is one, in the language asked. */
  readonly message: string | null;
  readonly records: readonly (IcpRecord | PsbRecord)[];
  /** Who vouches for the records (contract B.4 `authority`). */
  readonly authority: string | null;
}

/** The service cannot be asked at all (wrong address, down): nothing of the batch would be an answer. */
export class ServiceError extends Error {}

/** How often one request is refused (429, 503) before its input is reported as not asked. */
const MAX_ATTEMPTS = 8;
/** The longest Retry-After waited out; a service asking for more is reported, not waited for. */
const MAX_HOLD_S = 600;

/** The v1 endpoints' shared error envelope, for answers that carry no part (a `/v1/verify` refused whole). */
const Refusal = z.object({
  status: z.string(),
  reason: z.nullable(z.string()),
  error: z.nullable(z.object({ message: z.string(), messageZh: z.string() })),
});

type Reply = { ok: true; json: unknown } | { ok: false; reason: string; message: string };

/**
 * The connection to one service: requests go out at most `concurrency` at a time, each distinct question once,
 * and all wait while the service has asked them to (the gate).
 */
export class LookupSession {
  readonly endpoint: string;
  readonly #timeoutMs: number;
  readonly #slot: Limiter;
  readonly #asked = new Map<string, Promise<Reply>>();
  #gateUntil = 0;
  /** Requests sent, refusals among them: what a batch cost the service. */
  readonly sent = { requests: 0, refused: 0 };

  constructor(endpoint: string, options: { concurrency?: number; timeoutMs?: number } = {}) {
    this.endpoint = endpoint.replace(/\/+$/, '');
    this.#slot = limiter(options.concurrency ?? 4);
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Whether the service has 公安 records, from `/v1/meta`; throws ServiceError when it cannot be reached. */
  async hasPsb(): Promise<boolean> {
    const reply = await this.ask('meta', {});
    const caps = reply.ok ? readCapabilities(reply.json) : null;
    if (!caps?.success) {
      const why = reply.ok ? 'its /v1/meta is not a v1 lookup service answer' : reply.message;
      throw new ServiceError(
        `cannot use the lookup service at ${this.endpoint}: ${why}. Is it the service's /v1 address?`,
      );
    }
    return caps.data.psb;
  }

  /** One endpoint's answer as JSON, or why there is none. The same question is sent once per session. */
  ask(path: Endpoint | 'meta', query: Readonly<Record<string, string>>): Promise<Reply> {
    const url = `${this.endpoint}/${path}?${new URLSearchParams(query)}`;
    let reply = this.#asked.get(url);
    if (!reply) this.#asked.set(url, (reply = this.#slot(() => this.#send(url))));
    return reply;
  }

  async #send(url: string): Promise<Reply> {
    for (let attempt = 1; ; attempt++) {
      await this.#gate();
      const res = await this.#fetch(url);
      if (!('status' in res)) return res;
      if (res.status !== 429 && res.status !== 503) return { ok: true, json: await boundedJson(res) };
      await res.body?.cancel();
      this.sent.refused++;
      const wait = Number(res.headers.get('retry-after')) || 60;
      if (attempt === MAX_ATTEMPTS || wait > MAX_HOLD_S) {
        return {
          ok: false,
          reason: 'rate-limited',
          message: `the service refused it ${attempt} times (HTTP ${res.status}, retry after ${wait} s); ask again later`,
        };
      }
      this.#hold(wait);
    }
  }

  async #fetch(url: string): Promise<Response | Extract<Reply, { ok: false }>> {
    this.sent.requests++;
    try {
      return await fetch(url, {
        signal: AbortSignal.timeout(this.#timeoutMs),
        headers: { accept: 'application/json' },
      });
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError';
      // fetch says only "fetch failed"; what failed (ECONNREFUSED, ENOTFOUND, bad port) is its cause.
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      return timedOut
        ? { ok: false, reason: 'timeout', message: `no answer within ${this.#timeoutMs / 1000} s` }
        : {
            ok: false,
            reason: 'network',
            message: `could not connect (${cause?.code ?? cause?.message ?? (e as Error).message})`,
          };
    }
  }

  /** Every request waits until the service's Retry-After has passed (a refusal seen by one holds them all). */
  #hold(seconds: number): void {
    this.#gateUntil = Math.max(this.#gateUntil, Date.now() + seconds * 1000);
  }

  async #gate(): Promise<void> {
    let wait: number;
    while ((wait = this.#gateUntil - Date.now()) > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** What `beian lookup --json` prints (and the MCP tools answer): counts by status, then every row. */
export function batchJson(rows: readonly BatchRow[]): { counts: Record<string, number>; results: readonly BatchRow[] } {
  return { counts: countStatuses(rows), results: rows };
}

export function countStatuses(rows: readonly BatchRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

export type Limiter = <T>(run: () => Promise<T>) => Promise<T>;

/** Runs at most `n` of the tasks given to it at once, the others in the order they came. */
export function limiter(n: number): Limiter {
  let free = n;
  const waiting: (() => void)[] = [];
  return async (run) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/** A question for the service: one input, one registry. */
interface Question {
  readonly ask: Ask;
  readonly kind: Kind;
  readonly endpoint: Endpoint;
  readonly query: Readonly<Record<string, string>>;
}

/** Every input looked up; rows in the order of the inputs. Throws ServiceError when the service cannot be reached. */
export async function lookupBatch(asks: readonly Ask[], options: BatchOptions): Promise<BatchRow[]> {
  const session = new LookupSession(options.endpoint, options);
  return lookupWith(session, asks, options);
}

/** lookupBatch over a session the caller keeps (to read what it sent). */
export async function lookupWith(
  session: LookupSession,
  asks: readonly Ask[],
  options: Omit<BatchOptions, 'endpoint'>,
): Promise<BatchRow[]> {
  const lang = options.lang ?? 'en';
  // /v1/meta first: it proves the address, and says whether a domain can be asked for 公安 records there.
  const hasPsb = await session.hasPsb();
  const kinds = (options.kinds ?? KINDS).filter((k) => k === 'icp' || hasPsb);
  const plans = asks.map((ask) => plan(ask, readLookupInput(ask.input), kinds, options.host, lang));
  const total = plans.length;
  let done = 0;
  options.onProgress?.(0, total);
  const answered = await Promise.all(
    plans.map(async (p) => {
      const rows = Array.isArray(p) ? await Promise.all(p.map((q) => answer(session, q, lang))) : [p];
      options.onProgress?.(++done, total);
      return rows;
    }),
  );
  return answered.flat();
}

/** The questions an input makes, or its row when there is nothing to ask. */
function plan(
  ask: Ask,
  input: LookupInput,
  kinds: readonly Kind[],
  host: string | undefined,
  lang: MessageLang,
): Question[] | BatchRow {
  if (input.kind === 'invalid') return refused(ask, invalidMessage(input, lang));
  if (host) {
    if (input.kind !== 'icp' && input.kind !== 'psb')
      return refused(ask, `with --host, give filing numbers to verify for ${host}, not a ${input.kind}`);
    return [{ ask, kind: input.kind, endpoint: 'verify', query: { domain: host, [input.kind]: input.value } }];
  }
  switch (input.kind) {
    case 'icp':
      return [{ ask, kind: 'icp', endpoint: 'icp', query: { number: input.value } }];
    case 'psb':
      return [{ ask, kind: 'psb', endpoint: 'psb', query: { code: input.value } }];
    case 'unit':
      return [{ ask, kind: 'icp', endpoint: 'icp', query: { unit: input.value } }];
    case 'domain':
      return kinds.map((kind) => ({ ask, kind, endpoint: kind, query: { domain: input.value } }));
  }
}

/** Why core would not send an input: the number's first error, or that it is none of the things one can look up. */
function invalidMessage(input: Extract<LookupInput, { kind: 'invalid' }>, lang: MessageLang): string {
  const error = input.filing?.diagnostics.find((d) => d.severity === 'error');
  if (error) return explain(error, lang).message;
  return input.value ? 'not a filing number, 公安 code, domain or unit name (2 to 100 characters)' : 'empty input';
}

function refused(ask: Ask, message: string): BatchRow {
  return {
    input: ask.input,
    where: ask.where ?? null,
    kind: null,
    endpoint: null,
    query: {},
    status: 'error',
    reason: 'invalid-input',
    message,
    records: [],
    authority: null,
  };
}

async function answer(session: LookupSession, q: Question, lang: MessageLang): Promise<BatchRow> {
  const reply = await session.ask(q.endpoint, q.query);
  const base = { input: q.ask.input, where: q.ask.where ?? null, kind: q.kind, endpoint: q.endpoint, query: q.query };
  if (!reply.ok)
    return { ...base, status: 'unknown', reason: reply.reason, message: reply.message, records: [], authority: null };
  const json =
    q.endpoint === 'verify' ? ((reply.json as Record<string, unknown> | null)?.[q.kind] ?? reply.json) : reply.json;
  const read = q.kind === 'icp' ? readIcpAnswer(json) : readPsbAnswer(json);
  if (read.success) {
    const a: IcpAnswer | PsbAnswer = read.data;
    const records = a.records?.length ? a.records : a.record ? [a.record] : [];
    return {
      ...base,
      status: a.status,
      reason: a.reason,
      message: a.error && (lang === 'zh' ? a.error.messageZh : a.error.message),
      records,
      authority: a.source?.authority ?? null,
    };
  }
  const refusal = Refusal.safeParse(json);
  if (refusal.success && refusal.data.error) {
    const { status, reason, error } = refusal.data;
    return {
      ...base,
      status,
      reason,
      message: lang === 'zh' ? error.messageZh : error.message,
      records: [],
      authority: null,
    };
  }
  return {
    ...base,
    status: 'unknown',
    reason: 'invalid-response',
    message: 'the answer is not a v1 lookup answer',
    records: [],
    authority: null,
  };
}
