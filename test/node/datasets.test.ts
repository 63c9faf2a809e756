// Datasets: the format (nullable fields optional, nothing unknown), `beian dataset check`, the JSON Schema, the
// indexes, reading a file a slice at a time (the same verdicts as checking parsed JSON), and the watcher's
// symlink swaps and folder replacement. Against the real server on loopback (reloads under load: test/load).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { checkDataset, datasetJsonSchema, type DatasetFile } from '../../src/server/dataset/file.js';
import { readDataset } from '../../src/server/dataset/read.js';
import { LookupService } from '../../src/server/orchestrator.js';
import { startServer } from '../../src/server/node.js';
import { DatasetProvider } from '../../src/server/providers/dataset.js';
import { jsonLogger } from '../../src/server/providers/types.js';
import { syntheticDataset, syntheticKeys } from '../support/datasets.js';
import { TEST_DATA } from '../support/server.js';
import { tempFile } from '../support/temp-files.js';

const bytes = (json: unknown) => new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the dataset format', () => {
  it('takes records that leave their nullable fields out, and answers them with nulls', async () => {
    const data = {
      version: 1,
      icp: [{ serviceLicence: '京ICP备2021012345号-1', domain: 'example.cn' }],
      psb: [{ code: '11010502012345', display: '京公网安备11010502012345号', domains: ['example.cn'] }],
    };
    const checked = checkDataset(data);
    assert.deepEqual(checked.problems, []);
    const service = new LookupService({ providers: [new DatasetProvider(data as DatasetFile)] });
    const icp = await service.icp({ type: 'web', domain: 'example.cn' });
    assert.equal(icp.status, 'valid');
    assert.deepEqual(icp.record, {
      unitName: null,
      natureName: null,
      mainLicence: '京ICP备2021012345号',
      serviceLicence: '京ICP备2021012345号-1',
      domain: 'example.cn',
      siteName: null,
      limitAccess: null,
      approvedAt: null,
    });
    assert.equal((await service.psb({ code: '11010502012345' })).record?.websiteName, null);
  });

  it('lists every problem, each with its path and its fix, not the first five', () => {
    const icp = Array.from({ length: 12 }, (_, i) => ({
      serviceLicence: '京ICP备2021012345号-1',
      limitAccess: `no${i}`,
    }));
    const checked = checkDataset({ version: 1, icp, psb: [] });
    assert.equal(checked.data, undefined);
    assert.equal(checked.problems.length, 12);
    assert.deepEqual(checked.problems[11], {
      path: 'icp[11].limitAccess',
      message: 'is string, not boolean',
      fix: 'give a boolean',
      severity: 'error',
    });
  });

  it('names unknown fields, with the field a typo meant', () => {
    const { problems } = checkDataset({ version: 1, icp: [{ domian: 'x.cn' }], psb: [], notes: [] });
    assert.deepEqual(
      problems.map((p) => [p.path, p.message, p.fix.split(' (')[0]]),
      [
        ['(root)', 'unknown field "notes"', 'remove "notes"'],
        ['icp[0]', 'unknown field "domian"', 'did you mean "domain"?'],
      ],
    );
  });

  it('warns of numbers and domains no query can name, and still loads the record', () => {
    const { data, problems } = checkDataset({
      version: 1,
      icp: [{ serviceLicence: '京ICP备123号', domain: 'intranet.local' }],
      psb: [{ code: '11010502012345', display: '沪公网安备31011502000001号', domains: [] }],
    });
    assert.equal(data?.icp.length, 1);
    assert.deepEqual(
      problems.map((p) => [p.path, p.severity]),
      [
        ['icp[0].serviceLicence', 'warning'],
        ['icp[0].domain', 'warning'],
        ['psb[0].display', 'warning'],
      ],
    );
  });

  it('is shipped as a JSON Schema that says the same: only code and display and domains required of a 公安 record', () => {
    const schema = datasetJsonSchema() as {
      properties: Record<string, { items?: { required?: string[]; additionalProperties?: boolean } }>;
    };
    assert.deepEqual(schema.properties.psb.items?.required?.sort(), ['code', 'display', 'domains']);
    assert.deepEqual(schema.properties.icp.items?.required ?? [], []);
    assert.equal(schema.properties.icp.items?.additionalProperties, false);
  });

  it('is documented field by field in the README, as the schema has them', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(
      readme.indexOf('### Dataset fields'),
      readme.indexOf('\n## ', readme.indexOf('### Dataset fields')),
    );
    const documented = new Set([...table.matchAll(/^\| `(\w+)`/gm)].map((m) => m[1]));
    const schema = datasetJsonSchema() as { properties: Record<string, { items: { properties: object } }> };
    for (const list of ['icp', 'psb']) {
      for (const field of Object.keys(schema.properties[list].items.properties))
        assert.ok(documented.has(field), `README documents ${list}.${field}`);
    }
  });
});

