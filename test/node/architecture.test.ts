// ARCHITECTURE.md stays true to the tree: every path it names exists, and the imports go only the ways it draws.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The parts of src each file of a part imports (relative imports that leave the part, and packages). */
function importsOf(part: string): { parts: Set<string>; packages: Set<string> } {
  const parts = new Set<string>();
  const packages = new Set<string>();
  for (const file of sources(join(SRC, part))) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
      if (!spec.startsWith('.')) packages.add(spec.split('/')[0]);
      else {
        const [first, ...rest] = relative(SRC, resolve(file, '..', spec)).split('/');
        // A file of src itself is an entry (`beian-badge.ts`, which defines its element).
        const target = rest.length ? first : 'entries';
        if (target !== part) parts.add(target);
      }
    }
  }
  return { parts, packages };
}

describe('ARCHITECTURE.md', () => {
  it('names only files that exist', () => {
    // A full path (`src/server/app.ts`), or a file named after one, in its folder (`routes/v1.ts`).
    const missing: string[] = [];
    let folder = SRC;
    let named = 0;
    for (const [, token] of doc.matchAll(/`([\w./-]+)`/g)) {
      const full = token.startsWith('src/');
      if (!full && !token.endsWith('.ts')) continue;
      const path = full ? join(ROOT, token) : join(folder, token);
      if (full) folder = token.endsWith('/') ? path : join(path, '..');
      named++;
      if (!existsSync(path)) missing.push(full ? token : `${relative(ROOT, folder)}/${token}`);
    }
    assert.ok(named > 40, `it names the files (${named})`);
    assert.deepEqual(missing, []);
  });

  it('draws the imports as they are', () => {
    const allowed: Record<string, string[]> = {
      core: [],
      contract: [],
      client: ['contract'],
      elements: ['core', 'contract', 'client'],
      server: ['core', 'contract'],
      cli: ['core', 'contract', 'client', 'server'],
      react: ['elements', 'entries'],
    };
    for (const [part, may] of Object.entries(allowed)) {
      const stray = [...importsOf(part).parts].filter((p) => !may.includes(p));
      assert.deepEqual(stray, [], `src/${part} imports ${stray.join(', ')}`);
    }
    assert.deepEqual(
      [...importsOf('core').packages].filter((p) => p !== 'tldts'),
      [],
      'core uses no package but the PSL',
    );
    assert.deepEqual([...importsOf('contract').packages], ['zod']);
    assert.ok(!importsOf('server').packages.has('lit'), 'the server never imports Lit');
  });
});
