// End-to-end checks in Debian's Chromium (playwright-core): the built demo, and each integration (React, server
// rendering, Hugo, Hexo, VitePress, WordPress, the one-script footer) set up as its users set it up.
// `E2E_ONLY=hexo npm run test:e2e` runs only the tests whose name contains the words given.
import { closeAll } from './harness.mjs';

const groups = ['demo', 'footer', 'query', 'sites', 'hexo', 'wordpress', 'nginx'];
const only = process.env.E2E_ONLY?.toLowerCase();
let passed = 0;
let failed = 0;
for (const group of groups) {
  const { tests, teardown } = await import(`./${group}.mjs`);
  for (const [name, test] of Object.entries(tests)) {
    if (only && !`${group} ${name}`.toLowerCase().includes(only)) continue;
    try {
      await test();
      passed++;
      console.log(`✔ ${name}`);
    } catch (e) {
      failed++;
      console.log(
        `✖ ${name}\n  ${String(e.stack ?? e)
          .split('\n')
          .join('\n  ')}`,
      );
    }
  }
  await teardown?.();
}
await closeAll();
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
