// Property tests of core: parsing is total, canonical forms are fixed points, and spelling variants of a valid
// number (full-width, other dashes, stray whitespace, lower case) read as the same number.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findFilings, formatFiling, isPlaceholder, parseFiling, PROVINCES, quickParse } from '../../src/core/index.js';

const RUNS = { numRuns: 10_000 };
const now = new Date('2026-11-30T12:00:00+08:00');

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const province = fc.constantFrom(...PROVINCES);
const site = fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined });

/** Valid canonical numbers of every kind. */
const validNumber = fc
  .oneof(
    fc
      .record({
        p: province,
        year: fc.integer({ min: 2019, max: 2026 }),
        serial: digits(6),
        site,
        letter: fc.constantFrom('', 'A', 'X'),
      })
      .map(({ p, year, serial, site, letter }) => `${p.icp}ICP备${year}${serial}号${site ? `-${site}${letter}` : ''}`),
    fc
      .record({ p: province, yy: fc.integer({ min: 0, max: 20 }), serial: digits(6), site })
      .map(
        ({ p, yy, serial, site }) => `${p.icp}ICP备${String(yy).padStart(2, '0')}${serial}号${site ? `-${site}` : ''}`,
      ),
    fc
      .record({ p: province, serial: digits(6), site })
      .map(({ p, serial, site }) => `${p.icp}ICP证${serial}号${site ? `-${site}` : ''}`),
    fc.record({ p: province, rest: digits(12) }).map(({ p, rest }) => `${p.psb[0]}公网安备${p.code}${rest}号`),
    fc
      .record({ p: province, cat: fc.constantFrom('B1', 'B2', 'A2'), num: digits(8), site })
      .map(({ p, cat, num, site }) => `${p.icp}${cat}-${num}${site ? `-${site}` : ''}`),
    fc.record({ p: province, rest: digits(19) }).map(({ p, rest }) => `网信算备${p.code}${rest}号`),
    // No placeholder in any of its digit runs (a telecom licence's are after its dash: 京B1-66666600 is one).
  )
  .filter((n) => !(n.match(/\d+/gu) ?? []).some(isPlaceholder));

/** Numbers of canonical shape with every kind of defect: wrong or old prefixes, years, lengths, famous copies. */
const anyPrefix = fc.constantFrom(...'京粤蜀川贵黔甘陇云滇秦楚萌港', '沪交', '');
const nearlyValid = fc.oneof(
  fc
    .record({
      p: anyPrefix,
      type: fc.constantFrom('备', '证'),
      year: fc.integer({ min: 1990, max: 2035 }),
      short: fc.boolean(),
      serial: digits(6),
      site,
      letter: fc.constantFrom('', 'A', 'X', 'B'),
    })
    .map(
      ({ p, type, year, short, serial, site, letter }) =>
        `${p}ICP${type}${type === '证' ? serial : `${short ? String(year).slice(2) : year}${serial}`}号${site ? `-${site}${letter}` : ''}`,
    ),
  fc
    .record({ p: anyPrefix, code: fc.integer({ min: 10, max: 99 }), rest: digits(12), space: fc.constantFrom('', ' ') })
    .map(({ p, code, rest, space }) => `${p}公网安备${space}${code}${rest}${space}号`),
  fc.record({ p: anyPrefix, num: digits(8) }).map(({ p, num }) => `${p}B2-${num}`),
  fc
    .record({ code: fc.integer({ min: 10, max: 99 }), rest: digits(19) })
    .map(({ code, rest }) => `网信算备${code}${rest}号`),
  fc.constantFrom(
    '京ICP证030173号',
    '京公网安备11000002000001号',
    '京ICP备11018762号-11',
    '京ICP备19004658号',
    '京公网安备11010502030143号',
    '京ICP备00000000号',
    '粤ICP备12345678号',
    '京公网安备11111111111111号',
    '浙B2-XXXXXXXX',
    '网信算备000000000000000000000号',
  ),
);

