/**
 * `juhe`: a keyed third-party ICP API (contract C.4), by domain only. The key comes from the environment
 * (`JUHE_KEY`) and is never logged: outcomes carry no request, and `raw` holds only the answer.
 */
import type { IcpRecord } from '../../contract/index.js';
import { parseFiling } from '../../core/index.js';
import { fetchText, jsonAnswer, text, upstreamWords, type Fetch } from './http.js';
import { unavailable, type LookupContext, type LookupProvider, type Outcome, type ProviderQuery } from './types.js';

export interface JuheOptions {
  key: string;
  base?: string;
  fetch?: Fetch;
  /** Contract C.2: 5 s. */
  timeoutMs?: number;
}

interface JuheAnswer {
  error_code?: number;
  reason?: string;
  // As documented; as sent, any field may be anything (each is read through `text`).
  result?: {
    CompanyName?: unknown;
    CompanyType?: unknown;
    SiteLicense?: unknown;
    SiteName?: unknown;
    MainPage?: unknown;
    VerifyTime?: unknown;
  } | null;
}

// Juhe's documented account-level errors: quota and rate limits; a key that is wrong, not allowed or expired.
const THROTTLED = new Set([10011, 10012, 10013, 10020]);
const KEY_REFUSED = new Set([10001, 10002, 10003]);

export class JuheProvider implements LookupProvider {
  readonly id = 'juhe';
  readonly kinds = ['icp'] as const;
  readonly authority = 'third-party' as const;
  readonly upstream = 'juhe';
  readonly capabilities = { byNumber: false, byDomain: true, byUnit: false, types: ['web'] as const };
  readonly #key: string;
  readonly #base: string;
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;

  constructor(options: JuheOptions) {
    this.#key = options.key;
    // HTTPS: the key travels in the request body.
    this.#base = options.base ?? 'https://v.juhe.cn';
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  async lookup(q: ProviderQuery, ctx: LookupContext): Promise<Outcome> {
    const body = new URLSearchParams({ domainName: q.value, key: this.#key });
    const answer = await fetchText(
      this.#fetch,
      `${this.#base}/siteTools/app/NewDomain/query.php`,
      { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { signal: ctx.signal, timeoutMs: this.#timeoutMs },
    );
    if ('outcome' in answer) return answer;
    return classifyJuhe(answer.status, answer.body, q.value, ctx.now(), this.#key);
  }
}

function classifyJuhe(status: number, body: string, domain: string, now: Date, key: string): Outcome {
  const read = jsonAnswer<JuheAnswer>(status, body, 3600);
  if ('outcome' in read) return read;
  const json = read.json;
  const said = { raw: json, message: upstreamWords(json.reason, key) };
  const code = json.error_code;
  if (THROTTLED.has(code ?? -1))
    return unavailable('upstream-throttled', 'answer', `error_code ${code}`, { ...said, retryAfter: 3600 });
  if (KEY_REFUSED.has(code ?? -1))
    return unavailable('upstream-error', 'answer', `error_code ${code}, key refused: check JUHE_KEY`, said);
  if (status !== 200) return unavailable('upstream-error', 'status', `HTTP ${status}`, said);
  if (code !== 0)
    return unavailable('upstream-error', 'answer', code === undefined ? 'no error_code' : `error_code ${code}`, said);
  const r = json.result;
  // Third-party empties are never trusted alone: the orchestrator needs a second upstream to confirm one.
  const number = text(r?.SiteLicense);
  if (!r || !number) return { outcome: 'empty', fetchedAt: now, raw: json };
  const licence = parseFiling(number);
  const verified = text(r.VerifyTime);
  const record: IcpRecord = {
    unitName: text(r.CompanyName),
    natureName: text(r.CompanyType),
    mainLicence: licence.mainLicence,
    serviceLicence: licence.normalized ?? number,
    domain,
    siteName: text(r.SiteName),
    limitAccess: null,
    approvedAt: verified && /^\d{4}-\d{2}-\d{2}$/.test(verified) ? `${verified}T00:00:00+08:00` : null,
  };
  return { outcome: 'found', records: [record], fetchedAt: now };
}
