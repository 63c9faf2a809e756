// `npm start`: builds the demo site and serves it together with the lookup service (demo dataset).
import { jsonLogger } from '../src/server/providers/types.js';
import { buildDemo, serveDemo } from './server.js';

await buildDemo();
const { url } = await serveDemo({ port: Number(process.env.PORT ?? 5173), log: jsonLogger() });
console.log(`\nbeian-elements demo: ${url}
  strict CSP page: ${url}csp.html   no-JS page: ${url}nojs.html
  lookup service:  ${url}v1/meta   e.g. ${url}v1/icp?domain=mi.cn\n`);
