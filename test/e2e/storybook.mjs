// Storybook smoke test: every story of the static build renders its badge in Chromium, without errors.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serveDemo } from '../../demo/server.ts';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from '../chromium.mjs';

const root = new URL('../../storybook-static/', import.meta.url).pathname;
const { entries } = JSON.parse(await readFile(`${root}index.json`, 'utf8'));
const stories = Object.values(entries).filter((e) => e.type === 'story');
const server = await serveDemo({ root, api: false });
const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });

let passed = 0;
let failed = 0;
for (const story of stories) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  try {
    await page.goto(`${server.url}iframe.html?id=${story.id}&viewMode=story`);
    // Each story has rendered its element: a badge its numbers, a query form its form.
    await page.waitForFunction(
      () =>
        document.querySelector('beian-badge')?.shadowRoot?.querySelector('[part~="item"]') ||
        document.querySelector('beian-query')?.shadowRoot?.querySelector('[part~="form"]'),
      null,
      { timeout: 10_000 },
    );
    if (problems.length) throw new Error(problems.join('\n'));
    passed++;
    console.log(`✔ ${story.id}`);
  } catch (e) {
    failed++;
    console.log(`✖ ${story.id}: ${e.message}`);
  }
  await page.close();
}
await browser.close();
await server.close();
if (stories.length === 0) failed++;
console.log(`\nstorybook: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
