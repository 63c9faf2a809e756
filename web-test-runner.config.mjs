import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { register } from 'tsx/esm/api';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './test/chromium.mjs';
import { summaryReporter } from './test/wtr-summary-reporter.mjs';

// The engines to run, one after another: BROWSERS=chromium,firefox,webkit (default chromium, README's `npm test`).
const ENGINES = ['chromium', 'firefox', 'webkit'];
const browsers = (process.env.BROWSERS || 'chromium')
  .split(',')
  .map((b) => b.trim().toLowerCase())
  .filter(Boolean);
for (const b of browsers)
  if (!ENGINES.includes(b)) throw new Error(`BROWSERS: unknown engine "${b}" (known: ${ENGINES.join(', ')})`);
const FIREFOX_BIN = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const MINIBROWSER_BIN = process.env.MINIBROWSER_BIN ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const TZ = 'Asia/Shanghai';

// The real lookup server from src/server, on loopback, for the verification tests (TypeScript, loaded through tsx).
// One for all engines: they run one after another (concurrentBrowsers: 1), so its counters are never shared live.
register();
const { startLookupHarness } = await import('./test/support/lookup-harness.ts');
const lookup = await startLookupHarness();

const LAZY_CHUNKS = ['/beian-badge/diagnosis.ts', '/beian-badge/verification.ts', '/beian-query/search.ts'];
let failChunks = false;

/** Processes this config started (Xvfb, WebKitWebDriver), ended when the runner exits. */
const children = [];
process.once('exit', () => {
  for (const child of children.reverse()) child.kill();
});

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
  });

/** Starts a child process and waits until `ready(output)` says it is up. */
function start(command, args, env, ready, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${output}`)), 15_000);
    const on = (chunk) => {
      output += chunk;
      const value = ready(output);
      if (value) {
        clearTimeout(timer);
        resolve(value);
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${e.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}): ${output}`));
    });
  });
}

async function chromium() {
  return chromeLauncher({
    launchOptions: { executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS },
    async createPage({ browser }) {
      // The same clock and locale on every machine.
      const page = await browser.newPage();
      await page.emulateTimezone(TZ);
      await (await page.createCDPSession()).send('Emulation.setLocaleOverride', { locale: 'zh-CN' });
      return page;
    },
  });
}

async function firefox() {
  // Debian has no geckodriver: puppeteer-core drives Firefox over WebDriver BiDi, through the Chrome launcher.
  const puppeteer = (await import('puppeteer-core')).default;
  return chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX_BIN,
      headless: true,
      env: { ...process.env, TZ, LANG: 'zh_CN.UTF-8' },
      extraPrefsFirefox: { 'intl.accept_languages': 'zh-CN', 'intl.locale.requested': 'zh-CN' },
    },
    createPage: ({ browser }) => browser.newPage(),
  });
}

async function webkit() {
  // WebKitGTK's MiniBrowser through WebKitWebDriver, on an X display of its own unless there is one.
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  const env = { ...process.env, TZ, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN' };
  if (!env.DISPLAY) {
    const display = await start(
      'Xvfb',
      ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      env,
      (out) => /^(\d+)\n/.exec(out)?.[1],
      'Xvfb',
    );
    env.DISPLAY = `:${display}`;
  }
  const port = await freePort();
  await start(
    'WebKitWebDriver',
    [`--port=${port}`, '--host=127.0.0.1'],
    env,
    (out) => out.includes('istening') || out.includes(String(port)),
    'WebKitWebDriver',
  ).catch(async (e) => {
    if (!(await portOpen(port))) throw e;
  });
  return webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER_BIN, args: ['--automation'] },
      'wdio:enforceWebDriverClassic': true,
    },
  });
}

const portOpen = (port) =>
  new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const s = connect(port, '127.0.0.1')
        .once('connect', () => {
          s.end();
          resolve(true);
        })
        .once('error', () => resolve(false));
    });
  });

const LAUNCHERS = { chromium, firefox, webkit };

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1, // the engines share the lookup server and the chunk switch below: one engine at a time
  browsers: await Promise.all(browsers.map((b) => LAUNCHERS[b]())),
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    {
      // The dev server marks every file cacheable for a year: a page that must really fetch its chunks turns the
      // browser cache off for itself (executeServerCommand('disable-cache')). WebDriver has no such switch: there the
      // lazy chunks are always served no-store (below), which is what this command is for.
      name: 'disable-cache',
      async executeCommand({ command, session }) {
        if (command !== 'disable-cache') return undefined;
        if (session.browser.type === 'puppeteer') await session.browser.getPage(session.id).setCacheEnabled(false);
        return true;
      },
    },
    {
      // executeServerCommand('viewport', { width, height }): the page's size in every engine (the commands plugin's
      // setViewport knows puppeteer and playwright only). Under WebDriver it is the window's size, grown by what the
      // window adds around the page; MiniBrowser's window stops at about 447 px wide, so the page may stay wider.
      name: 'viewport',
      async executeCommand({ command, payload, session }) {
        if (command !== 'viewport') return undefined;
        const { width, height } = payload;
        if (session.browser.type === 'puppeteer') {
          await session.browser.getPage(session.id).setViewport({ width, height });
          return true;
        }
        const driver = session.browser.driver;
        await driver.setWindowSize(width, height);
        const [w, h] = await driver.execute(() => [window.innerWidth, window.innerHeight]);
        const size = await driver.getWindowSize();
        if (w !== width || h !== height) await driver.setWindowSize(size.width + width - w, size.height + height - h);
        return true;
      },
    },
  ],
  // Where the tests find the lookup server (another origin, so CORS is exercised too).
  middleware: [
    async (ctx, next) => {
      if (ctx.path !== '/__lookup') return next();
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ server: lookup.url });
    },
    async (ctx, next) => {
      // A network that drops the lazy chunks, switched on by test/browser/chunk-failures.test.ts (files run one at a time).
      if (ctx.path === '/__chunks') {
        failChunks = ctx.query.fail === '1';
        ctx.body = '';
        return;
      }
      if (!LAZY_CHUNKS.some((chunk) => ctx.path.endsWith(chunk))) return next();
      // The lazy chunks are never cached, so a page that must fetch them does (WebKit keeps them across test files
      // otherwise, and a failure would be kept a year). The runner's cache middleware, outside this one, marks every
      // file cacheable once this returns: it may not here.
      const set = ctx.response.set.bind(ctx.response);
      ctx.response.set = (field, value) =>
        typeof field === 'string' && field.toLowerCase() === 'cache-control' ? undefined : set(field, value);
      if (failChunks) ctx.status = 503;
      else await next();
      set('Cache-Control', 'no-store');
    },
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter()],
};
