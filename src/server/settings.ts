/**
 * The operator's switches of the lookup service, one table for `beian serve`'s options, the environment and the
 * edge worker's bindings: each setting has a flag and a variable, a default, and a reader that says what is wrong
 * with a value and how to write it. Flags win over variables.
 */
import type { RateLimit } from './middleware/rate-limit.js';
import { addressRange, type TrustProxy } from './http/client-key.js';

const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerSettings {
  readonly data?: string;
  readonly port: number;
  readonly bind: string;
  readonly trustProxy: TrustProxy;
  readonly proxyHeader: 'x-forwarded-for' | 'forwarded';
  readonly rateLimit: RateLimit | false;
  /** Entries of the upstream answer cache (C.3). */
  readonly cacheSize: number;
  /** Finished answers kept for identical requests. */
  readonly answerCacheSize: number;
  /** One upstream request's time limit. */
  readonly upstreamTimeoutMs: number;
  /** One lookup's time across every provider (C.2). */
  readonly lookupTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** GET /metrics in the Prometheus text format. */
  readonly metrics: boolean;
}

interface Setting<T> {
  readonly flag: string;
  readonly env: string;
  readonly help: string;
  readonly read: (value: string) => T;
}

/** A bad value: the message names the flag and the variable, what was given, and what is expected. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
}

const whole =
  (min: number, max: number, what: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new RangeError(`${what} from ${min} to ${max}`);
    return n;
  };
const seconds = (value: string): number => {
  const n = Number(value);
  if (!(n > 0 && n <= 600)) throw new RangeError('a number of seconds above 0 and at most 600, such as 5 or 0.5');
  return Math.round(n * 1000);
};

type SettingTable = { readonly [K in keyof ServerSettings]-?: Setting<ServerSettings[K]> };

export const SETTINGS: SettingTable = {
  data: {
    flag: '--data',
    env: 'BEIAN_DATA',
    help: 'the dataset file (default: the demo dataset, with a warning)',
    read: (v) => v,
  },
  port: {
    flag: '--port',
    env: 'PORT',
    help: 'port to listen on (default 8787; 0 picks a free one)',
    read: whole(0, 65535, 'a port number'),
  },
  bind: {
    flag: '--bind',
    env: 'BEIAN_BIND',
    help: 'address to listen on (default 127.0.0.1; 0.0.0.0 for all)',
    read: (v) => v,
  },
  trustProxy: {
    flag: '--trust-proxy',
    env: 'BEIAN_TRUST_PROXY',
    help: 'proxies whose X-Forwarded-For is believed: hops (1 for one nginx) or ranges, 10.0.0.0/8,::1 (default none)',
    read: readTrustProxy,
  },
  proxyHeader: {
    flag: '--proxy-header',
    env: 'BEIAN_PROXY_HEADER',
    help: 'the header the proxies write: x-forwarded-for (default) or forwarded',
    read: (v) => {
      const header = v.trim().toLowerCase();
      if (header !== 'x-forwarded-for' && header !== 'forwarded') throw new RangeError('x-forwarded-for or forwarded');
      return header;
    },
  },
  rateLimit: {
    flag: '--rate-limit',
    env: 'BEIAN_RATE_LIMIT',
    help: 'requests per minute per visitor (default 300), or off (a CDN in front limits)',
    read: (v) =>
      v.trim() === 'off' ? false : { limit: whole(1, 1_000_000, 'requests per minute')(v), windowMs: 60_000 },
  },
  cacheSize: {
    flag: '--cache-size',
    env: 'BEIAN_CACHE_SIZE',
    help: 'upstream answers kept (default 50000)',
    read: whole(1, 10_000_000, 'a number of entries'),
  },
  answerCacheSize: {
    flag: '--answer-cache-size',
    env: 'BEIAN_ANSWER_CACHE_SIZE',
    help: 'finished answers kept for identical requests (default 10000; 0 keeps none)',
    read: whole(0, 10_000_000, 'a number of answers'),
  },
  upstreamTimeoutMs: {
    flag: '--upstream-timeout',
    env: 'BEIAN_UPSTREAM_TIMEOUT',
    help: 'seconds one upstream request may take (default 10)',
    read: seconds,
  },
  lookupTimeoutMs: {
    flag: '--lookup-timeout',
    env: 'BEIAN_LOOKUP_TIMEOUT',
    help: 'seconds one lookup may take across all upstreams (default 15)',
    read: seconds,
  },
  logLevel: {
    flag: '--log-level',
    env: 'BEIAN_LOG_LEVEL',
    help: 'info (default: every request), warn, error or silent',
    read: (v) => {
      const level = LOG_LEVELS.find((l) => l === v.trim().toLowerCase());
      if (!level) throw new RangeError('info, warn, error or silent');
      return level;
    },
  },
  metrics: {
    flag: '--metrics',
    env: 'BEIAN_METRICS',
    help: 'GET /metrics in the Prometheus text format: on (default) or off',
    read: (v) => {
      const value = v.trim().toLowerCase();
      if (value !== 'on' && value !== 'off') throw new RangeError('on or off');
      return value === 'on';
    },
  },
};

export const DEFAULTS: ServerSettings = {
  port: 8787,
  bind: '127.0.0.1',
  trustProxy: false,
  proxyHeader: 'x-forwarded-for',
  rateLimit: { limit: 300, windowMs: 60_000 },
  cacheSize: 50_000,
  answerCacheSize: 10_000,
  upstreamTimeoutMs: 10_000,
  lookupTimeoutMs: 15_000,
  logLevel: 'info',
  metrics: true,
};

function readTrustProxy(value: string): TrustProxy {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
  if (v === 'false' || v === 'off') return false;
  const ranges = v
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const expected = 'a number of hops, or addresses and CIDR ranges such as 10.0.0.0/8,::1';
  if (!ranges.length) throw new RangeError(expected);
  for (const range of ranges) {
    try {
      addressRange(range);
    } catch {
      throw new RangeError(`${expected} ("${range}" is neither)`);
    }
  }
  return ranges;
}

/** The option names of `beian serve`, as parseArgs takes them (without the dashes). */
export const SERVE_OPTIONS = Object.values(SETTINGS).map((s) => s.flag.slice(2));

