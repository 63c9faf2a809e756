// renderBadgeHTML: the plain, compliant footer for server-side templates; our own linter holds it to the rules.
// renderQueryHTML: the query form with its fallback, the official query sites, for pages without JavaScript.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderBadgeHTML, renderQueryHTML } from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';
import { AI_APP, APP_ABOUT, BIG_SITE, VANITY_BLOG } from '../../demo/footers.js';

const rules = (html: string, options = {}) => lintHtml(html, options).findings.map((f) => `${f.rule}/${f.severity}`);

describe('renderBadgeHTML', () => {
  it('renders the canonical numbers with official links and the icon, and lints clean', () => {
    const html = renderBadgeHTML({
      icp: '京ICP备 2026002630号－1',
      psb: '京公网安备 11010602202215',
      telecom: '浙B2-20080101',
      algorithm: '网信算备310115124334401240013号',
      report: true,
    });
    const report = lintHtml(html);
    assert.deepEqual(
      report.items.map((i) => i.filing.normalized),
      ['京ICP备2026002630号-1', '浙B2-20080101', '京公网安备11010602202215号', '网信算备310115124334401240013号'],
    );
    assert.deepEqual(
      report.findings.map((f) => f.rule),
      [],
      'no finding of any severity',
    );
    assert.match(
      html,
      /^<beian-badge icp="京ICP备 2026002630号－1" telecom="浙B2-20080101" psb="京公网安备 11010602202215" algorithm="网信算备310115124334401240013号" report>/,
    );
    assert.match(
      html,
      /<a href="https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=11010602202215" target="_blank" rel="noopener noreferrer"><svg[^>]*aria-hidden="true"/,
    );
    assert.match(html, /<a href="https:\/\/www\.12377\.cn\/"/);
  });

  it('escapes everything it is given and links nothing unvalidated', () => {
    const html = renderBadgeHTML({
      icp: '"><script>alert(1)</script>',
      psb: '京公网安备1101<b>',
      iconSrc: 'x" onerror="alert(1)',
    });
    assert.doesNotMatch(html, /<script|<b>|" onerror/);
    assert.match(html, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /webSearch\?code=/);
  });

  it('refuses a hotlinked platform icon, as the element does, and draws its own', () => {
    const html = renderBadgeHTML({
      psb: '粤公网安备44130202001617号',
      iconSrc: 'https://beian.mps.gov.cn/img/logo01.dd7ff50e.png',
    });
    assert.doesNotMatch(html, /<img|icon-src|beian\.mps\.gov\.cn\/img/);
    assert.match(html, /<svg/);
    assert.deepEqual(
      lintHtml(html).findings.map((f) => f.rule),
      [],
    );
  });

  it('can leave out the element, and use the site’s own icon', () => {
    const html = renderBadgeHTML({ psb: '粤公网安备44130202001617号', iconSrc: '/img/police.png', element: false });
    assert.ok(html.startsWith('<a href="https://beian.mps.gov.cn/#/query/webSearch?code=44130202001617"'));
    assert.match(html, /<img src="\/img\/police\.png" alt="" width="16" height="16">/);
    assert.deepEqual(
      lintHtml(html).findings.map((f) => f.rule),
      [],
    );
  });
});

describe('renderBadgeHTML with every filing of §5.1', () => {
  it('prints a big site’s footer that lints clean as a home page, every number found', () => {
    const html = renderBadgeHTML(BIG_SITE);
    const report = lintHtml(html, { home: true, host: 'www.example.cn' });
    assert.deepEqual(report.findings, []);
    assert.deepEqual(
      report.items.map((i) => i.filing.kind),
      [
        'icp-filing',
        'telecom-licence',
        'psb',
        'algorithm',
        'audiovisual-licence',
        'culture-licence',
        'broadcast-licence',
        'publication-licence',
        'drug-info-certificate',
        'performance-licence',
      ],
    );
    assert.match(
      html,
      /增值电信业务经营许可证：<\/span><a href="https:\/\/tsm\.miit\.gov\.cn\/dxxzsp\/" target="_blank"/,
    );
    assert.match(
      html,
      /<a href="https:\/\/zzlz\.gsxt\.gov\.cn\/businessCheck\/verifKey\.do\?showType=p&amp;serial=91310000MA1FL1234X" target="_blank" rel="noopener noreferrer">营业执照<\/a>/,
    );
    assert.match(html, /<a href="tel:4000233233" rel="noopener noreferrer">举报电话：400-023-3233<\/a>/);
    assert.match(html, /report="12377 12321 cyberpolice"/);
  });

  it('prints an AI app’s disclosure, an app’s about page and a blog with 萌ICP, each linting clean', () => {
    assert.deepEqual(rules(renderBadgeHTML(AI_APP), { home: true }), []);
    assert.match(renderBadgeHTML(AI_APP), /模型名称：Index · 上线编号：<\/span>Shanghai-Index-202402050047/);
    const about = renderBadgeHTML({ ...APP_ABOUT, layout: 'about' });
    assert.deepEqual(rules(about), []);
    assert.match(
      about,
      /^<beian-badge icp="京ICP备2021012345号-3A" psb="京公网安备11010502040012号" layout="about">.*3A<\/a><br><a href="https:\/\/beian\.miit\.gov\.cn\/" target="_blank" rel="noopener noreferrer">https:\/\/beian\.miit\.gov\.cn\/<\/a><br>.*appSearch\?code=11010502040012/,
    );
    // A vanity number is only noted (L24), never an error, and it comes last.
    const blog = renderBadgeHTML(VANITY_BLOG);
    assert.deepEqual(rules(blog), ['L24/info']);
    assert.match(
      blog,
      /公网安备 51012402001727号<\/a> <a href="https:\/\/icp\.gov\.moe\/\?keyword=20250059"[^>]*>萌ICP备20250059号<\/a><\/beian-badge>$/,
    );
  });

  it('names each label in the page’s language in its title', () => {
    assert.match(
      renderBadgeHTML({ telecom: '浙B2-20080101', lang: 'en' }),
      /<span title="Value-added telecom licence">增值电信业务经营许可证：<\/span>/,
    );
    assert.match(renderBadgeHTML({ telecom: '浙B2-20080101' }), /<span>增值电信业务经营许可证：<\/span>/);
  });

  it('throws a RangeError naming every entry it cannot use as given', () => {
    assert.throws(
      () =>
        renderBadgeHTML({
          icp: '京ICP备2021012345号-1',
          report: '12377 110',
          contacts: '举报电话：110 javascript:alert(1)',
        }),
      (e: Error) =>
        e instanceof RangeError &&
        /report "110" is not a report link it knows/.test(e.message) &&
        /javascript:alert\(1\) of "举报电话：110" is not used/.test(e.message),
    );
  });

  it('is what the linter reads a bare <beian-badge> as: the same items (with L22, as no plain link is inside)', () => {
    const printed = lintHtml(renderBadgeHTML(BIG_SITE), { host: 'www.example.cn' }).items.map((i) => [
      i.filing.normalized,
      i.link?.href ?? null,
    ]);
    const bare = renderBadgeHTML(BIG_SITE).replace(/>.*<\/beian-badge>$/, '></beian-badge>');
    const drawn = lintHtml(bare, { host: 'www.example.cn' });
    assert.deepEqual(
      drawn.items.map((i) => [i.filing.normalized, i.link?.href ?? null]),
      printed,
    );
    assert.deepEqual(
      drawn.findings.map((f) => f.rule),
      ['L22'],
    );
  });
});

describe('renderQueryHTML', () => {
  it('wraps links to the official query sites of MIIT and MPS in the element, with its settings', () => {
    const html = renderQueryHTML({ lookup: 'https://lookup.example.cn/v1', mode: 'psb', type: 'app', urlState: true });
    assert.match(
      html,
      /^<beian-query lookup="https:\/\/lookup\.example\.cn\/v1" mode="psb" type="app" url-state><p>在官方网站查询备案：/,
    );
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, [
      'https://beian.miit.gov.cn/#/Integrated/recordQuery',
      'https://beian.mps.gov.cn/#/query/webSearch',
    ]);
    assert.equal((html.match(/target="_blank" rel="noopener noreferrer"/g) ?? []).length, 2);
  });

  it('speaks the form’s language, and leaves out what was not given', () => {
    assert.match(
      renderQueryHTML({ lang: 'en' }),
      /^<beian-query lang="en"><p>Search the official registries: <a[^>]*>ICP filings \(MIIT\)<\/a>/,
    );
    assert.match(renderQueryHTML({ lang: 'zh-Hant-TW' }), /在官方網站查詢備案/);
    assert.match(renderQueryHTML(), /^<beian-query><p>/);
  });

  it('escapes what it is given', () => {
    const html = renderQueryHTML({ lookup: '"><script>alert(1)</script>', lang: 'en" onclick="x' });
    assert.doesNotMatch(html, /<script|" onclick/);
  });
});
