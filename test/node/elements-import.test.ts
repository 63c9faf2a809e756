// Importing the elements in Node (server rendering, tests, build tools) touches no DOM at module scope.
import assert from 'node:assert/strict';
import { it } from 'node:test';

it('imports and defines <beian-badge> in Node without a DOM', async () => {
  // Paths held in variables: this project's Node typecheck has no DOM types, and the elements need them.
  const entry = '../../src/beian-badge.js';
  const index = '../../src/index.js';
  const { BeianBadge } = await import(entry);
  assert.equal(typeof BeianBadge, 'function');
  // Lit's Node build provides a minimal customElements registry, which the self-defining entry used.
  assert.equal(
    (globalThis as { customElements?: { get(tag: string): unknown } }).customElements?.get('beian-badge'),
    BeianBadge,
  );
  const api = await import(index);
  assert.equal(api.BeianBadge, BeianBadge);
});
