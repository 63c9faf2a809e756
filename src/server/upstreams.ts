/**
 * The upstreams an operator turns on with environment variables (or, on the edge, bindings): `BEIAN_ICP_ENGINE`,
 * the base URL of an HG-ha/ICP_Query engine, and `JUHE_KEY`, a juhe.cn ICP API key; each behind the cache, pacing
 * and quarantine of contract C.3. The key is read here and never logged.
 */
import { guard, Pacer, type CacheEntry } from './decorators.js';
import { Lru } from './lru.js';
import { IcpEngineProvider } from './providers/icp-engine.js';
import { JuheProvider } from './providers/juhe.js';
import type { LookupProvider } from './providers/types.js';
import { DEFAULTS, type ServerSettings } from './settings.js';

export function upstreamsFromEnv(env: Readonly<Record<string, unknown>>, settings: Pick<ServerSettings, 'cacheSize' | 'upstreamTimeoutMs'> = DEFAULTS): LookupProvider[] {
  const cache = new Lru<string, CacheEntry>(settings.cacheSize);
  const pacer = new Pacer();
  const timeoutMs = settings.upstreamTimeoutMs;
  const list: LookupProvider[] = [];
  if (typeof env.BEIAN_ICP_ENGINE === 'string' && env.BEIAN_ICP_ENGINE) {
    list.push(guard(new IcpEngineProvider({ base: env.BEIAN_ICP_ENGINE, timeoutMs }), {
      cache, pacer, canary: { query: { kind: 'icp', by: 'domain', value: 'baidu.com', type: 'web' }, expect: '京ICP证030173号' },
    }));
  }
  if (typeof env.JUHE_KEY === 'string' && env.JUHE_KEY) list.push(guard(new JuheProvider({ key: env.JUHE_KEY, timeoutMs }), { cache, pacer }));
  return list;
}
