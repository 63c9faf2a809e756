import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyCssTemplates } from '../vite.config.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The demo site: `npm run dev` serves it with Vite; `npm start` and the e2e tests build it into dist-demo/.
export default defineConfig({
  root: here('.'),
  appType: 'mpa', // a missing page is a 404, not index.html
  plugins: [minifyCssTemplates()],
  server: { host: '127.0.0.1', fs: { allow: [here('..')] } },
  build: {
    outDir: here('../dist-demo'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline polyfill script: the CSP page allows none.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: { index: here('index.html'), csp: here('csp.html'), nojs: here('nojs.html'), react: here('react.html') },
    },
  },
});
