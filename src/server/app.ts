/**
 * The v1 HTTP API (contract B): routes, validation, the response envelope and every header of B.7. Runs the
 * same on Node (@hono/node-server) and on edge runtimes (`fetch` handler).
 */
import { Hono, type Context } from 'hono';
import type { ErrorBody, ErrorCode, IcpPart, IcpResult, IcpType, Meta, PsbPart, PsbResult, Status, VerifyResult } from '../contract/index.js';
import { ICP_TYPES } from '../contract/index.js';
import { MIIT_URL, MPS_URL } from '../core/index.js';
import { LookupService, type IcpQuery, type PsbQuery } from './lookup.js';
import { Lru } from './lru.js';
import { normalizeDomain, normalizeIcpNumber, normalizePsbCode, normalizeUnit, QueryError } from './normalize.js';
import { silentLogger, type Logger } from './providers/types.js';

export interface AppOptions {
  service: LookupService;
  name?: string;
  version?: string;
  log?: Logger;
  /** Requests per window per client; false turns the limit off (behind a CDN that limits, or in benchmarks). */
  rateLimit?: { limit: number; windowMs: number } | false;
  /**
   * Who a request comes from, for the rate limit only (never logged). Default: the connection's address; behind a
   * proxy you trust (`trustProxy`), the address it appended to X-Forwarded-For (the right-most entry).
   */
  clientKey?: (c: Context) => string;
  trustProxy?: boolean;
  fileableTlds?: ReadonlySet<string>;
  /** How many finished answers are kept for identical requests (default 10,000). */
  answerCacheSize?: number;
}

const encoder = new TextEncoder();
// TextEncoder always returns a fresh ArrayBuffer-backed array; the DOM typings only say ArrayBufferLike.
const encode = (text: string) => encoder.encode(text) as Uint8Array<ArrayBuffer>;

/** How long a finished answer is reused for identical requests (at most until it expires). */
const ANSWER_TTL_MS = 10_000;

// Sent with every API response (the edge entry's own 500 included). Each response is made with them, never
// patched in afterwards: changing a made response's headers rebuilds them, which costs a third of the throughput
// of a cached answer.
export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
  'Access-Control-Max-Age': '86400',
};

const CACHE = {
  valid: 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800, stale-if-error=2592000',
  stale: 'public, max-age=60, s-maxage=60',
  notFound: 'public, max-age=600, s-maxage=1800',
  unknown: 'public, max-age=30, s-maxage=30',
  error: 'public, max-age=86400',
  none: 'no-store',
} as const;

// Strictest first, for /v1/verify, which takes its parts' strictest policy.
const STRICTNESS = [CACHE.unknown, CACHE.stale, CACHE.notFound, CACHE.valid];
// Worst first: the status /v1/verify reports.
const SEVERITY: Status[] = ['cancelled', 'mismatch', 'not-found', 'unknown', 'valid'];

const ERROR_TEXT: Partial<Record<ErrorCode, [string, string]>> = {
  'no-route': ['No such endpoint; see /v1/meta.', '没有该接口，请参阅 /v1/meta。'],
  'method-not-allowed': ['Only GET, HEAD and OPTIONS are supported.', '仅支持 GET、HEAD 和 OPTIONS 请求。'],
  'rate-limited': ['Too many requests; retry later.', '请求过于频繁，请稍后重试。'],
  internal: ['Internal error; retry later.', '服务器内部错误，请稍后重试。'],
};

export function errorBody(code: ErrorCode, message?: string, messageZh?: string, retryAfter: number | null = null): ErrorBody {
  const [en, zh] = ERROR_TEXT[code] ?? ['Invalid request.', '请求无效。'];
  return { code, message: message ?? en, messageZh: messageZh ?? zh, retryable: retryAfter !== null, retryAfter };
}

function policy(part: { status: Status; source: { stale: boolean } | null }): string {
  if (part.status === 'unknown') return CACHE.unknown;
  if (part.source?.stale) return CACHE.stale;
  return part.status === 'valid' || part.status === 'mismatch' ? CACHE.valid : CACHE.notFound;
}

