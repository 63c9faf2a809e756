/** The response envelope of contract B.4 and B.6: CORS headers, error bodies, and an error in its endpoint's shape. */
import type { ErrorBody, ErrorCode } from '../../contract/index.js';
import { MIIT_URL, MPS_URL } from '../../core/index.js';
import { words, type MessageKey } from '../messages.js';
import type { Endpoint } from '../query.js';

// Sent with every API response (the edge entry's own 500 included). Each response is made with them, never
// patched in afterwards: changing a made response's headers rebuilds them, which costs a third of the throughput
// of a cached answer.
export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
  'Access-Control-Max-Age': '86400',
};

/** An error body (B.6); retryable when it says when to come back. */
export function errorBody(
  code: ErrorCode,
  text: { message: string; messageZh: string },
  retryAfter: number | null = null,
): ErrorBody {
  return { code, message: text.message, messageZh: text.messageZh, retryable: retryAfter !== null, retryAfter };
}

/** The body of an error whose code is its message (no-route, method-not-allowed, rate-limited, internal). */
export function plainError(code: ErrorCode & MessageKey, retryAfter: number | null = null): ErrorBody {
  return errorBody(code, words(code), retryAfter);
}

/** An error in the whole envelope of its endpoint (B.4: every field, empty where nothing was decided). */
export function errorEnvelope(endpoint: Endpoint, query: Record<string, string>, error: ErrorBody): object {
  const base = {
    apiVersion: '1',
    kind: endpoint,
    query,
    normalized: null,
    status: 'error',
    reason: error.code,
    checkedAt: new Date().toISOString(),
    expiresAt: null,
    error,
  };
  return endpoint === 'verify'
    ? { ...base, icp: null, psb: null }
    : {
        ...base,
        record: null,
        records: null,
        source: null,
        links: { official: endpoint === 'icp' ? MIIT_URL : MPS_URL },
      };
}

/** An error outside any endpoint's envelope (404, 405, 500). */
export function bareError(error: ErrorBody): object {
  return { apiVersion: '1', status: 'error', reason: error.code, error };
}
