/**
 * The upstreams an operator turns on with environment variables (or, on the edge, bindings), each behind the
 * health tracking, cache, pacing and quarantine of contract C.3. Keys are read here and never logged.
 */
import { guard, Pacer, type CacheEntry } from './providers/wrappers.js';
import { Lru } from './lru.js';
import { IcpEngineProvider } from './providers/icp-engine.js';
import { JuheProvider } from './providers/juhe.js';
import type { LookupProvider } from './providers/types.js';
import { LEAFONE_WANGAN_URL, WanganProvider } from './providers/wangan.js';
import { DEFAULTS, SettingError, type ServerSettings } from './settings.js';

/** The variables that turn upstreams on, with what each takes: for `beian serve --help` and the README. */
export const UPSTREAM_VARIABLES = {
  BEIAN_ICP_ENGINE: "an HG-ha/ICP_Query engine's base URL (MIIT's ICP records), e.g. http://127.0.0.1:16181",
  JUHE_KEY: "juhe.cn's ICP API key (third-party ICP records by domain)",
  BEIAN_WANGAN_URL: `a 网安备案 (公安) API answering as leafone's does (default ${LEAFONE_WANGAN_URL})`,
  BEIAN_WANGAN_KEY: 'its key, if it takes one; either variable turns the 公安 upstream on',
} as const;

/** The lines of `beian serve --help` for the upstream variables. */
export function upstreamsHelp(): string {
  return Object.entries(UPSTREAM_VARIABLES)
    .map(([name, help]) => `  ${name.padEnd(20)} ${help}`)
    .join('\n');
}

export function upstreamsFromEnv(
  env: Readonly<Record<string, unknown>>,
  settings: Pick<ServerSettings, 'cacheSize' | 'upstreamTimeoutMs'> = DEFAULTS,
): LookupProvider[] {
  const cache = new Lru<string, CacheEntry>(settings.cacheSize);
  const pacer = new Pacer();
  const timeoutMs = settings.upstreamTimeoutMs;
  const list: LookupProvider[] = [];
  const engine = httpUrl(env, 'BEIAN_ICP_ENGINE', 'http://127.0.0.1:16181');
  if (engine) {
    list.push(
      guard(new IcpEngineProvider({ base: engine, timeoutMs }), {
        cache,
        pacer,
        canary: { query: { kind: 'icp', by: 'domain', value: 'baidu.com', type: 'web' }, expect: '京ICP证030173号' },
      }),
    );
  }
  const juheKey = text(env, 'JUHE_KEY');
  if (juheKey) list.push(guard(new JuheProvider({ key: juheKey, timeoutMs }), { cache, pacer }));
  const wanganUrl = httpUrl(env, 'BEIAN_WANGAN_URL', LEAFONE_WANGAN_URL);
  const wanganKey = text(env, 'BEIAN_WANGAN_KEY');
  if (wanganUrl || wanganKey)
    list.push(guard(new WanganProvider({ url: wanganUrl, key: wanganKey, timeoutMs }), { cache, pacer }));
  return list;
}

function text(env: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = env[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A variable holding an http(s) URL; a bad one stops the server, naming the variable (never echoing it: it may hold a key). */
function httpUrl(env: Readonly<Record<string, unknown>>, name: string, example: string): string | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new SettingError(`${name} is not an http(s) URL; it takes one such as ${example}.`);
  return value;
}
