// The compliance check's rules L22–L26 and the decisions of domain-spec §7.1, on footers written the way real
// themes write them (our own, not the corpus's): each case is a class of miss the linter once had.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import corpus from '../fixtures/footer-corpus.json' with { type: 'json' };
import {
  explain,
  findFilings,
  footerParts,
  parseFiling,
  type FooterReport,
  type LintOptions,
  type TreeReader,
} from '../../src/core/index.js';
import { htmlParts, lintHtml } from '../../src/cli/html.js';

const MIIT = 'https://beian.miit.gov.cn/';
const CODE = '11010802012345';
const ICP_LINK = `<a href="${MIIT}" target="_blank">京ICP备2021012345号-1</a>`;
const PSB_LINK = `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=${CODE}"><img src="/img/police.png" alt="">京公网安备${CODE}号</a>`;

/** `rule.detail/severity` of each finding of a page, in order. */
function findings(report: FooterReport): string[] {
  return report.findings.map((f) => `${f.rule}${f.detail ? `.${f.detail}` : ''}/${f.severity}`);
}
const lint = (footer: string, options: LintOptions = {}) =>
  lintHtml(`<!doctype html><body><main>文章</main><footer>${footer}</footer>`, options);
const shown = (report: FooterReport) => report.items.map((i) => i.filing.normalized ?? i.filing.display);
const rules = (text: string) => parseFiling(text).diagnostics.map((d) => `${d.rule}${d.detail ? `.${d.detail}` : ''}`);

describe('labels of any wording (§7.1): check and lint read the number after them', () => {
  for (const [label, number] of [
    ['公安联网备案：', `京公网安备${CODE}号`],
    ['ICP号：', '京ICP备2021012345号-1'],
    ['APP 备案号：', '京ICP备2021012345号-2A'],
    ['互联网ICP备案:', '京ICP备2021012345号'],
    ['备案/许可证编号：', '京ICP证030001号'],
    ['经营许可证编号：', '京ICP证030001号'],
    ['公网安备号：', `京公网安备${CODE}号`],
  ]) {
    it(`${label}${number}`, () => {
      const f = parseFiling(label + number);
      assert.deepEqual([f.normalized, f.diagnostics], [number, []]);
      const report = lint(
        `${label}<a href="${number.includes('公网') ? `https://beian.mps.gov.cn/#/query/webSearch?code=${CODE}` : MIIT}">${number}</a>`,
      );
      assert.deepEqual(shown(report), [number]);
    });
  }

  it('keeps a number head as the number, not a label (`京ICP备:2021012345号`), and shows a lone label as it is', () => {
    assert.equal(parseFiling('京ICP备:2021012345号').normalized, '京ICP备2021012345号');
    assert.equal(parseFiling('公网安备号:11010802012345号').psbCode, CODE);
    assert.deepEqual([parseFiling('备案号：').kind, parseFiling('备案号：').display], ['unknown', '备案号：']);
  });

  it('reads bare digits after a label that names the 公安 system as a 公安 code, and asks for the province (L08)', () => {
    const f = parseFiling(`公安联网备案：${CODE}号`);
    assert.deepEqual([f.kind, f.psbCode, f.normalized], ['psb', CODE, null]);
    assert.deepEqual(rules(`公安联网备案：${CODE}号`), ['L08.missing']);
  });
});

describe('a 公安 number without its province character (§7.1)', () => {
  it('is an L08 error whose fix names the prefix of its code, and no prefix is invented', () => {
    const f = parseFiling('公网安备 11010502032345号');
    assert.deepEqual([f.valid, f.normalized, f.psbCode, f.province], [false, null, '11010502032345', '11']);
    const missing = f.diagnostics.find((d) => d.rule === 'L08')!;
    assert.equal(missing.detail, 'missing');
    assert.match(explain(missing, 'zh').message, /属于北京，应写作“京公网安备…”/);
    assert.match(explain(missing, 'en').message, /written 京公网安备/);
  });

  it('is found in a footer with its link, the link still checked against its code', () => {
    const report = lint(
      `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=44030002000001"><img src="/p.png" alt="">公网安备44030002000002号</a>`,
    );
    assert.deepEqual(findings(report), ['L08.missing/error', 'L05/error']);
  });
});

