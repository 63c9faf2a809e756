// `beian serve` on a synthetic dataset, in its own process as an operator runs it, and the requests it answers
// while that dataset reloads: shared by the load test (test/load) and the benchmarks (npm run bench).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { syntheticKeys } from './datasets.js';

/** A fresh folder for a dataset, removed after `use` (not test/support/temp-files: the benchmarks use this too). */
export async function inFolder<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'beian-data-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Writes a synthetic dataset of `size` records (and one more for the domain `extra`) in another process: made
 * here, its hundreds of megabytes would be collected while this process times requests, and the pauses counted
 * as the server's.
 */
export async function writeDataset(file: string, size: number, extra = ''): Promise<void> {
  const code = `
    import { writeFileSync } from 'node:fs';
    import { syntheticDataset } from './test/support/datasets.ts';
    const data = syntheticDataset(${size});
    if (${JSON.stringify(extra)}) data.icp.push({ ...data.icp[0], serviceLicence: '京ICP备2099000001号-1', domain: ${JSON.stringify(extra)} });
    writeFileSync(${JSON.stringify(file)}, JSON.stringify(data));`;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: new URL('../..', import.meta.url).pathname,
  });
}

/** One GET on a fresh connection; resolves with how long it took, in ms. */
export function timedGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    request(url, { agent: false }, (res) => res.resume().on('end', () => resolve(performance.now() - started)))
      .on('error', reject)
      .end();
  });
}

export interface Served {
  url: string;
  /** Its log, one JSON line each. */
  lines: string[];
  process: ChildProcess;
}

/** `beian serve --data file` with more options; resolves once it listens. */
export async function serveDataset(file: string, ...options: string[]): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/beian.ts', 'serve', '--port', '0', '--data', file, '--rate-limit', 'off', ...options],
    {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BEIAN_ICP_ENGINE: '', JUHE_KEY: '', BEIAN_WANGAN_URL: '', BEIAN_WANGAN_KEY: '' },
    },
  );
  const lines: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const found = /lookup service on (\S+)\/v1/.exec(chunk);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`beian serve exited (${code})`)));
  });
  return { url, lines, process: child };
}

export interface ReloadRun {
  /** The reload's own time, as the server logged it. */
  ms: number;
  records: number;
  /** How long each request answered during the reload took, slowest first. */
  during: number[];
  /** Whether the record only the new file has is found afterwards. */
  seen: boolean;
}

/** Serves `size` records, then renames a new version over the file and asks one request after another until it has reloaded. */
export function reloadUnderLoad(size: number): Promise<ReloadRun> {
  return inFolder((dir) => reloadIn(join(dir, 'records.json'), size));
}

async function reloadIn(file: string, size: number): Promise<ReloadRun> {
  await writeDataset(file, size);
  // The next version, written beside it and renamed over it as editors and deploy tools do.
  await writeDataset(`${file}.next`, size, 'reloaded.cn');
  const server = await serveDataset(file);
  try {
    const domain = syntheticKeys(size - 1).domain;
    await timedGet(`${server.url}/v1/icp?domain=${domain}`);
    await rename(`${file}.next`, file);
    const reloaded = () => server.lines.find((l) => l.includes('dataset reloaded'));
    const during: number[] = [];
    while (!reloaded()) during.push(await timedGet(`${server.url}/v1/icp?domain=${domain}&n=${during.length}`));
    const line = JSON.parse(reloaded()!);
    const after = await (await fetch(`${server.url}/v1/icp?domain=reloaded.cn`)).json();
    return { ms: line.ms, records: line.icp, during: during.sort((a, b) => b - a), seen: after.status === 'valid' };
  } finally {
    server.process.kill();
  }
}
