/**
 * The reference server on Node: `beian serve`. The dataset file is watched; a changed file is validated and
 * swapped in atomically, and a broken one is reported while the last good data keeps serving.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from './app.js';
import { guard, Pacer, type CacheEntry } from './decorators.js';
import { LookupService } from './lookup.js';
import { Lru } from './lru.js';
import { DatasetProvider, parseDataset } from './providers/dataset.js';
import { IcpEngineProvider } from './providers/icp-engine.js';
import { JuheProvider } from './providers/juhe.js';
import { jsonLogger, type Logger, type LookupProvider } from './providers/types.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Dataset file; default: the demo dataset shipped with the package. */
  data?: string;
  /** Providers asked before the dataset (registries, keyed APIs); default from the environment. */
  upstreams?: LookupProvider[];
  /** Mount more routes (the demo site) on the same server. */
  extend?: (app: Hono) => void;
  log?: Logger;
  app?: Partial<AppOptions>;
}

const DEMO_DATA = new URL('../../demo/records.json', import.meta.url);

/** Loads a dataset file; throws an error that names the file and what is wrong with it. */
async function loadDataset(path: string | URL): Promise<ReturnType<typeof parseDataset> & { ok: true }> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message})`, { cause: e });
  }
  const parsed = parseDataset(json);
  if (!parsed.ok) throw new Error(`${path}: not a v1 dataset: ${parsed.error}`);
  return parsed;
}

/**
 * Upstreams configured by the environment: `BEIAN_ICP_ENGINE` (an engine's base URL) and `JUHE_KEY`, each behind
 * the cache, pacing and quarantine of contract C.3. The key is read here and never logged.
 */
function upstreamsFromEnv(env: NodeJS.ProcessEnv): LookupProvider[] {
  const cache = new Lru<string, CacheEntry>(50_000);
  const pacer = new Pacer();
  const list: LookupProvider[] = [];
  if (env.BEIAN_ICP_ENGINE) {
    list.push(guard(new IcpEngineProvider({ base: env.BEIAN_ICP_ENGINE }), {
      cache, pacer, canary: { query: { kind: 'icp', by: 'domain', value: 'baidu.com', type: 'web' }, expect: '京ICP证030173号' },
    }));
  }
  if (env.JUHE_KEY) list.push(guard(new JuheProvider({ key: env.JUHE_KEY }), { cache, pacer }));
  return list;
}

export interface RunningServer {
  url: string;
  dataset: DatasetProvider;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? jsonLogger();
  const path = options.data ?? DEMO_DATA;
  const dataset = new DatasetProvider((await loadDataset(path)).data);
  // Contract C.2: registries first (icp-engine, then third-party), the site's own dataset last.
  const service = new LookupService({ providers: [...(options.upstreams ?? upstreamsFromEnv(process.env)), dataset], log });
  const app = createApp({ service, log, version: process.env.npm_package_version, ...options.app });
  options.extend?.(app);

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    // The folder, not the file: editors save by renaming a new file over the old one, which a file watch loses.
    const file = path instanceof URL ? fileURLToPath(path) : resolve(path);
    watcher = watch(dirname(file), (_event, name) => {
      if (name !== basename(file)) return;
      // Editors write in several steps: wait for the file to settle before reading it.
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const { data } = await loadDataset(path);
          dataset.replace(data);
          log.info('dataset reloaded', { icp: data.icp.length, psb: data.psb.length });
        } catch (e) {
          log.error('dataset not reloaded; keeping the last good data', { error: (e as Error).message });
        }
      }, 100);
    });
  } catch (e) {
    log.warn('dataset is not watched for changes', { error: (e as Error).message });
  }

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: options.host ?? '127.0.0.1' }, () => resolve(s));
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log.info('listening', { url, dataset: String(path), icp: dataset.size.icp, psb: dataset.size.psb });
  return {
    url,
    dataset,
    close: () => new Promise<void>((resolve) => {
      clearTimeout(timer);
      watcher?.close();
      server.close(() => resolve());
    }),
  };
}
