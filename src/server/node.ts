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
import { LookupService } from './lookup.js';
import { DatasetProvider, parseDataset } from './providers/dataset.js';
import { jsonLogger, type Logger, type LookupProvider } from './providers/types.js';
import { DEFAULTS, type ServerSettings } from './settings.js';
import { upstreamsFromEnv } from './upstreams.js';

/** The operator's settings (settings.ts; defaults there), and what code embedding the server adds. */
export interface ServerOptions extends Partial<Omit<ServerSettings, 'bind'>> {
  /** Address to listen on (`bind` of the settings). */
  host?: string;
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

export interface RunningServer {
  url: string;
  dataset: DatasetProvider;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const settings = { ...DEFAULTS, ...options };
  const log = options.log ?? jsonLogger(undefined, settings.logLevel);
  const path = options.data ?? DEMO_DATA;
  const dataset = new DatasetProvider((await loadDataset(path)).data);
  // Its records are famous sites' (Xiaomi, Baidu): an operator who forgot --data must not think they are theirs.
  if (!options.data) log.warn('serving the demo dataset: give your own with --data (or BEIAN_DATA)', { dataset: fileURLToPath(DEMO_DATA) });
  // Contract C.2: registries first (icp-engine, then third-party), the site's own dataset last.
  const upstreams = options.upstreams ?? upstreamsFromEnv(process.env, settings);
  const service = new LookupService({ providers: [...upstreams, dataset], log, totalTimeoutMs: settings.lookupTimeoutMs });
  const app = createApp({
    service, log, version: process.env.npm_package_version, trustProxy: settings.trustProxy, proxyHeader: settings.proxyHeader,
    rateLimit: settings.rateLimit, answerCacheSize: settings.answerCacheSize, ...options.app,
  });
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
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: options.host ?? settings.bind }, () => resolve(s));
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log.info('listening', {
    url, dataset: String(path), icp: dataset.size.icp, psb: dataset.size.psb, upstreams: upstreams.map((p) => p.id),
    rateLimit: settings.rateLimit ? `${settings.rateLimit.limit}/min` : 'off', trustProxy: settings.trustProxy,
  });
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