/** Characters that real footers mix into numbers, so random strings reach deep into the parser. */
const footerChar = fc.constantFrom(
  ...'京粤蜀川秦萌穗ICPicp备证号公网安备监案编信算B2AX-－—0123456789０１２３ xX*：:（）\n\t\u3000<>"'.split(''),
);
const footerish = fc.oneof(
  fc.string({ unit: footerChar, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('core properties', () => {
  it('parseFiling and findFilings never throw, on any string', () => {
    fc.assert(
      fc.property(footerish, (s) => {
        const f = parseFiling(s, { now });
        assert.equal(f.input, s);
        assert.equal(f.valid, !f.diagnostics.some((d) => d.severity !== 'info'));
        for (const found of findFilings(s, { now })) assert.ok(found.start < found.end && found.end <= s.length);
      }),
      RUNS,
    );
  });

  it('format∘parse is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(footerish, validNumber), (s) => {
        const once = parseFiling(s, { now });
        const formatted = formatFiling(once);
        const twice = parseFiling(formatted, { now });
        assert.equal(formatFiling(twice), formatted);
        if (once.normalized !== null) {
          assert.equal(twice.normalized, once.normalized);
          for (const key of ['kind', 'province', 'psbCode', 'site', 'suffixKind'] as const)
            assert.equal(twice[key], once[key], key);
        }
      }),
      RUNS,
    );
  });

  it('valid numbers are their own canonical form', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        const f = parseFiling(n, { now });
        assert.equal(f.valid, true, `${n}: ${f.diagnostics.map((d) => d.rule).join()}`);
        assert.equal(f.normalized, n);
      }),
      RUNS,
    );
  });

  it('full-width, dash, case and whitespace variants of a valid number normalise to it', () => {
    const FULL = (c: string) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0);
    const variant = (n: string) =>
      fc
        .array(
          fc.record({
            width: fc.boolean(),
            lower: fc.boolean(),
            dash: fc.constantFrom('-', '－', '—', '–', '−', '﹣'),
            space: fc.constantFrom('', '', '', ' ', '\u3000', '\t', '\n  '),
          }),
          { minLength: n.length, maxLength: n.length },
        )
        .map((choices) =>
          [...n]
            .map((c, i) => {
              const { width, lower, dash, space } = choices[i];
              let out = c;
              if (c === '-') out = dash;
              else if (/[0-9A-Z]/.test(c))
                out = width ? FULL(lower ? c.toLowerCase() : c) : lower ? c.toLowerCase() : c;
              return (i > 0 ? space : '') + out;
            })
            .join(''),
        );
    fc.assert(
      fc.property(
        validNumber.chain((n) => fc.tuple(fc.constant(n), variant(n))),
        ([n, v]) => {
          const f = parseFiling(v, { now });
          const reference = parseFiling(n, { now });
          assert.equal(f.normalized, n, JSON.stringify(v));
          assert.equal(f.valid, true, `${JSON.stringify(v)}: ${f.diagnostics.map((d) => d.rule).join()}`);
          for (const key of ['kind', 'province', 'psbCode', 'site', 'suffixKind'] as const)
            assert.equal(f[key], reference[key], key);
        },
      ),
      RUNS,
    );
  });

  it('quickParse answers exactly as parseFiling wherever it answers', () => {
    const host = fc.constantFrom(undefined, 'example.cn', 'www.baidu.com', 'blog.csdn.net');
    const input = fc.oneof(footerish, validNumber, nearlyValid);
    fc.assert(
      fc.property(input, host, (s, h) => {
        const quick = quickParse(s, { now, host: h });
        if (quick) assert.deepEqual(quick, parseFiling(s, { now, host: h }));
      }),
      RUNS,
    );
  });

  it('quickParse answers for every canonical valid ICP and 公安 number (the first paint needs no full parser)', () => {
    // Telecom licences and algorithm filings are drawn by the full chunk, with the other filings of §5.
    fc.assert(
      fc.property(
        validNumber.filter((n) => /^(icp|psb)/.test(parseFiling(n).kind)),
        (n) => {
          const full = parseFiling(n, { now });
          fc.pre(full.diagnostics.length === 0); // famous numbers carry an info note and take the full path
          assert.deepEqual(quickParse(n, { now }), full);
        },
      ),
      RUNS,
    );
  });
});
