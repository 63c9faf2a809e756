/**
 * `icp-engine`: an operator-run MIIT query engine such as HG-ha/ICP_Query (contract C.4). Only HTTP crosses: we
 * call `GET {base}/query/{web|app|mapp|kapp}?search=…` and read the raw MIIT JSON it relays.
 */
import { ICP_TYPES, type IcpType } from '../../contract/index.js';
import { fetchText, type Fetch } from './http.js';
import { classifyMiit } from './miit.js';
import type { LookupContext, LookupProvider, Outcome, ProviderQuery } from './types.js';

const PATHS: Record<IcpType, string> = { web: 'web', app: 'app', miniapp: 'mapp', quickapp: 'kapp' };

export interface IcpEngineOptions {
  /** The engine's base URL, e.g. `http://127.0.0.1:16181`. */
  base: string;
  fetch?: Fetch;
  /** Contract C.2: 10 s. */
  timeoutMs?: number;
}

export class IcpEngineProvider implements LookupProvider {
  readonly id = 'icp-engine';
  readonly kinds = ['icp'] as const;
  readonly authority = 'official-mirror' as const;
  readonly upstream = 'miit';
  readonly capabilities = { byNumber: true, byDomain: true, byUnit: true, types: ICP_TYPES };
  readonly #base: string;
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;

  constructor(options: IcpEngineOptions) {
    this.#base = options.base.replace(/\/$/, '');
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async lookup(q: ProviderQuery, ctx: LookupContext): Promise<Outcome> {
    const url = `${this.#base}/query/${PATHS[q.type ?? 'web']}?search=${encodeURIComponent(q.value)}&pageNum=1&pageSize=26`;
    const answer = await fetchText(
      this.#fetch,
      url,
      { headers: { accept: 'application/json' } },
      { signal: ctx.signal, timeoutMs: this.#timeoutMs },
    );
    if ('outcome' in answer) return answer;
    // HG-ha's engine wraps its own failures as code 122 ("查询失败"), which classifyMiit reads as upstream-error.
    return classifyMiit(answer.status, answer.body, ctx.now());
  }
}
