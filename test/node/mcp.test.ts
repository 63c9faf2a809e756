// `beian mcp`: the MCP server driven by the SDK's own client over stdio, each tool's answer compared with the JSON
// the CLI prints for the same input (main() in-process); the lookup tools ask the real lookup server on loopback.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { main } from '../../src/cli/main.js';
import { HTML_FILE, MAX_HTML_BYTES, NEEDS_SDK } from '../../src/cli/mcp.js';
import type { RunningServer } from '../../src/server/node.js';
import { TEST_DATA } from '../support/server.js';
import { loopbackServer } from '../support/loopback.js';
import { tempFile } from '../support/temp-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the CLI prints for argv, parsed (stdout is the JSON document). */
async function cliJson(argv: string[]): Promise<{ code: number; json: unknown }> {
  const out: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: () => {}, env: {} });
  return { code, json: JSON.parse(out.join('\n')) };
}

/** `beian mcp` as an assistant runs it: a child process on stdio, spoken to by the SDK's client. */
async function connect(args: string[], env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: 'node',
    args: ['--import', 'tsx', 'src/cli/beian.ts', 'mcp', ...args],
    cwd: ROOT,
    // No LANG, no BEIAN_LOOKUP: the server's defaults are the arguments' alone.
    env: { PATH: process.env.PATH!, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const client = new Client({ name: 'beian-test', version: '1.0.0' });
  // Anything on stdout that is not a protocol message lands here.
  const errors: Error[] = [];
  client.onerror = (e) => errors.push(e);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    errors,
    async call(name: string, args: Record<string, unknown>) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      assert.equal(result.content.length, 1);
      const [content] = result.content;
      assert.equal(content.type, 'text');
      const text = content.type === 'text' ? content.text : '';
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { isError: result.isError === true, text, json, structured: result.structuredContent };
    },
  };
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const FOOTER = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>示例</title></head>
<body>
<footer>
  <a href="http://www.miitbeian.gov.cn/">京ICP备2021012345号-1</a>
  <a href="https://beian.mps.gov.cn/#/query/webSearch?code=11010502012345">京公网安备11010502012345号</a>
