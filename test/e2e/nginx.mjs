// nginx: Debian's real nginx, run as an ordinary process with a folder of its own, in front of two `beian serve`
// instances started as a user starts them (the CLI, --trust-proxy 1, --rate-limit, --data), all on loopback.
// Visitors are real distinct addresses: Linux routes all of 127/8 to lo, so each binds its own 127.x.y.z as the
// source of its connections, and nginx sees it as $remote_addr. Checked: the README's recipe as it stands, and the
// recipe of a deploy (nginx/nginx.conf: both instances, a shared cache following our Cache-Control).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATA } from '../support/server.ts';
import { assert, until } from './harness.mjs';

const REPO = new URL('../../', import.meta.url).pathname;
const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx'; // Debian's `nginx` package
/** Requests per minute per visitor, each instance's --rate-limit. */
const LIMIT = 20;

const SITE = { domain: 'www.example.cn', icp: '京ICP备2021012345号-1', psb: '京公网安备11010502012345号' };
/** A query string; parameters the endpoint does not read (`visitor`, `n`) only make the URL, and its cache entry, new. */
const q = (path, params) => `${path}?${new URLSearchParams(params)}`;
const verify = (extra = {}) => q('/v1/verify', { ...SITE, ...extra });

// ---------------------------------------------------------------------------------------------------------------
// Processes

const started = new Set(); // every child still running, stopped at the latest when the run's process exits
let root; // the temporary folder
process.once('exit', () => {
  for (const child of started)
    try {
      child.kill('SIGTERM');
    } catch {
      /* gone */
    }
  if (root) rmSync(root, { recursive: true, force: true });
});

function track(child, name) {
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log = (log + chunk).slice(-100000);
  });
  child.stderr?.on('data', (chunk) => {
    log = (log + chunk).slice(-100000);
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return { child, name, log: () => log };
}

/** Stops a process this test started and waits for it to end (SIGKILL after 10 s). */
async function stop(proc) {
  const { child } = proc ?? {};
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await ended;
  clearTimeout(timer);
}

/** `beian serve` as an operator runs it behind one nginx; resolves with its port once it says where it listens. */
async function beianServe(data) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BEIAN_|JUHE_KEY$|PORT$)/.test(k)));
  const proc = track(
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/beian.ts',
        'serve',
        '--port',
        '0',
        '--bind',
        '127.0.0.1',
        '--trust-proxy',
        '1',
        '--rate-limit',
        String(LIMIT),
        '--data',
        data,
        '--log-level',
        'warn',
      ],
      { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
    'beian serve',
  );
  const url = await until(
    'beian serve',
    () => /lookup service on (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(proc.log())?.[1],
    { child: proc.child, timeout: 30000 },
  ).catch((e) => {
    throw new Error(`${e.message}\n${proc.log()}`);
  });
  return { ...proc, port: Number(new URL(url).port) };
}

