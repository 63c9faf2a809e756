// `beian lookup` and `beian watch` at several sizes: a batch of N distinct domains (inputs answered per second,
// which should not fall as N grows), and watch rounds over N sites, then the same round again after the
// database holds many rounds (a round must not slow down as the history grows). Against `beian serve` in its
// own process on loopback, its rate limit off.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lookupBatch } from '../../src/cli/batch.js';
import { Watcher } from '../../src/cli/watch/watcher.js';
import { syntheticKeys } from '../support/datasets.js';
import { inFolder, serveDataset, writeDataset } from '../support/reload.js';

export interface BatchRun {
  readonly inputs: number;
  readonly ms: number;
  readonly perSecond: number;
}

export interface RoundRun {
  readonly sites: number;
  readonly firstMs: number;
  /** The round after `rounds` more, the database then holding sites × (rounds + 2) checks. */
  readonly laterMs: number;
  readonly checks: number;
}

/** Inputs answered per second at each size, 8 requests in flight. */
export function batchRuns(sizes: readonly number[]): Promise<BatchRun[]> {
  return withServer(Math.max(...sizes), async (url) => {
    const runs: BatchRun[] = [];
    await lookupBatch(domains(100), { endpoint: url, concurrency: 8, kinds: ['icp'] }); // warm-up
    for (const n of sizes) {
      const start = performance.now();
      const rows = await lookupBatch(domains(n), { endpoint: url, concurrency: 8, kinds: ['icp'] });
      const ms = performance.now() - start;
      if (rows.some((r) => r.status !== 'valid')) throw new Error('a batch input was not answered valid');
      runs.push({ inputs: n, ms, perSecond: (n / ms) * 1000 });
    }
    return runs;
  });
}

/** A round over each number of sites with a fresh database, then one more after `rounds` rounds. */
export function roundRuns(sizes: readonly number[], rounds = 20): Promise<RoundRun[]> {
  return withServer(Math.max(...sizes), async (url, dir) => {
    const runs: RoundRun[] = [];
    for (const n of sizes) {
      const sites = join(dir, `sites-${n}.csv`);
      await writeFile(
        sites,
        `domain,icp\n${Array.from({ length: n }, (_, i) => `${syntheticKeys(i).domain},${syntheticKeys(i).icp}`).join('\n')}\n`,
      );
      const watcher = await Watcher.open(join(dir, `watch-${n}.db`), {
        sites,
        lookup: url,
        hooks: [],
        pages: false,
        concurrency: 8,
        timeoutMs: 15_000,
      });
      try {
        const firstMs = await timed(() => watcher.round());
        for (let r = 0; r < rounds; r++) await watcher.round();
        const laterMs = await timed(() => watcher.round());
        runs.push({ sites: n, firstMs, laterMs, checks: n * (rounds + 2) });
      } finally {
        await watcher.stop();
      }
    }
    return runs;
  });
}

function domains(n: number) {
  return Array.from({ length: n }, (_, i) => ({ input: syntheticKeys(i).domain }));
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function withServer<T>(records: number, use: (url: string, dir: string) => Promise<T>): Promise<T> {
  return inFolder(async (dir) => {
    const file = join(dir, 'records.json');
    await writeDataset(file, records);
    const server = await serveDataset(file, '--rate-limit', 'off', '--log-level', 'silent');
    try {
      return await use(`${server.url}/v1`, dir);
    } finally {
      server.process.kill();
    }
  });
}
