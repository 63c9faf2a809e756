// `beian lint` on pages of growing size, as a site's CI runs it: the command itself, in its own process, so its
// peak memory is the process's (`maxRSS`, read as the process exits) and its time includes Node's start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Preloaded into the command: it prints the process's peak resident memory, in kB, when it exits. Linux's VmHWM,
// not getrusage's maxRSS, which a spawned process inherits from the parent it was forked from (this benchmark).
const REPORT_RSS = `data:text/javascript,${encodeURIComponent(
  "import { readFileSync } from 'node:fs';" +
    "process.on('exit', () => process.stderr.write('maxRSS ' + /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));",
)}`;

/**
 * A blog's page of about `bytes` of UTF-8: posts of Chinese and Latin text, with links and words a number is
 * looked for near (备, 证, A1, B2: every post is scanned), then the footer with both numbers.
 */
export function page(bytes: number): string {
  const post = (i: number) =>
    `<article class="post"><h2><a href="/posts/${i}/">第${i}篇：静态网站的备案与部署笔记</a></h2>` +
    `<p>本文记录了在国内服务器上部署博客的过程，包括域名解析、证书申请、CDN 配置与备注事项。A1 级缓存与 B2 类业务的说明见下文。</p>` +
    `<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>` +
    `<footer class="meta"><span>阅读 ${i * 7}</span> <a href="/tags/deploy/">部署</a></footer></article>\n`;
  const posts: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    posts.push(post(i));
    size += Buffer.byteLength(posts[i]);
  }
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>博客</title></head><body><main>${posts.join('')}</main>` +
    '<footer><a href="https://beian.miit.gov.cn/">京ICP备2021012345号-1</a> ' +
    '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=11010802012345"><img src="/police.png" alt="">京公网安备11010802012345号</a></footer></body></html>'
  );
}

export interface LintRun {
  readonly MB: number;
  /** Wall-clock milliseconds of the whole command, best of the runs. */
  readonly ms: number;
  /** Peak resident memory of the command, MB. */
  readonly rssMB: number;
  /** The V8 heap it was held to in a further run (`--max-old-space-size`), MB: it lints the page within it. */
  readonly heapCapMB: number;
}

/** The heap each page is linted within: what it needs beyond Node's own, as a multiple of the page. */
const heapCap = (MB: number) => 32 + 8 * MB;

function run(file: string, heapMB?: number): { ms: number; rssMB: number } {
  const start = performance.now();
  const cap = heapMB ? [`--max-old-space-size=${heapMB}`] : [];
  const r = spawnSync(
    process.execPath,
    [...cap, '--import', 'tsx', '--import', REPORT_RSS, 'src/cli/beian.ts', 'lint', file, '--json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  const ms = performance.now() - start;
  const rss = /maxRSS (\d+)/.exec(r.stderr);
  const summary = r.status === 0 && JSON.parse(r.stdout).summary;
  if (!rss || !summary || summary.pages !== 1)
    throw new Error(`beian lint ${file} failed (exit ${r.status}): ${r.stderr}`);
  return { ms, rssMB: Number(rss[1]) / 1000 };
}

/** The command on an empty page (Node, tsx and the CLI loaded), then on pages of each size in MB. */
export function lintRuns(sizes: readonly number[]): { baseline: LintRun; runs: LintRun[] } {
  const dir = mkdtempSync(join(tmpdir(), 'beian-bench-'));
  try {
    const measure = (MB: number, html: string, times: number): LintRun => {
      const file = join(dir, `${MB}.html`);
      writeFileSync(file, html);
      const results = Array.from({ length: times }, () => run(file));
      run(file, heapCap(MB)); // throws if it runs out of that heap
      return {
        MB,
        ms: Math.min(...results.map((r) => r.ms)),
        rssMB: Math.max(...results.map((r) => r.rssMB)),
        heapCapMB: heapCap(MB),
      };
    };
    const baseline = measure(0, page(0), 3);
    return { baseline, runs: sizes.map((MB) => measure(MB, page(MB * 1e6), MB > 20 ? 1 : 3)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
