/**
 * LookupClient: the browser side of the v1 contract (lookup-contract.md Part D). One request per distinct
 * question however many badges ask it, answers kept in memory and localStorage until they expire, a 4 s time limit,
 * and every failure (network, timeout, 5xx, malformed body) turned into the neutral `unknown`. The only rejection
 * is the caller's own: an AbortError when its `signal` aborts.
 */
import { VerifyAnswer } from '../contract/client.js';
import type { VerifyQuery } from '../contract/queries.js';

export type { VerifyAnswer };

export interface LookupClientOptions {
  /** The service's base URL, ending in `/v1`. */
  endpoint: string;
  /** Contract D: about 4 s, then the neutral "could not verify". */
  timeoutMs?: number;
  /** The transport; swap it to route through your own (a service worker, a proxy). */
  fetch?: typeof fetch;
  /**
   * Where answers persist across page views; null for memory only. Default: localStorage when allowed. The client
   * removes its expired entries (keys starting `beian:`) as it goes.
   */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'> | null;
  now?: () => number;
}

const MINUTE = 60_000;
/** The longest an unknown answer is waited out, whatever Retry-After says: a typo'd or hostile year is an hour. */
const MAX_RETRY_S = 3600;
/**
 * The largest answer read: twenty records (the contract's cap) are a few kilobytes, so a bigger body is no answer
 * of the contract. So it is also the most stored in the site's localStorage per question.
 */
export const MAX_ANSWER_BYTES = 256 * 1024;
// Contract D: how long a client may keep each answer, at most, in minutes, by its status.
const KEEP: Record<string, number> = { valid: 60, mismatch: 60, 'not-found': 10, cancelled: 10, error: 1440 };

/**
 * What the client reads of any answer to keep it: a lookup's status and expiry (B.4), which a `/v1/meta` answer has
 * not; `retryAfter` comes from the answer's Retry-After header.
 */
export interface Answer {
  status?: string;
  expiresAt?: string | null;
  retryAfter?: number;
}

/** Reads a body into an answer, or fails (then the client answers `unknown`). */
export type Reader<T extends Answer> = (json: unknown) => { success: true; data: T } | { success: false };

interface Kept<T> {
  answer: T;
  until: number;
}

/**
 * The neutral answer for anything that is not a valid answer from the service: every field an answer of a lookup
 * may have, empty, so it reads as a `/v1/verify`, `/v1/icp` or `/v1/psb` answer alike.
 */
export type UnknownAnswer = ReturnType<typeof unknown>;

function unknown(reason: string, retryAfter = 30) {
  return {
    status: 'unknown' as const,
    reason,
    checkedAt: null,
    expiresAt: null,
    retryAfter,
    icp: null,
    psb: null,
    record: null,
    records: null,
    source: null,
    error: null,
  };
}