/** A weak ETag over the decision, not its timestamps, so unchanged answers revalidate as cheap 304s. */
function etag(value: unknown): string {
  const text = JSON.stringify(value, (key, v) => (key === 'checkedAt' || key === 'expiresAt' || key === 'fetchedAt' || key === 'cached' ? undefined : v));
  // cyrb53: a fast 53-bit string hash; collisions only cost a needless 200.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `W/"${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}"`;
}

/** Longer than any domain (253), number or unit name (100): such a value is refused before it is read or echoed. */
const MAX_PARAM = 256;

/** Reads the query string: only the named parameters, each at most once. */
function params(c: Context, names: readonly string[]): Record<string, string> | QueryError {
  const search = new URL(c.req.url).searchParams;
  const query: Record<string, string> = {};
  for (const name of names) {
    const values = search.getAll(name);
    if (values.length > 1) return new QueryError('invalid-query', `Parameter "${name}" is repeated.`, `参数“${name}”重复。`);
    if ((values[0]?.length ?? 0) > MAX_PARAM) {
      return new QueryError('invalid-query', `Parameter "${name}" is longer than ${MAX_PARAM} characters.`, `参数“${name}”超过 ${MAX_PARAM} 个字符。`);
    }
    if (values.length === 1) query[name] = values[0];
  }
  return query;
}

/**
 * Whom the rate limit counts: an IPv4 address as it is (IPv4-mapped IPv6 too), an IPv6 address by its /64, the
 * block one subscriber gets, so rotating addresses inside it does not escape the limit.
 */
