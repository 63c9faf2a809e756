// Serves the built demo (dist-demo/). csp.html gets a strict Content-Security-Policy with Trusted Types.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const STRICT_CSP = "default-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html";
const DEMO = fileURLToPath(new URL('../dist-demo/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json; charset=utf-8',
};

export async function buildDemo() {
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

/** Starts the static server over `root`; resolves to its URL and a close function. Port 0 picks a free port. */
export function serveDemo({ root = DEMO, host = '127.0.0.1', port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // Browsers ask for /favicon.ico unprompted; answering 404 would be a console error in the e2e checks.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' };
      if (file.endsWith('csp.html')) headers['Content-Security-Policy'] = STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => {
    const { port: actual } = server.address();
    resolve({ url: `http://${host}:${actual}/`, close: () => new Promise((r) => server.close(r)) });
  }));
}
