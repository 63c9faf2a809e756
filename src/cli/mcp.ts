/**
 * `beian mcp`: the command's checks as tools for AI assistants, an MCP server on stdio (the official TypeScript
 * SDK, an optional peer dependency loaded only by this verb). Each tool answers with the JSON of the matching
 * `--json` command, built by the same code; stdout carries the protocol alone, everything else goes to stderr.
 */
import { createRequire } from 'node:module';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/mini';
import { KINDS, type Kind } from '../contract/values.js';
import type { MessageLang, RequiredKind } from '../core/index.js';
import { readLookupInput, type LookupInput } from '../core/query.js';
import { batchJson, lookupBatch, ServiceError, type Ask, type BatchRow } from './batch.js';
import { UsageError } from './errors.js';
import { lookupAddress } from './options.js';
import { lintInputs, lintSettings, lintString } from './lint.js';
import type { Io } from './main.js';
import { checkJson, lintJson } from './output.js';
import { isUrl } from './sources.js';

/** What `beian mcp` needs of the command's surroundings: stderr for its log, and the environment. */
export type McpIo = Pick<Io, 'err' | 'env'>;

export const NEEDS_SDK = 'beian mcp needs @modelcontextprotocol/sdk: npm install @modelcontextprotocol/sdk';

/** The most numbers one `check_numbers` call takes. */
export const MAX_NUMBERS = 100;
const LINT_DEFAULTS = lintSettings({ home: false, render: false }, [], {});
/** The largest `html` of `lint_page`: what `beian lint` reads of a page by default (--max-bytes). */
export const MAX_HTML_BYTES = LINT_DEFAULTS.maxBytes;
const MB = `${Math.round(MAX_HTML_BYTES / 2 ** 20)} MB`;
/** The name `lint_page` gives a page passed as `html` (where `beian lint` prints the file's path). */
export const HTML_FILE = '(html)';

// A value the lookup service refuses unread (its query parameters' cap) is refused here too.
const MAX_QUERY = 256;

const lang = z.optional(
  z
    .enum(['en', 'zh'])
    .check(z.describe("Language of the messages: en or zh (default: the server's, from --lang or $LANG).")),
);
const lookup = z.optional(
  z
    .string()
    .check(
      z.maxLength(2048),
      z.describe(
        "The lookup service's address, https://…/v1; default: the server's (beian mcp --lookup, or $BEIAN_LOOKUP).",
      ),
    ),
);
const short = (max: number, what: string) =>
  z.string().check(z.minLength(1, `${what} is empty`), z.maxLength(max, `${what} is longer than ${max} characters`));