describe('links of licence numbers (§7.1: L01 is about ICP numbers; L02 for any filing)', () => {
  it('flags a telecom licence linked to a retired MIIT host (L02), and lets an unlinked one be', () => {
    assert.deepEqual(findings(lint('<a href="http://www.miibeian.gov.cn/">浙B2-20080101</a>')), ['L02/error']);
    assert.deepEqual(
      findings(
        lint(
          '<a href="https://beian.miit.gov.cn/publish/query/indexFirst.action">增值电信业务经营许可证：浙B2-20080101</a>',
        ),
      ),
      ['L02/error'],
    );
    assert.deepEqual(findings(lint('增值电信业务经营许可证：浙B2-20080101')), []);
  });

  it('accepts a licence linked to the MIIT licence system (tsm.miit.gov.cn) or the ICP system', () => {
    assert.deepEqual(findings(lint('<a href="https://tsm.miit.gov.cn/">浙B2-20080101</a>')), []);
    assert.deepEqual(findings(lint(`<a href="${MIIT}">京ICP证030001号</a>`)), []);
  });

  it('still requires the ICP link of an ICP licence (L01)', () => {
    assert.deepEqual(findings(lint('京ICP证030001号')), ['L01/error']);
  });
});

describe('spaced and spelt-out serials (§7.1): lint reads what check reads', () => {
  for (const footer of [
    '京 I C P 备&nbsp; 1905 1234 号 - 2',
    '京ICP备 2021 012345 号-3',
    '京ＩＣＰ备２０２１０１２３４５号－１',
  ]) {
    it(footer, () => {
      const report = lint(`<a href="${MIIT}">${footer}</a>`);
      const text = footer.replaceAll('&nbsp;', '\u00a0');
      assert.equal(report.items.length, 1);
      assert.equal(report.items[0].filing.normalized, parseFiling(text).normalized);
      assert.notEqual(report.items[0].filing.normalized, null);
      assert.deepEqual(findings(report), ['L21/info']);
    });
  }

  it('does not run a serial into the year or words after the number', () => {
    assert.deepEqual(
      findFilings('京ICP备19051234号-2 2026 Example').map((f) => f.filing.normalized),
      ['京ICP备19051234号-2'],
    );
    assert.deepEqual(
      findFilings(`京公网安备 ${CODE} 号 2016-2026`).map((f) => f.filing.normalized),
      [`京公网安备${CODE}号`],
    );
  });
});

describe('L17 is independent of L06 (§7.1)', () => {
  it('a bare subject number without 号 gets both', () => {
    assert.deepEqual(findings(lint(`<a href="${MIIT}">京ICP备19051234</a>`)), ['L06/warn', 'L17/info']);
    assert.deepEqual(findings(lint(`<a href="${MIIT}">京ICP备19051234号</a>`)), ['L17/info']);
  });
});

describe('placeholders (L11, §7.1)', () => {
  for (const text of ['京ICP备案中', '京ICP备申请中', '申请ing', '(备案中)', '京ICP备-号', '京公网安备备案中']) {
    it(`${text} is no number`, () => {
      const f = parseFiling(text);
      assert.deepEqual([f.valid, f.normalized], [false, null]);
      assert.deepEqual(rules(text), ['L11.pending']);
    });
  }

  it('an all-zero serial after the year, of either length', () => {
    assert.deepEqual(rules('京ICP备2024000000号'), ['L11']);
    assert.deepEqual(rules('京ICP备24000000号'), ['L11']);
    assert.deepEqual(rules('京ICP备2024000001号'), []);
  });

  it('are found in a footer after a label, linked or not', () => {
    const report = lint(`ICP备案号：<a href="${MIIT}">备案中</a> | 公安备案：申请中`);
    assert.deepEqual(findings(report), ['L11.pending/error', 'L11.pending/error']);
    assert.deepEqual(
      report.items.map((i) => i.filing.kind),
      ['icp-filing', 'psb'],
    );
  });
});