/** A free loopback port (closed again at once: nginx binds it right after). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
  });

const accepts = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
      .once('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false));
  });

/** The README's nginx block ("Behind a reverse proxy"), as it stands, pointed at `port` instead of 8787. */
async function readmeRecipe(port) {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const block = /Behind a reverse proxy[^]*?```nginx\n([^]*?)```/.exec(readme)?.[1];
  assert(block, 'README.md: an ```nginx block after "Behind a reverse proxy"');
  assert(
    block.includes('proxy_pass http://127.0.0.1:8787;'),
    `README.md's nginx recipe proxies to beian serve's default 127.0.0.1:8787:\n${block}`,
  );
  return block.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`).replace(/^/gm, '    ');
}

/** Who nginx's workers run as: this user, or `nobody` when this is root (then nginx's folder becomes nobody's). */
function unprivileged() {
  if (process.getuid?.() !== 0) return {};
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return { uid: Number(uid ?? 65534), gid: Number(gid ?? 65534) };
}

/** Debian's nginx on our config, its own folder `dir`, not root: started, and stopped by `stop`. */
async function startNginx(dir, ports) {
  assert(existsSync(NGINX), `${NGINX} is missing: apt-get install -y nginx (or set NGINX_BIN)`);
  let conf = await readFile(new URL('nginx/nginx.conf', import.meta.url), 'utf8');
  conf = conf.replace('@README_RECIPE@', await readmeRecipe(ports.a));
  for (const [name, value] of Object.entries({
    ROOT: dir,
    PORT: ports.nginx,
    RECIPE_PORT: ports.recipe,
    A: ports.a,
    B: ports.b,
  })) {
    conf = conf.replaceAll(`@${name}@`, String(value));
  }
  assert(!/@[A-Z_]+@/.test(conf), `nginx.conf: a name left unfilled: ${/@[A-Z_]+@/.exec(conf)}`);
  const file = join(dir, 'nginx.conf');
  await writeFile(file, conf);
  const user = unprivileged();
  if (user.uid !== undefined) for (const path of [dir, file]) await chown(path, user.uid, user.gid);
  const proc = track(
    spawn(NGINX, ['-p', `${dir}/`, '-c', file, '-e', join(dir, 'error.log')], {
      ...user,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'nginx',
  );
  const errors = () => `${proc.log()}${readFileSafe(join(dir, 'error.log'))}`;
  await until('nginx', async () => (await accepts(ports.nginx)) && accepts(ports.recipe), { child: proc.child }).catch(
    (e) => {
      throw new Error(`${e.message}\n${errors()}`);
    },
  );
  return { ...proc, errors, conf };
}

const readFileSafe = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

let setup;
/** The two instances and nginx in front, started once for the group's tests (stopped by `teardown`). */
const deployment = () =>
  (setup ??= (async () => {
    root = await mkdtemp(join(tmpdir(), 'beian-nginx-'));
    const data = join(root, 'records.json');
    await writeFile(data, JSON.stringify(TEST_DATA));
    const [a, b] = await Promise.all([beianServe(data), beianServe(data)]);
    const ports = { a: a.port, b: b.port, nginx: await freePort(), recipe: await freePort() };
    while (ports.recipe === ports.nginx) ports.recipe = await freePort();
    const nginx = await startNginx(root, ports);
    return { a, b, nginx, ports, root };
  })());

export async function teardown() {
  if (!setup) return;
  const s = await setup.catch(() => null);
  for (const proc of [...started].reverse()) await stop({ child: proc });
  if (s) {
    const alerts = s.nginx
      .errors()
      .split('\n')
      .filter((l) => /\[(warn|error|alert|crit|emerg)\]/.test(l));
    if (alerts.length) console.log(`nginx's error log:\n${alerts.join('\n')}`);
  }
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/**
 * One HTTP/1.1 request to loopback `port` from the source address `from` (a visitor), a fresh connection each time;
 * resolves with the status, the headers (lower-case) and the body's bytes.
 */
function get(port, path, { from = '127.0.0.1', headers = {}, method = 'GET' } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, localAddress: from, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body,
          text: body.toString('utf8'),
          cache: res.headers['x-cache-status'],
        });
      });
    });
    req.setTimeout(15000, () => req.destroy(new Error(`${method} ${path} from ${from}: no answer in 15 s`)));
    req.once('error', reject).end();
  });
}

/** The headers an answer must keep through the proxy. */
const KEPT = [
  'content-type',
  'cache-control',
  'etag',
  'retry-after',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
];
const kept = (res) =>
  Object.fromEntries(KEPT.filter((h) => res.headers[h] !== undefined).map((h) => [h, res.headers[h]]));
/** A body without what differs between instances and moments: the decision, as the ETag covers it. */
const decision = (res) =>
  JSON.stringify(JSON.parse(res.text), (k, v) =>
    ['checkedAt', 'expiresAt', 'fetchedAt', 'cached'].includes(k) ? undefined : v,
  );
const show = (res) => `${res.status} ${JSON.stringify(res.headers)} ${res.text.slice(0, 300)}`;

