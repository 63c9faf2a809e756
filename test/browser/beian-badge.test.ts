import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { BeianBadge } from '../../src/beian-badge.js';
import { BeianBadgeInvalidEvent } from '../../src/index.js';
import { define } from '../../src/elements/internal/define.js';
import { recordWarnings } from './warnings.js';

const ICP = '京ICP备2021012345号-1';
const PSB = '京公网安备11010602202215号';

// Every console.warn is recorded; a test that expects one takes it, and any left over fails the test.
const warnings = recordWarnings();
afterEach(function () {
  expect(warnings, 'no unexpected warnings in ' + this.currentTest?.title + ': ' + warnings.join(' // ')).to.deep.equal(
    [],
  );
});

/** Waits for the lazily loaded diagnosing part to have warned, and takes the warnings. */
async function takeWarnings(): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 50));
  return warnings.splice(0);
}

async function badge(template: TemplateResult): Promise<BeianBadge> {
  const el = await fixture<BeianBadge>(template);
  await el.updateComplete;
  return el;
}

/** A CustomStateSet as Chromium 90–124 had it: names must start with `--`. */
const dashedOnly = new (class extends Set<string> {
  override add(name: string) {
    if (!name.startsWith('--'))
      throw new DOMException(
        `Failed to execute 'add' on 'CustomStateSet': The specified value '${name}' must start with '--'.`,
        'SyntaxError',
      );
    return super.add(name);
  }
})();

