/**
 * `wangan`: a third-party 网安备案 (公安) API in leafone's shape (contract C.4): `GET …/api/wangan?name=&type=`,
 * `type` 1 by domain, 3 by number, answering `{code, msg, data}` with the MPS record fields (E.2). The URL can
 * point at a self-hosted proxy speaking the same; a key, when the API wants one, travels as `key` and is never
 * logged. Its empties are never "not filed" alone: no other 公安 source corroborates them.
 */
import type { PsbRecord } from '../../contract/index.js';
import { parseFiling } from '../../core/index.js';
import { normalizeDomain } from '../normalize.js';
import { fetchText, jsonAnswer, text, upstreamWords, type Fetch } from './http.js';
import { unavailable, type LookupContext, type LookupProvider, type Outcome, type ProviderQuery } from './types.js';

/** leafone's endpoint (its documentation: http://api.leafone.cn/doc/wangan.html). */
export const LEAFONE_WANGAN_URL = 'https://api.leafone.cn/api/wangan';

export interface WanganOptions {
  /** The endpoint (default leafone's): another vendor's or a proxy's answering in the same shape. */
  url?: string;
  key?: string;
  fetch?: Fetch;
  /** Contract C.2: 5 s. */
  timeoutMs?: number;
}

/** One record as the MPS query returns it (E.2), relayed by the vendor. */
/** As documented; as sent, any field may be anything (each is read through `text`). */
interface MpsItem {
  polnm?: unknown;
  webnm?: unknown;
  maindm?: unknown;
  webSiteStr?: unknown;
  unitnm?: unknown;
  unittype?: unknown;
  webtype?: unknown;
  audittime?: unknown;
  department?: unknown;
}

interface WanganAnswer {
  code?: number;
  msg?: string;
  data?: MpsItem | MpsItem[] | null;
}

// The documented codes are 200 (found), 100 (bad parameters) and 404 (nothing found). Quota and key errors are
// not documented: these read them by the words such APIs use, until a recorded answer pins them.
const QUOTA = /次数|额度|余额|上限|频繁|频率|限流|quota|limit/i;
const KEY = /key|密钥|秘钥|授权|token/i;

export class WanganProvider implements LookupProvider {
  readonly id = 'wangan';
  readonly kinds = ['psb'] as const;
  readonly authority = 'third-party' as const;
  /** The API's host: providers on one host share its pacing, and never corroborate each other. */
  readonly upstream: string;
  readonly capabilities = { byNumber: true, byDomain: true, byUnit: false };
  readonly #url: string;
  readonly #key: string | undefined;
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;

  constructor(options: WanganOptions = {}) {
    this.#url = options.url ?? LEAFONE_WANGAN_URL;
    this.upstream = new URL(this.#url).host;
    this.#key = options.key || undefined;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  async lookup(q: ProviderQuery, ctx: LookupContext): Promise<Outcome> {
    const url = new URL(this.#url);
    url.searchParams.set('name', q.value);
    url.searchParams.set('type', q.by === 'number' ? '3' : '1');
    if (this.#key) url.searchParams.set('key', this.#key);
    const answer = await fetchText(
      this.#fetch,
      url.href,
      { headers: { accept: 'application/json' } },
      { signal: ctx.signal, timeoutMs: this.#timeoutMs },
    );
    if ('outcome' in answer) return answer;
    return classifyWangan(answer.status, answer.body, ctx.now(), this.#key);
  }
}

function classifyWangan(status: number, body: string, now: Date, key: string | undefined): Outcome {
  const read = jsonAnswer<WanganAnswer>(status, body, 300);
  if ('outcome' in read) return read;
  const json = read.json;
  const said = { raw: json, message: upstreamWords(json.msg, key) };
  const code = json.code;
  if (code === 429 || (code !== 200 && QUOTA.test(json.msg ?? ''))) {
    return unavailable('upstream-throttled', 'answer', `code ${code}, quota or rate limit`, {
      ...said,
      retryAfter: 3600,
    });
  }
  if (code === 401 || code === 403 || (code !== 200 && KEY.test(json.msg ?? ''))) {
    return unavailable('upstream-error', 'answer', `code ${code}, key refused: check BEIAN_WANGAN_KEY`, said);
  }
  // Third-party empties are never trusted alone: the orchestrator needs a second upstream to confirm one.
  if (code === 404) return { outcome: 'empty', fetchedAt: now, raw: json };
  if (status !== 200) return unavailable('upstream-error', 'status', `HTTP ${status}`, said);
  if (code !== 200)
    return unavailable('upstream-error', 'answer', code === undefined ? 'no code' : `code ${code}`, said);
  const items = Array.isArray(json.data) ? json.data : json.data ? [json.data] : [];
  const records = items.filter((item) => item && typeof item === 'object' && text(item.polnm)).map(mpsRecord);
  if (!records.length) return { outcome: 'empty', fetchedAt: now, raw: json };
  if (records.includes(null)) return unavailable('upstream-error', 'invalid', 'a polnm that is no 公安 number', said);
  return { outcome: 'found', records: records as PsbRecord[], fetchedAt: now };
}

/** An MPS record (E.2) as ours; null when its number is not one (core is the judge). */
function mpsRecord(item: MpsItem): PsbRecord | null {
  const filing = parseFiling(text(item.polnm)!, { psb: true });
  if (!filing.psbCode) return null;
  const main = text(item.maindm);
  const mainDomain = main ? domainOf(main) : null;
  const listed = Array.isArray(item.webSiteStr)
    ? item.webSiteStr.map(text)
    : (text(item.webSiteStr) ?? '').split(/[,;，；\s]+/);
  const others = listed.filter((d): d is string => !!d).map(domainOf);
  return {
    code: filing.psbCode,
    display: filing.normalized ?? filing.display,
    websiteName: text(item.webnm),
    mainDomain,
    domains: [...new Set([...(mainDomain ? [mainDomain] : []), ...others])],
    unitName: text(item.unitnm),
    unitType: text(item.unittype),
    websiteType: text(item.webtype),
    department: text(item.department),
    filedAt: /^\d{4}-\d{2}-\d{2}/.exec(text(item.audittime) ?? '')?.[0] ?? null,
  };
}

/** A domain as queries are normalised (registrable, punycode), so it matches them; as given when it is not one. */
function domainOf(domain: string): string {
  try {
    return normalizeDomain(domain);
  } catch {
    return domain.trim().toLowerCase();
  }
}