</footer>
</body>
</html>
`;

describe('beian mcp over stdio', () => {
  let lookupServer: RunningServer;
  let lookup: string;
  let pages: Server;
  let page: string;
  let mcp: Awaited<ReturnType<typeof connect>>;

  before(async () => {
    lookupServer = await loopbackServer(TEST_DATA);
    lookup = `${lookupServer.url}/v1`;
    pages = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FOOTER));
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    page = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/`;
    mcp = await connect(['--lookup', lookup]);
  });
  after(async () => {
    await mcp?.client.close();
    await new Promise((resolve) => pages?.close(resolve));
    await lookupServer?.close();
  });

  it("introduces itself with the package's name and version, on stderr only", async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.deepEqual(mcp.client.getServerVersion(), { name: 'beian-elements', title: 'beian', version });
    assert.match(mcp.client.getInstructions() ?? '', /check_numbers/);
    assert.match(mcp.stderr(), new RegExp(`MCP server on stdio.*lookup service: ${lookup.replace(/[.]/g, '\\.')}`));
  });

  it('lists the five tools, each argument described, with their bounds', async () => {
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['check_numbers', 'lint_page', 'lookup_icp', 'lookup_psb', 'verify_site'],
    );
    const schema = Object.fromEntries(tools.map((t) => [t.name, t.inputSchema]));
    assert.deepEqual(
      Object.fromEntries(
        tools.map((t) => [t.name, [Object.keys(t.inputSchema.properties ?? {}), t.inputSchema.required ?? []]]),
      ),
      {
        check_numbers: [['numbers', 'host', 'lang'], ['numbers']],
        lint_page: [['html', 'url', 'host', 'home', 'require', 'lookup', 'lang'], []],
        lookup_icp: [['query', 'lookup', 'lang'], ['query']],
        lookup_psb: [['query', 'lookup', 'lang'], ['query']],
        verify_site: [['domain', 'icp', 'psb', 'lookup', 'lang'], ['domain']],
      },
    );
    for (const tool of tools) {
      assert.ok((tool.description?.length ?? 0) > 80, `${tool.name} is described`);
      assert.equal(tool.annotations?.readOnlyHint, true);
      for (const [name, property] of Object.entries(tool.inputSchema.properties ?? {})) {
        assert.ok((property as { description?: string }).description, `${tool.name}.${name} is described`);
      }
    }
    const properties = (name: string) => schema[name].properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(
      [properties('check_numbers').numbers.minItems, properties('check_numbers').numbers.maxItems],
      [1, 100],
    );
    assert.equal(properties('lint_page').html.maxLength, MAX_HTML_BYTES);
    assert.deepEqual(properties('check_numbers').lang.enum, ['en', 'zh']);
  });

  it('check_numbers answers what beian check --json prints, in either language', async () => {
    const numbers = [
      '京ICP备2021012345号-1',
      '沪ICP备 15045419号－1',
      '吉公网安备22020202000263',
      '黔公网安备33010802007421号',
      '京ICP备11041704号-1',
      'hello',
    ];
    for (const [args, argv] of [
      [{ numbers }, ['check', '--json', ...numbers]],
      [
        { numbers, host: 'example.cn', lang: 'zh' },
        ['check', '--json', '--host', 'example.cn', '--lang', 'zh', ...numbers],
      ],
    ] as const) {
      const result = await mcp.call('check_numbers', args);
      const cli = await cliJson([...argv]);
      assert.equal(result.isError, false);
      assert.deepEqual(result.json, cli.json);
      assert.deepEqual(result.structured, { filings: cli.json });
    }
  });

  it('lint_page lints html as beian lint --json lints the same file, with and without the lookup service', async () => {
    const file = await tempFile('page.html', FOOTER);
    const asFile = (json: unknown) => {
      const report = json as { pages: { file: string }[] };
      return { ...report, pages: report.pages.map((p) => ({ ...p, file: p.file === file ? HTML_FILE : p.file })) };
    };
    const plain = await mcp.call('lint_page', { html: FOOTER, home: true, require: ['icp', 'psb'] });
    assert.equal(plain.isError, false);
    assert.deepEqual(
      plain.json,
      asFile((await cliJson(['lint', '--json', '--home', '--require', 'icp,psb', file])).json),
    );
    assert.deepEqual(plain.structured, plain.json);
    // host given: the server's lookup service verifies the numbers for it (here: on record for example.cn, not for shop-example.cn).
    for (const host of ['example.cn', 'shop-example.cn']) {
      const checked = await mcp.call('lint_page', { html: FOOTER, host, lang: 'zh' });
      assert.deepEqual(
        checked.json,
        asFile((await cliJson(['lint', '--json', '--lang', 'zh', '--host', host, '--lookup', lookup, file])).json),
      );
    }
    const mismatch = await mcp.call('lint_page', { html: FOOTER, host: 'shop-example.cn' });
    assert.ok(
      (mismatch.json as { pages: { findings: { rule: string }[] }[] }).pages[0].findings.some((f) => f.rule === 'L14'),
    );
  });

  it('lint_page fetches a url as beian lint --json does; a page that cannot be read is an error result with its failure', async () => {
    const fetched = await mcp.call('lint_page', { url: page, host: 'example.cn' });
    assert.equal(fetched.isError, false);
    assert.deepEqual(
      fetched.json,
      (await cliJson(['lint', '--json', '--host', 'example.cn', '--lookup', lookup, page])).json,
    );
    const dead = `http://127.0.0.1:${await closedPort()}/`;
    const failed = await mcp.call('lint_page', { url: dead });
    assert.equal(failed.isError, true);
    const cli = await cliJson(['lint', '--json', '--lookup', lookup, dead]);
    assert.equal(cli.code, 2);
    assert.deepEqual(failed.json, cli.json);
    assert.match(JSON.stringify(failed.json), /connection refused/);
  });

  it('lookup_icp and lookup_psb answer what beian lookup --kind … --json prints, from the real service', async () => {
    for (const query of ['京ICP备2021012345号-1', 'example.cn', '示例科技有限公司', 'gone.cn', 'nowhere.cn']) {
      const result = await mcp.call('lookup_icp', { query });
      assert.equal(result.isError, false, result.text);
      assert.deepEqual(
        result.json,
        (await cliJson(['lookup', '--json', '--kind', 'icp', '--lookup', lookup, query])).json,
      );
      assert.deepEqual(result.structured, result.json);
    }
    for (const query of ['京公网安备11010502012345号', '11010502012345', 'www.example.cn']) {
      const result = await mcp.call('lookup_psb', { query, lang: 'zh' });
      assert.equal(result.isError, false, result.text);
      assert.deepEqual(
        result.json,
        (await cliJson(['lookup', '--json', '--kind', 'psb', '--lang', 'zh', '--lookup', lookup, query])).json,
      );
    }
    const found = (await mcp.call('lookup_icp', { query: 'example.cn' })).json as {
      counts: unknown;
      results: { records: { unitName: string }[] }[];
    };
    assert.deepEqual(found.counts, { valid: 1 });
    assert.equal(found.results[0].records[0].unitName, '示例科技有限公司');
  });

  it('verify_site answers what beian lookup --host <domain> --json prints: valid, mismatch', async () => {
    for (const [domain, icp, psb] of [
      ['example.cn', '京ICP备2021012345号-1', '京公网安备11010502012345号'],
      ['shop-example.cn', '京ICP备2021012345号-1', undefined],
      ['example.cn', undefined, '11010502012345'],
    ] as const) {
      const result = await mcp.call('verify_site', { domain, icp, psb });
      assert.equal(result.isError, false, result.text);
      const cli = await cliJson([
        'lookup',
        '--json',
        '--host',
        domain,
        '--lookup',
        lookup,
        ...[icp, psb].filter((n) => n !== undefined),
      ]);
      assert.deepEqual(result.json, cli.json);
    }
    const mismatch = (await mcp.call('verify_site', { domain: 'shop-example.cn', icp: '京ICP备2021012345号-1' }))
      .json as { results: { status: string }[] };
    assert.deepEqual(
      mismatch.results.map((r) => r.status),
      ['mismatch'],
    );
  });

  it('answers bad input with an error result that says what is wrong and how to fix it, and keeps serving', async () => {
    const refusals: [string, Record<string, unknown>, RegExp][] = [
      ['check_numbers', { numbers: [] }, /numbers is empty: give at least one filing number/],
      [
        'check_numbers',
        { numbers: Array.from({ length: 101 }, (_, i) => `京ICP备${20210000 + i}号`) },
        /more than 100: check at most 100 numbers per call and split the list/,
      ],
      ['check_numbers', { numbers: '京ICP备2021012345号-1' }, /expected array.*numbers/],
      ['lint_page', {}, /needs the page: its HTML as html, or its http\(s\) address as url/],
      ['lint_page', { html: FOOTER, url: page }, /takes html or url, not both/],
      ['lint_page', { url: 'example.cn' }, /url must be an http\(s\) address, not "example\.cn"/],
      ['lint_page', { html: FOOTER, lookup }, /with lookup and html needs host/],
      [
        'lint_page',
        { url: page, lookup: 'lookup.example.cn' },
        /lookup must be the lookup service's address, https:\/\/…\/v1, not "lookup\.example\.cn"/,
      ],
      [
        'lint_page',
        { html: '备'.repeat(Math.ceil(MAX_HTML_BYTES / 3) + 1) },
        /html is \d+ bytes, more than the 20971520 \(20 MB\) lint reads; give the page's url/,
      ],
      [
        'lookup_icp',
        { query: '京ICP备12号' },
        /query "京ICP备12号" cannot be looked up: .*digits.*Fix it and ask again/,
      ],
      ['lookup_icp', { query: '京公网安备11010502012345号' }, /is a 公安 number: look it up with lookup_psb/],
      ['lookup_psb', { query: '京ICP备2021012345号-1' }, /is an ICP number: look it up with lookup_icp/],
      ['lookup_psb', { query: '示例科技有限公司' }, /is a unit name: look it up with lookup_icp/],
      ['verify_site', { domain: 'example.cn' }, /needs the numbers to verify: icp .*, psb .* or both/],
      [
        'verify_site',
        { domain: 'example.cn', icp: '京公网安备11010502012345号' },
        /icp "京公网安备11010502012345号" is a 公安 number: pass it as psb/,
      ],
      [
        'verify_site',
        { domain: '示例', icp: '京ICP备2021012345号-1' },
        /domain must be the site's domain, e\.g\. example\.cn, not "示例"/,
      ],
      [
        'verify_site',
        { domain: 'example.cn', psb: '京公网安备1101050201234号' },
        /psb "京公网安备1101050201234号" cannot be looked up/,
      ],
    ];
    for (const [tool, args, message] of refusals) {
      const result = await mcp.call(tool, args);
      assert.equal(result.isError, true, `${tool} ${JSON.stringify(args).slice(0, 80)} is refused`);
      assert.match(result.text, message);
    }
    assert.equal(
      (await mcp.call('check_numbers', { numbers: ['京ICP备2021012345号-1'] })).isError,
      false,
      'still serving',
    );
    assert.deepEqual(mcp.errors, [], 'stdout held protocol messages only');
  });

  it('a lookup service that cannot be reached is an error result naming it', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await mcp.call('lookup_icp', { query: 'example.cn', lookup: dead });
    assert.equal(result.isError, true);
    assert.match(
      result.text,
      new RegExp(
        `cannot use the lookup service at ${dead.replace(/[.]/g, '\\.')}: could not connect \\(ECONNREFUSED\\)\\. Is it the service's /v1 address\\?`,
      ),
    );
  });
});