const parts = (el: BeianBadge, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const links = (el: BeianBadge) => parts(el, 'link') as HTMLAnchorElement[];
/** Each item's text, without the separator it holds before it. */
const texts = (el: BeianBadge) =>
  parts(el, 'item').map((i) =>
    [...i.childNodes]
      .map((n) => (n instanceof Text || (n instanceof Element && !n.part.contains('separator')) ? n.textContent : ''))
      .join('')
      .trim(),
  );

describe('<beian-badge>', () => {
  describe('rendering numbers', () => {
    it('links the ICP number to MIIT and the 公安 number, with the police icon, to its MPS record', async () => {
      const el = await badge(html`<beian-badge icp=${ICP} psb=${PSB}></beian-badge>`);
      expect(texts(el)).to.deep.equal([ICP, '京公网安备 11010602202215号']);
      const [icp, psb] = links(el);
      expect(icp.href).to.equal('https://beian.miit.gov.cn/');
      expect(psb.href).to.equal('https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215');
      for (const a of [icp, psb]) {
        expect(a.target).to.equal('_blank');
        expect(a.rel).to.equal('noopener noreferrer');
      }
      const icon = psb.querySelector('svg[part~="icon"]')!;
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      expect(icon.getBoundingClientRect().height).to.be.within(14, 20);
      expect(icp.querySelector('[part~="icon"]')).to.equal(null);
      expect(el.invalid).to.be.false;
      expect(el.matches(':state(invalid)')).to.be.false;
      await expect(el).to.be.accessible();
    });

    it('says where each link goes and that it opens a new tab', async () => {
      const el = await badge(html`<beian-badge icp=${ICP} psb=${PSB}></beian-badge>`);
      const [icp, psb] = links(el);
      expect(icp.getAttribute('aria-label')).to.equal(`${ICP}（beian.miit.gov.cn，在新标签页打开）`);
      expect(psb.getAttribute('aria-label')).to.equal(
        '京公网安备 11010602202215号（beian.mps.gov.cn，在新标签页打开）',
      );
      expect(psb.title).to.equal('（beian.mps.gov.cn，在新标签页打开）');
    });

    it('links app 公安 numbers to the MPS app search', async () => {
      const el = await badge(html`<beian-badge app psb=${PSB}></beian-badge>`);
      expect(links(el)[0].href).to.equal('https://beian.mps.gov.cn/#/query/appSearch?code=11010602202215');
    });

    it('shows licences, telecom and algorithm filings, the 12377 link and a list of further numbers', async () => {
      const el =
        await badge(html`<beian-badge icp="京ICP证030173号" telecom="浙B2-20080101" algorithm="网信算备310115124334401240013号"
        report .filings=${['粤ICP备2026023717号-2X']}></beian-badge>`);
      expect(texts(el)).to.deep.equal([
        '京ICP证030173号',
        '增值电信业务经营许可证：浙B2-20080101',
        '网信算备310115124334401240013号',
        '粤ICP备2026023717号-2X',
        '违法和不良信息举报电话：12377',
      ]);
      expect(links(el).map((a) => a.href)).to.deep.equal([
        'https://beian.miit.gov.cn/',
        'https://tsm.miit.gov.cn/dxxzsp/',
        'https://beian.cac.gov.cn/#/index',
        'https://beian.miit.gov.cn/',
        'https://www.12377.cn/',
      ]);
      expect(parts(el, 'item').map((i) => i.getAttribute('part'))).to.deep.equal([
        'item icp',
        'item telecom',
        'item algorithm',
        'item icp',
        'item report',
      ]);
      expect(parts(el, 'separator').map((s) => s.textContent)).to.deep.equal(['|', '|', '|', '|']);
      await expect(el).to.be.accessible();
    });

    it('always shows the canonical form of what the author typed', async () => {
      const el = await badge(
        html`<beian-badge icp="沪ICP备 15045419号－1" psb="晋公网安备 14010502050691号"></beian-badge>`,
      );
      expect(texts(el)).to.deep.equal(['沪ICP备15045419号-1', '晋公网安备 14010502050691号']);
      expect(el.invalid).to.be.false;
    });

    it('renders a missing 号 and tells the author once, naming the rule and the fix', async () => {
      const el = await badge(html`<beian-badge psb="京公网安备 11010602202215"></beian-badge>`);
      expect(texts(el)).to.deep.equal(['京公网安备 11010602202215号']);
      expect(el.invalid).to.be.false;
      const [warning, ...more] = await takeWarnings();
      expect(more).to.deep.equal([]);
      expect(warning).to.contain('"京公网安备 11010602202215" is shown as 京公网安备11010602202215号');
      expect(warning).to.contain('L06');
      expect(warning).to.contain('Fix: Add 号 at the end of the number.');
      el.requestUpdate();
      await el.updateComplete;
      expect(await takeWarnings()).to.deep.equal([]);
    });
  });

  describe('invalid numbers', () => {
    it('shows them as given, marked invalid, with an event and one warning', async () => {
      const events: BeianBadgeInvalidEvent[] = [];
      const el = await fixture<BeianBadge>(html`<beian-badge icp="京ICP备123号" psb=${PSB}
        @beian-badge-invalid=${(e: BeianBadgeInvalidEvent) => events.push(e)}></beian-badge>`);
      await el.updateComplete;
      expect(texts(el)).to.deep.equal(['京ICP备123号', '京公网安备 11010602202215号']);
      expect(el.invalid).to.be.true;
      expect(el.hasAttribute('invalid')).to.be.true;
      expect(el.matches(':state(invalid)')).to.be.true;
      expect(parts(el, 'invalid')).to.have.length(1);
      // The MIIT link carries nothing of the number, so the footer stays as compliant as it was.
      expect(links(el)[0].href).to.equal('https://beian.miit.gov.cn/');
      expect(events).to.have.length(1);
      expect(events[0]).to.be.instanceOf(BeianBadgeInvalidEvent);
      expect(events[0].bubbles).to.be.false;
      expect(events[0].composed).to.be.false;
      expect(events[0].filings.map((f) => f.input)).to.deep.equal(['京ICP备123号']);
      expect(events[0].filings[0].diagnostics.map((d) => d.rule)).to.deep.equal(['L07']);
      const [warning] = await takeWarnings();
      expect(warning).to.contain('"京ICP备123号" is shown as given, marked invalid');
      expect(warning).to.contain('L07 ICP备 serials have 8 or 10 digits; "123" has 3.');
      await expect(el).to.be.accessible();

      el.separator = '·';
      await el.updateComplete;
      expect(events, 'not announced again for the same numbers').to.have.length(1);
      el.icp = '港ICP备20259514号'; // Hong Kong files no numbers (L09)
      await el.updateComplete;
      expect(events).to.have.length(2);
      expect(events[1].filings[0].diagnostics[0].rule).to.equal('L09');
      await takeWarnings();
      el.icp = ICP;
      await el.updateComplete;
      expect(el.invalid).to.be.false;
      expect(el.matches(':state(invalid)')).to.be.false;
    });

    // Engines without custom states (Safari 16.4–17.3) and with dashed ones only (Chromium 90–124), as their
    // ElementInternals present them: the badge still renders, warns and announces.
    // (Distinct numbers: each problem is warned about once per page.)
    for (const [engine, states, number] of [
      ['without custom states', () => undefined, '京ICP备1234号'],
      ['with dashed custom states only', () => dashedOnly, '京ICP备12345号'],
    ] as const) {
      it(`${engine}: still shows invalid numbers, warns once and fires the event`, async () => {
        const real = Object.getOwnPropertyDescriptor(ElementInternals.prototype, 'states')!;
        Object.defineProperty(ElementInternals.prototype, 'states', { configurable: true, get: states });
        try {
          const events: BeianBadgeInvalidEvent[] = [];
          const el = await badge(html`<beian-badge icp=${number} psb=${PSB}
            @beian-badge-invalid=${(e: BeianBadgeInvalidEvent) => events.push(e)}></beian-badge>`);
          expect(texts(el)).to.deep.equal([number, '京公网安备 11010602202215号']);
          expect(el.invalid).to.be.true;
          expect(events.length, 'one beian-badge-invalid event').to.equal(1);
          expect((await takeWarnings())[0]).to.contain('L07');
          if (states() === dashedOnly) expect([...dashedOnly]).to.include('--invalid');
        } finally {
          Object.defineProperty(ElementInternals.prototype, 'states', real);
          dashedOnly.clear();
        }
      });
    }

    it('never deep-links an invalid 公安 number and never renders a blank footer', async () => {
      const el = await badge(html`<beian-badge psb="黔公网安备33010802007421号"></beian-badge>`);
      expect(texts(el)).to.deep.equal(['黔公网安备33010802007421号']);
      expect(links(el)[0].href).to.equal('https://beian.mps.gov.cn/');
      expect((await takeWarnings())[0]).to.contain('L08');
    });

    it('shows text that is no filing number at all, unlinked', async () => {
      const el = await badge(html`<beian-badge icp=${'<img src=x onerror=alert(1)>'}></beian-badge>`);
      expect(texts(el)).to.deep.equal(['<img src=x onerror=alert(1)>']);
      expect(links(el)).to.have.length(0);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect((await takeWarnings())[0]).to.contain('unrecognized');
    });

    it('flags a famous number copied from another site on a real domain, but not on its owner', async () => {
      const copied = await badge(html`<beian-badge domain="flower-library.cn" icp="京ICP证030173号"></beian-badge>`);
      expect(copied.invalid).to.be.true;
      expect((await takeWarnings())[0]).to.contain("L11 京ICP证030173号 is Baidu's number");
      const owner = await badge(html`<beian-badge domain="www.baidu.com" icp="京ICP证030173号"></beian-badge>`);
      expect(owner.invalid).to.be.false;
    });
  });

  describe('layout and theming', () => {
    it('is one centred, wrapping line by default', async () => {
      const el = await badge(html`<beian-badge icp=${ICP} psb=${PSB}></beian-badge>`);
      const base = getComputedStyle(parts(el, 'base')[0]);
      expect(base.display).to.equal('flex');
      expect(base.flexWrap).to.equal('wrap');
      expect(base.justifyContent).to.equal('center');
      expect(el.getAttribute('layout')).to.equal('inline');
    });

    it('never leaves a separator at the start or end of a line, at any width from 320 to 1280 px', async function () {
      this.timeout(30_000); // two frames for each of 121 widths, twice
      const wrapper = await fixture<HTMLDivElement>(html`<div style="font-size: 16px">
        ${(['center', 'start', 'end'] as const).map(
          (align) => html`<beian-badge align=${align} report icp=${ICP} psb=${PSB}
          telecom="浙B2-20080101" algorithm="网信算备310115124334401240013号"></beian-badge>`,
        )}
        <beian-badge separator=" — " report icp=${ICP} psb=${PSB} telecom="浙B2-20080101"></beian-badge></div>`);
      const badges = [...wrapper.querySelectorAll('beian-badge')];
      await Promise.all(badges.map((b) => b.updateComplete));
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      let wrapped = 0;
      /** Every separator between two items of one line is seen there; every other one is invisible. */
      const check = (width: number) => {
        for (const el of badges) {
          const items = parts(el, 'item').map((i) => i.getBoundingClientRect());
          if (new Set(items.map((r) => Math.round(r.top))).size > 1) wrapped++;
          for (const separator of parts(el, 'separator')) {
            const i = parts(el, 'item').indexOf(separator.parentElement!);
            const [before, own] = [items[i - 1], items[i]];
            const seen = getComputedStyle(separator).visibility !== 'hidden';
            const where = `${width}px, ${el.getAttribute('align')}, before item ${i}`;
            if (own.top >= before.bottom - 0.5) {
              expect(seen, `no separator begins a line (${where})`).to.be.false;
              continue;
            }
            // Between the two items of one line: after the one before, ahead of its own, at their height.
            const shown = separator.getBoundingClientRect();
            expect(seen, `a separator between items on one line is shown (${where})`).to.be.true;
            expect(shown.left, where).to.be.at.least(before.right - 0.5);
            expect(shown.right, where).to.be.at.most(own.left + 0.5);
            expect(shown.top, where).to.be.below(own.bottom);
            expect(shown.bottom, where).to.be.above(own.top);
          }
        }
      };
      for (let width = 320; width <= 1280; width += 8) {
        wrapper.style.width = `${width}px`;
        await frame(); // the resize observer runs between layout and paint
        check(width);
      }
      // Wider items in a badge of the same width (as when a web font arrives) move the line breaks too.
      wrapper.style.width = '700px';
      await frame();
      for (const spacing of ['0.05em', '0.2em', '0']) {
        wrapper.style.letterSpacing = spacing;
        await frame();
        check(700);
      }
      expect(wrapped, 'the footer did wrap at narrow widths').to.be.above(10);
    });

    it('settles even where a site’s styles give separators room (no resize loop)', async function () {
      this.timeout(30_000);
      const errors: string[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.message);
      window.addEventListener('error', onError);
      const frames = async (n: number) => {
        for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
      };
      try {
        // The old two-value gap (now invalid, so the separator is as wide as its glyph) and margins from outside.
        const wrapper = await fixture<HTMLDivElement>(html`<div style="--beian-badge-gap: 0 1em">
          <style>.roomy::part(separator) { margin: 0 0.5em }</style>
          <beian-badge class="roomy" report icp=${ICP} psb=${PSB} telecom="浙B2-20080101"></beian-badge></div>`);
        const el = wrapper.querySelector('beian-badge')!;
        await el.updateComplete;
        const unsettled: number[] = [];
        for (let width = 320; width <= 900; width += 3) {
          wrapper.style.width = `${width}px`;
          await frames(3);
          const height = el.getBoundingClientRect().height;
          await frames(3);
          if (el.getBoundingClientRect().height !== height) unsettled.push(width);
        }
        expect(unsettled, 'widths at which the badge kept changing height').to.deep.equal([]);
        expect(errors).to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
      }
    });

    it('stacks items without separators, aligned to start or end', async () => {
      const el = await badge(html`<beian-badge layout="stacked" align="end" icp=${ICP} psb=${PSB}></beian-badge>`);
      const base = getComputedStyle(parts(el, 'base')[0]);
      expect(base.flexDirection).to.equal('column');
      expect(base.alignItems).to.equal('flex-end');
      expect(parts(el, 'separator'), 'no separator, so none shows even before the script runs').to.have.length(0);
      await expect(el).to.be.accessible();
      el.align = 'start';
      await el.updateComplete;
      expect(getComputedStyle(parts(el, 'base')[0]).alignItems).to.equal('flex-start');
    });

    it('aligns the inline layout to start and uses a custom separator', async () => {
      const el = await badge(html`<beian-badge align="start" separator="·" icp=${ICP} psb=${PSB}></beian-badge>`);
      expect(getComputedStyle(parts(el, 'base')[0]).justifyContent).to.equal('flex-start');
      expect(parts(el, 'separator')[0].textContent).to.equal('·');
      expect(parts(el, 'separator')[0].getAttribute('aria-hidden')).to.equal('true');
    });

    it('inherits colour and font, and takes --beian-badge-* properties', async () => {
      const wrapper =
        await fixture<HTMLDivElement>(html`<div style="color: rgb(1, 2, 3); font-family: serif; --beian-badge-link-color: rgb(200, 0, 0); --beian-badge-icon-size: 18px">
        <beian-badge icp=${ICP} psb=${PSB}></beian-badge></div>`);
      const el = wrapper.querySelector('beian-badge')!;
      await el.updateComplete;
      expect(getComputedStyle(parts(el, 'separator')[0]).color).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(parts(el, 'base')[0]).fontFamily).to.equal('serif');
      expect(getComputedStyle(links(el)[0]).color).to.equal('rgb(200, 0, 0)');
      expect(parts(el, 'icon')[0].getBoundingClientRect().width).to.equal(18);
    });

    it('underlines its links as --beian-badge-link-decoration says, a style too, and not at all by default', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="--beian-badge-link-decoration: underline dotted">
        <beian-badge icp=${ICP}></beian-badge></div>`);
      const el = wrapper.querySelector('beian-badge')!;
      await el.updateComplete;
      const link = getComputedStyle(links(el)[0]);
      expect([link.textDecorationLine, link.textDecorationStyle]).to.deep.equal(['underline', 'dotted']);
      const plain = getComputedStyle(links(await badge(html`<beian-badge icp=${ICP}></beian-badge>`))[0]);
      expect(plain.textDecorationLine).to.equal('none');
    });

    it('uses the site’s own icon from icon-src, and refuses a hotlinked platform asset', async () => {
      const own = await badge(html`<beian-badge icon-src="/test/fixtures/police.png" psb=${PSB}></beian-badge>`);
      const img = parts(own, 'icon')[0] as HTMLImageElement;
      expect(img.tagName).to.equal('IMG');
      expect(img.getAttribute('src')).to.equal('/test/fixtures/police.png');
      expect(img.alt).to.equal('');
      const hot = await badge(
        html`<beian-badge icon-src="https://beian.mps.gov.cn/img/logo01.dd7ff50e.png" psb=${PSB}></beian-badge>`,
      );
      expect(parts(hot, 'icon')[0].tagName).to.equal('svg');
      expect((await takeWarnings())[0]).to.contain('hotlinks the platform');
    });
  });

  describe('languages', () => {
    // Labels are the legal wording, shown in Chinese on every page (§5.1); other languages name them in titles.
    const cases = [
      ['zh-CN', '（beian.miit.gov.cn，在新标签页打开）', '', '（tsm.miit.gov.cn，在新标签页打开）'],
      [
        'zh-TW',
        '（beian.miit.gov.cn，在新分頁開啟）',
        '增值電信業務經營許可證',
        '增值電信業務經營許可證 浙B2-20080101（tsm.miit.gov.cn，在新分頁開啟）',
      ],
      [
        'en',
        ' (beian.miit.gov.cn, opens in a new tab)',
        'Value-added telecom licence',
        'Value-added telecom licence 浙B2-20080101 (tsm.miit.gov.cn, opens in a new tab)',
      ],
    ] as const;
    for (const [lang, note, telecom, telecomLink] of cases) {
      it(`speaks ${lang}, never translating the numbers`, async () => {
        const el = await badge(
          html`<beian-badge lang=${lang} icp=${ICP} telecom="浙B2-20080101" psb=${PSB} report></beian-badge>`,
        );
        expect(links(el)[0].getAttribute('aria-label')).to.equal(ICP + note);
        expect(texts(el)[0]).to.equal(ICP);
        expect(texts(el)[1]).to.equal('增值电信业务经营许可证：浙B2-20080101');
        expect(parts(el, 'label')[0].title).to.equal(telecom);
        expect(links(el)[1].getAttribute('aria-label')).to.equal(
          lang === 'zh-CN' ? `浙B2-20080101${telecomLink}` : telecomLink,
        );
        await expect(el).to.be.accessible();
      });
    }

    it('takes the language of the nearest ancestor', async () => {
      const wrapper = await fixture(html`<div lang="en-GB"><beian-badge icp=${ICP}></beian-badge></div>`);
      const el = wrapper.querySelector('beian-badge')!;
      await el.updateComplete;
      expect(links(el)[0].getAttribute('aria-label')).to.contain('opens in a new tab');
    });

    it('follows a language switch, on an ancestor or on itself', async () => {
      const wrapper = await fixture(
        html`<div lang="zh-CN"><beian-badge icp=${ICP} telecom="浙B2-20080101"></beian-badge></div>`,
      );
      const el = wrapper.querySelector('beian-badge')!;
      await el.updateComplete;
      wrapper.setAttribute('lang', 'en');
      await waitUntil(
        () => links(el)[0].getAttribute('aria-label')!.includes('opens in a new tab'),
        'switched to English',
      );
      el.setAttribute('lang', 'zh-TW');
      await waitUntil(
        () => parts(el, 'label')[0].title === '增值電信業務經營許可證',
        'switched to Traditional Chinese',
      );
    });
  });

  describe('host map', () => {
    const hosts = {
      'example.cn': { icp: '京ICP备2021012345号-1', psb: PSB },
      'm.example.cn': { icp: '京ICP备2021012345号-2' },
    };
    for (const [domain, expected] of [
      ['example.cn', [ICP, '京公网安备 11010602202215号']],
      ['www.example.cn', [ICP, '京公网安备 11010602202215号']],
      ['m.example.cn', ['京ICP备2021012345号-2']],
    ] as const) {
      it(`shows the numbers of ${domain}`, async () => {
        const el = await badge(html`<beian-badge domain=${domain} .hosts=${hosts}></beian-badge>`);
        expect(texts(el)).to.deep.equal(expected);
      });
    }

    it('shows nothing on an unlisted host, by choice', async () => {
      const el = await badge(
        html`<beian-badge domain="example.com" .hosts=${hosts}><a href="https://beian.miit.gov.cn/">${ICP}</a></beian-badge>`,
      );
      expect(el.shadowRoot!.children.length).to.equal(0);
      expect(el.matches(':state(unlisted)')).to.be.true;
      expect(el.getBoundingClientRect().height).to.equal(0);
    });

    it('reads the map from a JSON attribute, with * for any other host', async () => {
      const el = await badge(
        html`<beian-badge domain="example.com" hosts=${JSON.stringify({ ...hosts, '*': { icp: '粤ICP备17087427号-1' } })}></beian-badge>`,
      );
      expect(texts(el)).to.deep.equal(['粤ICP备17087427号-1']);
    });

    it('reports JSON it cannot read and falls back to the attributes', async () => {
      const el = await badge(html`<beian-badge hosts="{example.cn: 1}" icp=${ICP}></beian-badge>`);
      expect(texts(el)).to.deep.equal([ICP]);
      expect((await takeWarnings())[0]).to.contain('hosts is not valid JSON, so it is ignored: {example.cn: 1}');
    });

    it('ignores a map that is a list, or entries of the wrong shape, without throwing', async () => {
      const list = await badge(html`<beian-badge hosts='["example.cn"]' icp=${ICP}></beian-badge>`);
      expect(texts(list)).to.deep.equal([ICP]);
      expect((await takeWarnings())[0]).to.contain('hosts must be an object of host names');
      const odd = await badge(
        html`<beian-badge domain="example.cn" .hosts=${{ 'example.cn': { icp: ICP, filings: 42 } }}></beian-badge>`,
      );
      expect(texts(odd)).to.deep.equal([ICP]);
    });

    it('uses location.hostname when no domain is given', async () => {
      const el = await badge(html`<beian-badge .hosts=${{ [location.hostname]: { icp: ICP } }}></beian-badge>`);
      expect(texts(el)).to.deep.equal([ICP]);
    });
  });

  describe('progressive enhancement', () => {
    it('reads the plain links it wraps and renders the compliant footer instead', async () => {
      const el = await badge(html`<beian-badge>
        <a href="http://www.miitbeian.gov.cn">粤ICP备17087427号-1</a>
        <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010502001297">粤公网安备 44010502001297号</a>
      </beian-badge>`);
      expect(texts(el)).to.deep.equal(['粤ICP备17087427号-1', '粤公网安备 44010502001297号']);
      expect(links(el).map((a) => a.href)).to.deep.equal([
        'https://beian.miit.gov.cn/',
        'https://beian.mps.gov.cn/#/query/webSearch?code=44010502001297',
      ]);
      expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('follows edits to the wrapped content', async () => {
      const el = await badge(html`<beian-badge><a href="https://beian.miit.gov.cn/">${ICP}</a></beian-badge>`);
      el.querySelector('a')!.textContent = '京ICP备2021012345号-3';
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
      expect(texts(el)).to.deep.equal(['京ICP备2021012345号-3']);
    });

    it('keeps content without numbers visible, and says so', async () => {
      const el = await badge(html`<beian-badge><span>© 2026 示例</span></beian-badge>`);
      expect(el.shadowRoot!.querySelector('slot')).to.not.equal(null);
      expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
      expect((await takeWarnings())[0]).to.contain('has no filing number');
    });

    it('prefers attributes to the wrapped fallback', async () => {
      const el = await badge(
        html`<beian-badge icp=${ICP}><a href="https://beian.miit.gov.cn/">粤ICP备17087427号-1</a></beian-badge>`,
      );
      expect(texts(el)).to.deep.equal([ICP]);
    });
  });

  describe('registration', () => {
    it('is defined once, and a second copy warns instead of throwing', () => {
      expect(customElements.get('beian-badge')).to.equal(BeianBadge);
      define('beian-badge', BeianBadge);
      expect(warnings).to.deep.equal([]);
      define('beian-badge', class extends HTMLElement {});
      expect(warnings.splice(0)).to.deep.equal(['Two copies of beian-elements: <beian-badge> keeps the first.']);
      expect(customElements.get('beian-badge')).to.equal(BeianBadge);
    });
  });
});

describe('server-rendered fallback (renderBadgeHTML)', () => {
  it('is what visitors see before the element upgrades, and the element upgrades it', async () => {
    const { renderBadgeHTML } = await import('../../src/core/index.js');
    const host = document.createElement('div');
    document.body.append(host);
    try {
      // Parsed like a server response would be: inert until the element (already defined here) upgrades it.
      const doc = new DOMParser().parseFromString(renderBadgeHTML({ icp: ICP, psb: PSB }), 'text/html');
      host.append(document.adoptNode(doc.body.firstElementChild!));
      const el = host.querySelector('beian-badge')!;
      expect([...el.querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal([
        ICP,
        '京公网安备 11010602202215号',
      ]);
      await el.updateComplete;
      expect(texts(el)).to.deep.equal([ICP, '京公网安备 11010602202215号']);
      await expect(el).to.be.accessible();
    } finally {
      host.remove();
    }
  });
});