function defaultStorage(): LookupClientOptions['storage'] {
  try {
    // Reading the property throws where storage is blocked (sandboxed frames, some privacy modes).
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class LookupClient {
  readonly endpoint: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #storage: LookupClientOptions['storage'];
  readonly #now: () => number;
  readonly #memory = new Map<string, Kept<Answer>>();
  readonly #inflight = new Map<string, Promise<Answer>>();
  #sweptAt = -Infinity;

  constructor(options: LookupClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 4000;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#now = options.now ?? Date.now;
  }

  /** Checks a site's numbers with `/v1/verify`. */
  verify(query: VerifyQuery, options: { signal?: AbortSignal } = {}): Promise<VerifyAnswer> {
    return this.ask(
      'verify',
      { domain: query.domain, icp: query.icp, psb: query.psb },
      VerifyAnswer.safeParse,
      options,
    );
  }

  /**
   * Asks one endpoint (`verify`, `icp`, `psb`): one request per distinct question, shared by every caller,
   * answered from the cache while it is fresh. `signal` only stops this caller's wait; the request goes on for
   * the others and fills the cache. What `read` reads, or the neutral `unknown`.
   */
  ask<T extends Answer>(
    path: string,
    query: Record<string, string | undefined>,
    read: Reader<T>,
    options: { signal?: AbortSignal } = {},
  ): Promise<T | UnknownAnswer> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
    const url = `${this.endpoint}/${path}?${params}`;
    // A URL names one endpoint, which one reader reads: what is kept or in flight for it is what `read` gives.
    const kept = this.#recall(url) as T | UnknownAnswer | undefined;
    if (kept) return Promise.resolve(kept);
    let flight = this.#inflight.get(url) as Promise<T | UnknownAnswer> | undefined;
    if (!flight) {
      flight = this.#get(url, read).finally(() => this.#inflight.delete(url));
      this.#inflight.set(url, flight);
    }
    const signal = options.signal;
    if (!signal) return flight;
    return new Promise((resolve, reject) => {
      const abort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort, { once: true });
      flight.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  }

  async #get<T extends Answer>(url: string, read: Reader<T>): Promise<T | UnknownAnswer> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#timeoutMs);
    let answer: T | UnknownAnswer;
    let persist = false;
    try {
      // No credentials, no referrer, no custom headers: a simple CORS request, no preflight, nothing about the visitor.
      const res = await this.#fetch(url, {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: timeout.signal,
      });
      const retryAfter = Math.min(MAX_RETRY_S, +res.headers.get('retry-after')! || 0) || undefined;
      const parsed = read(await boundedJson(res));
      answer = parsed.success ? { ...parsed.data, retryAfter } : unknown('invalid-response');
      persist = parsed.success;
      if (res.status === 429 || res.status >= 500) {
        // A refusal is no answer to keep across pages, whatever body came with it.
        answer = unknown(`http-${res.status}`, retryAfter ?? 60);
        persist = false;
      }
    } catch {
      answer = unknown(timeout.signal.aborted ? 'timeout' : 'network');
    } finally {
      clearTimeout(timer);
    }
    this.#keep(url, answer, persist);
    return answer;
  }

  #keep(url: string, answer: Answer, persist: boolean): void {
    const now = this.#now();
    const expires = answer.expiresAt ? Date.parse(answer.expiresAt) : Infinity;
    // An unknown waits out its retryAfter even when the server said it expires sooner: no retry storms. What the
    // service is (`/v1/meta`, which has no status) changes as rarely as a record.
    const until =
      now +
      (answer.status === 'unknown'
        ? Math.max(30, answer.retryAfter ?? 30) * 1000
        : Math.min((answer.status ? (KEEP[answer.status] ?? 0.5) : 60) * MINUTE, Math.max(0, expires - now)));
    const kept = { answer, until };
    this.#memory.set(url, kept);
    this.#sweep(now);
    if (!persist) return;
    try {
      // No bigger than the body it was read from (MAX_ANSWER_BYTES): the schema keeps only the contract's fields.
      this.#storage?.setItem(`beian:${url}`, JSON.stringify(kept));
    } catch {
      // Full or blocked storage: the memory copy still serves this page.
    }
  }

  /**
   * Drops expired answers from memory, and expired or unreadable ones from storage (keys starting `beian:`), at most
   * every ten minutes: nothing else removes an answer nobody asks for again, and the query form keeps every
   * distinct question of a long session (typed company names among them).
   */
  #sweep(now: number): void {
    if (now - this.#sweptAt < 10 * MINUTE) return;
    this.#sweptAt = now;
    for (const [url, kept] of this.#memory) if (kept.until <= now) this.#memory.delete(url);
    const storage = this.#storage;
    if (!storage) return;
    try {
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k) =>
        k?.startsWith('beian:'),
      );
      for (const key of keys as string[]) {
        let until = 0;
        try {
          until = (JSON.parse(storage.getItem(key)!) as Kept<Answer>).until;
        } catch {
          // Unreadable: removed below.
        }
        if (!(until > now)) storage.removeItem(key);
      }
    } catch {
      // Blocked storage: nothing of ours is in it.
    }
  }

  #recall(url: string): Answer | undefined {
    let kept = this.#memory.get(url);
    if (!kept) {
      try {
        const stored = this.#storage?.getItem(`beian:${url}`);
        if (stored) kept = JSON.parse(stored) as Kept<Answer>;
      } catch {
        // Blocked storage or an unreadable entry: kept stays undefined, and the service is asked.
      }
    }
    if (kept && kept.until > this.#now()) {
      this.#memory.set(url, kept);
      return kept.answer;
    }
    return undefined;
  }
}

const shared = new Map<string, LookupClient>();

/** The page's client for an endpoint: every badge on the page shares its requests and cache. */
export function clientFor(endpoint: string): LookupClient {
  const key = endpoint.replace(/\/+$/, '');
  let client = shared.get(key);
  if (!client) shared.set(key, (client = new LookupClient({ endpoint: key })));
  return client;
}

/**
 * Makes `client` the page's client for its endpoint: every badge (and query form without its own `.client`) asking
 * that endpoint goes through it, with its own `fetch`, storage and time limit. Call it before they ask.
 */
export function shareClient(client: LookupClient): void {
  shared.set(client.endpoint, client);
}

/** The body as JSON, read only up to MAX_ANSWER_BYTES (a bigger one is cancelled, not downloaded); else undefined. */
export async function boundedJson(res: Response): Promise<unknown> {
  const reader = res.body!.getReader();
  // A blob of blobs refers to its parts; nothing is copied until it is read.
  let body = new Blob();
  for (let next; !(next = await reader.read()).done;) {
    if ((body = new Blob([body, next.value])).size > MAX_ANSWER_BYTES) return reader.cancel();
  }
  return new Response(body).json().catch(() => undefined);
}
