// `npm start`: the demo site on a Vite dev server.
import { createServer } from 'vite';

const server = await createServer({
  configFile: false,
  root: new URL('.', import.meta.url).pathname,
  appType: 'mpa', // a missing page is a 404, not index.html
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), fs: { allow: ['..'] } },
  esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
});
await server.listen();
server.printUrls();
