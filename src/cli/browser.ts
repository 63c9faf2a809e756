/**
 * The Chromium that `beian lint --render` drives through playwright-core, both optional: the command works without
 * them, and says what to install when --render needs them.
 *
 * Which browser, first match wins: CHROMIUM_BIN; a system Chromium or Chrome; the headless Chromium inside the
 * @sparticuz/chromium package, unpacked once per version into node_modules/.cache/ (where test/chromium.mjs
 * unpacks it too, so the tests and the command share one copy).
 */
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { UsageError } from './errors.js';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
const NPM_CHROMIUM = '@sparticuz/chromium';
const INSTALL =
  'install Chromium (apt-get install chromium, or npm install --save-dev @sparticuz/chromium) or set CHROMIUM_BIN to a Chromium or Chrome executable';

const ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches the browser; a missing playwright-core or browser is a UsageError that says how to fix it. */
export async function launchBrowser(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Browser> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new UsageError(
      '--render needs the playwright-core package, which is not installed: npm install --save-dev playwright-core',
      false,
    );
  }
  const executablePath = await findChromium(env);
  // Chromium refuses to run as root with its sandbox (containers, CI); elsewhere it keeps it, pages are untrusted.
  const args = process.getuid?.() === 0 ? [...ARGS, '--no-sandbox'] : ARGS;
  try {
    return await playwright.chromium.launch({ executablePath, args, timeout: timeoutMs });
  } catch (e) {
    throw new UsageError(
      `--render could not start the browser ${executablePath}: ${(e as Error).message.split('\n')[0]}`,
      false,
    );
  }
}

/** The browser's executable, or a UsageError naming what was looked for. */
export async function findChromium(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.CHROMIUM_BIN) {
    if (isExecutable(env.CHROMIUM_BIN)) return env.CHROMIUM_BIN;
    throw new UsageError(
      `CHROMIUM_BIN=${env.CHROMIUM_BIN} is not an executable file; point it at a Chromium or Chrome, or unset it`,
      false,
    );
  }
  const system = SYSTEM_BROWSERS.find(isExecutable);
  if (system) return system;
  const bundled = await npmChromium();
  if (bundled) return bundled;
  throw new UsageError(
    `--render needs a Chromium browser and found none (looked at CHROMIUM_BIN, ${SYSTEM_BROWSERS.join(', ')} and ${NPM_CHROMIUM}): ${INSTALL}`,
    false,
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium of @sparticuz/chromium, unpacked if need be; null when the package is not installed. */
async function npmChromium(): Promise<string | null> {
  let root;
  try {
    // <package>/build/cjs/index.cjs
    root = join(dirname(createRequire(import.meta.url).resolve(NPM_CHROMIUM)), '..', '..');
  } catch {
    return null;
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const cache = join(root, '..', '..', '.cache');
  const dir = join(cache, `beian-chromium-${version}`);
  const bin = join(dir, 'chromium');
  if (!isExecutable(bin)) await unpack(root, cache, dir);
  return bin;
}

/**
 * Unpacks the package's browser into `dir`. The package unpacks into os.tmpdir() (binary, fonts and SwiftShader
 * side by side): that is pointed at a fresh staging folder, then moved into place in one step, because another
 * process (a parallel test) may be unpacking the same version.
 */
async function unpack(root: string, cache: string, dir: string): Promise<void> {
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(`${dir}.tmp-`);
  const { default: chromium } = (await import(NPM_CHROMIUM)) as {
    default: { executablePath(input?: string): Promise<string> };
  };
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
    rmSync(staging, { recursive: true, force: true });
    if (!isExecutable(join(dir, 'chromium'))) throw error;
  }
}
