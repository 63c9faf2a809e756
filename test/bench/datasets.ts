// Dataset benchmarks: lookups answered at 10, 10,000 and 100,000 records (each request a different record, the
// answer cache off, so every one is a lookup), and a 100,000-record reload under load. `beian serve` in its own
// process, autocannon on loopback.
import autocannon from 'autocannon';
import { syntheticKeys } from '../support/datasets.js';
import { join } from 'node:path';
import { inFolder, reloadUnderLoad, serveDataset, writeDataset } from '../support/reload.js';

export async function lookupsBySize(sizes: readonly number[], seconds = 5) {
  const rows = [];
  for (const size of sizes) rows.push(await inFolder((dir) => lookups(join(dir, 'records.json'), size, seconds)));
  return rows;
}

async function lookups(file: string, size: number, seconds: number) {
  await writeDataset(file, size);
  const server = await serveDataset(file, '--answer-cache-size', '0', '--log-level', 'silent');
  try {
    let n = 0;
    const request = {
      method: 'GET' as const,
      setupRequest: (req: { path?: string }) => ({
        ...req,
        path: `/v1/icp?domain=${syntheticKeys(n++ % size).domain}`,
      }),
    };
    await autocannon({ url: server.url, connections: 16, duration: 1, requests: [request] }); // warm-up
    const result = await autocannon({ url: server.url, connections: 16, duration: seconds, requests: [request] });
    return { size, rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
  } finally {
    server.process.kill();
  }
}

export const reload = () => reloadUnderLoad(100_000);
