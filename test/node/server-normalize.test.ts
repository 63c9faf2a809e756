// Input normalisation of the lookup service (contract B.3): domains via the URL parser and the Public Suffix List.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileableTlds, unfileable } from '../../src/core/index.js';
import { QueryError } from '../../src/server/messages.js';
import { normalizeDomain, normalizeIcpNumber, normalizePsbCode, normalizeUnit } from '../../src/server/normalize.js';

/** What a normaliser returns, or the code of the QueryError it throws. */
function code(normalise: () => unknown): unknown {
  try {
    return normalise();
  } catch (e) {
    if (e instanceof QueryError) return e.code;
    throw e;
  }
}

describe('normalizeDomain', () => {
  for (const [input, expected] of [
    ['example.cn', 'example.cn'],
    ['WWW.Example.CN.', 'example.cn'],
    ['https://www.example.cn:8443/a?b#c', 'example.cn'],
    ['mi.cn/path', 'mi.cn'],
    ['ｗｗｗ．ｅｘａｍｐｌｅ．ｃｎ', 'example.cn'],
    ['a.b.example.com.cn', 'example.com.cn'],
    ['www.gov.cn', 'www.gov.cn'],
    ['https://www.例子.中国/', 'xn--fsqu00a.xn--fiqs8s'],
    ['someone.blogspot.com', 'blogspot.com'], // the PSL's ICANN section: private suffixes do not count
    ['localhost', 'domain-not-fileable'],
    ['127.0.0.1', 'domain-not-fileable'],
    ['[::1]', 'domain-not-fileable'],
    ['intranet', 'domain-not-fileable'],
    ['nas.local', 'domain-not-fileable'],
    ['site.onion', 'domain-not-fileable'],
    ['gov.cn', 'domain-not-fileable'],
    ['example.xn--zckzah', 'domain-not-fileable'],
    ['exa mple.cn', 'invalid-domain'],
    ['http://', 'invalid-domain'],
  ] as const) {
    it(`${JSON.stringify(input)} → ${expected}`, () =>
      assert.equal(
        code(() => normalizeDomain(input)),
        expected,
      ));
  }

  it('says why a host cannot be filed, in English and Chinese', () => {
    assert.throws(
      () => normalizeDomain('example.zz'),
      (e: QueryError) =>
        e instanceof Error &&
        /\.zz is not a TLD that can be filed in China/.test(e.message) &&
        /\.zz 不是可在中国备案的顶级域/.test(e.messageZh),
    );
  });
});

describe('numbers and units', () => {
  it('normalises ICP numbers through core and reads the app type from the suffix', () => {
    assert.equal(normalizeIcpNumber('京ICP备 2021012345号－1').filing.normalized, '京ICP备2021012345号-1');
    assert.equal(normalizeIcpNumber('粤ICP备2026023717号-2X').type, 'miniapp');
    assert.equal(
      normalizeIcpNumber('川ICP备09150084号').filing.normalized,
      '川ICP备09150084号',
      'older prefixes are accepted, never folded',
    );
  });

  it('reads 公安 codes with or without the number around them', () => {
    assert.equal(normalizePsbCode('京公网安备 11010502030143'), '11010502030143');
    assert.equal(normalizePsbCode('１１０１０５０２０３０１４３'), '11010502030143');
    assert.equal(
      code(() => normalizePsbCode('110000000006')),
      'unsupported-number',
    );
    assert.equal(
      code(() => normalizePsbCode('00000000000000')),
      'invalid-code',
    );
  });

  it('collapses whitespace in unit names and bounds their length', () => {
    assert.equal(normalizeUnit('  示例  科技\t有限公司 '), '示例 科技 有限公司');
    assert.equal(
      code(() => normalizeUnit('示')),
      'invalid-query',
    );
    assert.equal(
      code(() => normalizeUnit('示'.repeat(101))),
      'invalid-query',
    );
  });
});

describe('unfileable (core): the hosts the badge never asks about', () => {
  it('names why, in the order the server refuses them', () => {
    assert.equal(unfileable('192.168.1.10'), 'ip');
    assert.equal(unfileable('[::1]'), 'ip');
    for (const host of ['intranet', 'shop.test', 'printer.local', 'nas.internal', 'x.onion', 'localhost'])
      assert.equal(unfileable(host), 'private', host);
    assert.equal(unfileable('intranet.corp'), 'tld');
    assert.equal(unfileable('example.de'), 'tld');
    for (const host of ['www.example.cn', 'example.com.cn', 'xn--fsqu00a.xn--fiqs8s', 'blog.top'])
      assert.equal(unfileable(host), undefined, host);
  });

  it("takes an operator's own list of TLDs, in Unicode or punycode", () => {
    const tlds = fileableTlds('cn 中国');
    assert.equal(unfileable('example.com', tlds), 'tld');
    assert.equal(unfileable('例子.xn--fiqs8s', tlds), undefined);
  });
});