/** nginx's access log: one entry per request, with the visitor's address, the instance (or -) and the cache status. */
async function accessLog(dir) {
  return (await readFile(join(dir, 'access.log'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, remote, upstream, cache, status, requestLine] = /^(\S+) (.+) (\S+) (\d{3}) "(.*)"$/.exec(line) ?? [];
      return { remote, upstream, cache, status: Number(status), path: requestLine?.split(' ')[1] };
    });
}
/** The access log's entries for requests whose path includes `needle`, once there are `count` of them. */
const logged = (dir, needle, count) =>
  until(
    `${count} entries for ${needle} in nginx's access log`,
    async () => {
      const entries = (await accessLog(dir)).filter((e) => e.path?.includes(needle));
      return entries.length >= count && entries;
    },
    { timeout: 5000 },
  );

/** Which instance an access log's upstream address is. */
const instanceOf = (ports, upstream) =>
  ({ [`127.0.0.1:${ports.a}`]: 'A', [`127.0.0.1:${ports.b}`]: 'B' })[upstream] ?? upstream;

/**
 * A visitor at `from` spends its allowance: LIMIT + `over` requests, one after another, each a new URL (a cache
 * hit never reaches an instance, so counts against no limit), each with the X-Forwarded-For `forge(i)` writes, if
 * any. Checks that the first LIMIT are answered and the rest are 429s; returns the answers.
 */
async function spend(port, from, label, { over = 2, forge, cached = true } = {}) {
  const answers = [];
  for (let i = 1; i <= LIMIT + over; i++) {
    const headers = forge ? { 'X-Forwarded-For': forge(i) } : {};
    answers.push(await get(port, verify({ visitor: label, n: i }), { from, headers }));
  }
  const statuses = answers.map((r) => r.status);
  const expected = [...Array(LIMIT).fill(200), ...Array(over).fill(429)];
  assert(
    JSON.stringify(statuses) === JSON.stringify(expected),
    `visitor ${from} (${label}): ${LIMIT} answers, then 429s; got ${statuses.join(' ')}`,
  );
  if (cached)
    assert(
      answers.every((r) => r.cache === 'MISS'),
      `visitor ${from}: every new URL a cache MISS: ${answers.map((r) => r.cache)}`,
    );
  const limited = answers.at(-1);
  const body = JSON.parse(limited.text);
  assert(
    body.error?.code === 'rate-limited' && body.kind === 'verify',
    `the 429 is the endpoint's envelope: ${limited.text}`,
  );
  assert(
    limited.headers['cache-control'] === 'no-store' &&
      Number(limited.headers['retry-after']) > 0 &&
      limited.headers['access-control-allow-origin'] === '*',
    `the 429's headers: ${JSON.stringify(limited.headers)}`,
  );
  return answers;
}

/**
 * nginx's cache file for request `path`: its key, and how long nginx keeps it (valid_sec - date: s-maxage, else
 * max-age) and may serve it stale (updating_sec, error_sec), read from the file's header (ngx_http_file_cache_header_t
 * on 64-bit Linux: version, valid_sec, updating_sec, error_sec, last_modified, date as 8-byte integers).
 */
