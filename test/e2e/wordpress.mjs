// WordPress: Debian's real WordPress (6.1) on its own MariaDB and PHP's own server, set up once, and the plugin
// used, in Chromium, as a site owner and a visitor would: the footer, then the query form against our real lookup
// server, then deleting the plugin.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { lintHtml } from '../../src/cli/html.ts';
import { renderQueryHTML } from '../../src/core/index.ts';
import { serveDemo } from '../../demo/server.ts';
import { assert, assertVisibleFooter, buildBundle, NUMBERS, open, OUT, until } from './harness.mjs';

const exec = promisify(execFile);
const WORDPRESS = '/usr/share/wordpress'; // Debian's `wordpress` package
const PLUGIN = new URL('../../demo/integrations/wordpress/beian-elements/', import.meta.url).pathname;
const sbin = (name) => (existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
  });

/** Stops a process group this test started and waits for it to end. */
async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 10000);
  await ended;
  clearTimeout(timer);
}

/** A MariaDB of its own: a fresh data folder, root without a password, a unix socket only (no network). */
async function startMariaDB(root) {
  const data = join(root, 'db');
  const socket = join(root, 'db.sock');
  await exec('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${data}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--skip-name-resolve',
  ]);
  const server = spawn(
    sbin('mariadbd'),
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      '--skip-networking',
      '--user=root',
      `--pid-file=${join(root, 'db.pid')}`,
      `--log-error=${join(root, 'db.err')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=0',
    ],
    { stdio: 'ignore', detached: true },
  );
  const sql = async (query) =>
    (
      await exec('mariadb', [
        '--no-defaults',
        `--socket=${socket}`,
        '-uroot',
        '--default-character-set=utf8mb4',
        '-N',
        '-B',
        '-e',
        query,
      ])
    ).stdout;
  await until('MariaDB', () => sql('SELECT 1'), { child: server }).catch(async (e) => {
    throw new Error(`${e.message}\n${await readFile(join(root, 'db.err'), 'utf8').catch(() => '')}`);
  });
  await sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  return { server, socket, sql };
}

/**
 * The site's folder: WordPress's own files with a wp-config.php of its own (Debian's reads /etc/wordpress, and
 * WordPress finds its config next to the wp-load.php it runs, so the entry files and wp-admin are copies;
 * wp-includes and the themes are links), a wp-content with the themes Debian ships and the plugin as a site owner
 * installs it: the folder, with dist/cdn's bundle and icon in its assets/.
 */
async function makeSite(root, socket) {
  const site = join(root, 'site');
  await mkdir(join(site, 'wp-content/plugins'), { recursive: true });
  await mkdir(join(site, 'wp-content/themes'));
  await mkdir(join(site, 'wp-content/uploads'));
  for (const entry of await readdir(WORDPRESS, { withFileTypes: true })) {
    if (entry.name === 'wp-config.php' || entry.name === 'wp-content') continue;
    const from = join(WORDPRESS, entry.name);
    if (entry.name === 'wp-includes') await symlink(from, join(site, entry.name));
    else await cp(from, join(site, entry.name), { recursive: true, verbatimSymlinks: true });
  }
  for (const theme of await readdir(join(WORDPRESS, 'wp-content/themes'))) {
    await symlink(join(WORDPRESS, 'wp-content/themes', theme), join(site, 'wp-content/themes', theme));
  }
  const plugin = join(site, 'wp-content/plugins/beian-elements');
  await cp(PLUGIN, plugin, { recursive: true });
  await buildBundle(join(plugin, 'assets'));
  await buildBundle(join(plugin, 'assets'), 'cdn:query');
  const salt = () => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  const keys = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  await writeFile(
    join(site, 'wp-config.php'),
    `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', ${JSON.stringify(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${keys.map((k) => `define('${k}', '${salt()}');`).join('\n')}
$table_prefix = 'wp_';
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', ${JSON.stringify(join(root, 'debug.log'))});
define('WP_HTTP_BLOCK_EXTERNAL', true); // no wordpress.org: no waiting on a closed network
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
  );
  return site;
}

/**
 * PHP's own server on loopback, several workers (the editor loads many files at once), with a router doing what
 * WordPress's .htaccess does: a file or folder that exists is served, any other path goes to index.php (pretty
 * permalinks, /wp-json/, /favicon.ico).
 */
