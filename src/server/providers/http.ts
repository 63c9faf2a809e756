/**
 * One upstream HTTP call, bounded in time and in size. A failure becomes an `unavailable` outcome that names its
 * cause (the name not resolving, the connection refused, no answer in time…), never a throw.
 */
import type { FailureCause } from '../../contract/index.js';
import { unavailable, type Unavailable } from './types.js';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The largest body read from an upstream: one gone wrong must not fill the server's memory. */
export const MAX_BODY_BYTES = 1 << 20;

export interface Limits {
  /** The lookup's signal (its deadline, C.2). */
  readonly signal: AbortSignal;
  /** This request's own time limit, body included. */
  readonly timeoutMs: number;
  readonly maxBytes?: number;
}

// The system errors Node's fetch reports (as its cause), by what they mean for the operator.
const NETWORK_CAUSES: Readonly<Record<string, FailureCause>> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'refused',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

export async function fetchText(
  fetcher: Fetch,
  url: string,
  init: RequestInit,
  limits: Limits,
): Promise<{ status: number; body: string } | Unavailable> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), limits.timeoutMs);
  const maxBytes = limits.maxBytes ?? MAX_BODY_BYTES;
  try {
    const res = await fetcher(url, { ...init, signal: AbortSignal.any([limits.signal, limit.signal]) });
    const body = await readBody(res, maxBytes);
    if (body === undefined)
      return unavailable('upstream-error', 'invalid', `body over ${maxBytes} bytes (HTTP ${res.status})`);
    return { status: res.status, body };
  } catch (e) {
    if (limit.signal.aborted) return unavailable('timeout', 'timeout', `no answer within ${limits.timeoutMs / 1000} s`);
    if (limits.signal.aborted) return unavailable('timeout', 'timeout', 'the lookup ran out of time');
    return networkFailure(e);
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or undefined once it passes `maxBytes` (the rest is not read). */
async function readBody(res: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(res.headers.get('content-length')) > maxBytes) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * What a fetch that threw says: Node's throws `fetch failed` with the system error as its `cause` (an
 * AggregateError when every address of a name failed). The code is the public detail; the message, which names
 * the host, stays in the log.
 */
function networkFailure(e: unknown): Unavailable {
  const cause = (e as { cause?: unknown }).cause ?? e;
  const code = errorCode(cause) ?? errorCode(e);
  const kind = (code && NETWORK_CAUSES[code]) || 'network';
  const message = upstreamWords((cause as Error).message ?? String(cause));
  return unavailable(kind === 'timeout' ? 'timeout' : 'upstream-error', kind, code ?? 'fetch failed', { message });
}

function errorCode(e: unknown): string | undefined {
  const { code, errors } = (e ?? {}) as { code?: unknown; errors?: unknown[] };
  if (typeof code === 'string') return code;
  return errors?.length ? errorCode(errors[0]) : undefined;
}

/**
 * An upstream's (or the network's) own words, fit for the log: one short line, without URLs, which may carry a
 * key, and without the key itself should the upstream echo it.
 */
export function upstreamWords(text: unknown, secret?: string): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  let words = text
    .replace(/[a-z][a-z\d+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\s+/g, ' ')
    .trim();
  if (secret) words = words.replaceAll(secret, '<key>');
  return words.length > 200 ? `${words.slice(0, 200)}…` : words;
}

/** Why a body could not be read, in a few words (never the body, which is the upstream's text). */
export function unreadable(body: string): string {
  const start = body.trimStart();
  return start === '' ? 'empty body' : start.startsWith('<') ? 'HTML instead of JSON' : 'not JSON';
}

/**
 * A keyed API's body as JSON, or the failure it is: a 429, an error status with no JSON, an unreadable body, or
 * JSON that is no object. What the object says is the provider's to read. Wrapped, so that no field the upstream
 * sends (an `outcome` of its own) can pass for one of ours.
 */
export function jsonAnswer<T extends object>(
  status: number,
  body: string,
  throttledFor: number,
): { json: T } | Unavailable {
  if (status === 429) return unavailable('upstream-throttled', 'status', 'HTTP 429', { retryAfter: throttledFor });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const raw = body.slice(0, 200);
    if (status !== 200)
      return unavailable(status === 403 ? 'upstream-blocked' : 'upstream-error', 'status', `HTTP ${status}`, { raw });
    return unavailable('upstream-error', 'invalid', `${unreadable(body)} (HTTP 200)`, { raw });
  }
  if (json === null || typeof json !== 'object') return unavailable('upstream-error', 'invalid', 'JSON, not an object');
  return { json: json as T };
}

/** An upstream's field as a record's text: a string of at most 500 characters, or null (a number, an object, nothing). */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : null;
}