describe('reading a dataset file a slice at a time', () => {
  it('gives the same records and problems as checking the parsed JSON', async () => {
    const files: unknown[] = [
      TEST_DATA,
      syntheticDataset(50),
      { version: 1, icp: [{ domian: 'x.cn' }, { serviceLicence: '京ICP备123号' }], psb: [{ code: 5 }] },
      { version: 2, icp: {}, psb: [] },
      { icp: [], psb: [], extra: { deep: [1, 2, { a: '"}]' }] } },
    ];
    for (const json of files) {
      const checked = checkDataset(json);
      const read = await readDataset(bytes(JSON.stringify(json, null, 1)));
      assert.deepEqual(read.problems, checked.problems);
      assert.equal(read.index?.icp, checked.data?.icp.length);
    }
  });

  it('says where a file stops being JSON, and refuses nesting no dataset has', async () => {
    const cut = await readDataset(bytes('{"version": 1,\n "icp": [{"domain": "x.cn"},'));
    assert.match(cut.problems[0].message, /^not JSON: .*line 2/);
    const deep = await readDataset(bytes(`{"version":1,"icp":[],"psb":[],"x":${'['.repeat(100_000)}`));
    assert.match(deep.problems[0].message, /nested deeper than 8 levels/);
    const notUtf8 = await readDataset(
      new Uint8Array([...bytes('{"version":1,"icp":[{"domain":"'), 0xff, ...bytes('"}],"psb":[]}')]),
    );
    assert.match(notUtf8.problems[0].message, /not UTF-8/);
    const bom = await readDataset(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(TEST_DATA)]));
    assert.equal(bom.index?.icp, TEST_DATA.icp.length);
  });
});

describe('beian dataset', () => {
  it('check: exit 0 and the record counts for a good file', async () => {
    const { code, out } = await cli('dataset', 'check', await tempFile('records.json', TEST_DATA));
    assert.equal(code, 0);
    assert.match(out, /loads, 5 ICP and 1 公安 records/);
  });

  it('check: exit 1 and every problem with its fix; --json for machines', async () => {
    const file = await tempFile('records.json', {
      version: 1,
      icp: [{ domian: 'x.cn' }, { limitAccess: 'no' }],
      psb: [],
    });
    const text = await cli('dataset', 'check', file);
    assert.equal(text.code, 1);
    assert.match(text.out, /does not load: 2 errors/);
    assert.match(text.out, /icp\[0\]: unknown field "domian"\n\s+fix: did you mean "domain"\?/);
    assert.match(text.out, /icp\[1\]\.limitAccess: is string, not boolean\n\s+fix: give a boolean/);
    const json = JSON.parse((await cli('dataset', 'check', file, '--json')).out);
    assert.equal(json.loads, false);
    assert.equal(json.problems.length, 2);
  });

  it('check: exit 2 for a file it cannot read; schema prints the JSON Schema', async () => {
    const missing = await cli('dataset', 'check', '/nonexistent/records.json');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read \/nonexistent\/records\.json/);
    const schema = await cli('dataset', 'schema');
    assert.equal(JSON.parse(schema.out).title, 'beian-elements lookup dataset, version 1');
    assert.equal((await cli('dataset', 'frobnicate')).code, 2);
  });
});

describe('the indexes', () => {
  it('find what a scan of every record finds, by each key', async () => {
    const data = syntheticDataset(2000);
    // A second site of a holder, and a cancelled record, so lists and choices are exercised.
    data.icp.push({
      ...data.icp[7],
      serviceLicence: data.icp[7].serviceLicence!.replace('-1', '-2'),
      domain: 'second7.cn',
    });
    data.icp.push({ ...data.icp[9], cancelled: true });
    const provider = new DatasetProvider(data);
    for (const i of [0, 7, 9, 1999]) {
      const k = syntheticKeys(i);
      const byUnit = await provider.lookup({ kind: 'icp', by: 'unit', value: k.unit });
      assert.deepEqual(
        byUnit.outcome === 'found' && byUnit.records.map((r) => 'domain' in r && r.domain),
        data.icp.filter((r) => r.unitName === k.unit && !r.cancelled).map((r) => r.domain),
      );
      const byNumber = await provider.lookup({ kind: 'icp', by: 'number', value: k.icp });
      assert.equal(byNumber.outcome, 'found');
      const byMain = await provider.lookup({ kind: 'icp', by: 'number', value: k.icp.replace('-1', '') });
      assert.equal(
        byMain.outcome === 'found' && byMain.records.length,
        data.icp.filter((r) => r.unitName === k.unit && !r.cancelled).length,
      );
      assert.equal(
        (await provider.lookup({ kind: 'icp', by: 'domain', value: k.domain, type: 'app' })).outcome,
        'empty',
        'types are kept apart',
      );
      if (i % 2 === 0)
        assert.equal((await provider.lookup({ kind: 'psb', by: 'domain', value: k.domain })).outcome, 'found');
    }
  });
});

