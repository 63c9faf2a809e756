/**
 * The reference server on Node: `beian serve`. The dataset file is watched; a changed file is validated and
 * swapped in atomically, and a broken one is reported while the last good data keeps serving.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from './app.js';
import { describeProblems } from './dataset/file.js';
import { loadDataset, type LoadedDataset } from './dataset/load.js';
import { watchDataset } from './dataset/watch.js';
import { LookupService } from './orchestrator.js';
import type { Collector, Family } from './metrics.js';
import { DatasetProvider } from './providers/dataset.js';
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
  /** How often the dataset file's identity is polled, besides the folder's watch (default 2 s). */
  datasetPollMs?: number;
}

const DEMO_DATA = fileURLToPath(new URL('../../demo/records.json', import.meta.url));

/** Records no query can find are served all the same, and said once, with where to see them all. */
function reportWarnings(log: Logger, file: string, loaded: LoadedDataset): void {
  if (!loaded.warnings.length) return;
  log.warn('dataset records no query can find', {
    file,
    count: loaded.warnings.length,
    first: describeProblems(loaded.warnings, 3),
  });
}

/** The dataset file's loads, for /metrics: how long the last good one took and when, and how reloads went. */
class DatasetLoads {
  #seconds = 0;
  #at = 0;
  readonly #reloads = { success: 0, failure: 0 };

  constructor(first: LoadedDataset) {
    this.#loaded(first);
  }

  reloaded(next: LoadedDataset): void {
    this.#reloads.success++;
    this.#loaded(next);
  }

  failed(): void {
    this.#reloads.failure++;
  }

  #loaded(loaded: LoadedDataset): void {
    this.#seconds = loaded.ms / 1000;
    this.#at = Date.now() / 1000;
  }

  readonly collect: Collector = (): Family[] => [
    {
      name: 'beian_dataset_load_duration_seconds',
      help: 'How long the last good load of the dataset file took (at start or a reload).',
      type: 'gauge',
      samples: [{ value: this.#seconds }],
    },
    {
      name: 'beian_dataset_loaded_timestamp_seconds',
      help: 'When the dataset being served was loaded, in Unix seconds.',
      type: 'gauge',
      samples: [{ value: this.#at }],
    },
    {
      name: 'beian_dataset_reloads_total',
      help: 'Reloads of the changed dataset file, by result (failure: the last good data kept serving).',
      type: 'counter',
      samples: [
        { labels: { result: 'success' }, value: this.#reloads.success },
        { labels: { result: 'failure' }, value: this.#reloads.failure },
      ],
    },
  ];
}

export interface RunningServer {
  url: string;
  dataset: DatasetProvider;
  /** Adds metrics to /metrics (the watcher's per-site gauges): called at every scrape from now on. */
  addCollector(collector: Collector): void;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const settings = { ...DEFAULTS, ...options };
  const log = options.log ?? jsonLogger(undefined, settings.logLevel);
  const path = options.data ? resolve(options.data) : DEMO_DATA;
  const loaded = await loadDataset(path);
  reportWarnings(log, path, loaded);
  const dataset = new DatasetProvider(loaded.index, { demo: !options.data });
  // Its records are famous sites' (Xiaomi, Baidu): an operator who forgot --data must not think they are theirs.
  if (!options.data)
    log.warn('serving the demo dataset: give your own with --data (or BEIAN_DATA)', { dataset: DEMO_DATA });
  // Contract C.2: registries first (icp-engine, then third-party), the site's own dataset last.
  const upstreams = options.upstreams ?? upstreamsFromEnv(process.env, settings);
  const service = new LookupService({
    providers: [...upstreams, dataset],
    log,
    totalTimeoutMs: settings.lookupTimeoutMs,
  });
  const loads = new DatasetLoads(loaded);
  // One array, read at every scrape: addCollector() pushes onto it.
  const collectors = [loads.collect, ...(options.app?.collectors ?? [])];
  const app = createApp({
    service,
    log,
    version: process.env.npm_package_version,
    trustProxy: settings.trustProxy,
    proxyHeader: settings.proxyHeader,
    rateLimit: settings.rateLimit,
    answerCacheSize: settings.answerCacheSize,
    metrics: settings.metrics,
    ...options.app,
    collectors,
  });
  options.extend?.(app);

  // A changed file is read a slice at a time while requests go on (dataset/read.ts), then swapped in at once;
  // a broken one is reported while the last good data keeps serving.
  const reload = async () => {
    try {
      const next = await loadDataset(path);
      dataset.replace(next.index);
      loads.reloaded(next);
      log.info('dataset reloaded', { icp: next.index.icp, psb: next.index.psb, ms: next.ms });
      reportWarnings(log, path, next);
    } catch (e) {
      loads.failed();
      log.error('dataset not reloaded; keeping the last good data', { error: (e as Error).message });
    }
  };
  const watcher = watchDataset(path, reload, { pollMs: options.datasetPollMs ?? 2000, log });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: options.host ?? settings.bind }, () =>
      resolve(s),
    );
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log.info('listening', {
    url,
    dataset: path,
    icp: dataset.size.icp,
    psb: dataset.size.psb,
    upstreams: upstreams.map((p) => p.id),
    rateLimit: settings.rateLimit ? `${settings.rateLimit.limit}/min` : 'off',
    trustProxy: settings.trustProxy,
  });
  return {
    url,
    dataset,
    addCollector: (collector) => void collectors.push(collector),
    close: () =>
      new Promise<void>((resolve) => {
        watcher.close();
        server.close(() => resolve());
      }),
  };
}