/**
 * The settings from flags (by option name, `rate-limit`) and variables (`BEIAN_RATE_LIMIT`), flags first, then
 * the defaults. Throws a SettingError naming the first bad value and what it should be.
 */
export function readSettings(
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, unknown>>,
): ServerSettings {
  const pick = <T>(setting: Setting<T>, fallback: T): T => {
    const flag = flags[setting.flag.slice(2)];
    const variable = env[setting.env];
    const [given, source] =
      typeof flag === 'string'
        ? [flag, setting.flag]
        : typeof variable === 'string' && variable !== ''
          ? [variable, setting.env]
          : [];
    if (given === undefined) return fallback;
    try {
      return setting.read(given);
    } catch (e) {
      throw new SettingError(`${source} is "${given}"; it takes ${(e as Error).message}.`);
    }
  };
  const s = SETTINGS;
  const d = DEFAULTS;
  return {
    data: pick(s.data, d.data),
    port: pick(s.port, d.port),
    bind: pick(s.bind, d.bind),
    trustProxy: pick(s.trustProxy, d.trustProxy),
    proxyHeader: pick(s.proxyHeader, d.proxyHeader),
    rateLimit: pick(s.rateLimit, d.rateLimit),
    cacheSize: pick(s.cacheSize, d.cacheSize),
    answerCacheSize: pick(s.answerCacheSize, d.answerCacheSize),
    upstreamTimeoutMs: pick(s.upstreamTimeoutMs, d.upstreamTimeoutMs),
    lookupTimeoutMs: pick(s.lookupTimeoutMs, d.lookupTimeoutMs),
    logLevel: pick(s.logLevel, d.logLevel),
    metrics: pick(s.metrics, d.metrics),
  };
}

/** The lines of `beian serve --help` for each setting. */
export function settingsHelp(): string {
  return Object.values(SETTINGS)
    .map((s) => `  ${s.flag.padEnd(20)} ${s.help}\n  ${''.padEnd(20)} (or ${s.env})`)
    .join('\n');
}