describe('the dataset watcher', () => {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const folder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beian-watch-'));
    dirs.push(dir);
    return dir;
  };
  const withRecord = (domain: string) => ({
    ...TEST_DATA,
    icp: [...TEST_DATA.icp, { ...TEST_DATA.icp[0], serviceLicence: '京ICP备2021012345号-7', domain }],
  });
  const until = async (check: () => Promise<boolean> | boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('condition not met in time');
  };

  it('follows a Kubernetes ConfigMap update: a symlink swap of the folder it lives in', async () => {
    // The layout the kubelet writes: records.json → ..data/records.json, ..data → ..<timestamp>.
    const dir = await folder();
    await mkdir(join(dir, '..2026_12_01'));
    await writeFile(join(dir, '..2026_12_01', 'records.json'), JSON.stringify(TEST_DATA));
    await symlink('..2026_12_01', join(dir, '..data'));
    await symlink('..data/records.json', join(dir, 'records.json'));
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      data: join(dir, 'records.json'),
      upstreams: [],
      log: jsonLogger((l) => lines.push(l)),
      datasetPollMs: 60_000,
    });
    const status = async (domain: string) =>
      (await (await fetch(`${server.url}/v1/icp?domain=${domain}`)).json()).status;
    try {
      assert.equal(await status('swapped.cn'), 'unknown');
      await mkdir(join(dir, '..2026_12_02'));
      await writeFile(join(dir, '..2026_12_02', 'records.json'), JSON.stringify(withRecord('swapped.cn')));
      await symlink('..2026_12_02', join(dir, '..data_tmp'));
      await rename(join(dir, '..data_tmp'), join(dir, '..data'));
      await rm(join(dir, '..2026_12_01'), { recursive: true });
      await until(async () => (await status('swapped.cn')) === 'valid');
      const swap = JSON.parse(lines.find((l) => l.includes('dataset file now points to another file'))!);
      assert.match(swap.target, /\.\.2026_12_02\/records\.json$/);
    } finally {
      await server.close();
    }
  });

  it('follows its folder when the folder is replaced, and logs it', async () => {
    const parent = await folder();
    const dir = join(parent, 'data');
    await mkdir(dir);
    await writeFile(join(dir, 'records.json'), JSON.stringify(TEST_DATA));
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      data: join(dir, 'records.json'),
      upstreams: [],
      log: jsonLogger((l) => lines.push(l)),
      datasetPollMs: 200,
    });
    const status = async (domain: string) =>
      (await (await fetch(`${server.url}/v1/icp?domain=${domain}`)).json()).status;
    try {
      await new Promise((r) => setTimeout(r, 300));
      await rm(dir, { recursive: true });
      await mkdir(dir);
      await writeFile(join(dir, 'records.json'), JSON.stringify(withRecord('replaced.cn')));
      await until(async () => (await status('replaced.cn')) === 'valid');
      assert.ok(lines.some((l) => l.includes('dataset folder followed anew') && l.includes('the folder was replaced')));
      // And it keeps following the new folder: a later edit there is seen too.
      await writeFile(join(dir, 'records.json'), JSON.stringify(withRecord('edited.cn')));
      await until(async () => (await status('edited.cn')) === 'valid');
    } finally {
      await server.close();
    }
  });

  it('says when the file is gone, and keeps serving the last good data', async () => {
    const file = await tempFile('records.json', TEST_DATA);
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      data: file,
      upstreams: [],
      log: jsonLogger((l) => lines.push(l)),
      datasetPollMs: 200,
    });
    try {
      await new Promise((r) => setTimeout(r, 300));
      await rm(file);
      await until(() => lines.some((l) => l.includes('dataset file is gone')));
      assert.equal((await (await fetch(`${server.url}/v1/icp?domain=example.cn`)).json()).status, 'valid');
    } finally {
      await server.close();
    }
  });
});
