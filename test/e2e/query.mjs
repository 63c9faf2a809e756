// The one-script query form (dist/cdn/beian-query.js): a plain <script src data-lookup> on a page of any site puts
// the form where it stands, which searches our real lookup service (the demo's, on loopback) and shows the records.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderQueryHTML } from '../../src/core/index.ts';
import { serveDemo } from '../../demo/server.ts';
import { assert, buildBundle, demo, open } from './harness.mjs';
import { assertQueryForm } from './sites.mjs';

const page = (body) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>备案查询</title></head>
<body><main><h1>备案查询</h1>${body}</main></body></html>`;

let site;
/** The bundle and its pages, served from their own origin; the lookup service is the demo server's. */
async function querySite() {
  if (site) return site;
  const root = await mkdtemp(join(tmpdir(), 'beian-query-'));
  await buildBundle(root, 'cdn:query');
  const lookup = `${(await demo()).url}v1`;
  await writeFile(
    join(root, 'script.html'),
    page(`<p>输入域名、备案号或公安备案号：</p>
    <script src="/beian-query.js" data-lookup="${lookup}" defer></script>`),
  );
  // The form with its fallback for visitors without JavaScript (what `beian snippet --query` prints), and the script.
  await writeFile(
    join(root, 'fallback.html'),
    page(`${renderQueryHTML({ lookup, mode: 'psb' })}<script src="/beian-query.js" defer></script>`),
  );
  await writeFile(
    join(root, 'typo.html'),
    page(`<script src="/beian-query.js" data-lookup="${lookup}" data-modes="psb" defer></script>`),
  );
  const server = await serveDemo({ root, api: false });
  site = {
    url: server.url,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return site;
}

/** Searches `text` in the form and returns the first record's cells. */
async function search(query, text) {
  await query.locator('input[type="search"]').fill(text);
  await query.locator('[part~="submit"]').click();
  const row = query.locator('tbody tr').first();
  await row.waitFor();
  return row.locator('td').allTextContents();
}

export const tests = {
  async 'one script tag puts the form where it stands; it finds a domain and a 公安 code on the lookup service'() {
    const { page: tab, problems, close } = await open('script.html', { base: (await querySite()).url });
    const placed = await tab.evaluate(
      () => document.querySelector('script[src="/beian-query.js"]').nextElementSibling?.localName,
    );
    assert(placed === 'beian-query', `the form right after the script: ${placed}`);
    await assertQueryForm(tab, 'one-script page', `${(await demo()).url}v1`, 'query-script');
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'on a phone the records are cards, and the count above them stays on one line'() {
    const { page: tab, problems, close } = await open('script.html', { base: (await querySite()).url, width: 390 });
    const query = tab.locator('beian-query');
    await search(query, 'mi.cn');
    const caption = await query.locator('caption').boundingBox();
    const line = await query.locator('caption').evaluate((c) => parseFloat(getComputedStyle(c).lineHeight) || 24);
    assert(caption.height < 2 * line && caption.width > 100, `the count, ${JSON.stringify(caption)}, is one line`);
    const header = await query.locator('thead').isVisible();
    assert(!header, 'no table header in the cards');
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'without JavaScript the form’s fallback links to the official query sites; with it, the form replaces them'() {
    const base = (await querySite()).url;
    const { page: plain, close } = await open('fallback.html', { base, javaScriptEnabled: false });
    const links = plain.locator('beian-query a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
    assert(
      JSON.stringify(hrefs) ===
        JSON.stringify([
          'https://beian.miit.gov.cn/#/Integrated/recordQuery',
          'https://beian.mps.gov.cn/#/query/webSearch',
        ]),
      `fallback: ${hrefs}`,
    );
    for (const a of await links.all()) assert(await a.isVisible(), `${await a.textContent()} is visible`);
    await close();
    const { page: tab, problems, close: closeScripted } = await open('fallback.html', { base });
    const query = tab.locator('beian-query');
    await query.locator('input[type="search"]').waitFor();
    assert(
      !(await tab.locator('beian-query a[href*="miit"]').isVisible()),
      'the fallback is not shown beside the form',
    );
    assert((await tab.locator('beian-query').count()) === 1, 'no second form: the script has no data- attributes');
    const psb = await search(query, 'qq.com');
    assert(
      psb.some((c) => c.includes('粤公网安备44030002000001号')),
      `in 公安 mode from its attribute: ${psb}`,
    );
    assert(problems.length === 0, problems.join('\n'));
    await closeScripted();
  },

  async 'a mistyped data- attribute is named in a warning, and the form still comes'() {
    const { page: tab, warnings, close } = await open('typo.html', { base: (await querySite()).url });
    await tab.locator('beian-query input[type="search"]').waitFor();
    assert(
      warnings.some((w) => w.includes('unknown attribute data-modes') && w.includes('data-mode')),
      warnings.join('\n'),
    );
    await close();
  },
};

export const teardown = () => site?.close();
