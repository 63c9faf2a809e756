// Readings of the spec that the corpus does not pin down (numbers, links, lookup input): each case names its spec line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyLink,
  explain,
  findFilings,
  isHotlinkedIcon,
  parseFiling,
  readLookupInput,
} from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';

const rules = (text: string) =>
  parseFiling(text).diagnostics.map((d) => `${d.rule}${d.detail ? `.${d.detail}` : ''}/${d.severity}`);

describe('公安 codes (domain-spec §2, §3)', () => {
  it('rejects a code of no filing province, with or without a prefix (71 台湾, 81 香港, 82 澳门: "no filings: reject")', () => {
    for (const text of [
      '公安备案号81010502030143号',
      '公网安备99010502030143号',
      '公安备案:71010502030143号',
      '京公网安备82010502030143号',
    ]) {
      const f = parseFiling(text);
      assert.equal(f.valid, false, text);
      assert.deepEqual(rules(text), ['L08.none/error'], text);
      assert.match(explain(f.diagnostics[0], 'zh').message, /不是办理备案的省份代码/);
    }
    // A mainland code still reads (its province, its code), but the missing prefix is never invented (§7.1).
    const mainland = parseFiling('公安备案号11010502030144号');
    assert.deepEqual([mainland.province, mainland.psbCode, mainland.normalized], ['11', '11010502030144', null]);
    assert.deepEqual(rules('公安备案号11010502030144号'), ['L08.missing/error']);
  });

  it('reads only 12-digit Beijing numbers as legacy (L19); other 12-digit numbers are the wrong length (L07)', () => {
    assert.deepEqual(rules('京公网安备110000000006号'), ['L19/warn']);
    assert.deepEqual(rules('蜀公网安备510114990541号'), ['L07.psb/error']);
    assert.deepEqual(rules('陕公网安备110105006181号'), ['L19/warn', 'L08/error']);
  });

  it('warns, not errs, on a placeholder-only prefix (云, 秦, 楚), naming the one to use', () => {
    const f = parseFiling('云公网安备53062802000020号');
    assert.deepEqual(rules('云公网安备53062802000020号'), ['L08.placeholder/warn']);
    assert.match(explain(f.diagnostics[0], 'zh').message, /云南的公安备案号使用“滇”/);
    assert.equal(parseFiling('滇公网安备53062802000020号').valid, true);
  });
});

describe('ICP numbers (domain-spec §1)', () => {
  it('accepts a colon after 备 or 证, as the lenient pattern does, and drops it', () => {
    assert.equal(parseFiling('京ICP备：2021012345号-1').normalized, '京ICP备2021012345号-1');
    assert.equal(parseFiling('粤ICP证:B2-20090191').kind, 'telecom-licence');
    assert.deepEqual(
      findFilings('备案号：京ICP备：2021012345号-1').map((f) => f.filing.normalized),
      ['京ICP备2021012345号-1'],
    );
  });

  it('says what is malformed: the site number before 号, or just not the shape', () => {
    assert.deepEqual(rules('京ICP备2021012345-1号'), ['L10/error']);
    assert.deepEqual(rules('京ICP备案号2021012345号'), ['L10.shape/error']);
  });

  it('takes a -N sub-number on a telecom licence by the site-number rule (1–999)', () => {
    assert.equal(parseFiling('粤B2-20090191-18').site, 18);
    assert.deepEqual(rules('浙B2-20080101-0'), ['L10.seq/error']);
  });
});

describe('finding numbers in text (domain-spec §0.3: whitespace inside a number, not after it)', () => {
  for (const [text, display] of [
    ['京ICP备2021012345号-1 2024 Example', '京ICP备2021012345号-1'],
    ['京ICP备2021012345号-1 A站', '京ICP备2021012345号-1'],
    ['京公网安备11010502030143 2024', '京公网安备11010502030143'],
    ['京ICP备 2021012345 号 - 1', '京ICP备 2021012345 号 - 1'],
    ['京公网安备 11010502030143 号', '京公网安备 11010502030143 号'],
  ]) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(display)}`, () => {
      assert.deepEqual(
        findFilings(text).map((f) => f.filing.display),
        [display],
      );
    });
  }
});

describe('links', () => {
  it('reads protocol-relative official links, as themes write them', () => {
    assert.equal(classifyLink('//beian.miit.gov.cn/').target, 'miit');
    assert.equal(classifyLink('//beian.mps.gov.cn/#/query/webSearch?code=11010502030143').code, '11010502030143');
    assert.equal(isHotlinkedIcon('//beian.mps.gov.cn/web/assets/logo01.6189a29f.png'), true);
    const html =
      '<footer><a href="//beian.miit.gov.cn/">京ICP备2021012345号-1</a> <a href="//beian.mps.gov.cn/#/query/webSearch?code=11010502030144"><img src="/police.png" alt="">京公网安备11010502030144号</a></footer>';
    assert.deepEqual(
      lintHtml(html).findings.map((f) => f.rule),
      [],
    );
  });

  it('lets a legacy number keep its own code on the retired link: a warning for the host only', () => {
    const html =
      '<footer><a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=110000000006"><img src="/police.png" alt="">京公网安备110000000006号</a></footer>';
    assert.deepEqual(
      lintHtml(html).findings.map((f) => `${f.rule}/${f.severity}`),
      ['L19/warn', 'L04/warn'],
    );
  });
});

describe('lookup input (domain-spec §6.3)', () => {
  it('hands a host to the service as typed, which reduces it by the Public Suffix List (www.gov.cn stays itself)', () => {
    assert.deepEqual(readLookupInput('https://www.gov.cn/zhengce/'), { kind: 'domain', value: 'www.gov.cn' });
    assert.deepEqual(readLookupInput('WWW.Example.cn:8080'), { kind: 'domain', value: 'www.example.cn' });
  });

  it('reads the full stop Chinese input methods type as a dot', () => {
    assert.deepEqual(readLookupInput('mi。cn'), { kind: 'domain', value: 'mi.cn' });
    assert.deepEqual(readLookupInput('mi．cn'), { kind: 'domain', value: 'mi.cn' });
  });

  it('reads a name as a unit, collapsed, within the service\u2019s bounds', () => {
    assert.deepEqual(readLookupInput('  小米  科技 '), { kind: 'unit', value: '小米 科技' });
    assert.equal(readLookupInput('小'.repeat(101)).kind, 'invalid');
  });
});