async function startPHP(root, site, port) {
  const router = join(root, 'router.php');
  await writeFile(
    router,
    `<?php
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if ($path !== '/' && file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) {
	return false;
}
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['SCRIPT_FILENAME'];
`,
  );
  let log = '';
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', site, router], {
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  server.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-200000);
  });
  const url = `http://127.0.0.1:${port}`;
  await until('php -S', async () => (await fetch(`${url}/wp-includes/css/buttons.css`)).ok, { child: server });
  return { server, url, log: () => log };
}

/** The scripts of a page that load the element (`file`: the badge's, or the query form's). */
const scriptsOf = (page, file = 'beian-badge.js') =>
  page.evaluate(
    (name) =>
      [...document.scripts].filter((s) => s.src.includes(name)).map((s) => `${s.type} ${new URL(s.src).pathname}`),
    file,
  );

/**
 * A visitor's page: the footer in `selector` (if given) and the every-page one are seen, upgraded to FOOTER; the
 * element is loaded once, as a module; nothing went wrong.
 */
async function visit(url, what, { selector, shot } = {}) {
  const { page, problems, close } = await open('', { base: url });
  try {
    if (selector) await assertVisibleFooter(page, what, { selector });
    await assertVisibleFooter(page, `${what} (every page)`, { selector: '.beian-elements-footer beian-badge' });
    const scripts = await scriptsOf(page);
    assert(
      scripts.length === 1 && scripts[0] === 'module /wp-content/plugins/beian-elements/assets/beian-badge.js',
      `${what}: the element is loaded once, as a module: ${scripts}`,
    );
    const query = await scriptsOf(page, 'beian-query.js');
    assert(query.length === 0, `${what}: no query form, no query script: ${query}`);
    const failed = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((r) => r.responseStatus >= 400)
        .map((r) => `${r.responseStatus} ${r.name}`),
    );
    assert(problems.length === 0, `${what}: ${problems.join('\n')}\n${failed.join('\n')}`);
    if (shot) await page.screenshot({ path: `${OUT}wordpress-${shot}.png`, fullPage: true });
  } finally {
    await close();
  }
}

/** The site the tests share (set up once: the slow part), and what they started. */
let wp;
let setUp;

/**
 * Sets up the site on first use: MariaDB, the site's folder with the plugin (not active yet), PHP's server, and
 * WordPress installed in Chromium as on a new host, its owner logged in; the admin's page and its errors.
 */
