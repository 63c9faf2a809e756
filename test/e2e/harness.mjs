// What every e2e group shares: one Chromium, the built demo with its lookup service, pages that record problems,
// and the checks of a footer as a visitor sees it.
import { mkdir } from 'node:fs/promises';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { buildDemo, serveDemo } from '../../demo/server.ts';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from '../chromium.mjs';

export const OUT = new URL('../../e2e-out/', import.meta.url).pathname;
await mkdir(OUT, { recursive: true });
let demoServer;
/** The built demo and the lookup service on its embedded dataset, on one loopback origin (built on first use). */
export async function demo() {
  demoServer ??= buildDemo().then(() => serveDemo());
  return demoServer;
}
/** Stops what the tests started. */
export async function closeAll() {
  await browser.close();
  if (demoServer) await (await demoServer).close();
}
export const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });

/** A page that records console errors, uncaught exceptions and CSP violations (and, apart, console warnings). */
export async function open(path, { javaScriptEnabled = true, width = 1200, height = 900, base } = {}) {
  base ??= (await demo()).url;
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(base + path, { waitUntil: 'load' });
  return { page, problems, warnings, context, close: () => context.close() };
}

/** Waits until every badge on the page has rendered its links. */
export async function upgraded(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('beian-badge')].every(
      (b) => b.matches(':state(unlisted)') || b.shadowRoot?.querySelector('[part~="item"]'),
    ),
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/** The demo numbers' footer, as every example site shows it once upgraded: [text, href] per link. */
export const FOOTER = [
  ['京ICP备2026002630号-1', 'https://beian.miit.gov.cn/'],
  ['京公网安备 11010602202215号', 'https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215'],
];
export const NUMBERS = { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' };

/** dist/cdn's single-file bundles (and police.svg, with `cdn:badge`), built into an example site's folder. */
export const buildBundle = (outDir, mode = 'cdn:badge') =>
  build({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    mode,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false },
  });

/**
 * Scrolls as a visitor does, with the mouse wheel, until `locator` is inside the window or the page stops moving.
 * (Scrolling from script would also reach a footer on a page whose visitors cannot scroll.)
 */
async function wheelTo(page, locator) {
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  for (let step = 0; step < 100; step++) {
    const box = await locator.boundingBox();
    if (!box || (box.y >= 0 && box.y + box.height <= height)) return;
    await page.mouse.wheel(0, box.y < 0 ? -height / 2 : height / 2);
    await page.waitForTimeout(50);
    const moved = await locator.boundingBox();
    if (moved?.y === box.y) return;
  }
}

/**
 * Checks that a visitor sees the upgraded footer: after scrolling to it with the wheel, the badge has a
 * size, lies inside the viewport, and the point at its centre (and at each link's centre) belongs to the badge,
 * not to something painted over it; its links are `expected`.
 */
export async function assertVisibleFooter(page, what, { selector = 'beian-badge', expected = FOOTER } = {}) {
  const badge = page.locator(selector).last();
  await badge.locator('[part~="link"]').first().waitFor({ state: 'attached' });
  await wheelTo(page, badge);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const seen = await badge.evaluate((el) => {
    const box = el.getBoundingClientRect();
    // The document sees a point on the shadow tree as the host; the shadow root sees which of its elements it is.
    const owns = (x, y) => document.elementFromPoint(x, y) === el;
    const linkAt = (a, r) =>
      r.width > 0 &&
      owns(r.left + r.width / 2, r.top + r.height / 2) &&
      a.contains(el.shadowRoot.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    const links = [...el.shadowRoot.querySelectorAll('[part~="link"]')];
    return {
      box: [box.width, box.height],
      inView: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
      centre: owns(box.left + box.width / 2, box.top + box.height / 2),
      linksHit: links.map((a) => linkAt(a, a.getBoundingClientRect())),
      links: links.map((a) => [a.textContent, a.href]),
    };
  });
  assert(seen.box[0] > 0 && seen.box[1] > 0, `${what}: the footer has no size (${seen.box})`);
  assert(seen.inView, `${what}: the footer is not inside the viewport after scrolling to the bottom`);
  assert(seen.centre, `${what}: something else is painted over the footer's centre`);
  assert(seen.linksHit.every(Boolean), `${what}: a link is covered or empty (${seen.linksHit})`);
  assert(
    JSON.stringify(seen.links) === JSON.stringify(expected),
    `${what} footer links: ${JSON.stringify(seen.links)}`,
  );
}

/** Serves a built example site and checks, in Chromium, that its badge upgraded to FOOTER, visibly, without a problem. */
export async function assertUpgradedFooter(root, what, { path = '', width = 1200 } = {}) {
  const site = await serveDemo({ root, api: false });
  const { page, problems, close } = await open(path, { base: site.url, width });
  try {
    await assertVisibleFooter(page, what);
    assert(problems.length === 0, problems.join('\n'));
    await page.screenshot({ path: `${OUT}${what.toLowerCase().replace(/\W+/g, '-')}.png` });
  } finally {
    await close();
    await site.close();
  }
}

/** Waits until `check` resolves truthy (polling), or throws with `what` and the last error. */
export async function until(what, check, { timeout = 20000, child } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${what}: exited with ${child.exitCode}`);
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: timed out${last ? ` (${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
