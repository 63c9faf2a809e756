/**
 * `juhe`: a keyed third-party ICP API (contract C.4), by domain only. The key comes from the environment
 * (`JUHE_KEY`) and is never logged: outcomes carry no request, and `raw` holds only the answer.
 */
import type { IcpRecord } from '../../contract/index.js';
import { parseFiling } from '../../core/index.js';
import { fetchText, type Fetch } from './http.js';
import type { LookupContext, LookupProvider, Outcome, ProviderQuery } from './types.js';

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
  result?: { CompanyName?: string; CompanyType?: string; SiteLicense?: string; SiteName?: string; MainPage?: string; VerifyTime?: string } | null;
}

// Juhe's documented account-level errors: key, quota and rate limits.
const THROTTLED = new Set([10011, 10012, 10013, 10020]);

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
    const answer = await fetchText(this.#fetch, `${this.#base}/siteTools/app/NewDomain/query.php`,
      { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, ctx.signal, this.#timeoutMs);
    if ('outcome' in answer) return answer;
    return classifyJuhe(answer.status, answer.body, q.value, ctx.now());
  }
}

function classifyJuhe(status: number, body: string, domain: string, now: Date): Outcome {
  let json: JuheAnswer;
  try {
    json = JSON.parse(body);
  } catch {
    return { outcome: 'unavailable', reason: status === 403 ? 'upstream-blocked' : 'upstream-error', raw: body.slice(0, 200) };
  }
  if (status === 429 || THROTTLED.has(json.error_code ?? -1)) return { outcome: 'unavailable', reason: 'upstream-throttled', retryAfter: 3600, raw: json };
  if (status !== 200 || json.error_code !== 0) return { outcome: 'unavailable', reason: 'upstream-error', raw: json };
  const r = json.result;
  // Third-party empties are never trusted alone: the orchestrator needs a second upstream to confirm one.
  if (!r || !r.SiteLicense) return { outcome: 'empty', fetchedAt: now, raw: json };
  const licence = parseFiling(r.SiteLicense);
  const record: IcpRecord = {
    unitName: r.CompanyName || null,
    natureName: r.CompanyType || null,
    mainLicence: licence.mainLicence,
    serviceLicence: licence.normalized ?? r.SiteLicense,
    domain,
    siteName: r.SiteName || null,
    limitAccess: null,
    approvedAt: /^\d{4}-\d{2}-\d{2}$/.test(r.VerifyTime ?? '') ? `${r.VerifyTime}T00:00:00+08:00` : null,
  };
  return { outcome: 'found', records: [record], fetchedAt: now };
}