describe('beian mcp without a lookup service', () => {
  let lookupServer: RunningServer;
  before(async () => {
    lookupServer = await loopbackServer(TEST_DATA);
  });
  after(() => lookupServer?.close());

  it('answers the lookup tools with how to give one, and takes one per call', async () => {
    const mcp = await connect([]);
    try {
      assert.match(mcp.stderr(), /lookup service: none/);
      for (const [tool, args] of [
        ['lookup_icp', { query: 'example.cn' }],
        ['lookup_psb', { query: 'example.cn' }],
        ['verify_site', { domain: 'example.cn', icp: '京ICP备2021012345号-1' }],
      ] as const) {
        const result = await mcp.call(tool, args);
        assert.equal(result.isError, true);
        assert.match(
          result.text,
          new RegExp(
            `^${tool} needs a lookup service, and this server has none: pass lookup \\(https://…/v1\\), or start it with beian mcp --lookup https://…/v1`,
          ),
        );
      }
      // No service: the lint of html with a host is the lint alone, as beian lint without --lookup.
      const linted = await mcp.call('lint_page', { html: FOOTER, host: 'example.cn' });
      assert.deepEqual((linted.json as { pages: { host: string }[] }).pages[0].host, 'example.cn');
      const lookup = `${lookupServer.url}/v1`;
      const given = await mcp.call('lookup_icp', { query: 'example.cn', lookup });
      assert.equal(given.isError, false);
      assert.deepEqual(
        given.json,
        (await cliJson(['lookup', '--json', '--kind', 'icp', '--lookup', lookup, 'example.cn'])).json,
      );
    } finally {
      await mcp.client.close();
    }
  });
});