function wordpress() {
  setUp ??= (async () => {
    wp = { root: await mkdtemp(join(tmpdir(), 'beian-wp-')), adminErrors: [] };
    try {
      const port = await freePort();
      wp.db = await startMariaDB(wp.root);
      const site = await makeSite(wp.root, wp.db.socket);
      wp.php = await startPHP(wp.root, site, port);
      const { php } = wp;

      // Install, as on a new host: the installer's form, then the login page.
      wp.admin = await open('/wp-admin/install.php', { base: php.url });
      const { page } = wp.admin;
      // Off the closed network: what the admin would fetch from elsewhere (avatars, the editor's welcome images) fails at once.
      await wp.admin.context.route(
        (url) => url.origin !== php.url,
        (route) => route.abort(),
      );
      // The admin's own errors: its console's, and every failed answer from this site, but for the closed network's
      // (the inserter also searches WordPress.org's block directory, which this site's server cannot reach: a 500).
      const { adminErrors } = wp;
      page.on(
        'console',
        (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && adminErrors.push(m.text()),
      );
      page.on(
        'response',
        (r) =>
          r.status() >= 400 &&
          r.url().startsWith(php.url) &&
          !r.url().includes('/wp/v2/block-directory/') &&
          adminErrors.push(`${r.status()} ${r.url()}`),
      );
      await page.fill('#weblog_title', 'Filing test');
      await page.fill('#user_login', 'owner');
      // The form puts its suggested password in once the strength meter (zxcvbn, loaded late) is there: then ours.
      await page.waitForFunction(() => typeof window.zxcvbn === 'function');
      await page.fill('#pass1', 'Kq8#vR2!mZ7@pL4x');
      await page.fill('#admin_email', 'owner@example.com');
      await page.click('#submit');
      await page.getByRole('heading', { name: 'Success!' }).waitFor();
      await page.goto(`${php.url}/wp-login.php`);
      // The login form focuses its first field 200 ms after it shows: typing before then can land in the wrong field.
      await page.waitForFunction(() => document.activeElement?.id === 'user_login');
      await page.fill('#user_login', 'owner');
      await page.fill('#user_pass', 'Kq8#vR2!mZ7@pL4x');
      await page.click('#wp-submit');
      await page.waitForURL(/\/wp-admin\/$/);

      // WordPress's Chinese edition keeps the ICP number in this option: the plugin's default.
      await wp.db.sql(
        `INSERT INTO wordpress.wp_options (option_name, option_value, autoload) VALUES ('zh_cn_l10n_icp_num', '${NUMBERS.icp}', 'yes')`,
      );
    } catch (e) {
      await failed();
      throw e;
    }
    return wp;
  })();
  return setUp;
}

/** What went wrong, for the log: the admin's page as it was, and what PHP's server saw last. */
async function failed() {
  if (wp?.admin) await wp.admin.page.screenshot({ path: `${OUT}wordpress-admin-failure.png` }).catch(() => {});
  // (Playwright's errors keep their first message, so this goes to the log.)
  if (wp?.php)
    console.log(
      `php -S, last requests:\n${wp.php
        .log()
        .split('\n')
        .filter((l) => !/ (Accepted|Closing)$/.test(l))
        .slice(-20)
        .join('\n')}`,
    );
}

/** Runs one test on the shared site; then nothing went wrong in the admin, and WordPress logged nothing about the plugin. */
async function onSite(test) {
  const site = await wordpress();
  try {
    await test(site);
    const errors = site.adminErrors.splice(0);
    assert(errors.length === 0, `the admin pages and the editor: ${errors.join('\n')}`);
    // (Core's own PHP 8.2 deprecations aside.)
    const logged = (await readFile(join(site.root, 'debug.log'), 'utf8').catch(() => ''))
      .split('\n')
      .filter((l) => l.includes('/plugins/beian-elements/'));
    assert(logged.length === 0, `debug.log: ${logged.join('\n')}`);
  } catch (e) {
    site.adminErrors.length = 0; // this test's, reported with its failure
    await failed();
    throw e;
  }
}

/** The plugin active (a test run on its own finds it as installed). */
async function activated(page, url) {
  await page.goto(`${url}/wp-admin/plugins.php`);
  const activate = page.getByRole('link', { name: 'Activate beian-elements', exact: true }); // (not "Deactivate …")
  if (await activate.count()) {
    await activate.click();
    await page.getByText('Plugin activated.').waitFor();
  }
}

/** A new post in the block editor, in its visual or its code editor (the choice stays from the last post). */
async function newPost(page, url, editor) {
  await page.goto(`${url}/wp-admin/post-new.php`);
  await page.locator('.edit-post-layout').waitFor();
  // The welcome guide comes on a first visit only (the footer's test closes it with its button).
  await page.evaluate(
    () =>
      window.wp.data.select('core/edit-post').isFeatureActive('welcomeGuide') &&
      window.wp.data.dispatch('core/edit-post').toggleFeature('welcomeGuide'),
  );
  await page.getByRole('textbox', { name: 'Add title' }).waitFor();
  await page.getByRole('button', { name: 'Options' }).click();
  const mode = page.getByRole('menuitemradio', { name: new RegExp(editor) });
  if ((await mode.getAttribute('aria-checked')) !== 'true') await mode.click();
  if (await page.getByRole('menu', { name: 'Options' }).isVisible()) await page.keyboard.press('Escape');
}

/** Publishes the post in the editor; its address. */
async function publish(page) {
  await page
    .getByRole('region', { name: 'Editor top bar' })
    .getByRole('button', { name: 'Publish', exact: true })
    .click();
  await page
    .getByRole('region', { name: 'Editor publish' })
    .getByRole('button', { name: 'Publish', exact: true })
    .click();
  return page
    .getByRole('region', { name: 'Editor publish' })
    .getByRole('link', { name: 'View Post' })
    .getAttribute('href');
}

/** Searches `text` in a query form and returns the cells of the record whose row shows `expected`. */
async function search(form, text, expected) {
  await form.locator('input[type="search"]').fill(text);
  await form.locator('[part~="submit"]').click();
  const row = form
    .locator('tbody tr')
    .filter({ has: form.page().locator(`td:text-is(${JSON.stringify(expected)})`) })
    .first();
  await row.waitFor();
  return row.locator('td').allTextContents();
}

/** The two links of the query form's fallback: to the official query sites. */
const OFFICIAL = ['https://beian.miit.gov.cn/#/Integrated/recordQuery', 'https://beian.mps.gov.cn/#/query/webSearch'];

let lookup;

export const tests = {
  async 'WordPress 6.1 (Debian, MariaDB, php -S): install, activate, settings, the block from the inserter, the shortcode, the every-page footer on a block and a classic theme'() {
    await onSite(async ({ php, admin: { page } }) => {
      // The Plugins page: the row's metadata as written (nothing stripped), then Activate and the row's Settings link.
      await page.goto(`${php.url}/wp-admin/plugins.php`);
      const row = page.locator('tr[data-plugin="beian-elements/beian-elements.php"]');
      const header = await readFile(join(PLUGIN, 'beian-elements.php'), 'utf8');
      const description = header.match(/^ \* Description: +(.*)$/m)[1];
      assert(
        (await row.locator('.plugin-description').innerText()).trim() === description,
        `the Plugins page shows the description as written: ${await row.locator('.plugin-description').innerText()}`,
      );
      assert((await row.locator('.plugin-title strong').innerText()) === 'beian-elements', 'the plugin’s name');
      assert(
        /^Version 0\.1\.0 \| By beian-elements$/.test(
          (await row.locator('.plugin-version-author-uri').innerText()).trim(),
        ),
        `version and author: ${await row.locator('.plugin-version-author-uri').innerText()}`,
      );
      await row.getByRole('link', { name: 'Activate beian-elements' }).click();
      await page.getByText('Plugin activated.').waitFor();
      await page
        .locator('tr[data-plugin="beian-elements/beian-elements.php"]')
        .getByRole('link', { name: 'Settings' })
        .click();

      // Settings → Filing numbers: the ICP number defaults to zh_cn_l10n_icp_num, the footer is on; add the 公安 number.
      await page.getByRole('heading', { name: 'Filing numbers (备案信息)' }).waitFor();
      assert(
        (await page.locator('#adminmenu a[href="options-general.php?page=beian-elements"]').innerText()) ===
          'Filing numbers',
        'the page is in the Settings menu',
      );
      const icpField = page.getByLabel('ICP number (ICP备案号)');
      const psbField = page.getByLabel('公安 number (公安备案号)');
      const everyPage = page.getByLabel('Show the footer at the bottom of every page');
      assert(
        (await icpField.inputValue()) === NUMBERS.icp,
        `the ICP number defaults to zh_cn_l10n_icp_num: ${await icpField.inputValue()}`,
      );
      assert(
        (await psbField.inputValue()) === '' && (await everyPage.isChecked()),
        'no 公安 number yet, the footer on',
      );
      await psbField.fill(` ${NUMBERS.psb} `);
      await page.getByRole('button', { name: 'Save Changes' }).click();
      await page.getByText('Settings saved.').waitFor();
      assert(
        (await psbField.inputValue()) === NUMBERS.psb && (await icpField.inputValue()) === NUMBERS.icp,
        'the numbers are saved, trimmed',
      );

      // A visitor on the block theme Debian ships (Twenty Twenty-Three): the footer on every page, no theme edit.
      await visit(`${php.url}/`, 'WordPress home, Twenty Twenty-Three', { shot: 'home-twentytwentythree' });

      // The block editor: the block is in the inserter, its inspector shows the settings' numbers, it renders.
      await page.goto(`${php.url}/wp-admin/post-new.php`);
      const guide = page.getByRole('dialog', { name: /Welcome to the block editor/ });
      await guide.getByRole('button', { name: 'Close' }).click({ timeout: 15000 });
      await page.getByRole('textbox', { name: 'Add title' }).fill('The filing footer block');
      await page.getByRole('button', { name: 'Toggle block inserter' }).click();
      await page.getByRole('searchbox', { name: /Search/ }).fill('备案');
      await page.getByRole('option', { name: 'Filing footer (备案信息)' }).click();
      const inEditor = page.locator('.wp-block-beian-elements-footer a[href="https://beian.miit.gov.cn/"]');
      await inEditor.waitFor();
      assert((await inEditor.innerText()) === NUMBERS.icp, 'the editor shows the block as the server renders it');
      const sidebar = page
        .getByRole('region', { name: 'Editor top bar' })
        .getByRole('button', { name: 'Settings', exact: true });
      if ((await sidebar.getAttribute('aria-expanded')) !== 'true') await sidebar.click();
      const icpInput = page.getByRole('textbox', { name: 'ICP number (ICP备案号)' });
      assert(
        (await icpInput.getAttribute('placeholder')) === NUMBERS.icp &&
          (await page.getByRole('textbox', { name: '公安 number (公安备案号)' }).getAttribute('placeholder')) ===
            NUMBERS.psb,
        'the inspector’s fields show the settings’ numbers',
      );
      await page
        .getByRole('region', { name: 'Editor top bar' })
        .getByRole('button', { name: 'Publish', exact: true })
        .click();
      await page
        .getByRole('region', { name: 'Editor publish' })
        .getByRole('button', { name: 'Publish', exact: true })
        .click();
      const blockPost = await page
        .getByRole('region', { name: 'Editor publish' })
        .getByRole('link', { name: 'View Post' })
        .getAttribute('href');
      await visit(blockPost, 'WordPress block, Twenty Twenty-Three', {
        selector: '.wp-block-beian-elements-footer beian-badge',
        shot: 'block',
      });

      // The shortcode, typed in the code editor: with no numbers (the settings), and hostile or malformed ones.
      const hostile = `[beian_badge icp='"><script>alert(1)</script>' psb="1101<b>0502030143"]`;
      const longer = '[beian_badge psb="京公网安备110106022022159999号"]';
      await page.goto(`${php.url}/wp-admin/post-new.php`);
      await page.getByRole('button', { name: 'Options' }).click();
      await page.getByRole('menuitemradio', { name: /Code editor/ }).click();
      await page.getByRole('textbox', { name: 'Add title' }).fill('The shortcode');
      await page.getByRole('textbox', { name: 'Type text or HTML' }).fill(`${hostile}\n\n${longer}\n\n[beian_badge]`);
      await page
        .getByRole('region', { name: 'Editor top bar' })
        .getByRole('button', { name: 'Publish', exact: true })
        .click();
      await page
        .getByRole('region', { name: 'Editor publish' })
        .getByRole('button', { name: 'Publish', exact: true })
        .click();
      const shortcodePost = await page
        .getByRole('region', { name: 'Editor publish' })
        .getByRole('link', { name: 'View Post' })
        .getAttribute('href');
      await visit(shortcodePost, 'WordPress shortcode, Twenty Twenty-Three', {
        selector: '.wp-block-post-content beian-badge',
      });

      // What the server printed: escaped, no record link for a code inside other text or for 18 digits; lints clean.
      const html = await (await fetch(shortcodePost)).text();
      const badges = html.match(/<beian-badge[^]*?<\/beian-badge>/g);
      assert(badges.length === 4, `three shortcodes and the footer: ${badges.length}`);
      const [evil, long, fallback, strip] = badges;
      assert(
        !/<script|<b>/.test(evil) && evil.includes('&lt;script&gt;') && !evil.includes('code='),
        `escaped, no record link: ${evil}`,
      );
      assert(
        !long.includes('code=') && long.includes('href="https://beian.mps.gov.cn/"'),
        `18 digits, no record link: ${long}`,
      );
      // (WordPress adds loading="lazy" and decoding="async" to images in a post's content.)
      const images = (badge) => badge.replace(/ (?:loading="lazy"|decoding="async")/g, '');
      assert(images(fallback) === strip, `the shortcode with no numbers prints the settings: ${fallback}`);
      const findings = lintHtml(strip).findings.map((f) => f.rule);
      assert(findings.length === 0, `the printed footer lints clean: ${findings}`);
      // Without JavaScript: the plain links, as printed.
      const noJs = await open('', { base: shortcodePost, javaScriptEnabled: false });
      try {
        const links = await noJs.page
          .locator('.beian-elements-footer a')
          .evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
        assert(
          JSON.stringify(links) ===
            JSON.stringify([
              [NUMBERS.icp, 'https://beian.miit.gov.cn/'],
              [NUMBERS.psb, 'https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215'],
            ]),
          `the plain links: ${JSON.stringify(links)}`,
        );
      } finally {
        await noJs.close();
      }

      // A classic theme (Twenty Twenty-One, Debian's wordpress-theme-twentytwentyone): activated on the Themes page.
      await page.goto(`${php.url}/wp-admin/themes.php`);
      await page.locator('.theme[data-slug="twentytwentyone"]').hover();
      await page.getByRole('link', { name: 'Activate Twenty Twenty-One' }).click();
      await page.getByText('New theme activated.').waitFor();
      await visit(`${php.url}/`, 'WordPress home, Twenty Twenty-One', { shot: 'home-twentytwentyone' });
      await visit(shortcodePost, 'WordPress shortcode, Twenty Twenty-One', {
        selector: '.entry-content beian-badge',
        shot: 'shortcode-twentytwentyone',
      });
      await visit(blockPost, 'WordPress block, Twenty Twenty-One', {
        selector: '.wp-block-beian-elements-footer beian-badge',
      });

      // Untick "every page": the footer goes, the block stays.
      await page.goto(`${php.url}/wp-admin/options-general.php?page=beian-elements`);
      await page.getByLabel('Show the footer at the bottom of every page').uncheck();
      await page.getByRole('button', { name: 'Save Changes' }).click();
      await page.getByText('Settings saved.').waitFor();
      const off = await (await fetch(blockPost)).text();
      assert(
        !off.includes('class="beian-elements-footer"') && off.includes('wp-block-beian-elements-footer'),
        'no footer on every page once unticked',
      );
    });
  },

  async 'WordPress 6.1: the Filing lookup (备案查询) block from the inserter and the [beian_query] shortcode search our lookup server, set on the settings page; without JavaScript, the official query sites'() {
    await onSite(async ({ root, php, admin: { page } }) => {
      // Our real lookup server on loopback (the demo dataset, CORS *), on a port of its own: another origin.
      if (!lookup) {
        await mkdir(join(root, 'lookup'));
        lookup = await serveDemo({ root: join(root, 'lookup') });
      }
      const endpoint = `${lookup.url}v1`;
      await activated(page, php.url);

      // Settings → Filing numbers: the lookup service, refused unless it is an http(s) URL, then saved.
      await page.goto(`${php.url}/wp-admin/options-general.php?page=beian-elements`);
      await page.getByRole('heading', { name: 'Query form (备案查询)' }).waitFor();
      const lookupField = page.getByLabel('Lookup service (https://…/v1)');
      assert((await lookupField.inputValue()) === '', `no lookup service yet: ${await lookupField.inputValue()}`);
      assert(
        (await page.locator('#beian-elements-lookup + .description').innerText()).includes(
          'searched by the query forms on this site',
        ),
        'the page says what the lookup service is for',
      );
      await lookupField.fill('ftp://beian.example.com/v1');
      await page.getByRole('button', { name: 'Save Changes' }).click();
      await page.getByText('The lookup service must be an absolute http:// or https:// address').waitFor();
      assert(
        (await page.getByLabel('Lookup service (https://…/v1)').inputValue()) === '',
        'an ftp: address is not saved',
      );
      await page.getByLabel('Lookup service (https://…/v1)').fill(` ${endpoint} `);
      await page.getByRole('button', { name: 'Save Changes' }).click();
      await page.getByText('Settings saved.').waitFor();
      assert(
        (await page.getByLabel('Lookup service (https://…/v1)').inputValue()) === endpoint,
        'the lookup service is saved, trimmed',
      );
      assert((await page.getByLabel('ICP number (ICP备案号)').inputValue()) === NUMBERS.icp, 'the numbers stay');

      // The block editor: the block is in the inserter; the editor shows the server's rendering (the fallback, in
      // the site's language: en-US); the sidebar has the form's settings, the lookup's placeholder the settings' one.
      await newPost(page, php.url, 'Visual editor');
      await page.getByRole('textbox', { name: 'Add title' }).fill('备案查询');
      await page.getByRole('button', { name: 'Toggle block inserter' }).click();
      await page.getByRole('searchbox', { name: /Search/ }).fill('备案查询');
      await page.getByRole('option', { name: 'Filing lookup (备案查询)' }).click();
      const inEditor = page.locator('.wp-block-beian-elements-query beian-query');
      await inEditor.locator('a').first().waitFor();
      assert(
        (await inEditor.innerText()).startsWith('Search the official registries: ') &&
          JSON.stringify(await inEditor.locator('a').evaluateAll((as) => as.map((a) => a.href))) ===
            JSON.stringify(OFFICIAL),
        `the editor shows the fallback as the server renders it: ${await inEditor.innerHTML()}`,
      );
      const sidebar = page
        .getByRole('region', { name: 'Editor top bar' })
        .getByRole('button', { name: 'Settings', exact: true });
      if ((await sidebar.getAttribute('aria-expanded')) !== 'true') await sidebar.click();
      const lookupInput = page.getByRole('textbox', { name: 'Lookup service (https://…/v1)' });
      assert(
        (await lookupInput.getAttribute('placeholder')) === endpoint,
        `the lookup field shows the settings’ one: ${await lookupInput.getAttribute('placeholder')}`,
      );
      const values = (name) =>
        page
          .getByRole('combobox', { name })
          .locator('option')
          .evaluateAll((os) => os.map((o) => o.value).join(' '));
      assert(
        (await values('Language (lang)')) === ' zh-CN zh-TW en' &&
          (await values('Searches first (mode)')) === ' icp psb' &&
          (await values('ICP record type (type)')) === ' web app miniapp quickapp',
        'the sidebar’s lang, mode and type',
      );
      await page.getByRole('combobox', { name: 'Language (lang)' }).selectOption('zh-CN');
      await page.getByRole('checkbox', { name: /url-state/ }).check();
      await page.locator('.wp-block-beian-elements-query beian-query[lang="zh-CN"][url-state]').waitFor();
      assert(
        (await inEditor.innerText()).startsWith('在官方网站查询备案：'),
        `rendered again with the sidebar’s settings: ${await inEditor.innerText()}`,
      );
      const queryPost = await publish(page);

      // What the server printed: renderQueryHTML()'s structure for these settings, in the block's wrapper; the
      // pages without a form load no query script.
      const printed = await (await fetch(queryPost)).text();
      const block = `<div class="wp-block-beian-elements-query">${renderQueryHTML({ lookup: endpoint, lang: 'zh-CN', urlState: true })}</div>`;
      assert(
        printed.includes(block),
        `the block prints renderQueryHTML’s form: ${printed.match(/<beian-query[^]*?<\/beian-query>/)?.[0]}`,
      );
      assert(
        !(await (await fetch(`${php.url}/`)).text()).includes('beian-query.js'),
        'no query script on a page without the form',
      );

      // A visitor: the form searches the lookup service, a domain in ICP records, then a 公安 code.
      const visitor = await open('', { base: queryPost });
      try {
        const { page: tab, problems } = visitor;
        const form = tab.locator('.wp-block-beian-elements-query beian-query');
        const icp = await search(form, 'mi.cn', '京ICP备10046444号-9');
        assert(icp[0] === '小米科技有限责任公司' && icp[4] === 'mi.cn', `mi.cn: ${icp}`);
        assert(
          new URL(tab.url()).searchParams.get('q') === 'mi.cn',
          `url-state: the search is in the address: ${tab.url()}`,
        );
        // The README's picture in demo/screenshots is copied from here.
        await form.screenshot({ path: `${OUT}wordpress-query.png` });
        await form.locator('input[value="psb"]').check();
        const psb = await search(form, '44030002000001', '粤公网安备44030002000001号');
        assert(
          psb[0] === '腾讯网' && psb[1] === 'qq.com' && psb[2] === '深圳市腾讯计算机系统有限公司',
          `44030002000001: ${psb}`,
        );
        // Loaded once, a classic script, deferred, after the content, with no data- attribute (which would add a form).
        const scripts = await tab.evaluate(() =>
          [...document.scripts]
            .filter((s) => s.src.includes('beian-query.js'))
            .map((s) => ({
              path: new URL(s.src).pathname,
              type: s.type,
              defer: s.defer,
              head: document.head.contains(s),
              data: s.getAttributeNames().filter((n) => n.startsWith('data-')),
            })),
        );
        assert(
          JSON.stringify(scripts) ===
            JSON.stringify([
              {
                path: '/wp-content/plugins/beian-elements/assets/beian-query.js',
                type: '',
                defer: true,
                head: false,
                data: [],
              },
            ]),
          `the query script, once, classic, deferred, in the footer: ${JSON.stringify(scripts)}`,
        );
        assert((await tab.locator('beian-query').count()) === 1, 'one form: the script adds none of its own');
        const failures = await tab.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((r) => r.responseStatus >= 400)
            .map((r) => `${r.responseStatus} ${r.name}`),
        );
        assert(problems.length === 0, `the query form on WordPress: ${problems.join('\n')}\n${failures.join('\n')}`);
      } finally {
        await visitor.close();
      }

      // Without JavaScript: the links to the official query sites, visible, in the block's language.
      const noJs = await open('', { base: queryPost, javaScriptEnabled: false });
      try {
        const links = noJs.page.locator('.wp-block-beian-elements-query beian-query a');
        const seen = await links.evaluateAll((as) => as.map((a) => [a.textContent, a.href, a.target, a.rel]));
        assert(
          JSON.stringify(seen) ===
            JSON.stringify([
              ['ICP 备案（工业和信息化部）', OFFICIAL[0], '_blank', 'noopener noreferrer'],
              ['公安联网备案（公安部）', OFFICIAL[1], '_blank', 'noopener noreferrer'],
            ]),
          `the fallback links: ${JSON.stringify(seen)}`,
        );
        for (const link of await links.all())
          assert(await link.isVisible(), `${await link.textContent()} is visible without JavaScript`);
      } finally {
        await noJs.close();
      }

      // The shortcode, typed in the code editor: in 公安 mode; every attribute; and hostile or unknown values.
      await newPost(page, php.url, 'Code editor');
      await page.getByRole('textbox', { name: 'Add title' }).fill('The query shortcode');
      const hostile = `[beian_query lookup='"><script>alert(1)</script>' lang="<b>en</b>" mode="PSB" type="web onload=alert(1)"]`;
      await page
        .getByRole('textbox', { name: 'Type text or HTML' })
        .fill(
          `[beian_query mode="psb"]\n\n[beian_query lang="zh-TW" type="app" url_state lookup="ftp://beian.example.com/v1"]\n\n${hostile}`,
        );
      const shortcodePost = await publish(page);
      const forms = (await (await fetch(shortcodePost)).text()).match(/<beian-query[^]*?<\/beian-query>/g);
      // With no lang, the words of the site's language (en-US), as the element reads the page's; no lang attribute.
      const siteLang = (options) => renderQueryHTML({ ...options, lang: 'en-US' }).replace(' lang="en-US"', '');
      assert(
        JSON.stringify(forms) ===
          JSON.stringify([
            siteLang({ lookup: endpoint, mode: 'psb' }),
            renderQueryHTML({ lookup: endpoint, lang: 'zh-TW', type: 'app', urlState: true }),
            siteLang({ lookup: endpoint }),
          ]),
        `the shortcodes print renderQueryHTML’s forms, unknown values left out: ${forms?.join('\n')}`,
      );
      const shortcodeVisitor = await open('', { base: shortcodePost });
      try {
        const { page: tab, problems } = shortcodeVisitor;
        const form = tab.locator('.wp-block-post-content beian-query, .entry-content beian-query').first();
        const psb = await search(form, 'qq.com', '粤公网安备44030002000001号');
        assert(psb[0] === '腾讯网', `qq.com in 公安 mode, from the attribute: ${psb}`);
        assert((await scriptsOf(tab, 'beian-query.js')).length === 1, 'three forms, one script');
        assert(problems.length === 0, `the shortcode’s forms on WordPress: ${problems.join('\n')}`);
      } finally {
        await shortcodeVisitor.close();
      }
    });
  },

  async 'WordPress 6.1: deactivating and deleting the plugin on the Plugins page removes its settings'() {
    await onSite(async ({ php, db, admin: { page } }) => {
      // Deactivate and delete on the Plugins page: its settings go (the lookup service too), WordPress's own option stays.
      await activated(page, php.url);
      await page.getByRole('link', { name: 'Deactivate beian-elements' }).click();
      await page.getByText('Plugin deactivated.').waitFor();
      await page.waitForLoadState('load'); // Delete asks and deletes in the page once its script has loaded
      page.once('dialog', (dialog) => dialog.accept());
      await page.getByRole('link', { name: 'Delete beian-elements' }).click();
      await page.getByText('beian-elements was successfully deleted.').waitFor();
      const options = await db.sql(
        "SELECT option_name FROM wordpress.wp_options WHERE option_name IN ('beian_elements', 'zh_cn_l10n_icp_num')",
      );
      assert(options.trim() === 'zh_cn_l10n_icp_num', `deleting the plugin removes its settings: ${options}`);
    });
  },
};

/** Stops what the tests started: the browser page, PHP's server, MariaDB, the lookup server; removes the site. */
export async function teardown() {
  if (!wp) return;
  await wp.admin?.close();
  await stop(wp.php?.server);
  await stop(wp.db?.server);
  await lookup?.close();
  await rm(wp.root, { recursive: true, force: true });
}
