// The `beian` command, run in-process through main() and once as a real process for its exit status.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import corpus from '../fixtures/footer-corpus.json' with { type: 'json' };
import { main } from '../../src/cli/main.js';
import { lintHtml } from '../../src/cli/html.js';
import { tempFile } from '../support/temp-files.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const ANSI = '\x1b[';
const html = (id: string) => corpus.cases.find((c) => c.id === id)!.input;

const page = (content: string) => tempFile('index.html', content);

describe('beian check', () => {
  it('prints one verdict per input and exits 0 when nothing is an error', async () => {
    const r = await run(['check', '京ICP备2021012345号-1', '京公网安备 11010502030143']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /✔ 京ICP备2021012345号-1/);
    assert.match(r.stdout, /京公网安备 11010502030143 → 京公网安备11010502030143号/);
    assert.match(r.stdout, /warn\s+L06/);
    assert.ok(!r.stdout.includes(ANSI), 'no colour without a TTY');
  });

  it('exits 1 when any input has an error-level finding', async () => {
    const r = await run(['check', '京ICP备2021012345号-1', '港ICP备20259514号']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✖ 港ICP备20259514号/);
    assert.match(r.stdout, /error L09\s+港 is not a province abbreviation/);
  });

  it('--json prints exactly the documented fields', async () => {
    const r = await run(['check', '--json', '粤ICP备2026023717号-2X', '晋公网安备 32048202000083号', 'hello']);
    assert.equal(r.code, 1);
    const [icp, psb, unknown] = JSON.parse(r.stdout);
    assert.deepEqual(icp, {
      input: '粤ICP备2026023717号-2X',
      kind: 'icp-filing',
      valid: true,
      normalized: '粤ICP备2026023717号-2X',
      province: '44',
      psbCode: null,
      site: 2,
      suffixKind: 'miniapp',
      diagnostics: [],
    });
    assert.deepEqual(Object.keys(psb), [
      'input',
      'kind',
      'valid',
      'normalized',
      'province',
      'psbCode',
      'site',
      'suffixKind',
      'diagnostics',
    ]);
    assert.equal(psb.psbCode, '32048202000083');
    assert.deepEqual(
      psb.diagnostics.map((d: { rule: string }) => d.rule),
      ['L08'],
    );
    assert.deepEqual(Object.keys(psb.diagnostics[0]), ['rule', 'severity', 'message']);
    assert.equal(unknown.kind, 'unknown');
    assert.equal(unknown.diagnostics[0].rule, 'unrecognized');
  });

  it('--lang zh gives the messages in Chinese; LANG picks the default', async () => {
    const zh = await run(['check', '--json', '--lang', 'zh', '吉公网安备22020202000263']);
    assert.equal(JSON.parse(zh.stdout)[0].diagnostics[0].message, '“吉公网安备22020202000263”缺少结尾的“号”。');
    const env = await run(['check', '--json', '吉公网安备22020202000263'], { LANG: 'zh_CN.UTF-8' });
    assert.equal(env.stdout, zh.stdout);
  });

  it('--host turns a famous copied number into an error, except on its owner', async () => {
    assert.equal((await run(['check', '京ICP证030173号'])).code, 0);
    const copied = await run(['check', '--json', '--host', 'flower-library.cn', '京ICP证030173号']);
    assert.equal(copied.code, 1);
    assert.equal(JSON.parse(copied.stdout)[0].diagnostics[0].rule, 'L11');
    const owner = await run(['check', '--json', '--host', 'www.baidu.com', '京ICP证030173号']);
    assert.deepEqual(JSON.parse(owner.stdout)[0].diagnostics, []);
  });

  it('colours the table when FORCE_COLOR is set, never in JSON', async () => {
    assert.ok((await run(['check', '京ICP备2021012345号-1'], { FORCE_COLOR: '1' })).stdout.includes(`${ANSI}32m✔`));
    assert.ok(!(await run(['check', '--json', '京ICP备2021012345号-1'], { FORCE_COLOR: '1' })).stdout.includes(ANSI));
  });
});

describe('beian lint', () => {
  it('reports findings with the line and text of each number, exit 1 on errors', async () => {
    const file = await page(`<!doctype html>\n<title>x</title>\n<footer>\n${html('c236')}\n</footer>`);
    const r = await run(['lint', '--json', file]);
    assert.equal(r.code, 1);
    const [report] = JSON.parse(r.stdout).pages;
    assert.equal(report.file, file);
    assert.deepEqual(
      report.items.map((i: { normalized: string }) => i.normalized),
      ['粤ICP备17087427号-1', '粤公网安备44010502001297号'],
    );
    assert.deepEqual(Object.keys(report.items[0]), [
      'input',
      'kind',
      'valid',
      'normalized',
      'province',
      'psbCode',
      'site',
      'suffixKind',
      'diagnostics',
    ]);
    assert.deepEqual(
      report.findings.map((f: { rule: string; severity: string; line: number; text: string }) => [
        f.rule,
        f.severity,
        f.line,
        f.text,
      ]),
      [
        ['L02', 'error', 5, '粤ICP备17087427号-1'],
        ['L04', 'warn', 7, '粤公网安备44010502001297号'],
      ],
    );
  });

  it('exits 0 on a compliant footer and prints a readable report', async () => {
    const r = await run(['lint', await page(html('c211'))]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /2: ✔ 粤ICP备2026075435号-1/);
    assert.match(r.stdout, /0 error, 0 warn, 0 info/);
  });

  it('reads several files and says when a page has no number', async () => {
    const r = await run(['lint', await page('<p>hello</p>'), await page(html('c217'))]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /no filing numbers found/);
    assert.match(r.stdout, /error L03\s+冀公网安备 13010402001717号 is a 公安 number linked to the MIIT site/);
  });

  it('finds numbers inside <noscript> fallbacks but not in scripts', async () => {
    const r = await run([
      'lint',
      '--json',
      await page(
        '<script>var a="京ICP备12345678号"</script><noscript><a href="https://beian.miit.gov.cn/">京ICP备2021012345号-1</a></noscript>',
      ),
    ]);
    assert.deepEqual(
      JSON.parse(r.stdout).pages[0].items.map((i: { input: string }) => i.input),
      ['京ICP备2021012345号-1'],
    );
  });
});

describe('beian snippet', () => {
  it('prints the crawler-visible footer, which lints clean, and the script that upgrades it', async () => {
    const r = await run([
      'snippet',
      '--icp',
      '京ICP备2026002630号-1',
      '--psb',
      '京公网安备11010602202215号',
      '--report',
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const [footer, script] = r.stdout.split('\n');
    assert.match(
      footer,
      /^<beian-badge icp="京ICP备2026002630号-1" psb="京公网安备11010602202215号" report><a href="https:\/\/beian\.miit\.gov\.cn\/"/,
    );
    assert.ok(footer.includes('href="https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215"'), footer);
    assert.ok(footer.includes('href="https://www.12377.cn/"'), footer);
    assert.equal(script, '<script type="module" src="/js/beian-badge.js"></script>');
    const lint = lintHtml(`<footer>${footer}</footer>`);
    assert.deepEqual([lint.items.length, lint.findings], [2, []]);
  });

  it('prints every filing of §5.1: repeated --filing, --genai, --vanity and --contact, report links and the about layout', async () => {
    const r = await run([
      'snippet',
      '--icp',
      '沪ICP备13002172号-3',
      '--filing',
      '营业执照 https://zzlz.gsxt.gov.cn/x',
      '--filing',
      '网络文化经营许可证：沪网文【2019】3804-274号',
      '--genai',
      'Index Shanghai-Index-202402050047',
      '--vanity',
      '萌ICP备20250059号',
      '--contact',
      '举报电话：400-023-3233 tel:4000233233',
      '--report-links',
      '12377,12321',
      '--script',
      '',
    ]);
    assert.deepEqual([r.code, r.stderr], [0, '']);
    assert.match(
      r.stdout,
      /^<beian-badge icp="沪ICP备13002172号-3" filings="营业执照 https:\/\/zzlz\.gsxt\.gov\.cn\/x; 网络文化经营许可证：沪网文【2019】3804-274号" genai="Index Shanghai-Index-202402050047" vanity="萌ICP备20250059号" contacts="举报电话：400-023-3233 tel:4000233233" report="12377 12321">/,
    );
    const lint = lintHtml(`<footer>${r.stdout}</footer>`);
    assert.deepEqual(
      lint.items.map((i) => i.filing.kind),
      ['icp-filing', 'culture-licence', 'genai', 'vanity'],
    );
    assert.deepEqual(
      lint.findings.map((f) => f.rule),
      ['L24'],
    );
    const about = await run(['snippet', '--icp', '京ICP备2021012345号-3A', '--layout', 'about', '--script', '']);
    assert.match(
      about.stdout,
      /layout="about"><a[^>]*>京ICP备2021012345号-3A<\/a><br><a href="https:\/\/beian\.miit\.gov\.cn\/"/,
    );
  });

  it('refuses what it cannot print as given, naming each entry, with exit 2', async () => {
    const r = await run([
      'snippet',
      '--icp',
      '京ICP备2021012345号-1',
      '--report-links',
      '12377,110',
      '--filing',
      '网络文化经营许可证：沪网文【2019】3804-274号 http://example.cn/a.png',
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /report "110" is not a report link it knows[^]*http:\/\/example\.cn\/a\.png .* is not used: only https: links are/,
    );
    assert.match(
      (await run(['snippet', '--icp', '京ICP备2021012345号-1', '--layout', 'grid'])).stderr,
      /--layout must be inline, stacked or about, not "grid"/,
    );
  });

  it('takes where the site serves the bundle, or leaves the script out', async () => {
    const at = await run(['snippet', '--icp', '京ICP备2021012345号-1', '--script', '/static/beian-badge.js?v="1"']);
    assert.ok(
      at.stdout.endsWith('<script type="module" src="/static/beian-badge.js?v=&quot;1&quot;"></script>'),
      at.stdout,
    );
    const none = await run(['snippet', '--icp', '京ICP备2021012345号-1', '--script', '']);
    assert.ok(!none.stdout.includes('<script'), none.stdout);
  });

  it('prints a wrong number as given, unlinked to any record, says what to fix on stderr and exits 1', async () => {
    const r = await run(['snippet', '--psb', '京公网安备1101050203014号']);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes('>京公网安备1101050203014号</a>') && !r.stdout.includes('code='), r.stdout);
    assert.match(r.stderr, /error L\d\d/);
  });

  it('--query prints the query form around the official query sites, and its classic script', async () => {
    const r = await run([
      'snippet',
      '--query',
      '--lookup',
      'https://lookup.example.cn/v1',
      '--mode',
      'psb',
      '--url-state',
    ]);
    assert.equal(r.code, 0);
    const [form, script] = r.stdout.split('\n');
    assert.match(form, /^<beian-query lookup="https:\/\/lookup\.example\.cn\/v1" mode="psb" url-state><p>/);
    assert.ok(
      form.includes('href="https://beian.miit.gov.cn/#/Integrated/recordQuery"') &&
        form.includes('href="https://beian.mps.gov.cn/#/query/webSearch"'),
      form,
    );
    assert.equal(script, '<script src="/js/beian-query.js" defer></script>');
  });

  it('--query refuses a wrong mode, type or address, and the footer’s options', async () => {
    for (const [args, message] of [
      [['--mode', 'gongan'], /--mode must be icp or psb, not "gongan"/],
      [['--type', 'site'], /--type must be one of web, app, miniapp, quickapp/],
      [['--lookup', 'lookup.example.cn'], /--lookup must be the lookup service's address/],
      [['--icp', '京ICP备2021012345号-1'], /--icp is for the footer/],
    ] as const) {
      const r = await run(['snippet', '--query', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  it('needs a number as an option, and its options belong to it alone', async () => {
    assert.equal((await run(['snippet'])).code, 2);
    const positional = await run(['snippet', '京ICP备2021012345号-1']);
    assert.equal(positional.code, 2);
    assert.match(positional.stderr, /as options \(--icp, --psb…\), not as arguments/);
    const elsewhere = await run(['check', '--icp', '京ICP备2021012345号-1']);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /--icp is not an option of beian check; it takes --json, --host, --lang\./);
    const json = await run(['snippet', '--icp', '京ICP备2021012345号-1', '--json']);
    assert.equal(json.code, 2);
    assert.match(json.stderr, /--json is not an option of beian snippet/);
    assert.equal((await run(['serve', '--json'])).code, 2);
  });
});

describe('beian usage errors', () => {
  for (const [name, args, pattern] of [
    ['no command', [], /no command given/],
    ['an unknown command', ['verify', 'x'], /unknown command "verify"/],
    ['an unknown option', ['check', '--jsn', 'x'], /--jsn/],
    ['check without numbers', ['check'], /at least one number/],
    ['lint without files', ['lint'], /at least one HTML file/],
    ['an unsupported language', ['check', '--lang', 'fr', 'x'], /--lang must be "en" or "zh", not "fr"/],
  ] as const) {
    it(`exits 2 on ${name}, with the usage`, async () => {
      const r = await run([...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.match(r.stderr, /Usage:/);
    });
  }

  it('exits 2 naming a file it cannot read', async () => {
    const r = await run(['lint', '/nonexistent/index.html']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read \/nonexistent\/index\.html: ENOENT/);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /beian check <number>/);
  });
});

describe('beian as a process', () => {
  it('sets the exit status from the verdict', async () => {
    const exec = promisify(execFile);
    const bin = ['--import', 'tsx', 'src/cli/beian.ts'];
    const ok = await exec(process.execPath, [...bin, 'check', '京ICP备2021012345号-1']);
    assert.match(ok.stdout, /✔ 京ICP备2021012345号-1/);
    await assert.rejects(
      exec(process.execPath, [...bin, 'check', '京ICP备123号']),
      (e: { code: number }) => e.code === 1,
    );
    await assert.rejects(exec(process.execPath, [...bin, 'nope']), (e: { code: number }) => e.code === 2);
  });
});

describe('the README', () => {
  // Every `$ beian check|lint …` session in README.md, with the output and exit status it shows.
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const sessions = [...readme.matchAll(/```console\n\$ beian (check|lint) (.+)\n([\s\S]*?)```/g)].map(
    ([, verb, args, shown]) => {
      const [output, status] = shown.split('$ echo $?\n');
      return {
        verb,
        args: [...args.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]),
        output: output.trimEnd(),
        status,
      };
    },
  );

  it('has check and lint sessions to compare', () => {
    assert.deepEqual(
      sessions.map((s) => s.verb),
      ['check', 'check', 'lint'],
    );
  });

  for (const { verb, args, output, status } of sessions) {
    it(`shows what \`beian ${verb}\` prints`, async () => {
      const r = await run([verb, ...args], { LANG: 'en_US.UTF-8' });
      assert.equal(r.stdout.trimEnd(), output);
      if (status) assert.equal(r.code, Number(status.trim()));
    });
  }
});

describe('terminal safety', () => {
  it('prints control characters from a page as �, so a page cannot drive the terminal', async () => {
    const file = await page(
      '<footer><a href="https://beian.mps.gov.cn/#/query/webSearch?code=%1B[2J%1B]0;PWNED%07"><img src="/p.png" alt="">京公网安备11010602202215号</a></footer>',
    );
    const r = await run(['lint', file], { LANG: 'en_US.UTF-8' });
    assert.match(r.stdout, /L04/);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, 'no control characters');
    assert.match(r.stdout, /\uFFFD\[2J/);
  });
});