describe('beian mcp usage', () => {
  const run = (args: string[], nodeArgs: string[] = []) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        'node',
        [...nodeArgs, '--import', 'tsx', 'src/cli/beian.ts', 'mcp', ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH! } },
        (_, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
      child.stdin?.end();
    });

  it('without @modelcontextprotocol/sdk installed, says how to install it and exits 2', async () => {
    // A resolve hook that finds no SDK, as in a project that did not install the optional peer dependency.
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier.startsWith('@modelcontextprotocol/sdk')) throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(specifier, context);
    }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const r = await run([], ['--import', `data:text/javascript,${encodeURIComponent(register)}`]);
    assert.deepEqual([r.code, r.stdout, r.stderr.trim()], [2, '', `beian: ${NEEDS_SDK}`]);
  });

  it("refuses arguments, a bad --lookup and another verb's options with exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [['extra'], /beian mcp takes no arguments, only its options --lookup and --lang: extra/],
      [
        ['--lookup', 'lookup.example.cn'],
        /--lookup must be the lookup service's address, https:\/\/…\/v1, not "lookup\.example\.cn"/,
      ],
      [['--json'], /--json is not an option of beian mcp; it takes --lookup, --lang/],
    ];
    for (const [args, message] of cases) {
      const err: string[] = [];
      assert.equal(
        await main(['mcp', ...args], { out: () => assert.fail('nothing on stdout'), err: (t) => err.push(t), env: {} }),
        2,
      );
      assert.match(err.join('\n'), message);
    }
  });
});
