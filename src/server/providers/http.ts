/** One upstream HTTP call with its own time limit; a failure becomes an `unavailable` outcome, never a throw. */
import type { Unavailable } from './types.js';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export async function fetchText(
  fetcher: Fetch, url: string, init: RequestInit, signal: AbortSignal, timeoutMs: number,
): Promise<{ status: number; body: string } | Unavailable> {
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(), timeoutMs);
  try {
    const res = await fetcher(url, { ...init, signal: AbortSignal.any([signal, limit.signal]) });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    const aborted = limit.signal.aborted || signal.aborted || (e as Error).name === 'AbortError';
    return { outcome: 'unavailable', reason: aborted ? 'timeout' : 'upstream-error', raw: String(e) };
  } finally {
    clearTimeout(timer);
  }
}