export function addressKey(address: string): string {
  // `[v6]:port` and `v4:port` (some proxies forward the port), a zone id: none of them is part of the client.
  let ip = address.trim().toLowerCase();
  ip = (/^\[([^\]]+)\]/.exec(ip)?.[1] ?? ip).split('%')[0];
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(ip);
  if (v4) return v4[1];
  if (!ip.includes(':')) return ip;
  const [head, tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function createApp(options: AppOptions): Hono {
  const { service } = options;
  const log = options.log ?? silentLogger;
  const app = new Hono();
  const now = () => new Date().toISOString();
  const windows = new Lru<string, { count: number; start: number }>(10_000);
  // A client sets the left entries of X-Forwarded-For itself; only the right-most one comes from our proxy.
  const clientKey = options.clientKey ?? ((c: Context) => addressKey((options.trustProxy && c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim())
    || (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress || 'unknown'));

  // Without a logger there is no logging middleware at all: it would be a step on every request for nothing.
  if (log !== silentLogger) app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    // Paths and statuses only: client addresses are never logged with what they asked.
    log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) });
  });

  /** An error in the whole envelope of its endpoint (B.4: every field, empty where nothing was decided). */
  const errorEnvelope = (kind: 'icp' | 'psb' | 'verify', query: Record<string, string>, error: ErrorBody) => {
    const base = { apiVersion: '1', kind, query, normalized: null, status: 'error', reason: error.code, checkedAt: now(), expiresAt: null, error };
    return kind === 'verify'
      ? { ...base, icp: null, psb: null }
      : { ...base, record: null, records: null, source: null, links: { official: kind === 'icp' ? MIIT_URL : MPS_URL } };
  };
  const ENDPOINTS: Record<string, 'icp' | 'psb' | 'verify'> = { '/v1/icp': 'icp', '/v1/psb': 'psb', '/v1/verify': 'verify' };
  const PARAMS = { icp: ['number', 'domain', 'unit', 'type'], psb: ['code', 'domain'], verify: ['domain', 'icp', 'psb'] } as const;

  app.options('*', (c) => c.body(null, 204, { ...CORS, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': '*' }));

  app.get('/healthz', (c) => c.json({ ok: true }, 200, { ...CORS, 'Cache-Control': CACHE.none }));

  if (options.rateLimit !== false) {
    const { limit, windowMs } = options.rateLimit ?? { limit: 300, windowMs: 60_000 };
    app.use('/v1/*', async (c, next) => {
      const key = clientKey(c);
      const t = Date.now();
      const w = windows.get(key);
      const current = w && t - w.start < windowMs ? w : { count: 0, start: t };
      current.count++;
      windows.set(key, current);
      if (current.count > limit) {
        const retryAfter = Math.ceil((current.start + windowMs - t) / 1000);
        const error = errorBody('rate-limited', undefined, undefined, retryAfter);
        // By the path's end: the app may be mounted under a prefix (`/api/v1/icp`).
        const kind = ENDPOINTS[c.req.path.slice(c.req.path.lastIndexOf('/v1/'))];
        // The query echoed as the endpoint reads it: its own parameters, within their length cap.
        const query = kind && params(c, PARAMS[kind]);
        const body = kind ? errorEnvelope(kind, query instanceof QueryError ? {} : query!, error) : { apiVersion: '1', status: 'error', reason: error.code, error };
        return c.json(body, 429, { ...CORS, 'Cache-Control': CACHE.none, 'Retry-After': String(retryAfter) });
      }
      await next();
    });
  }

  /** A finished answer: what /v1 routes send, and keep for identical requests. */
  interface Answer {
    status: 200 | 400;
    /** Encoded once: the bytes go out as they are on every reuse. */
    body: Uint8Array<ArrayBuffer>;
    headers: Record<string, string>;
    until: number;
  }
  // Identical requests within seconds (a page's badges, a CDN's misses) get the same answer, as a CDN would give
  // it: same decision, same checkedAt. Keyed by the data's revision, path and query; size-capped.
  const answers = new Lru<string, Answer>(options.answerCacheSize ?? 10_000);

  const answer = (body: IcpResult | PsbResult | VerifyResult, cacheControl: string, retryAfter?: number | null): Answer => {
    const bytes = encode(JSON.stringify(body));
    const headers: Record<string, string> = {
      ...CORS, 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength), 'Cache-Control': cacheControl, ETag: etag(body),
    };
    if (retryAfter) headers['Retry-After'] = String(retryAfter);
    const expires = body.expiresAt ? Date.parse(body.expiresAt) : Infinity;
    return { status: 200, body: bytes, headers, until: Math.min(expires, Date.now() + ANSWER_TTL_MS) };
  };

  const reject = (kind: 'icp' | 'psb' | 'verify', query: Record<string, string>, e: QueryError): Answer => {
    const bytes = encode(JSON.stringify(errorEnvelope(kind, query, errorBody(e.code, e.message, e.messageZh))));
    const headers = { ...CORS, 'Content-Type': 'application/json', 'Content-Length': String(bytes.byteLength), 'Cache-Control': CACHE.error };
    return { status: 400, body: bytes, headers, until: Date.now() + ANSWER_TTL_MS };
  };

  /** A /v1 route: answers identical requests from memory, and 304 when the client holds the same decision. */
  const route = (compute: (c: Context) => Promise<Answer> | Answer) => async (c: Context) => {
    const url = c.req.url;
    const key = `${service.revision}${url.slice(url.indexOf('/', url.indexOf('//') + 2))}`;
    let a = answers.get(key);
    if (!a || a.until <= Date.now()) {
      a = await compute(c);
      // Only decisions are kept: a 400 is cheap to make again, and keeping each would let made-up queries fill memory.
      if (a.status === 200) answers.set(key, a);
    }
    // On Node, the raw request's header object: building the Request's Headers costs more than the whole reuse.
    const incoming = (c.env as { incoming?: { headers: Record<string, string | undefined> } } | undefined)?.incoming;
    const match = incoming ? incoming.headers['if-none-match'] : c.req.header('if-none-match');
    const tag = a.headers.ETag;
    if (tag && match && match.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
      const headers = { ...a.headers };
      delete headers['Content-Length'];
      delete headers['Content-Type'];
      return new Response(null, { status: 304, headers });
    }
    return new Response(a.body, { status: a.status, headers: a.headers });
  };

  /** The ICP query of `number` and/or `domain`, or `unit` alone, with `type`; or why it is invalid. */
  const icpQuery = (raw: { number?: string; domain?: string; unit?: string; type?: string }): IcpQuery | QueryError => {
    if (raw.unit !== undefined && (raw.number !== undefined || raw.domain !== undefined)) {
      return new QueryError('invalid-query', 'unit is asked alone, without number or domain.', 'unit 参数须单独使用。');
    }
    if (raw.unit === undefined && raw.number === undefined && raw.domain === undefined) {
      return new QueryError('invalid-query', 'Give number, domain or unit.', '请提供 number、domain 或 unit 参数。');
    }
    if (raw.type !== undefined && !(ICP_TYPES as readonly string[]).includes(raw.type)) {
      return new QueryError('invalid-query', `type must be one of ${ICP_TYPES.join(', ')}.`, `type 应为 ${ICP_TYPES.join('、')} 之一。`);
    }
    let type = raw.type as IcpType | undefined;
    const q: Partial<IcpQuery> = {};
    if (raw.number !== undefined) {
      const n = normalizeIcpNumber(raw.number);
      if (n instanceof QueryError) return n;
      if (n.type && type && n.type !== type) {
        return new QueryError('invalid-query', `${n.filing.normalized} is an ${n.type} number, not ${type}.`, `${n.filing.normalized} 的类型与 type 参数不符。`);
      }
      type = n.type ?? type;
      q.number = { value: n.filing.normalized!, main: n.filing.site === null, mainLicence: n.filing.mainLicence! };
    }
    if (raw.domain !== undefined) {
      if (type && type !== 'web') return new QueryError('invalid-query', 'domain applies to websites (type=web) only.', '仅网站（type=web）可按域名查询。');
      const domain = normalizeDomain(raw.domain, options.fileableTlds);
      if (domain instanceof QueryError) return domain;
      q.domain = domain;
    }
    if (raw.unit !== undefined) {
      const unit = normalizeUnit(raw.unit);
      if (unit instanceof QueryError) return unit;
      q.unit = unit;
    }
    return { ...q, type: type ?? 'web' };
  };

  const psbQuery = (raw: { code?: string; domain?: string }): PsbQuery | QueryError => {
    const q: PsbQuery = {};
    if (raw.code !== undefined) {
      const code = normalizePsbCode(raw.code);
      if (code instanceof QueryError) return code;
      q.code = code;
    }
    if (raw.domain !== undefined) {
      const domain = normalizeDomain(raw.domain, options.fileableTlds);
      if (domain instanceof QueryError) return domain;
      q.domain = domain;
    }
    return q;
  };

  app.get('/v1/icp', route(async (c) => {
    const query = params(c, PARAMS.icp);
    if (query instanceof QueryError) return reject('icp', {}, query);
    const q = icpQuery(query);
    if (q instanceof QueryError) return reject('icp', query, q);
    const { kind, ...part } = await service.icp(q);
    return answer({ apiVersion: '1', kind, query, ...part }, policy(part), part.error?.retryAfter);
  }));

  app.get('/v1/psb', route(async (c) => {
    const query = params(c, PARAMS.psb);
    if (query instanceof QueryError) return reject('psb', {}, query);
    const q = query.code === undefined && query.domain === undefined
      ? new QueryError('invalid-query', 'Give code or domain.', '请提供 code 或 domain 参数。')
      : psbQuery(query);
    if (q instanceof QueryError) return reject('psb', query, q);
    const { kind, ...part } = await service.psb(q);
    return answer({ apiVersion: '1', kind, query, ...part }, policy(part), part.error?.retryAfter);
  }));

  app.get('/v1/verify', route(async (c) => {
    const query = params(c, PARAMS.verify);
    if (query instanceof QueryError) return reject('verify', {}, query);
    const invalid = (e: QueryError) => reject('verify', query, e);
    if (query.domain === undefined || (query.icp === undefined && query.psb === undefined)) {
      return invalid(new QueryError('invalid-query', 'Give domain, and icp and/or psb.', '请提供 domain，以及 icp 和/或 psb 参数。'));
    }
    const icp = query.icp === undefined ? undefined : icpQuery({ number: query.icp, domain: query.domain });
    const psb = query.psb === undefined ? undefined : psbQuery({ code: query.psb, domain: query.domain });
    if (icp instanceof QueryError) return invalid(icp);
    if (psb instanceof QueryError) return invalid(psb);
    const [icpPart, psbPart] = await Promise.all([icp && service.icp(icp), psb && service.psb(psb)]);
    const parts = [icpPart, psbPart].filter((p): p is IcpPart | PsbPart => !!p);
    const worst = parts.reduce((a, b) => (SEVERITY.indexOf(b.status) < SEVERITY.indexOf(a.status) ? b : a));
    const expiresAt = parts.map((p) => p.expiresAt!).sort()[0];
    const body: VerifyResult = {
      apiVersion: '1', kind: 'verify', query, normalized: { domain: (icp ?? psb)!.domain ?? null },
      status: worst.status, reason: worst.reason, checkedAt: now(), expiresAt, error: worst.error,
      icp: icpPart ?? null, psb: psbPart ?? null,
    };
    const cacheControl = STRICTNESS.find((p) => parts.some((part) => policy(part) === p))!;
    const retryAfter = Math.min(...parts.map((p) => p.error?.retryAfter ?? Infinity));
    return answer(body, cacheControl, Number.isFinite(retryAfter) ? retryAfter : null);
  }));

  app.get('/v1/meta', (c) => {
    const providers = service.providers;
    const any = (test: (p: (typeof providers)[number]) => boolean) => providers.some(test);
    const icp = providers.filter((p) => p.kinds.includes('icp'));
    const meta: Meta = {
      apiVersion: '1',
      server: { name: options.name ?? 'beian-elements reference server', version: options.version ?? '0' },
      providers: providers.map((p) => ({ id: p.id, kinds: [...p.kinds], authority: p.authority, state: p.quarantined?.() ? 'quarantined' : 'ok' })),
      capabilities: {
        icp: {
          byNumber: icp.some((p) => p.capabilities.byNumber),
          byDomain: icp.some((p) => p.capabilities.byDomain),
          byUnit: icp.some((p) => p.capabilities.byUnit),
          types: ICP_TYPES.filter((t) => icp.some((p) => !p.capabilities.types || p.capabilities.types.includes(t))),
        },
        psb: {
          byCode: any((p) => p.kinds.includes('psb') && p.capabilities.byNumber),
          byDomain: any((p) => p.kinds.includes('psb') && p.capabilities.byDomain),
        },
      },
    };
    return c.json(meta, 200, { ...CORS, 'Cache-Control': 'public, max-age=300' });
  });

  // Other methods on the API's routes → 405; unknown paths → 404. Registered for the API's paths only, so an
  // embedding server can add its own routes (the demo site) after these.
  const fallback = (c: Context) => {
    const known = ['/v1/icp', '/v1/psb', '/v1/verify', '/v1/meta', '/healthz'].includes(c.req.path);
    const code: ErrorCode = known ? 'method-not-allowed' : 'no-route';
    const headers: Record<string, string> = { ...CORS, 'Cache-Control': CACHE.error };
    if (known) headers.Allow = 'GET, HEAD, OPTIONS';
    return c.json({ apiVersion: '1', status: 'error', reason: code, error: errorBody(code) }, known ? 405 : 404, headers);
  };
  app.all('/v1/*', fallback);
  app.all('/healthz', fallback);
  app.notFound(fallback);

  app.onError((e, c) => {
    log.error('internal error', { path: c.req.path, error: String(e) });
    return c.json({ apiVersion: '1', status: 'error', reason: 'internal', error: errorBody('internal', undefined, undefined, 30) },
      500, { ...CORS, 'Cache-Control': CACHE.none, 'Retry-After': '30' });
  });

  return app;
}
