// `npm start`: builds the demo site and serves it.
import { buildDemo, serveDemo } from './serve.mjs';

await buildDemo();
const { url } = await serveDemo({ port: Number(process.env.PORT ?? 5173) });
console.log(`beian-elements demo: ${url}  (strict CSP page: ${url}csp.html, no-JS page: ${url}nojs.html)`);
