import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { summaryReporter } from './test/wtr-summary-reporter.mjs';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
// Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', '--accept-lang=zh-CN'];

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browsers: [chromeLauncher({
    launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS },
    async createPage({ browser }) {
      // The same clock and locale on every machine.
      const page = await browser.newPage();
      await page.emulateTimezone('Asia/Shanghai');
      await (await page.createCDPSession()).send('Emulation.setLocaleOverride', { locale: 'zh-CN' });
      return page;
    },
  })],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter()],
};
