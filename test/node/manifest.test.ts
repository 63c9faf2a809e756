// custom-elements.json, generated from the JSDoc, lists every public attribute, property and event of each element.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, it } from 'node:test';
import { promisify } from 'node:util';

interface Declaration {
  tagName?: string;
  attributes?: { name: string; fieldName?: string }[];
  members?: { name: string; kind: string; privacy?: string; description?: string }[];
  events?: { name: string; description?: string }[];
  cssParts?: unknown[];
  cssProperties?: unknown[];
}

const dir = await mkdtemp(join(tmpdir(), 'beian-cem-'));
after(() => rm(dir, { recursive: true, force: true }));

it('lists every attribute, property and event of both elements, each described', async () => {
  await promisify(execFile)(process.execPath, [
    'node_modules/@custom-elements-manifest/analyzer/cem.js',
    'analyze',
    '--quiet',
    '--outdir',
    relative(process.cwd(), dir),
  ]); // the analyzer joins outdir to the working directory
  const manifest = JSON.parse(await readFile(join(dir, 'custom-elements.json'), 'utf8'));
  const elements = new Map<string, Declaration>(
    manifest.modules.flatMap((m: { declarations?: Declaration[] }) =>
      (m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]),
    ),
  );
  // Paths in variables: this Node typecheck has no DOM types, and the elements need them.
  const badgeModule = '../../src/elements/beian-badge/beian-badge.js';
  const queryModule = '../../src/elements/beian-query/beian-query.js';
  const eventsModule = '../../src/index.js';
  const { BeianBadge } = await import(badgeModule);
  const { BeianQuery } = await import(queryModule);
  const events = await import(eventsModule);
  const expected = [
    ['beian-badge', BeianBadge, [events.BeianBadgeInvalidEvent.type, events.BeianBadgeVerifiedEvent.type]],
    ['beian-query', BeianQuery, [events.BeianQueryResultEvent.type]],
  ] as const;
  for (const [tag, cls, eventNames] of expected) {
    const d = elements.get(tag);
    assert.ok(d, `${tag} is in the manifest`);
    // Lit's own list of reactive properties is the truth the manifest must match (read once the class is finalized).
    void cls.observedAttributes;
    const props = [...(cls.elementProperties as Map<string, { attribute?: string | boolean; state?: boolean }>)].filter(
      ([, o]) => !o.state,
    );
    const attributes = props
      .filter(([, o]) => o.attribute !== false)
      .map(([name, o]) => (typeof o.attribute === 'string' ? o.attribute : name.toLowerCase()));
    assert.deepEqual(d.attributes!.map((a) => a.name).sort(), attributes.sort(), `${tag} attributes`);
    const members = new Map(
      d.members!.filter((m) => m.kind === 'field' && m.privacy !== 'private').map((m) => [m.name, m]),
    );
    for (const [name] of props) assert.ok(members.get(name)?.description, `${tag}.${name} is documented`);
    assert.deepEqual(d.events!.map((e) => e.name).sort(), [...eventNames].sort(), `${tag} events`);
    assert.ok(
      d.events!.every((e) => e.description),
      `${tag} events are described`,
    );
    assert.ok(d.cssParts!.length >= 5 && d.cssProperties!.length >= 4, `${tag} parts and custom properties`);
  }
});
