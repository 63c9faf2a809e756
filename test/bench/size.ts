// Bundle sizes: each browser entry as a site ships it (Lit included, bundled, minified), measured min+gzip.
// `tsx test/bench/size.ts --check` exits 1 when a budget is exceeded (deterministic, so CI checks it).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { minifyCssTemplates } from '../../vite.config.js';

export interface Budget {
  readonly name: string;
  readonly entry: string;
  /** A lazy chunk of the entry's bundle (by file name); without one, what the first paint downloads. */
  readonly chunk?: RegExp;
  /** Bytes, min+gzip. */
  readonly budget: number;
}

export const BUDGETS: readonly Budget[] = [
  { name: 'badge first-paint entry (`beian-badge.js`, Lit included)', entry: 'src/beian-badge.ts', budget: 10_000 },
  {
    name: 'verification chunk (lookup client + contract schemas, zod/mini)',
    entry: 'src/beian-badge.ts',
    chunk: /^client-/,
    budget: 6_000,
  },
  { name: 'query form entry (`beian-query.js`, Lit included)', entry: 'src/beian-query.ts', budget: 16_000 },
  // Not in docs/design.md: the badge's first paint plus the strip (<beian-footer> and mount()), as a bundler gets it.
  {
    name: 'footer strip entry (`beian-footer.js` as a module, Lit included)',
    entry: 'src/beian-footer.ts',
    budget: 12_000,
  },
];

/** The single files of dist/cdn, everything inlined, as a site copies them to its server (after `npm run build`). */
const SINGLE_FILES = ['beian-badge.js', 'beian-query.js', 'beian-elements.js', 'beian-footer.js'];

export interface Size {
  readonly raw: number;
  readonly gzip: number;
  /** Chunks loaded later, only when needed. */
  readonly lazy: readonly { file: string; raw: number; gzip: number }[];
}

export async function measure(entry: string): Promise<Size> {
  // Rolldown (Vite's bundler) on its own: a site's bundler adds its own runtime around ours, not ours to count.
  // 'allow-extension' lets shared modules of the lazy chunks live in the entry, as a site's bundle would have them.
  const bundle = await rolldown({
    input: entry,
    platform: 'browser',
    tsconfig: 'tsconfig.json',
    logLevel: 'silent',
    preserveEntrySignatures: 'allow-extension',
    plugins: [minifyCssTemplates()],
  });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  const chunks = output.filter((c) => c.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  // What the first paint downloads: the entry and what it imports statically, not the lazy chunks.
  const eager = new Set(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
  for (const name of eager) for (const dep of byName.get(name)!.imports) eager.add(dep);
  const gzip = (code: string) => gzipSync(code, { level: 9 }).length;
  const first = chunks.filter((c) => eager.has(c.fileName));
  return {
    raw: first.reduce((n, c) => n + Buffer.byteLength(c.code), 0),
    gzip: first.reduce((n, c) => n + gzip(c.code), 0),
    lazy: chunks
      .filter((c) => !eager.has(c.fileName))
      .map((c) => ({ file: c.fileName, raw: Buffer.byteLength(c.code), gzip: gzip(c.code) })),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** The Markdown table of sizes against budgets, and whether any budget is exceeded. */
export async function sizeReport(): Promise<{ table: string; over: boolean }> {
  const rows = ['| what | min | min+gzip | budget |', '|---|---|---|---|'];
  let over = false;
  const measured = new Map<string, Size>();
  for (const b of BUDGETS) {
    const m = measured.get(b.entry) ?? (await measure(b.entry));
    measured.set(b.entry, m);
    const chunk = b.chunk && m.lazy.find((c) => b.chunk!.test(c.file));
    if (b.chunk && !chunk) throw new Error(`no chunk ${b.chunk} in ${b.entry}'s bundle`);
    const gzip = chunk ? chunk.gzip : m.gzip;
    over ||= gzip > b.budget;
    rows.push(
      `| ${b.name} | ${chunk ? kB(chunk.raw) : kB(m.raw)} | **${kB(gzip)}** | ≤ ${kB(b.budget)} ${gzip > b.budget ? '✖ over' : '✔'} |`,
    );
  }
  const listed = new Set<string>(); // the footer's lazy chunks are the badge's: each is listed once
  for (const [entry, m] of measured) {
    for (const c of m.lazy) {
      const name = c.file.replace(/-[\w-]{8}\.js$/, '.js');
      if (!listed.has(name)) rows.push(`| ${entry} lazy: \`${name}\` | ${kB(c.raw)} | ${kB(c.gzip)} | |`);
      listed.add(name);
    }
  }
  for (const file of SINGLE_FILES) {
    const code = await readFile(new URL(`../../dist/cdn/${file}`, import.meta.url), 'utf8').catch(() => null);
    if (code === null) throw new Error(`dist/cdn/${file} is missing: run npm run build first`);
    rows.push(
      `| single file \`dist/cdn/${file}\` (all inlined) | ${kB(Buffer.byteLength(code))} | ${kB(gzipSync(code, { level: 9 }).length)} | |`,
    );
  }
  return { table: rows.join('\n'), over };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { table, over } = await sizeReport();
  console.log(table);
  if (process.argv.includes('--check') && over) {
    console.error('size: over budget');
    process.exitCode = 1;
  }
}
