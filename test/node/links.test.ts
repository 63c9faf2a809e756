// Official links are built only from numbers that parse, and links found in pages are classified by target.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyLink, isHotlinkedIcon, officialLink, parseFiling } from '../../src/core/index.js';

describe('officialLink', () => {
  it('links each kind to its official site', () => {
    assert.equal(officialLink(parseFiling('京ICP备2021012345号-1')), 'https://beian.miit.gov.cn/');
    assert.equal(officialLink(parseFiling('京ICP证030173号')), 'https://beian.miit.gov.cn/');
    // Telecom licences are published in 电信业务市场综合管理信息系统, not the ICP system (§5.1).
    assert.equal(officialLink(parseFiling('浙B2-20080101')), 'https://tsm.miit.gov.cn/dxxzsp/');
    assert.equal(officialLink(parseFiling('A2.B1.B2-20100001')), 'https://tsm.miit.gov.cn/dxxzsp/');
    assert.equal(officialLink(parseFiling('网信算备310115124334401240013号')), 'https://beian.cac.gov.cn/#/index');
  });

  it('deep-links 公安 numbers to their record, web or app', () => {
    const f = parseFiling('京公网安备 11010502030143');
    assert.equal(officialLink(f), 'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143');
    assert.equal(officialLink(f, { app: true }), 'https://beian.mps.gov.cn/#/query/appSearch?code=11010502030143');
  });

  it('never puts an unvalidated number into a link', () => {
    for (const bad of ['黔公网安备33010802007421号', '豫公网安备 410xxxxxxx号', '京公网安备1101050203014号']) {
      assert.equal(officialLink(parseFiling(bad)), 'https://beian.mps.gov.cn/', bad);
    }
    assert.equal(officialLink(parseFiling('京ICP备123号')), 'https://beian.miit.gov.cn/');
    for (const text of ['<script>', '', 'javascript:alert(1)', '京公网安备11010502030143<b>号'])
      assert.equal(officialLink(parseFiling(text)), null, text);
  });
});

describe('classifyLink', () => {
  const cases: [string | null, string, string | null][] = [
    ['https://beian.miit.gov.cn/', 'miit', null],
    ['https://beian.miit.gov.cn/#/Integrated/recordQuery', 'miit', null],
    ['http://www.miitbeian.gov.cn', 'miit-dead', null],
    ['http://www.beian.miit.gov.cn/', 'miit-dead', null],
    ['http://beian.miit.gov.cn/publish/query/indexFirst.action', 'miit-dead', null],
    ['https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143', 'mps', '11010502030143'],
    ['https://beian.mps.gov.cn/#/query/webSearch?recordcode=11010502030143', 'mps', null],
    ['http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502030143', 'mps-legacy', '11010502030143'],
    ['https://beian.cac.gov.cn/#/index', 'cac', null],
    ['https://example.cn/', 'other', null],
    ['/relative', 'other', null],
    ['javascript:;', 'none', null],
    ['#', 'none', null],
    ['', 'none', null],
    [null, 'none', null],
  ];
  for (const [href, target, code] of cases) {
    it(`${JSON.stringify(href)} → ${target}`, () => {
      const info = classifyLink(href);
      assert.equal(info.target, target);
      assert.equal(info.code, code);
    });
  }

  it('keeps the misspelt parameter names, so lint can name them', () => {
    assert.deepEqual(classifyLink('http://www.beian.gov.cn/portal/registerSystemInfo?ecordcode=5001').params, [
      'ecordcode',
    ]);
  });

  it('tells hotlinked platform icons from a site’s own', () => {
    assert.equal(isHotlinkedIcon('https://beian.mps.gov.cn/web/assets/logo01.6189a29f.png'), true);
    assert.equal(isHotlinkedIcon('/images/beian.png'), false);
    assert.equal(isHotlinkedIcon('https://cdn.example.cn/beian.png'), false);
  });
});

describe('numbers that only look right', () => {
  for (const text of [
    '京ICP备2021X12345号',
    '浙B2-2008X101',
    '京公网安备1101050203014X号',
    '网信算备31011512433440124001X号',
    '𠀀ICP备2021012345号-1',
    '京ICP备2021012345号-0',
    '浙B2-20080101-0',
    '粤B2-20090191-018',
  ]) {
    it(`${text} is not valid, says why, and gets no record link`, () => {
      const f = parseFiling(text);
      assert.equal(f.valid, false);
      assert.equal(f.normalized, null);
      assert.ok(f.diagnostics.some((d) => d.severity === 'error'));
      assert.doesNotMatch(officialLink(f) ?? '', /code=/);
    });
  }
});