async function cacheEntry(dir, path) {
  const folder = join(dir, 'cache');
  for (const name of await readdir(folder).catch(() => [])) {
    const bytes = await readFile(join(folder, name)).catch(() => null);
    if (!bytes) continue;
    const at = bytes.indexOf('\nKEY: ');
    const key = bytes.subarray(at + 6, bytes.indexOf('\n', at + 6)).toString('utf8');
    if (at < 0 || !key.endsWith(path)) continue;
    const int = (offset) => Number(bytes.readBigInt64LE(offset));
    return { key, version: int(0), fresh: int(8) - int(40), staleWhileRevalidate: int(16), staleIfError: int(24) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------

export const tests = {
  async "nginx: the README's recipe as it stands passes answers byte for byte, and the server's own 304s"() {
    const { ports } = await deployment();
    // Identical requests within seconds get the instance's same answer, so bytes compare: first asked directly.
    for (const path of [
      verify(),
      q('/v1/icp', { number: SITE.icp }),
      q('/v1/icp', { number: 'abc' }),
      q('/v1/psb', { domain: 'nothere.cn' }),
    ]) {
      const direct = await get(ports.a, path, { from: '127.0.9.1' });
      const proxied = await get(ports.recipe, path, { from: '127.0.1.2' });
      assert(proxied.status === direct.status, `${path}: ${proxied.status}, directly ${direct.status}`);
      // (A 400 is made anew each time, so only its decision compares: its checkedAt is the moment's.)
      assert(
        direct.status === 200 ? proxied.body.equals(direct.body) : decision(proxied) === decision(direct),
        `${path}: the body through nginx:\n${proxied.text}\ndirectly:\n${direct.text}`,
      );
      assert(
        JSON.stringify(kept(proxied)) === JSON.stringify(kept(direct)),
        `${path}: headers through nginx ${JSON.stringify(kept(proxied))}, directly ${JSON.stringify(kept(direct))}`,
      );
      assert(
        Number(proxied.headers['content-length']) === proxied.body.length,
        `${path}: Content-Length ${proxied.headers['content-length']}`,
      );
    }
    const first = await get(ports.recipe, verify(), { from: '127.0.1.2' });
    const etag = first.headers.etag;
    assert(first.status === 200 && /^W\/"\w+"$/.test(etag), `a valid answer with a weak ETag: ${show(first)}`);
    const again = await get(ports.recipe, verify(), { from: '127.0.1.2', headers: { 'If-None-Match': etag } });
    assert(again.status === 304 && again.body.length === 0, `If-None-Match ${etag}: ${show(again)}`);
    assert(
      again.headers.etag === etag &&
        again.headers['cache-control'] === first.headers['cache-control'] &&
        again.headers['access-control-allow-origin'] === '*',
      `the 304 keeps ETag, Cache-Control and CORS: ${JSON.stringify(again.headers)}`,
    );
    const other = await get(ports.recipe, verify(), { from: '127.0.1.2', headers: { 'If-None-Match': 'W/"other"' } });
    assert(other.status === 200 && other.body.length > 0, `another ETag gets the answer: ${show(other)}`);
  },

  async "nginx: through the README's recipe each visitor has its own --rate-limit, and a forged X-Forwarded-For is not believed"() {
    const { ports } = await deployment();
    await Promise.all(
      ['127.0.1.3', '127.0.1.4'].map((from) => spend(ports.recipe, from, `recipe-${from}`, { cached: false })),
    );
    // A visitor writing its neighbour's address, then made-up ones, into X-Forwarded-For: nginx appends the
    // address it sees, the instance reads that one. The forger is held at its limit; the neighbour keeps all of its own.
    const forged = (i) => (i % 2 ? '127.0.1.6' : `198.51.100.${i}, 203.0.113.${i}`);
    await spend(ports.recipe, '127.0.1.5', 'recipe-forger', { cached: false, over: 4, forge: forged });
    await spend(ports.recipe, '127.0.1.6', 'recipe-neighbour', { cached: false });
  },

  async 'nginx: answers of /v1/verify, /v1/icp and /v1/psb come through both instances and the cache unchanged'() {
    const { ports } = await deployment();
    const paths = [
      verify({ t: 'pass' }),
      q('/v1/icp', { number: SITE.icp, t: 'pass' }),
      q('/v1/icp', { domain: 'shop-example.cn', t: 'pass' }),
      q('/v1/psb', { code: '11010502012345', t: 'pass' }),
      q('/v1/icp', { domain: 'nothere.cn', t: 'pass' }),
      q('/v1/icp', { number: 'abc', t: 'pass' }),
    ];
    const seen = [];
    for (const path of paths) {
      const direct = await get(ports.a, path, { from: '127.0.9.2' });
      const proxied = await get(ports.nginx, path, { from: '127.0.4.2' });
      seen.push(
        `${proxied.status} ${JSON.parse(proxied.text).status} ${proxied.cache} ${proxied.headers['cache-control']}`,
      );
      assert(proxied.status === direct.status && proxied.cache === 'MISS', `${path}: ${show(proxied)}`);
      assert(
        proxied.headers['content-type'] === 'application/json' &&
          Number(proxied.headers['content-length']) === proxied.body.length,
        `${path}: a JSON body of its length: ${JSON.stringify(proxied.headers)}`,
      );
      assert(
        decision(proxied) === decision(direct),
        `${path}: through nginx\n${proxied.text}\ndirectly\n${direct.text}`,
      );
      assert(
        JSON.stringify(kept(proxied)) === JSON.stringify(kept(direct)),
        `${path}: headers through nginx ${JSON.stringify(kept(proxied))}, directly ${JSON.stringify(kept(direct))}`,
      );
    }
    assert(
      JSON.stringify(seen.map((s) => s.split(' ').slice(0, 2).join(' '))) ===
        JSON.stringify(['200 valid', '200 valid', '200 valid', '200 valid', '200 unknown', '400 error']),
      `the answers: ${seen.join('; ')}`,
    );
    // A browser's CORS preflight (never cached: nginx caches GET and HEAD only).
    const preflight = await get(ports.nginx, verify({ t: 'pass' }), {
      from: '127.0.4.2',
      method: 'OPTIONS',
      headers: { Origin: 'https://www.example.cn', 'Access-Control-Request-Method': 'GET' },
    });
    assert(
      preflight.status === 204 &&
        preflight.headers['access-control-allow-origin'] === '*' &&
        preflight.headers['access-control-allow-methods'] === 'GET, HEAD, OPTIONS',
      `the preflight: ${show(preflight)}`,
    );
  },

  async "nginx: If-None-Match with the answer's ETag gets a 304 through the cache, on a hit and on a miss"() {
    const { ports } = await deployment();
    const path = verify({ t: '304' });
    const first = await get(ports.nginx, path, { from: '127.0.5.2' });
    const etag = first.headers.etag;
    assert(first.status === 200 && first.cache === 'MISS' && etag, `the answer: ${show(first)}`);
    for (const match of [etag, `W/"other", ${etag}`]) {
      const again = await get(ports.nginx, path, { from: '127.0.5.3', headers: { 'If-None-Match': match } });
      assert(
        again.status === 304 && again.cache === 'HIT' && again.body.length === 0,
        `If-None-Match ${match}: ${show(again)}`,
      );
      assert(
        again.headers.etag === etag &&
          again.headers['cache-control'] === first.headers['cache-control'] &&
          again.headers['access-control-allow-origin'] === '*',
        `the 304's headers: ${JSON.stringify(again.headers)}`,
      );
    }
    const stale = await get(ports.nginx, path, { from: '127.0.5.3', headers: { 'If-None-Match': 'W/"other"' } });
    assert(
      stale.status === 200 && stale.cache === 'HIT' && stale.body.equals(first.body),
      `another ETag gets the kept answer: ${show(stale)}`,
    );
    // A URL nginx has not kept, from a client that holds the decision (the ETag covers the decision, not the URL's
    // unread parameters): nginx asks the instance unconditionally, keeps the 200, and answers the client 304.
    const fresh = await get(ports.nginx, verify({ t: '304-miss' }), {
      from: '127.0.5.4',
      headers: { 'If-None-Match': etag },
    });
    assert(
      fresh.status === 304 && fresh.cache === 'MISS' && fresh.headers.etag === etag,
      `a miss with If-None-Match: ${show(fresh)}`,
    );
    const after = await get(ports.nginx, verify({ t: '304-miss' }), { from: '127.0.5.4' });
    assert(
      after.status === 200 && after.cache === 'HIT' && JSON.parse(after.text).status === 'valid',
      `then kept whole: ${show(after)}`,
    );
  },

  async 'nginx: ten visitors each get their own --rate-limit allowance, each kept on one of the two instances'() {
    const { ports, root: dir } = await deployment();
    const visitors = Array.from({ length: 10 }, (_, i) => `127.0.2.${i + 2}`);
    await Promise.all(visitors.map((from) => spend(ports.nginx, from, `ten-${from}`)));
    const where = async (list) => {
      const entries = await logged(dir, 'visitor=ten-', list.length * (LIMIT + 2));
      return new Map(
        list.map((from) => [
          from,
          new Set(entries.filter((e) => e.remote === from).map((e) => instanceOf(ports, e.upstream))),
        ]),
      );
    };
    let map = await where(visitors);
    // Which instance a visitor hashes to depends on the instances' ports, picked anew each run: should all ten
    // land on one (about 1 run in 500), more visitors come until one lands on the other.
    for (let n = 12; new Set([...map.values()].flatMap((s) => [...s])).size < 2 && n < 60; n++) {
      visitors.push(`127.0.2.${n}`);
      await spend(ports.nginx, visitors.at(-1), `ten-${visitors.at(-1)}`);
      map = await where(visitors);
    }
    const spread = [...map].map(([from, set]) => `${from}→${[...set].join('+')}`);
    assert(
      [...map.values()].every((set) => set.size === 1),
      `every visitor on one instance: ${spread.join(' ')}`,
    );
    const used = new Set([...map.values()].flatMap((s) => [...s]));
    assert(used.size === 2 && used.has('A') && used.has('B'), `visitors on both instances: ${spread.join(' ')}`);
    console.log(`  (${spread.join(' ')})`);
  },

  async 'nginx: a visitor writing X-Forwarded-For itself stays held at its own limit, on its own instance'() {
    const { ports, root: dir } = await deployment();
    const forged = (i) =>
      [`203.0.113.${i}`, `10.0.0.${i}, 198.51.100.${i}`, '127.0.0.1', `127.0.3.${i + 10}`, 'unknown', '::1'][i % 6];
    await spend(ports.nginx, '127.0.3.2', 'forger', { over: 6, forge: forged });
    const entries = await logged(dir, 'visitor=forger', LIMIT + 6);
    const instances = new Set(entries.map((e) => e.upstream));
    assert(instances.size === 1, `the forger stays on one instance whatever it writes: ${[...instances]}`);
  },

  async 'nginx: the cache keeps a valid answer as long as its s-maxage says and gives it to every visitor'() {
    const { ports, root: dir } = await deployment();
    const path = verify({ t: 'cache' });
    const miss = await get(ports.nginx, path, { from: '127.0.6.2' });
    assert(miss.status === 200 && miss.cache === 'MISS', `first: ${show(miss)}`);
    assert(
      miss.headers['cache-control'] ===
        'public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800, stale-if-error=2592000',
      `a valid answer's Cache-Control: ${miss.headers['cache-control']}`,
    );
    const statuses = [];
    for (const from of ['127.0.6.2', '127.0.6.3', '127.0.6.4']) {
      const hit = await get(ports.nginx, path, { from });
      statuses.push(hit.cache);
      assert(
        hit.status === 200 &&
          hit.cache === 'HIT' &&
          hit.body.equals(miss.body) &&
          hit.headers.etag === miss.headers.etag &&
          hit.headers['cache-control'] === miss.headers['cache-control'],
        `again, from ${from}: ${show(hit)}`,
      );
    }
    const entries = await logged(dir, 't=cache', 4);
    assert(
      entries[0].upstream !== '-' && entries.slice(1).every((e) => e.upstream === '-'),
      `only the miss reached an instance: ${JSON.stringify(entries)}`,
    );
    // nginx keeps it a day (s-maxage), not the browsers' hour, and may serve it stale as the extensions say.
    const entry = await until('the cache file', () => cacheEntry(dir, path), { timeout: 5000 });
    assert(
      entry.version === 5,
      `nginx's cache file header is version 5 (as in nginx 1.22), not ${entry.version}: check its layout`,
    );
    assert(
      entry.fresh === 86400 && entry.staleWhileRevalidate === 604800 && entry.staleIfError === 2592000,
      `the cache file: ${JSON.stringify(entry)}`,
    );
    // An unknown answer (the registry may answer next time) is kept its 30 seconds.
    const unknown = q('/v1/icp', { domain: 'nothere.cn', t: 'cache' });
    const u = [
      await get(ports.nginx, unknown, { from: '127.0.6.2' }),
      await get(ports.nginx, unknown, { from: '127.0.6.3' }),
    ];
    assert(
      u.map((r) => `${r.status} ${r.cache}`).join() === '200 MISS,200 HIT' &&
        JSON.parse(u[1].text).status === 'unknown',
      `unknown: ${u.map(show)}`,
    );
    const kept30 = await until('the cache file', () => cacheEntry(dir, unknown), { timeout: 5000 });
    assert(kept30.fresh === 30, `an unknown answer is kept 30 s: ${JSON.stringify(kept30)}`);
    console.log(
      `  (valid: MISS then ${statuses.join(' ')}; kept ${entry.fresh} s, stale ${entry.staleWhileRevalidate}/${entry.staleIfError} s; unknown kept ${kept30.fresh} s)`,
    );
  },

  async "nginx: a 429 and no-store answers are never cached, and one visitor's 429 is never another's answer"() {
    const { ports, root: dir } = await deployment();
    await spend(ports.nginx, '127.0.7.2', 'limited', { over: 1 });
    const path = verify({ t: 'limited' });
    const seen = [];
    const ask = async (from, what) => {
      const res = await get(ports.nginx, path, { from });
      seen.push(`${what} ${res.status} ${res.cache}`);
      return res;
    };
    for (const time of ['first', 'again']) {
      const limited = await ask('127.0.7.2', `limited visitor, ${time}:`);
      assert(
        limited.status === 429 && limited.cache === 'MISS' && limited.headers['cache-control'] === 'no-store',
        `${time}: ${show(limited)}`,
      );
    }
    assert(!(await cacheEntry(dir, path)), 'no cache file for the 429');
    const other = await ask('127.0.7.3', 'another visitor:');
    assert(
      other.status === 200 && other.cache === 'MISS' && JSON.parse(other.text).status === 'valid',
      `another visitor gets the answer: ${show(other)}`,
    );
    const hit = await ask('127.0.7.3', 'another visitor, again:');
    assert(hit.status === 200 && hit.cache === 'HIT', `then from the cache: ${show(hit)}`);
    // A hit reaches no instance, so no limit counts it: the limited visitor gets the kept answer too.
    const back = await ask('127.0.7.2', 'limited visitor, after:');
    assert(
      back.status === 200 && back.cache === 'HIT' && back.body.equals(other.body),
      `the limited visitor, from the cache: ${show(back)}`,
    );

    // The health check says no-store: each one reaches an instance.
    const health = [
      await get(ports.nginx, '/healthz', { from: '127.0.7.4' }),
      await get(ports.nginx, '/healthz', { from: '127.0.7.5' }),
    ];
    assert(
      health.every((r) => r.status === 200 && r.cache === 'MISS' && r.headers['cache-control'] === 'no-store'),
      `/healthz: ${health.map(show)}`,
    );
    const healthLog = await logged(dir, '/healthz', 2);
    assert(
      healthLog.every((e) => e.upstream !== '-'),
      `each /healthz reached an instance: ${JSON.stringify(healthLog)}`,
    );
    seen.push(`/healthz twice: ${health.map((r) => `${r.status} ${r.cache}`).join(', ')}`);

    // A refused query is refused again for anyone (public, max-age=86400): kept and shared, as its header says.
    const bad = q('/v1/icp', { number: 'abc', t: 'limited' });
    const refused = [
      await get(ports.nginx, bad, { from: '127.0.7.4' }),
      await get(ports.nginx, bad, { from: '127.0.7.5' }),
    ];
    assert(
      refused.map((r) => `${r.status} ${r.cache}`).join() === '400 MISS,400 HIT' &&
        refused[1].body.equals(refused[0].body) &&
        refused[0].headers['cache-control'] === 'public, max-age=86400',
      `a 400: ${refused.map(show)}`,
    );
    seen.push(`400 twice: ${refused.map((r) => `${r.status} ${r.cache}`).join(', ')}`);
    console.log(`  (${seen.join('; ')})`);
  },
};
