import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { register } from 'tsx/esm/api';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './test/chromium.mjs';
import { summaryReporter } from './test/wtr-summary-reporter.mjs';

// The real lookup server from src/server, on loopback, for the verification tests (TypeScript, loaded through tsx).
register();
const { startLookupHarness } = await import('./test/support/lookup-harness.ts');
const lookup = await startLookupHarness();


const LAZY_CHUNKS = ['/beian-badge/diagnosis.ts', '/beian-badge/verification.ts', '/beian-query/search.ts'];
let failChunks = false;

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browsers: [chromeLauncher({
    launchOptions: { executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS },
    async createPage({ browser }) {
      // The same clock and locale on every machine.
      const page = await browser.newPage();
      await page.emulateTimezone('Asia/Shanghai');
      await (await page.createCDPSession()).send('Emulation.setLocaleOverride', { locale: 'zh-CN' });
      return page;
    },
  })],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), {
    // The dev server marks every file cacheable for a year: a page that must really fetch its chunks turns the
    // browser cache off for itself (executeServerCommand('disable-cache')).
    name: 'disable-cache',
    async executeCommand({ command, session }) {
      if (command !== 'disable-cache') return undefined;
      await session.browser.getPage(session.id).setCacheEnabled(false);
      return true;
    },
  }],
  // Where the tests find the lookup server (another origin, so CORS is exercised too).
  middleware: [async (ctx, next) => {
    if (ctx.path !== '/__lookup') return next();
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ server: lookup.url });
  }, async (ctx, next) => {
    // A network that drops the lazy chunks, switched on by test/browser/chunk-failures.test.ts (files run one at a time).
    if (ctx.path === '/__chunks') {
      failChunks = ctx.query.fail === '1';
      ctx.body = '';
      return;
    }
    if (failChunks && LAZY_CHUNKS.some((chunk) => ctx.path.endsWith(chunk))) {
      ctx.status = 503;
      ctx.set('Cache-Control', 'no-store'); // the dev server would otherwise let the browser keep the failure a year
      return;
    }
    return next();
  }],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter()],
};