describe('telecom licences as licensees write them', () => {
  for (const text of ['A2.B1.B2-20100001', '合字B2-20090001', '浙D3-20230001', '京B2-20190001-3']) {
    it(text, () => {
      const f = parseFiling(`增值电信业务经营许可证：${text}`);
      assert.deepEqual([f.kind, f.normalized, f.diagnostics], ['telecom-licence', text, []]);
      assert.deepEqual(shown(lint(`增值电信业务经营许可证：${text}`)), [text]);
    });
  }
});

describe('L25: misspelt fixed words are recognised, normalised and reported', () => {
  for (const [text, right] of [
    ['粤公安网备44030002000001号', '粤公网安备44030002000001号'],
    ['粤公网案备44030002000001号', '粤公网安备44030002000001号'],
    ['京ICP備2021012345號-1', '京ICP备2021012345号-1'],
    ['網信算備110108123456789012345號', '网信算备110108123456789012345号'],
  ]) {
    it(text, () => {
      const f = parseFiling(text);
      assert.equal(f.normalized, right);
      assert.ok(
        f.diagnostics.length > 0 && f.diagnostics.every((d) => d.rule === 'L25' && d.severity === 'warn'),
        rules(text).join(),
      );
    });
  }

  it('names the slip and its fix, and leaves a misspelt label alone', () => {
    const [d] = parseFiling('粤公安网备44030002000001号').diagnostics;
    assert.match(explain(d, 'zh').message, /公安网备/);
    assert.match(explain(d, 'zh').fix!, /公网安备/);
    assert.deepEqual(rules(`公網安備：京公网安备${CODE}号`), []);
  });

  it('is found in a footer, with the link checked as for the right spelling', () => {
    const report = lint(
      `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=44030002000001"><img src="/p.png" alt="">粤公安网备44030002000001号</a>`,
    );
    assert.deepEqual([shown(report), findings(report)], [['粤公网安备44030002000001号'], ['L25/warn']]);
  });
});

describe('trailing-dot host names are the same host (§7.1)', () => {
  it('a link to beian.miit.gov.cn. is a correct ICP link', () => {
    assert.deepEqual(findings(lint(`<a href="https://beian.miit.gov.cn./">京ICP备2021012345号-1</a>`)), []);
  });

  it('an icon hotlinked from beian.mps.gov.cn. is still L12', () => {
    const footer = `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=${CODE}"><img src="https://beian.mps.gov.cn./img/logo01.6189a29f.png" alt="">京公网安备${CODE}号</a>`;
    assert.deepEqual(findings(lint(footer)), ['L12.hotlink/warn']);
  });
});

