// How every test finds and launches Chromium: as root in CI (--no-sandbox), kept off the closed network.
//
// Which browser, first match wins:
//   1. CHROMIUM_BIN, when it names an executable file (when it names none: a warning, then the next steps);
//   2. Debian's /usr/bin/chromium (apt-get install chromium fonts-wqy-microhei);
//   3. the headless Chromium shipped inside the @sparticuz/chromium devDependency: no apt step, no download, it
//      comes with `npm install`. Unpacked once per version into node_modules/.cache/ (about 5 s the first time).
// BEIAN_NO_SYSTEM_BROWSER=1 skips 1 and 2, to check the npm one on a machine that has Debian's.
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--accept-lang=zh-CN',
];

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const NPM_CHROMIUM = '@sparticuz/chromium';

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The npm-shipped Chromium, unpacked into node_modules/.cache/beian-chromium-<version>/ (atomically: tests may start in parallel). */
async function npmChromium() {
  const require = createRequire(import.meta.url);
  let root;
  try {
    root = join(dirname(require.resolve(NPM_CHROMIUM)), '..', '..'); // <pkg>/build/cjs/index.cjs
  } catch {
    throw new Error(
      `No Chromium: neither CHROMIUM_BIN nor ${SYSTEM_CHROMIUM} exists, and ${NPM_CHROMIUM} is not ` +
        'installed (run `npm install`, or `apt-get install chromium fonts-wqy-microhei`).',
    );
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const cacheRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache');
  const dir = join(cacheRoot, `beian-chromium-${version}`);
  const bin = join(dir, 'chromium');
  if (isExecutable(bin)) return bin;

  // The package unpacks into os.tmpdir() (its binary, fonts and SwiftShader side by side): point that at a fresh
  // staging folder, then move the folder into place in one step.
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, `beian-chromium-${version}.tmp-`));
  const { default: chromium } = await import(NPM_CHROMIUM);
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await chromium.executablePath(join(root, 'bin'));
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true }); // another process got there first
    if (!isExecutable(bin)) throw error;
  }
  return bin;
}

async function findChromium() {
  const noSystem = process.env.BEIAN_NO_SYSTEM_BROWSER === '1';
  const fromEnv = process.env.CHROMIUM_BIN;
  if (!noSystem && fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.warn(`CHROMIUM_BIN=${fromEnv} is not an executable file; looking for another Chromium`);
  }
  if (!noSystem && existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return npmChromium();
}

/** The browser's path: resolved once per process (top-level await; every importer is an ES module). */
export const CHROMIUM_BIN = await findChromium();
