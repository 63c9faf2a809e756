// `npm run bench`: measures sizes and core throughput and writes BENCHMARKS.md.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import corpus from '../fixtures/footer-corpus.json' with { type: 'json' };
import { findFilings, parseFiling, quickParse } from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';
import { lookupsBySize, reload } from './datasets.js';
import { hexoFilterTimes } from './hexo.js';
import { lintRuns } from './lint.js';
import { memory, throughput as serverThroughput } from './server.js';
import { sizeReport } from './size.js';
import { batchRuns, roundRuns } from './watch.js';

/** Operations per second of `fn` over `inputs`, best of five runs of about 300 ms each. */
function throughput(inputs: readonly string[], fn: (s: string) => unknown): number {
  let best = 0;
  for (let run = 0; run < 5; run++) {
    let ops = 0;
    const start = performance.now();
    while (performance.now() - start < 300) for (const s of inputs) (fn(s), ops++);
    best = Math.max(best, ops / ((performance.now() - start) / 1000));
  }
  return best;
}

const numbers = corpus.cases.filter((c) => c.inputKind === 'number').map((c) => c.input);
const footers = corpus.cases.filter((c) => c.inputKind === 'html').map((c) => c.input);
const canonical = numbers
  .map((n) => parseFiling(n).normalized)
  .filter((n): n is string => n !== null && quickParse(n) !== undefined);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const sizes = await sizeReport();
const hexo = await hexoFilterTimes([100_000, 500_000, 1_000_000, 1_900_000]);
const lint = lintRuns([1, 10, 50]);
const http = await serverThroughput(20);
const mem = await memory();
const lookups = await lookupsBySize([10, 10_000, 100_000]);
const reloaded = await reload();
const batches = await batchRuns([100, 1_000, 10_000]);
const rounds = await roundRuns([10, 100, 1_000]);
const core = [
  '| operation | input | ops/s |',
  '|---|---|---|',
  `| \`quickParse\` (the badge's first paint) | ${canonical.length} canonical valid numbers | ${fmt(throughput(canonical, (s) => quickParse(s)))} |`,
  `| \`parseFiling\` | the same ${canonical.length} numbers | ${fmt(throughput(canonical, (s) => parseFiling(s)))} |`,
  `| \`parseFiling\` | all ${numbers.length} corpus numbers (valid and broken) | ${fmt(throughput(numbers, (s) => parseFiling(s)))} |`,
  `| \`findFilings\` | ${footers.length} corpus footers, markup included, as plain text | ${fmt(throughput(footers, (s) => findFilings(s)))} |`,
  // A long page of Chinese text with no number in it: the finder must stay linear (it runs on a badge's text).
  `| \`findFilings\` | 32,000 Chinese characters, no number | ${fmt(throughput(['汉'.repeat(32_000)], (s) => findFilings(s)))} |`,
  `| \`beian lint\` (parse5 + lint) | ${footers.length} corpus footers as HTML | ${fmt(throughput(footers, (s) => lintHtml(s)))} |`,
].join('\n');