describe('L22: our own element as the linter reads it', () => {
  it('a badge with its numbers in attributes only shows them through JavaScript', () => {
    const report = lint(`<beian-badge icp="京ICP备2021012345号-1" psb="京公网安备${CODE}号" report></beian-badge>`);
    assert.deepEqual(shown(report), ['京ICP备2021012345号-1', `京公网安备${CODE}号`]);
    assert.deepEqual(findings(report), ['L22/warn']);
    assert.equal(report.items[0].link?.href, MIIT, 'linted as rendered: linked to MIIT');
  });

  it('a badge wrapping plain links is linted as those links, with no L22', () => {
    assert.deepEqual(findings(lint(`<beian-badge>${ICP_LINK} ${PSB_LINK}</beian-badge>`)), []);
    assert.deepEqual(
      findings(lint(`<beian-badge><a href="http://www.miibeian.gov.cn/">京ICP备2021012345号-1</a></beian-badge>`)),
      ['L02/error'],
    );
  });

  it('a badge renders what its attributes give, so their errors are the page’s', () => {
    assert.deepEqual(findings(lint('<beian-badge icp="京ICP备2021012345-1号"></beian-badge>')), [
      'L10/error',
      'L22/warn',
    ]);
    // The badge refuses a hotlinked icon-src and draws its own icon: nothing to report there.
    const hotlinked = lint(
      `<beian-badge psb="京公网安备${CODE}号" icon-src="https://beian.mps.gov.cn/img/logo01.6189a29f.png"></beian-badge>`,
    );
    assert.deepEqual(findings(hotlinked), ['L22/warn']);
  });

  it('a badge’s lists, report links and labels are read as it draws them, in its layout', () => {
    const report =
      lint(`<beian-badge telecom="浙B2-20080101" filings="网络文化经营许可证：京网文〔2020〕1039-165号; 营业执照 https://zzlz.gsxt.gov.cn/x"
      genai="Index Shanghai-Index-202402050047" vanity="萌ICP备20250059号" report="12377 12321"><a href="${MIIT}">京ICP备2021012345号-1</a></beian-badge>`);
    assert.deepEqual(
      report.items.map((i) => [i.filing.kind, i.link?.href ?? null]),
      [
        ['telecom-licence', 'https://tsm.miit.gov.cn/dxxzsp/'],
        ['culture-licence', null],
        ['genai', null],
        ['vanity', 'https://icp.gov.moe/?keyword=20250059'],
      ],
    );
    assert.deepEqual(findings(report), ['L24/info']);
  });

  it('an app’s -nA number is right on its about page or in an app badge (no L16), not in a site footer', () => {
    const number = '京ICP备2021012345号-3A';
    assert.deepEqual(findings(lint(`<a href="${MIIT}">${number}</a>`)), ['L16/warn']);
    assert.deepEqual(
      findings(lint(`<beian-badge layout="about" icp="${number}"><a href="${MIIT}">${number}</a></beian-badge>`)),
      [],
    );
    assert.deepEqual(
      findings(lint(`<beian-badge app icp="${number}"><a href="${MIIT}">${number}</a></beian-badge>`)),
      [],
    );
  });

  it('a hosts map shows the page host’s entry (or its parent domain’s, or *), and nothing for an unlisted host', () => {
    const hosts = JSON.stringify({
      'example.cn': { icp: '京ICP备2021012345号-1' },
      '*': { icp: '京ICP备2021012345号-9' },
    });
    const badge = `<beian-badge hosts='${hosts}'></beian-badge>`;
    assert.deepEqual(shown(lint(badge, { host: 'example.cn' })), ['京ICP备2021012345号-1']);
    assert.deepEqual(shown(lint(badge, { host: 'blog.example.cn' })), ['京ICP备2021012345号-1']);
    assert.deepEqual(shown(lint(badge, { host: 'other.cn' })), ['京ICP备2021012345号-9']);
    const only = `<beian-badge hosts='${JSON.stringify({ 'example.cn': { icp: '京ICP备2021012345号-1' } })}'></beian-badge>`;
    assert.deepEqual(
      [shown(lint(only, { host: 'other.cn', home: true })), findings(lint(only, { host: 'other.cn', home: true }))],
      [[], ['L26/error']],
    );
  });
});

describe('L23: a 公安 number must link to its record', () => {
  it('as plain text', () => {
    assert.deepEqual(findings(lint(`${ICP_LINK} <img src="/p.png" alt="">京公网安备${CODE}号`)), ['L23/warn']);
  });

  it('inside an anchor without an address it is L04 instead', () => {
    assert.deepEqual(findings(lint(`${ICP_LINK} <a><img src="/p.png" alt="">京公网安备${CODE}号</a>`)), ['L04/error']);
  });
});

describe('L24: vanity registry numbers', () => {
  it('萌ICP and 喵ICP are noted, never errors, and get no official link', () => {
    assert.deepEqual(
      findings(lint(`${ICP_LINK} <a href="https://icp.gov.moe/?keyword=20250059">萌ICP备20250059号</a>`)),
      ['L24/info'],
    );
    assert.deepEqual([parseFiling('喵ICP备20250059号').kind, rules('喵ICP备20250059号')], ['vanity', ['L24']]);
  });
});

describe('L26: home pages and --require', () => {
  it('a home page with no number at all is an error; another page is not', () => {
    assert.deepEqual(findings(lint('© 2026 Example', { home: true })), ['L26/error']);
    assert.deepEqual(findings(lint('© 2026 Example')), []);
  });

  it('a home page that shows either number passes, in its HTML or through a badge', () => {
    assert.deepEqual(findings(lint(ICP_LINK, { home: true })), []);
    assert.deepEqual(findings(lint(`<beian-badge psb="京公网安备${CODE}号"></beian-badge>`, { home: true })), [
      'L22/warn',
    ]);
  });

  it('a number hidden from visitors does not count (it is L20 too)', () => {
    const report = lint(`<div hidden>${ICP_LINK}</div>`, { home: true });
    assert.deepEqual(findings(report), ['L20/info', 'L26/error']);
  });

  it('require names each kind a page must show', () => {
    assert.deepEqual(findings(lint(ICP_LINK, { require: ['icp', 'psb'] })), ['L26.psb/error']);
    assert.deepEqual(findings(lint(PSB_LINK, { require: ['icp'] })), ['L26.icp/error']);
    assert.deepEqual(findings(lint(`${ICP_LINK} ${PSB_LINK}`, { require: ['icp', 'psb'] })), []);
  });
});