const TOOLS = {
  check_numbers: {
    title: 'Check filing numbers',
    description:
      'Check Chinese website filing numbers offline: ICP 备案 (京ICP备2021012345号-1), ICP licences (京ICP证030173号), telecom licences, ' +
      '公安联网备案 (京公网安备11010502030143号), algorithm filings and the other licences sites show. For each number: its kind, whether ' +
      'it is valid, its normalised form, province, 公安 code, site number and diagnostics (rule L01–L21, severity, message). ' +
      'Answers the JSON of `beian check --json`, an array with one object per number (structuredContent: {filings: [...]}).',
    inputSchema: {
      numbers: z
        .array(short(200, 'a number'))
        .check(
          z.minLength(1, 'numbers is empty: give at least one filing number'),
          z.maxLength(
            MAX_NUMBERS,
            `numbers holds more than ${MAX_NUMBERS}: check at most ${MAX_NUMBERS} numbers per call and split the list`,
          ),
          z.describe(
            `The numbers to check, as a site shows them (labels such as 备案号： and full-width characters are fine); 1 to ${MAX_NUMBERS}.`,
          ),
        ),
      host: z.optional(
        short(253, 'host').check(
          z.describe("The site's domain (example.cn): famous numbers copied from other sites become errors."),
        ),
      ),
      lang,
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  lint_page: {
    title: "Lint a page's footer",
    description:
      "Audit a web page's filing numbers: finds every ICP and 公安 number in the HTML, and checks how it is written, linked " +
      "(beian.miit.gov.cn, beian.mps.gov.cn) and shown (the police icon), and that a home page shows one. Give the page's HTML " +
      `(html) or its address (url: fetched, at most ${LINT_DEFAULTS.timeoutMs / 1000} s and ${MB}, decoded in its charset). ` +
      'With a lookup service it also checks ' +
      "that the numbers are on record for the site's domain. Answers the JSON of `beian lint --json`: pages with their numbers " +
      'and findings (rule, severity, message, fix, line), the inputs that could not be read (failures; the result is then an ' +
      'error), and a summary.',
    inputSchema: {
      html: z.optional(
        z
          .string()
          .check(
            z.maxLength(
              MAX_HTML_BYTES,
              `html is larger than ${MB}; give the page's url, or the part of the page with the footer`,
            ),
            z.describe(`The page's HTML, or its footer (at most ${MB}). Give html or url, not both.`),
          ),
      ),
      url: z.optional(
        short(2048, 'url').check(
          z.describe(
            "The page's http(s) address, fetched and linted as served (a url whose path is / is a home page). Give html or url, not both.",
          ),
        ),
      ),
      host: z.optional(
        short(253, 'host').check(
          z.describe(
            "The site's domain (example.cn); default for a url: its host. With html, needed to check the numbers with a lookup service.",
          ),
        ),
      ),
      home: z.optional(
        z.boolean().check(z.describe("Lint the page as the site's home page, which must show an ICP or 公安 number.")),
      ),
      require: z.optional(
        z
          .array(z.enum(['icp', 'psb']))
          .check(z.maxLength(2), z.describe('Numbers the page must show: icp, psb or both.')),
      ),
      lookup: z.optional(
        z
          .string()
          .check(
            z.maxLength(2048),
            z.describe(
              "A lookup service (https://…/v1) to check the numbers are on record for the domain; default: the server's, for a url or when host is given.",
            ),
          ),
      ),
      lang,
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  lookup_icp: {
    title: 'Look up ICP records',
    description:
      'Look up ICP 备案 records in the lookup service, by ICP number (京ICP备2021012345号-1), domain (example.cn) or unit (company) ' +
      'name (示例科技有限公司). Each result has a status (valid, not-found, cancelled, unknown, error), the records (unit, nature, ' +
      'site, domain, 限制接入, approval date) and who vouches for them. Answers the JSON of `beian lookup --kind icp --json`.',
    inputSchema: {
      query: short(MAX_QUERY, 'query').check(z.describe('An ICP number, a domain or URL, or a unit (company) name.')),
      lookup,
      lang,
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  lookup_psb: {
    title: 'Look up 公安 records',
    description:
      'Look up 公安联网备案 (public security) records in the lookup service, by 公安 number (京公网安备11010502012345号), its 14-digit ' +
      'code, or domain (example.cn). Each result has a status, the records (website, unit, domains, department, filing date) and ' +
      'who vouches for them. Answers the JSON of `beian lookup --kind psb --json`.',
    inputSchema: {
      query: short(MAX_QUERY, 'query').check(z.describe('A 公安 number or its 14-digit code, or a domain or URL.')),
      lookup,
      lang,
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  verify_site: {
    title: "Verify a site's numbers",
    description:
      "Verify that a site's filing numbers are on record for its domain: each number's status is valid, mismatch (filed for " +
      'another domain), not-found, cancelled or unknown (the registries could not tell), with the record found. Give icp, psb ' +
      'or both. Answers the JSON of `beian lookup --host <domain> --json <icp> <psb>`.',
    inputSchema: {
      domain: short(253, 'domain').check(z.describe("The site's domain, e.g. example.cn.")),
      icp: z.optional(
        short(MAX_QUERY, 'icp').check(z.describe('The ICP number the site shows, e.g. 京ICP备2021012345号-1.')),
      ),
      psb: z.optional(
        short(MAX_QUERY, 'psb').check(z.describe('The 公安 number the site shows, e.g. 京公网安备11010502012345号.')),
      ),
      lookup,
      lang,
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
} as const;

export const TOOL_NAMES = Object.keys(TOOLS) as (keyof typeof TOOLS)[];

const INSTRUCTIONS =
  'Tools for Chinese website filing numbers (ICP 备案, 公安联网备案): check_numbers validates numbers offline; lint_page audits ' +
  'how a page shows them; lookup_icp, lookup_psb and verify_site ask a lookup service for the records.';

/** The server's defaults for every call: its lookup service (if any), its language, its environment. */
interface Defaults {
  readonly lookup?: string;
  readonly lang: MessageLang;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (text: string) => void;
}

/** Runs `beian mcp` until the client disconnects; returns the exit code. */
export async function mcpVerb(
  inputs: readonly string[],
  values: { lookup?: string },
  io: McpIo,
  lang: MessageLang,
): Promise<number> {
  if (inputs.length)
    throw new UsageError(`beian mcp takes no arguments, only its options --lookup and --lang: ${inputs.join(' ')}`);
  const endpoint = values.lookup ?? (io.env.BEIAN_LOOKUP || undefined);
  if (endpoint !== undefined) lookupAddress(endpoint);
  const { McpServer, StdioServerTransport } = await loadSdk();
  // The protocol owns stdout: a stray console.log (ours or a dependency's) would corrupt it, so it goes to stderr.
  for (const method of ['log', 'info', 'debug'] as const) console[method] = console.error;
  const server = new McpServer(
    { name: 'beian-elements', title: 'beian', version: version() },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, { lookup: endpoint, lang, env: io.env, log: io.err });
  // Room for the largest html, JSON-escaped; a bigger message closes the transport (the SDK's guard).
  const transport = new StdioServerTransport(process.stdin, process.stdout, {
    maxBufferSize: 3 * MAX_HTML_BYTES + 1024 * 1024,
  });
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  // The client closing our stdin is the end of the session; the transport itself does not watch for it.
  process.stdin.once('end', () => void server.close());
  await server.connect(transport);
  io.err(
    `beian: MCP server on stdio, tools ${TOOL_NAMES.join(', ')}; lookup service: ${endpoint ?? 'none (pass --lookup https://…/v1 for the lookup tools)'}`,
  );
  await closed;
  return 0;
}

type Sdk = {
  McpServer: typeof import('@modelcontextprotocol/sdk/server/mcp.js').McpServer;
  StdioServerTransport: typeof import('@modelcontextprotocol/sdk/server/stdio.js').StdioServerTransport;
};

async function loadSdk(): Promise<Sdk> {
  try {
    const [{ McpServer }, { StdioServerTransport }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/mcp.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
    ]);
    return { McpServer, StdioServerTransport };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new UsageError(NEEDS_SDK, false);
    throw e;
  }
}

function version(): string {
  // The package's own package.json, by its name (it exports ./package.json): right from src/ and from dist/.
  return (createRequire(import.meta.url)('beian-elements/package.json') as { version: string }).version;
}

function registerTools(server: McpServer, defaults: Defaults): void {
  const run =
    <A>(name: string, handler: (args: A) => Promise<CallToolResult> | CallToolResult) =>
    async (args: A): Promise<CallToolResult> => {
      try {
        return await handler(args);
      } catch (e) {
        if (e instanceof UsageError || e instanceof ServiceError) return refusal(e.message);
        // A bug: said as such to the assistant, the stack to stderr; the server keeps serving.
        defaults.log(`beian: internal error in ${name}: ${(e as Error).stack ?? String(e)}`);
        return refusal(
          `internal error in ${name}: ${(e as Error).message}. This is a bug in beian; please report it with the arguments given.`,
        );
      }
    };
  server.registerTool(
    'check_numbers',
    TOOLS.check_numbers,
    run('check_numbers', (a) => answer(checkJson(a.numbers, a.host, a.lang ?? defaults.lang))),
  );
  server.registerTool(
    'lint_page',
    TOOLS.lint_page,
    run('lint_page', (a) => lintPage(a, defaults)),
  );
  server.registerTool(
    'lookup_icp',
    TOOLS.lookup_icp,
    run('lookup_icp', (a) => lookupTool('lookup_icp', a, ['icp'], defaults)),
  );
  server.registerTool(
    'lookup_psb',
    TOOLS.lookup_psb,
    run('lookup_psb', (a) => lookupTool('lookup_psb', a, ['psb'], defaults)),
  );
  server.registerTool(
    'verify_site',
    TOOLS.verify_site,
    run('verify_site', (a) => verifySite(a, defaults)),
  );
}

/** A tool's answer: the JSON as text, and as structuredContent (an object: an array goes in `filings`). */
function answer(data: object, isError = false): CallToolResult {
  const structured = (Array.isArray(data) ? { filings: data } : data) as Record<string, unknown>;
  return {
    content: [{ type: 'text', text: JSON.stringify(data, null, 2) }],
    structuredContent: structured,
    ...(isError && { isError: true }),
  };
}

function refusal(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

async function lintPage(
  a: {
    html?: string;
    url?: string;
    host?: string;
    home?: boolean;
    require?: readonly RequiredKind[];
    lookup?: string;
    lang?: MessageLang;
  },
  defaults: Defaults,
): Promise<CallToolResult> {
  if (a.html !== undefined && a.url !== undefined)
    throw new UsageError("lint_page takes html or url, not both: give the page's HTML as html, or its address as url.");
  if (a.html === undefined && a.url === undefined)
    throw new UsageError('lint_page needs the page: its HTML as html, or its http(s) address as url.');
  if (a.url !== undefined && !isUrl(a.url))
    throw new UsageError(`url must be an http(s) address, not "${a.url}"; give a page's HTML as html.`);
  if (a.html !== undefined) {
    const bytes = Buffer.byteLength(a.html);
    if (bytes > MAX_HTML_BYTES)
      throw new UsageError(
        `html is ${bytes} bytes, more than the ${MAX_HTML_BYTES} (${MB}) lint reads; give the page's url, or the part of the page with the footer.`,
      );
    // What `beian lint` says of a file that holds binary data.
    if (a.html.slice(0, 1024).includes('\u0000'))
      throw new UsageError('html is not HTML: it holds binary data (NUL characters).');
  }
  if (a.lookup !== undefined) lookupAddress(a.lookup, 'lookup');
  if (a.lookup !== undefined && a.html !== undefined && !a.host) {
    throw new UsageError(
      "lint_page with lookup and html needs host (the site's domain): the lookup asks whether the numbers are filed for that domain.",
    );
  }
  // The server's service is used where the page has a domain to ask for (a url, or html with host).
  const service = a.lookup ?? (a.url !== undefined || a.host ? defaults.lookup : undefined);
  const settings = lintSettings(
    {
      host: a.host,
      home: a.home ?? false,
      require: a.require?.length ? a.require.join(',') : undefined,
      render: false,
      lookup: service,
    },
    a.url ? [a.url] : [],
    {},
  );
  const run =
    a.url !== undefined
      ? await lintInputs([a.url], settings, defaults.env)
      : await lintString(a.html!, HTML_FILE, settings);
  return answer(lintJson(run, a.lang ?? defaults.lang), run.failures.length > 0);
}

function endpointFor(tool: string, given: string | undefined, defaults: Defaults): string {
  if (given !== undefined) return lookupAddress(given, 'lookup');
  if (defaults.lookup) return defaults.lookup;
  throw new UsageError(
    `${tool} needs a lookup service, and this server has none: pass lookup (https://…/v1), or start it with beian mcp --lookup https://…/v1 (or BEIAN_LOOKUP set).`,
  );
}

const LOOKS_UP: Record<Kind, { accepts: readonly LookupInput['kind'][]; what: string; other: string }> = {
  icp: {
    accepts: ['icp', 'domain', 'unit', 'invalid'],
    what: 'an ICP number (京ICP备2021012345号-1), a domain (example.cn) or a unit name (示例科技有限公司)',
    other: 'lookup_psb',
  },
  psb: {
    accepts: ['psb', 'domain', 'invalid'],
    what: 'a 公安 number (京公网安备11010502012345号), its 14-digit code, or a domain (example.cn)',
    other: 'lookup_icp',
  },
};

/** lookup_icp and lookup_psb: `beian lookup --kind <kind> --json <query>`. */
async function lookupTool(
  tool: string,
  a: { query: string; lookup?: string; lang?: MessageLang },
  kinds: readonly Kind[],
  defaults: Defaults,
): Promise<CallToolResult> {
  const endpoint = endpointFor(tool, a.lookup, defaults);
  const { accepts, what, other } = LOOKS_UP[kinds[0]];
  const input = readLookupInput(a.query);
  if (!accepts.includes(input.kind))
    throw new UsageError(
      `query "${a.query}" is ${input.kind === 'icp' ? 'an ICP number' : input.kind === 'psb' ? 'a 公安 number' : 'a unit name'}: look it up with ${other}. ${tool} takes ${what}.`,
    );
  const lang = a.lang ?? defaults.lang;
  const rows = await lookupBatch([{ input: a.query }], { endpoint, kinds, lang });
  refuseInvalid(rows, () => 'query', `${tool} takes ${what}`);
  if (!rows.length)
    throw new UsageError(
      `the lookup service at ${endpoint} has no 公安 records (its /v1/meta says so): it cannot look up ${a.query} there.`,
    );
  return answer(batchJson(rows));
}

/** verify_site: `beian lookup --host <domain> --json <icp> <psb>`. */
async function verifySite(
  a: { domain: string; icp?: string; psb?: string; lookup?: string; lang?: MessageLang },
  defaults: Defaults,
): Promise<CallToolResult> {
  if (a.icp === undefined && a.psb === undefined)
    throw new UsageError(
      'verify_site needs the numbers to verify: icp (京ICP备2021012345号-1), psb (京公网安备11010502012345号) or both.',
    );
  if (readLookupInput(a.domain).kind !== 'domain')
    throw new UsageError(`domain must be the site's domain, e.g. example.cn, not "${a.domain}".`);
  const endpoint = endpointFor('verify_site', a.lookup, defaults);
  const given = KINDS.flatMap((name) => (a[name] === undefined ? [] : [{ name, input: a[name] }]));
  for (const { name, input } of given) {
    const kind = readLookupInput(input).kind;
    if (kind === (name === 'icp' ? 'psb' : 'icp'))
      throw new UsageError(
        `${name} "${input}" is ${kind === 'icp' ? 'an ICP number: pass it as icp' : 'a 公安 number: pass it as psb'}.`,
      );
    if (kind !== name && kind !== 'invalid')
      throw new UsageError(
        `${name} "${input}" is no ${name === 'icp' ? 'ICP number (京ICP备2021012345号-1)' : '公安 number (京公网安备11010502012345号)'} but a ${kind}.`,
      );
  }
  const asks: Ask[] = given.map(({ input }) => ({ input }));
  const rows = await lookupBatch(asks, { endpoint, host: a.domain, lang: a.lang ?? defaults.lang });
  refuseInvalid(rows, (row) => given.find((g) => g.input === row.input)!.name, 'give the number as the site shows it');
  return answer(batchJson(rows));
}

/** An input the batch would not send (a number with an error, nothing to look up) is the caller's to fix. */
function refuseInvalid(rows: readonly BatchRow[], argument: (row: BatchRow) => string, fix: string): void {
  const row = rows.find((r) => r.reason === 'invalid-input');
  if (row)
    throw new UsageError(
      `${argument(row)} "${row.input}" cannot be looked up: ${row.message}. Fix it and ask again (${fix}).`,
    );
}
