/** The routes of the v1 API (contract B): /v1/icp, /v1/psb, /v1/verify and /v1/meta. */
import type { Context, Hono } from 'hono';
import {
  ICP_TYPES,
  type IcpPart,
  type Meta,
  type PsbPart,
  type Status,
  type VerifyResult,
} from '../../contract/index.js';
import { answer, rejection, send, type AnswerCache, type FinishedAnswer } from '../http/answer.js';
import { CACHE, policy, strictest } from '../http/cache-policy.js';
import { CORS } from '../http/envelope.js';
import type { LookupService } from '../orchestrator.js';
import { QueryError } from '../messages.js';
import { icpKey, psbKey, readParams, verifyKeys, type Endpoint } from '../query.js';

export interface V1Options {
  readonly service: LookupService;
  readonly answers: AnswerCache;
  readonly fileableTlds?: ReadonlySet<string>;
  readonly name: string;
  readonly version: string;
}

/**
 * The request's path and query, as sent. On Node, from the raw request: the full URL of a Request is built
 * and parsed on first use, which costs more than answering from the answer cache.
 */
function pathAndQuery(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming;
  if (incoming?.url) return incoming.url;
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

// Worst first: the status /v1/verify reports.
const SEVERITY: Status[] = ['cancelled', 'mismatch', 'not-found', 'unknown', 'valid'];

export function v1Routes(app: Hono, options: V1Options): void {
  const { service, answers, fileableTlds: tlds } = options;

  /**
   * A /v1 route: its query read (a QueryError, wherever it is thrown, is the 400), the answer made once for
   * identical requests, and a 304 when the client holds the same decision.
   */
  const route =
    (endpoint: Endpoint, decide: (query: Record<string, string>) => Promise<FinishedAnswer>) => (c: Context) => {
      const key = `${service.revision}${pathAndQuery(c)}`;
      // A kept answer goes out at once, with no promise to wait on.
      const kept = answers.peek(key);
      return kept
        ? send(c, kept)
        : answers
            .fill(key, async () => {
              let query: Record<string, string> = {};
              try {
                query = readParams(c.req.url, endpoint);
                return await decide(query);
              } catch (e) {
                if (e instanceof QueryError) return rejection(endpoint, query, e);
                throw e;
              }
            })
            .then((made) => send(c, made));
    };

  app.get(
    '/v1/icp',
    route('icp', async (query) => {
      const { kind, ...part } = await service.icp(icpKey(query, tlds));
      return answer({ apiVersion: '1', kind, query, ...part }, policy(part), part.error?.retryAfter);
    }),
  );

  app.get(
    '/v1/psb',
    route('psb', async (query) => {
      const { kind, ...part } = await service.psb(psbKey(query, tlds));
      return answer({ apiVersion: '1', kind, query, ...part }, policy(part), part.error?.retryAfter);
    }),
  );

  app.get(
    '/v1/verify',
    route('verify', async (query) => {
      const { icp, psb } = verifyKeys(query, tlds);
      const [icpPart, psbPart] = await Promise.all([icp && service.icp(icp), psb && service.psb(psb)]);
      const parts = [icpPart, psbPart].filter((p): p is IcpPart | PsbPart => !!p);
      const worst = parts.reduce((a, b) => (SEVERITY.indexOf(b.status) < SEVERITY.indexOf(a.status) ? b : a));
      const body: VerifyResult = {
        apiVersion: '1',
        kind: 'verify',
        query,
        normalized: { domain: (icp ?? psb)!.domain ?? null },
        status: worst.status,
        reason: worst.reason,
        checkedAt: new Date().toISOString(),
        expiresAt: parts.map((p) => p.expiresAt!).sort()[0],
        error: worst.error,
        icp: icpPart ?? null,
        psb: psbPart ?? null,
      };
      const retryAfter = Math.min(...parts.map((p) => p.error?.retryAfter ?? Infinity));
      return answer(body, strictest(parts), Number.isFinite(retryAfter) ? retryAfter : null);
    }),
  );

  app.get('/v1/meta', (c) => c.json(meta(options), 200, { ...CORS, 'Cache-Control': CACHE.meta }));
}

const DEMO_WARNING =
  "serving the demo dataset (famous sites' records, not yours): start beian serve with --data (or BEIAN_DATA)";

/** What the service can answer (B.8): its providers, their state and current failure, and what each kind can be asked by. */
function meta({ service, name, version }: V1Options): Meta {
  const providers = service.providers;
  const icp = providers.filter((p) => p.kinds.includes('icp'));
  const psb = providers.filter((p) => p.kinds.includes('psb'));
  return {
    apiVersion: '1',
    server: { name, version },
    providers: providers.map((p) => ({
      id: p.id,
      kinds: [...p.kinds],
      authority: p.authority,
      state: p.quarantined?.() ? 'quarantined' : 'ok',
      failure: p.failing?.() ?? null,
      ...(p.demo ? { demo: true } : {}),
    })),
    warnings: providers.some((p) => p.demo) ? [DEMO_WARNING] : [],
    capabilities: {
      icp: {
        byNumber: icp.some((p) => p.capabilities.byNumber),
        byDomain: icp.some((p) => p.capabilities.byDomain),
        byUnit: icp.some((p) => p.capabilities.byUnit),
        types: ICP_TYPES.filter((t) => icp.some((p) => !p.capabilities.types || p.capabilities.types.includes(t))),
      },
      psb: { byCode: psb.some((p) => p.capabilities.byNumber), byDomain: psb.some((p) => p.capabilities.byDomain) },
    },
  };
}