describe('bounded in depth and size', () => {
  it('lints a page nested 100,000 deep', () => {
    const depth = 100_000;
    const report = lintHtml(`${'<div>'.repeat(depth)}${ICP_LINK}${'</div>'.repeat(depth)}`);
    assert.deepEqual([shown(report), findings(report)], [['京ICP备2021012345号-1'], []]);
  });

  it('finds a number at the end of 2 MB of text without numbers', () => {
    const report = lint(`${'<p>备案 证 A1 申请 文字</p>'.repeat(100_000)}${ICP_LINK}`);
    assert.deepEqual(shown(report), ['京ICP备2021012345号-1']);
  });
});

describe('the streaming HTML reader gives the parts of the whole tree', () => {
  // parse5's own tree, walked by core's footerParts: what the CLI read before it read while parsing.
  const treeReader: TreeReader<T.Node> = {
    tag: (node) => (node.nodeName === '#text' ? null : node.nodeName),
    children: (node) => ('childNodes' in node ? node.childNodes : []),
    text: (node) => (node as T.TextNode).value,
    attr: (node, name) => ('attrs' in node ? (node.attrs.find((a) => a.name === name)?.value ?? null) : null),
    line: (node) => node.sourceCodeLocation?.startLine ?? 0,
  };
  const treeParts = (html: string) =>
    footerParts(parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false }), treeReader);
  const pages = {
    ...Object.fromEntries(corpus.cases.filter((c) => c.inputKind === 'html').map((c) => [c.id, c.input])),
    'void elements and unclosed ones': `<footer><p>${ICP_LINK}<br>第二行<img src="/a.png"><p>${PSB_LINK}<div>未闭合`,
    'text split by comments and entities':
      '<footer>京ICP备&#50;021012345号<!-- x -->-1 &amp; 京公网安备<b></b>11010802012345号</footer>',
    'a badge drawn from attributes, with a link inside and without': `<beian-badge icp="京ICP备2021012345号-1"><span><a href="/x">x</a></span></beian-badge><beian-badge psb="京公网安备${CODE}号"><b>y</b></beian-badge>`,
    'a badge wrapping links, and one the host map leaves out': `<beian-badge>${ICP_LINK}</beian-badge><beian-badge hosts='{"a.cn":{}}'>${PSB_LINK}</beian-badge>`,
    'scripts, styles, templates and head': `<head><title>京ICP备2021012345号-9</title></head><script>"京ICP备2021012345号-8"</script><template><a href="${MIIT}">京ICP备2021012345号-7</a></template><style>a{}</style>${ICP_LINK}`,
    'hidden content': `<div style="display: none">${ICP_LINK}</div><p hidden>${PSB_LINK}</p>`,
    'misnested formatting': `<footer><a href="${MIIT}"><b>京ICP备</a>2021012345号-1</b></footer>`,
    'an svg icon': `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=${CODE}"><svg><path d="M0 0"/></svg>京公网安备${CODE}号</a>`,
  };
  for (const [name, html] of Object.entries(pages)) {
    it(name, () => assert.deepEqual(htmlParts(html), treeParts(html)));
  }

  it('reads text that a table fosters out of it where the source has it (the tree moves it before the table)', () => {
    const html = `<table>京ICP备2021012345号-1<tr><td>${PSB_LINK}</td></tr></table>`;
    const texts = (parts: ReturnType<typeof htmlParts>) => parts.flatMap((p) => (p.type === 'text' ? [p.text] : []));
    assert.deepEqual(texts(htmlParts(html)), texts(treeParts(html)));
    assert.deepEqual(shown(lintHtml(html)), ['京ICP备2021012345号-1', `京公网安备${CODE}号`]);
  });
});
