// The published package, as a new user gets it: `npm pack` (which builds), installed into an empty folder, every
// entry imported, both elements defined, the bin run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const dir = await mkdtemp(join(tmpdir(), 'beian-pack-'));
after(() => rm(dir, { recursive: true, force: true }));

it('installs from the packed tarball and its entries import and define cleanly', { timeout: 240_000 }, async () => {
  const { stdout } = await exec('npm', ['pack', '--silent', '--pack-destination', dir], { maxBuffer: 1 << 24 });
  const tarball = join(dir, stdout.trim().split('\n').at(-1)!);
  const { stdout: listing } = await exec('tar', ['-tzf', tarball]);
  for (const file of [
    'package/dist/index.js',
    'package/dist/beian-badge.js',
    'package/dist/beian-query.js',
    'package/dist/cdn/beian-badge.js',
    'package/dist/cdn/beian-elements.js',
    'package/dist/cdn/beian-footer.js',
    'package/dist/beian-footer.js',
    'package/dist/custom-elements.json',
    'package/dist/cli/beian.js',
    'package/dist/server/worker.js',
    'package/dist/react/index.js',
    'package/dist/dataset.schema.json',
    'package/demo/records.json',
    'package/README.md',
  ]) {
    assert.ok(listing.split('\n').includes(file), `${file} is packed`);
  }
  assert.doesNotMatch(listing, /\.map$|\/src\/|test\//m, 'no sources, maps or tests');

  const app = join(dir, 'app');
  await exec('mkdir', ['-p', app]);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball], {
    cwd: app,
    maxBuffer: 1 << 24,
  });
  await writeFile(
    join(app, 'check.mjs'),
    `
    import * as api from 'beian-elements';
    import { parseFiling } from 'beian-elements/core';
    import { BeianBadge } from 'beian-elements/beian-badge.js';
    import { BeianQuery } from 'beian-elements/beian-query.js';
    import 'beian-elements/beian-elements.js';
    import { BeianFooter, mount } from 'beian-elements/beian-footer.js';
    import { createWorker } from 'beian-elements/server/worker';
    import manifest from 'beian-elements/custom-elements.json' with { type: 'json' };
    import schema from 'beian-elements/dataset.schema.json' with { type: 'json' };
    const out = {
      normalized: parseFiling('京ICP备 2021012345号').normalized,
      badge: customElements.get('beian-badge') === BeianBadge,
      query: customElements.get('beian-query') === BeianQuery,
      footer: customElements.get('beian-footer') === BeianFooter && typeof mount === 'function',
      api: typeof api.renderBadgeHTML === 'function' && typeof api.LookupClient === 'function',
      worker: typeof createWorker({ data: { version: 1, icp: [], psb: [] } }).fetch === 'function',
      schema: schema.title,
      tags: manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName).filter(Boolean)).sort(),
    };
    console.log(JSON.stringify(out));
  `,
  );
  const { stdout: checked, stderr } = await exec(process.execPath, ['check.mjs'], { cwd: app });
  assert.deepEqual(JSON.parse(checked), {
    normalized: '京ICP备2021012345号',
    badge: true,
    query: true,
    footer: true,
    api: true,
    worker: true,
    schema: 'beian-elements lookup dataset, version 1',
    tags: ['beian-badge', 'beian-footer', 'beian-query'],
  });
  assert.doesNotMatch(stderr, /Two copies|Error/);
  const bin = await exec(join(app, 'node_modules/.bin/beian'), ['check', '--json', '京公网安备11010602202215号'], {
    cwd: app,
  });
  assert.equal(JSON.parse(bin.stdout)[0].psbCode, '11010602202215');
  const dataset = await exec(
    join(app, 'node_modules/.bin/beian'),
    ['dataset', 'check', 'node_modules/beian-elements/demo/records.json'],
    { cwd: app },
  );
  assert.match(dataset.stdout, /loads, 14 ICP and 10 公安 records/);
});
