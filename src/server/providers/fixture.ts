/**
 * `fixture`: a scripted upstream for tests and the demo (contract C.4). Each query value maps to a behaviour;
 * the fault behaviours replay the registry's real answers (429 JSON, WAF 403 HTML, garbage) through the same
 * reader as the `icp-engine` adapter, so what is simulated is what production would classify.
 */
import { ICP_TYPES, type Authority } from '../../contract/index.js';
import { KINDS, type Kind } from '../../contract/values.js';
import { classifyMiit } from './miit.js';
import {
  unavailable,
  type LookupContext,
  type LookupProvider,
  type Outcome,
  type ProviderQuery,
  type Rec,
} from './types.js';

export type Behaviour =
  | 'found'
  | 'empty'
  | 'cancelled'
  /** An empty the provider vouches for (a canary just passed): the registry says "not filed". */
  | 'confirmed-empty'
  /** The silent block: `code 200, total 0` for a filed domain. */
  | 'blocked-empty'
  | 'throttle-429'
  | 'waf-403'
  | 'garbage'
  | 'error-122'
  | 'captcha-failed'
  /** Answers `found` after this many milliseconds, unless the lookup is aborted first. */
  | `slow:${number}`;

export interface FixtureOptions {
  id?: string;
  kinds?: readonly Kind[];
  authority?: Authority;
  upstream?: string;
  /** Query value (canonical number, code, domain or unit) → behaviour; others get `otherwise`. */
  script: Record<string, Behaviour>;
  otherwise?: Behaviour;
  /** The records `found` and `cancelled` answer with: those carrying the queried value. */
  records?: readonly Rec[];
}

// The registry's own words for its faults (contract E.3), replayed verbatim.
const ANSWERS: Partial<Record<Behaviour, [number, string]>> = {
  'throttle-429': [200, '{"code":429,"msg":"您目前访问频次过高[访问ip：203.0.113.7], 请稍后再试。"}'],
  'waf-403': [403, '<html><head><title>403</title></head><body>当前访问疑似黑客攻击，已被创宇盾拦截。</body></html>'],
  garbage: [200, '{"code":200,"params":{"list":[{"unitName":"'],
  'error-122': [200, '{"code":122,"msg":"查询失败","success":false}'],
  'captcha-failed': [200, '{"code":500,"msg":"请求非法,验证码不匹配!!","success":false}'],
  'blocked-empty': [200, '{"code":200,"msg":"操作成功","success":true,"params":{"total":0,"list":[]}}'],
  empty: [200, '{"code":200,"msg":"操作成功","success":true,"params":{"total":0,"list":[]}}'],
};

export class FixtureProvider implements LookupProvider {
  readonly id: string;
  readonly kinds: readonly Kind[];
  readonly authority: Authority;
  readonly upstream: string;
  readonly capabilities = { byNumber: true, byDomain: true, byUnit: true, types: ICP_TYPES };
  /** Every query asked, in order, for tests that count upstream calls. */
  readonly calls: ProviderQuery[] = [];
  readonly #options: FixtureOptions;

  constructor(options: FixtureOptions) {
    this.#options = options;
    this.id = options.id ?? 'fixture';
    this.kinds = options.kinds ?? KINDS;
    this.authority = options.authority ?? 'official-mirror';
    this.upstream = options.upstream ?? 'fixture';
  }

  async lookup(q: ProviderQuery, ctx: LookupContext): Promise<Outcome> {
    this.calls.push(q);
    const behaviour = this.#options.script[q.value] ?? this.#options.otherwise ?? 'empty';
    const now = ctx.now();
    const slow = /^slow:(\d+)$/.exec(behaviour);
    if (slow && !(await delay(Number(slow[1]), ctx.signal)))
      return unavailable('timeout', 'timeout', 'the lookup ran out of time');
    if (behaviour === 'found' || behaviour === 'cancelled' || slow) {
      const records = (this.#options.records ?? []).filter((r) => Object.values(r).flat().includes(q.value));
      if (records.length)
        return { outcome: behaviour === 'cancelled' ? 'cancelled' : 'found', records, fetchedAt: now };
      return { outcome: 'empty', fetchedAt: now };
    }
    if (behaviour === 'confirmed-empty') return { outcome: 'empty', fetchedAt: now, confirmed: true };
    const [status, body] = ANSWERS[behaviour]!;
    return classifyMiit(status, body, now);
  }
}

/** Waits `ms`; false when aborted first. */
function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}