const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}.
Sizes are deterministic (CI checks the budgets with \`npm run size\`); throughput varies with the machine.

## Bundle size (budgets from docs/design.md)

Each entry bundled as a site ships it: Lit included, minified by Rolldown, gzip level 9. "First paint" is the entry
and what it imports statically. The other chunks load only when needed:

- \`diagnosis.js\`: the badge's full half, when the first paint cannot draw the footer alone (it draws canonical
  ICP, 公安 and algorithm numbers given one by one): the full parser and the wording of diagnostics, the other
  kinds of §5 with their labels (telecom licences included), lists, report links, contacts, AI models, vanity
  numbers and the about layout, the reading of wrapped links, and \`hosts\` maps;
- \`client.js\` (the budgeted verification chunk) and \`verification.js\` (@lit/task and the marks), fetched together
  when a lookup endpoint is configured: about 10 kB in all; zod/mini alone is 4.3 kB of it;
- \`events.js\`: the event classes both share;
- \`search.js\` of the query form: the parser, messages, lookup client and record schemas, fetched on first focus.

The footer strip's entry is the badge's plus \`<beian-footer>\` and \`mount()\`, with the same lazy chunks. The single
files of \`dist/cdn\` inline everything, lazy parts included, for a site that copies one file to its server;
\`beian-footer.js\` is the classic script (no \`type="module"\`) of the one-script mount.

${sizes.table}

## Core throughput

${core}

## Hexo footer filter

The Hexo example's script parses every generated page (parse5) to put the footer inside the theme's own: a page
of posts, each with an article footer, then the page's footer. Best of five per size; pages over 2 MB are left
alone. Time per 100 kB stays about level (the smallest page also pays the warm-up): it grows with the page, no faster.

| page | ms | ms per 100 kB |
|---|---|---|
${hexo.map((h) => `| ${fmt(h.kB)} kB | ${h.ms.toFixed(1)} | ${((h.ms / h.kB) * 100).toFixed(1)} |`).join('\n')}

## \`beian lint\` on large pages

The command as CI runs it (\`beian lint page.html --json\`), each in its own process: wall-clock time (best of three;
one run at 50 MB) and the process's peak resident memory, then a further run with V8's heap held to
${lint.runs.map((r) => `${r.heapCapMB} MB`).join(', ')} (Node's own 32 MB plus 8× the page), which it completes within. The page: a
blog's posts of Chinese and Latin text with links and the words numbers are looked for near (every post is
scanned), then the footer. "Over the empty page" takes away what Node, tsx and the CLI cost on a page of nothing
(${fmt(lint.baseline.ms)} ms, ${lint.baseline.rssMB.toFixed(0)} MB). parse5 reads the page while the linter takes its text, so
the tree is never held; V8 lets its heap grow past what is live when it may, which is why peak memory grows more
slowly than the page.

| page | time | ms per MB over the empty page | peak memory | MB over the empty page, per MB of page | heap held to |
|---|---|---|---|---|---|
${lint.runs.map((r) => `| ${r.MB} MB | ${fmt(r.ms)} ms | ${fmt((r.ms - lint.baseline.ms) / r.MB)} | ${r.rssMB.toFixed(0)} MB | ${((r.rssMB - lint.baseline.rssMB) / r.MB).toFixed(1)} | ${r.heapCapMB} MB ✔ |`).join('\n')}

## Lookup server

Load from autocannon (32 connections, after a warm-up) on loopback, the servers in their own process, in four
rounds of 5 s each, taken in turns (requests/s the mean of the rounds, p99 the worst). "Cached" means the answer for that URL is already decided: the lookup cache holds the registry's
answer and the server reuses the finished response (as a CDN in front would).

| route | requests/s | p99 latency | errors |
|---|---|---|---|
| bare Hono route at the same URL sending the same body (${fmt(http.bytes)} bytes) and headers | ${fmt(http.bare.rps)} | ${http.bare.p99} ms | ${http.bare.errors} |
| cached \`/v1/verify\` (ICP + 公安) | ${fmt(http.ours.rps)} | ${http.ours.p99} ms | ${http.ours.errors} |
| **ratio** | **${http.ratio.toFixed(2)}** (goal ≥ 0.90; of the means; round by round: ${http.rounds.map((r) => r.toFixed(2)).join(', ')}) | | |

Memory over ${fmt(mem.lookups)} distinct lookups through the cache (cap ${fmt(mem.cap)} entries; history cap the same),
heap after a full GC:

| after lookups | heap |
|---|---|
| 0 | ${mem.beforeMB.toFixed(1)} MB |
${mem.checkpoints.map((c) => `| ${fmt(c.lookups)} | ${c.heapMB.toFixed(1)} MB |`).join('\n')}

The cache ends with ${fmt(mem.cacheEntries)} entries: memory is bounded by the caps, not by traffic.

## Datasets

Lookups from the dataset alone, by domain, each request a different record (the answer cache off, so each is a
lookup): 16 connections, 5 s after a warm-up, \`beian serve\` in its own process. Every key is indexed, so the
cost does not grow with the dataset.

| records | requests/s | p99 latency | errors |
|---|---|---|---|
${lookups.map((r) => `| ${fmt(r.size)} | ${fmt(r.rps)} | ${r.p99} ms | ${r.errors} |`).join('\n')}

A reload of ${fmt(reloaded.records)} records (${fmt(reloaded.records - 1)} and one new, ${'~40'} MB of JSON) renamed over the file while
requests are asked one after another on fresh connections: the file is read a record at a time between
requests, then swapped in at once.

| reload time | requests answered during it | slowest | median |
|---|---|---|---|
| ${fmt(reloaded.ms)} ms | ${fmt(reloaded.during.length)} | ${reloaded.during[0].toFixed(1)} ms | ${reloaded.during[reloaded.during.length >> 1].toFixed(1)} ms |

## Looking after many sites

\`beian lookup\` over N distinct domains (each a record of a dataset of 10,000), 8 requests in flight, against
\`beian serve\` in its own process, its rate limit off: the time per input does not grow with the batch.

| inputs | time | inputs/s | ms per input |
|---|---|---|---|
${batches.map((b) => `| ${fmt(b.inputs)} | ${fmt(b.ms)} ms | ${fmt(b.perSecond)} | ${(b.ms / b.inputs).toFixed(2)} |`).join('\n')}

\`beian watch\` rounds over N sites (verify, fold, one SQLite transaction per check): the first round on a fresh
database, then the round after 20 more, the database then holding 22 checks per site. A round grows with the
sites, and not with the history.

| sites | first round | per site | round 22 | per site | checks stored |
|---|---|---|---|---|---|
${rounds.map((r) => `| ${fmt(r.sites)} | ${fmt(r.firstMs)} ms | ${(r.firstMs / r.sites).toFixed(2)} ms | ${fmt(r.laterMs)} ms | ${(r.laterMs / r.sites).toFixed(2)} ms | ${fmt(r.checks)} |`).join('\n')}
`;
await writeFile(new URL('../../BENCHMARKS.md', import.meta.url), report);
console.log(report);
if (sizes.over || http.ratio < 0.9) process.exitCode = 1;
