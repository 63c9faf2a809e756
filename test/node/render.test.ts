// renderBadgeHTML: the plain, compliant footer for server-side templates; our own linter holds it to the rules.
// renderQueryHTML: the query form with its fallback, the official query sites, for pages without JavaScript.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderBadgeHTML, renderQueryHTML } from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';

describe('renderBadgeHTML', () => {
  it('renders the canonical numbers with official links and the icon, and lints clean', () => {
    const html = renderBadgeHTML({ icp: '京ICP备 2026002630号－1', psb: '京公网安备 11010602202215', telecom: '浙B2-20080101', algorithm: '网信算备310115124334401240013号', report: true });
    const report = lintHtml(html);
    assert.deepEqual(report.items.map((i) => i.filing.normalized), ['京ICP备2026002630号-1', '浙B2-20080101', '京公网安备11010602202215号', '网信算备310115124334401240013号']);
    assert.deepEqual(report.findings.map((f) => f.rule), [], 'no finding of any severity');
    assert.match(html, /^<beian-badge icp="京ICP备 2026002630号－1" telecom="浙B2-20080101" psb="京公网安备 11010602202215" algorithm="网信算备310115124334401240013号" report>/);
    assert.match(html, /<a href="https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=11010602202215" target="_blank" rel="noopener noreferrer"><svg[^>]*aria-hidden="true"/);
    assert.match(html, /<a href="https:\/\/www\.12377\.cn\/"/);
  });

  it('escapes everything it is given and links nothing unvalidated', () => {
    const html = renderBadgeHTML({ icp: '"><script>alert(1)</script>', psb: '京公网安备1101<b>', iconSrc: 'x" onerror="alert(1)' });
    assert.doesNotMatch(html, /<script|<b>|" onerror/);
    assert.match(html, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /webSearch\?code=/);
  });

  it('refuses a hotlinked platform icon, as the element does, and draws its own', () => {
    const html = renderBadgeHTML({ psb: '粤公网安备44130202001617号', iconSrc: 'https://beian.mps.gov.cn/img/logo01.dd7ff50e.png' });
    assert.doesNotMatch(html, /<img|icon-src|beian\.mps\.gov\.cn\/img/);
    assert.match(html, /<svg/);
    assert.deepEqual(lintHtml(html).findings.map((f) => f.rule), []);
  });

  it('can leave out the element, and use the site’s own icon', () => {
    const html = renderBadgeHTML({ psb: '粤公网安备44130202001617号', iconSrc: '/img/police.png', element: false });
    assert.ok(html.startsWith('<a href="https://beian.mps.gov.cn/#/query/webSearch?code=44130202001617"'));
    assert.match(html, /<img src="\/img\/police\.png" alt="" width="16" height="16">/);
    assert.deepEqual(lintHtml(html).findings.map((f) => f.rule), []);
  });
});

describe('renderQueryHTML', () => {
  it('wraps links to the official query sites of MIIT and MPS in the element, with its settings', () => {
    const html = renderQueryHTML({ lookup: 'https://lookup.example.cn/v1', mode: 'psb', type: 'app', urlState: true });
    assert.match(html, /^<beian-query lookup="https:\/\/lookup\.example\.cn\/v1" mode="psb" type="app" url-state><p>在官方网站查询备案：/);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['https://beian.miit.gov.cn/#/Integrated/recordQuery', 'https://beian.mps.gov.cn/#/query/webSearch']);
    assert.equal((html.match(/target="_blank" rel="noopener noreferrer"/g) ?? []).length, 2);
  });

  it('speaks the form’s language, and leaves out what was not given', () => {
    assert.match(renderQueryHTML({ lang: 'en' }), /^<beian-query lang="en"><p>Search the official registries: <a[^>]*>ICP filings \(MIIT\)<\/a>/);
    assert.match(renderQueryHTML({ lang: 'zh-Hant-TW' }), /在官方網站查詢備案/);
    assert.match(renderQueryHTML(), /^<beian-query><p>/);
  });

  it('escapes what it is given', () => {
    const html = renderQueryHTML({ lookup: '"><script>alert(1)</script>', lang: 'en" onclick="x' });
    assert.doesNotMatch(html, /<script|" onclick/);
  });
});
