// Server benchmarks: cached /v1/verify against a bare Hono route at the same URL sending the same body, in the same run (autocannon on loopback),
// and memory after 1,000,000 distinct lookups, which the cache cap must bound.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import type { IcpRecord } from '../../src/contract/index.js';
import { withCache, withSingleFlight, type CacheEntry } from '../../src/server/providers/wrappers.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { Lru } from '../../src/server/lru.js';
import type { LookupProvider } from '../../src/server/providers/types.js';
import { VERIFY } from './verify-url.js';

type Load = Awaited<ReturnType<typeof load>>;

async function load(url: string, seconds: number) {
  const result = await autocannon({ url, connections: 32, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export async function throughput(seconds = 10) {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./server-target.ts', import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  const ports = JSON.parse(String(line));
  try {
    const first = (await fetch(`http://127.0.0.1:${ports.ours}${VERIFY}`).then((r) => r.json())) as { status: string };
    if (first.status !== 'valid') throw new Error(`warm-up answered ${first.status}`);
    await load(`http://127.0.0.1:${ports.bare}${VERIFY}`, 2); // JIT warm-up for both
    await load(`http://127.0.0.1:${ports.ours}${VERIFY}`, 2);
    // Taken in turns, several times: the machine's speed drifts by more than the gap between the two.
    const rounds: { bare: Load; ours: Load; ratio: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const bare = await load(`http://127.0.0.1:${ports.bare}${VERIFY}`, seconds / 4);
      const ours = await load(`http://127.0.0.1:${ports.ours}${VERIFY}`, seconds / 4);
      rounds.push({ bare, ours, ratio: ours.rps / bare.rps });
    }
    const mean = (side: 'bare' | 'ours') => ({
      rps: rounds.reduce((n, r) => n + r[side].rps, 0) / rounds.length,
      p99: Math.max(...rounds.map((r) => r[side].p99)),
      errors: rounds.reduce((n, r) => n + r[side].errors, 0),
    });
    const [bare, ours] = [mean('bare'), mean('ours')];
    const ratio = ours.rps / bare.rps;
    const bytes = (await (await fetch(`http://127.0.0.1:${ports.bare}${VERIFY}`)).arrayBuffer()).byteLength;
    return { bare, ours, ratio, rounds: rounds.map((r) => r.ratio), bytes };
  } finally {
    child.kill();
  }
}

/** Heap after a million distinct lookups through the cache, against the heap before: bounded by the cap. */
export async function memory(lookups = 1_000_000, cap = 50_000) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const upstream: LookupProvider = {
    id: 'registry',
    kinds: ['icp'],
    authority: 'official-mirror',
    upstream: 'miit',
    capabilities: { byNumber: true, byDomain: true, byUnit: false },
    async lookup(q) {
      const record: IcpRecord = {
        unitName: '示例',
        natureName: '企业',
        mainLicence: null,
        serviceLicence: null,
        domain: q.value,
        siteName: null,
        limitAccess: false,
        approvedAt: null,
      };
      return { outcome: 'found', records: [record], fetchedAt: new Date() };
    },
  };
  const cache = new Lru<string, CacheEntry>(cap);
  const service = new LookupService({ providers: [withCache(withSingleFlight(upstream), cache)], historySize: cap });
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const before = heap();
  const checkpoints: { lookups: number; heapMB: number }[] = [];
  for (let i = 1; i <= lookups; i++) {
    await service.icp({ type: 'web', domain: `site${i}.cn` });
    if (i % (lookups / 4) === 0) checkpoints.push({ lookups: i, heapMB: heap() });
  }
  return { lookups, cap, cacheEntries: cache.size, beforeMB: before, checkpoints };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await throughput(Number(process.argv[2] ?? 10)));
  if ((globalThis as { gc?: unknown }).gc && !process.argv.includes('--no-memory')) console.log(await memory());
}
