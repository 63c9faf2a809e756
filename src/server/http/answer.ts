/**
 * Finished answers of the /v1 routes: encoded once, kept for identical requests a few seconds, and sent as a 304
 * when the client holds the same decision.
 */
import type { Context } from 'hono';
import type { IcpResult, PsbResult, VerifyResult } from '../../contract/index.js';
import { Lru } from '../lru.js';
import type { QueryError } from '../messages.js';
import type { Endpoint } from '../query.js';
import { CACHE } from './cache-policy.js';
import { CORS, errorBody, errorEnvelope } from './envelope.js';
import { etag } from './etag.js';

/** How long a finished answer is reused for identical requests (at most until it expires). */
const REUSE_MS = 10_000;

/** A route's answer as it goes out (a decision or a 400), and until when identical requests may reuse it. */
export interface FinishedAnswer {
  readonly status: 200 | 400;
  /** Encoded once: the bytes go out as they are on every reuse. */
  readonly body: Uint8Array<ArrayBuffer>;
  readonly headers: Readonly<Record<string, string>>;
  readonly until: number;
}

const encoder = new TextEncoder();
// TextEncoder always returns a fresh ArrayBuffer-backed array; the DOM typings only say ArrayBufferLike.
const encode = (text: string) => encoder.encode(text) as Uint8Array<ArrayBuffer>;

function headersOf(bytes: Uint8Array, cacheControl: string): Record<string, string> {
  return {
    ...CORS,
    'Content-Type': 'application/json',
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': cacheControl,
  };
}

/** A decision, with its cache policy and, for an unknown one, when to ask again. */
export function answer(
  body: IcpResult | PsbResult | VerifyResult,
  cacheControl: string,
  retryAfter?: number | null,
): FinishedAnswer {
  const bytes = encode(JSON.stringify(body));
  const headers: Record<string, string> = { ...headersOf(bytes, cacheControl), ETag: etag(body) };
  if (retryAfter) headers['Retry-After'] = String(retryAfter);
  const expires = body.expiresAt ? Date.parse(body.expiresAt) : Infinity;
  return { status: 200, body: bytes, headers, until: Math.min(expires, Date.now() + REUSE_MS) };
}

/** A request refused as a 400, in its endpoint's envelope. */
export function rejection(endpoint: Endpoint, query: Record<string, string>, e: QueryError): FinishedAnswer {
  const bytes = encode(JSON.stringify(errorEnvelope(endpoint, query, errorBody(e.code, e))));
  return { status: 400, body: bytes, headers: headersOf(bytes, CACHE.error), until: Date.now() + REUSE_MS };
}

/**
 * Identical requests within seconds (a page's badges, a CDN's misses) get the same answer, as a CDN would give
 * it: same decision, same checkedAt. Keyed by the data's revision, path and query; size-capped, the oldest
 * forgotten first (an answer lives seconds, so first in is first stale: a hit does not reorder the cache).
 */
export class AnswerCache {
  readonly #answers: Lru<string, FinishedAnswer>;
  #hits = 0;
  #misses = 0;

  constructor(size: number) {
    this.#answers = new Lru(size);
  }

  /** The answer kept for `key` while it may be reused; each call is a hit or a miss (/metrics). */
  peek(key: string): FinishedAnswer | undefined {
    const kept = this.#answers.peek(key);
    if (kept && kept.until > Date.now()) {
      this.#hits++;
      return kept;
    }
    this.#misses++;
    return undefined;
  }

  /** How many `peek`s found an answer, and how many did not. */
  get counts(): { readonly hits: number; readonly misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }

  /** Makes the answer `peek` missed, and keeps it if it is a decision. */
  async fill(key: string, compute: () => Promise<FinishedAnswer> | FinishedAnswer): Promise<FinishedAnswer> {
    const made = await compute();
    // Only decisions are kept: a 400 is cheap to make again, and keeping each would let made-up queries fill memory.
    if (made.status === 200) this.#answers.set(key, made);
    return made;
  }
}

/** The answer as a response: a 304 when the request's If-None-Match holds its ETag. */
export function send(c: Context, a: FinishedAnswer): Response {
  // On Node, the raw request's header object: building the Request's Headers costs more than the whole reuse.
  const incoming = (c.env as { incoming?: { headers: Record<string, string | undefined> } } | undefined)?.incoming;
  const match = incoming ? incoming.headers['if-none-match'] : c.req.header('if-none-match');
  const tag = a.headers.ETag;
  if (tag && match && match.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
    // A 304 has no body: no length or type of one.
    const headers = { ...a.headers };
    delete headers['Content-Length'];
    delete headers['Content-Type'];
    return new Response(null, { status: 304, headers });
  }
  return new Response(a.body, { status: a.status, headers: a.headers });
}
