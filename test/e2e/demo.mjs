// The built demo in Chromium: every badge state, verification against the local lookup service, the query form,
// the React wrapper, server rendering, layout shift, the strict-CSP page and the page without JavaScript.
import { STRICT_CSP } from '../../demo/server.ts';
import { BIG_SITE } from '../../demo/footers.ts';
import { assert, assertVisibleFooter, demo, FOOTER, OUT, open, upgraded } from './harness.mjs';

// A big platform's footer (bilibili's shape, our own numbers), link by link: [text, href].
const BIG_SITE_LINKS = [
  ['沪ICP备13002172号-3', 'https://beian.miit.gov.cn/'],
  ['沪B2-20100043', 'https://tsm.miit.gov.cn/dxxzsp/'],
  ['沪公网安备 31011502017008号', 'https://beian.mps.gov.cn/#/query/webSearch?code=31011502017008'],
  ['网信算备310115124334401240013号', 'https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf'],
  ['营业执照', 'https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=91310000MA1FL1234X'],
  ['违法和不良信息举报电话：12377', 'https://www.12377.cn/'],
  ['网络不良与垃圾信息举报：12321', 'https://www.12321.cn/'],
  ['网络违法犯罪举报', 'https://cyberpolice.mps.gov.cn/wfjb/'],
  ['举报电话：400-023-3233', 'tel:4000233233'],
  ['举报邮箱：help@example.cn', 'mailto:help@example.cn'],
];
// Its licences without a public query: shown with their labels, linked nowhere.
const BIG_SITE_TEXTS = [
  '信息网络传播视听节目许可证：0910417',
  '网络文化经营许可证：沪网文〔2019〕3804-274号',
  '广播电视节目制作经营许可证：（沪）字第01248号',
  '出版物经营许可证：沪批字第U6699号',
  '互联网药品信息服务资格证书：（沪）-非经营性-2023-0144',
  '营业性演出许可证：沪市文演（经）00-2253',
];

/** The elements wider than the viewport (light DOM), to name in a failure. */
const overflowing = () =>
  [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
    .slice(0, 6)
    .map(
      (e) =>
        `${e.localName}${e.id ? `#${e.id}` : ''}${e.className ? `.${e.className}` : ''} (${Math.round(e.getBoundingClientRect().right)} px)`,
    );

export const tests = {
  async 'the demo page renders every badge state, without errors'() {
    const { page, problems, close } = await open('');
    await upgraded(page);
    const items = await page.locator('#site-badge [part~="link"]').allTextContents();
    assert(items.join(' | ') === '京ICP备2026002630号-1 | 京公网安备 11010602202215号', `site footer: ${items}`);
    const invalid = await page.locator('beian-badge.show-invalid').evaluate((b) => b.matches(':state(invalid)'));
    assert(invalid, 'the invalid badge is marked invalid');
    const enhanced = await page.locator('#enhanced [part~="link"]').evaluateAll((as) => as.map((a) => a.href));
    assert(
      enhanced[1] === 'https://beian.mps.gov.cn/#/query/webSearch?code=44010502001297',
      `enhanced links: ${enhanced}`,
    );
    const lookup = await page.evaluate(() => fetch('/v1/icp?domain=mi.cn').then((r) => r.json()));
    assert(
      lookup.status === 'valid' && lookup.record.serviceLicence === '京ICP备10046444号-9',
      `the lookup service beside the demo: ${lookup.status}`,
    );
    await page.screenshot({ path: `${OUT}demo.png`, fullPage: true });
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'a big platform’s footer, declared in HTML alone, checked link by link on a desktop and on a phone'() {
    for (const width of [1200, 375]) {
      const { page, problems, warnings, close } = await open('', { width });
      await upgraded(page);
      const badge = page.locator('#big-site');
      // The demo's markup is the declaration the stories and unit tests use (demo/footers.ts).
      const declared = await badge.evaluate((el) =>
        Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      );
      for (const [name, value] of Object.entries(BIG_SITE))
        assert(declared[name] === value, `${width} px: the demo's ${name} is not demo/footers.ts's: ${declared[name]}`);
      // Each link visible, not covered, with its text and address; tel: and mailto: open where they are.
      await assertVisibleFooter(page, `big site at ${width} px`, { selector: '#big-site', expected: BIG_SITE_LINKS });
      const targets = await badge.evaluate((el) =>
        [...el.shadowRoot.querySelectorAll('[part~="link"]')].map((a) => a.target || '-'),
      );
      assert(targets.join(' ') === `${'_blank '.repeat(8)}- -`, `${width} px: link targets ${targets}`);
      const texts = await badge.evaluate((el) =>
        [...el.shadowRoot.querySelectorAll('[part~="licence"]:not(:has(a))')].map((i) =>
          i.textContent.replace('|', '').trim(),
        ),
      );
      assert(
        JSON.stringify(texts) === JSON.stringify(BIG_SITE_TEXTS),
        `${width} px: licences shown as text: ${JSON.stringify(texts)}`,
      );
      // Wrapped, never wider than the page; no number split over two lines.
      const layout = await badge.evaluate((el) => ({
        overflow: el.shadowRoot.querySelector('[part~="base"]').scrollWidth - el.clientWidth,
        broken: [...el.shadowRoot.querySelectorAll('[part~="link"]')]
          .filter((a) => a.getClientRects().length > 1)
          .map((a) => a.textContent),
        lines: new Set(
          [...el.shadowRoot.querySelectorAll('[part~="item"]')].map((i) => Math.round(i.getBoundingClientRect().top)),
        ).size,
      }));
      assert(layout.overflow <= 0, `${width} px: the footer overflows by ${layout.overflow} px`);
      assert(layout.broken.length === 0, `${width} px: numbers broken across lines: ${layout.broken}`);
      assert(layout.lines > (width < 400 ? 8 : 2), `${width} px: the footer wraps onto ${layout.lines} lines`);
      await badge.screenshot({ path: `${OUT}big-site-${width}.png` });
      assert(problems.length === 0, problems.join('\n'));
      // (The demo's invalid and carelessly typed cards warn; this footer must not.)
      const own = warnings.filter((w) => /13002172|B2-20100043|31011502017008|is not used|report "/.test(w));
      assert(own.length === 0, `warnings: ${own.join('\n')}`);
      await close();
    }
  },

  async 'the demo verifies its badges against the local lookup service; a reload within the TTL asks nothing'() {
    const { page, problems, close } = await open('');
    const verifies = [];
    page.on('request', (r) => r.url().includes('/v1/verify') && verifies.push(r.url()));
    const marks = async () =>
      page.evaluate(() =>
        Object.fromEntries(
          ['verified', 'verified-psb', 'mismatch', 'not-found', 'unknown', 'declared'].map((id) => [
            id,
            [...document.getElementById(id).shadowRoot.querySelectorAll('[part~="mark"]')]
              .map((m) => m.textContent)
              .join(''),
          ]),
        ),
      );
    await page.waitForFunction(() =>
      ['verified', 'verified-psb', 'mismatch', 'not-found', 'unknown', 'declared'].every((id) =>
        document.getElementById(id).shadowRoot.querySelector('[part~="mark"]'),
      ),
    );
    const first = await marks();
    const expected = {
      verified: '✓',
      'verified-psb': '✓',
      mismatch: '⚠',
      'not-found': '⚠',
      unknown: 'ⓘ',
      declared: 'ⓘⓘ',
    };
    assert(JSON.stringify(first) === JSON.stringify(expected), `marks: ${JSON.stringify(first)}`);
    assert(verifies.length === 6, `one request per badge question: ${verifies.length}`);
    await page.locator('#mismatch [part~="mark"]').click();
    await page.mouse.move(0, 0);
    assert(
      await page.locator('#mismatch [part~="details"]').isVisible(),
      'a click keeps the details open after the pointer leaves',
    );
    const details = await page.locator('#mismatch [part~="details"]').textContent();
    assert(details.includes('与本网站不符') && details.includes('网站负责人应'), `mismatch details: ${details}`);
    await page.locator('section[aria-labelledby="verify-title"]').screenshot({ path: `${OUT}verification.png` });
    verifies.length = 0;
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('unknown').shadowRoot.querySelector('[part~="mark"]'));
    assert(JSON.stringify(await marks()) === JSON.stringify(expected), 'the same marks after reload');
    assert(verifies.length === 0, `requests after reload: ${verifies.length}`);
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'the query form: type, submit, read the records; then with the keyboard alone'() {
    const { page, problems, close } = await open('');
    const query = page.locator('#query');
    await query.locator('input[type="search"]').fill('小米科技有限责任公司');
    await query.locator('[part~="submit"]').click();
    await query.locator('tbody tr').first().waitFor();
    const cells = await query.locator('tbody tr').first().locator('td').allTextContents();
    assert(cells[0] === '小米科技有限责任公司' && cells[2] === '京ICP备10046444号-9', `first record: ${cells}`);
    assert(new URL(page.url()).searchParams.get('q') === '小米科技有限责任公司', 'the search is in the URL');
    await query.screenshot({ path: `${OUT}query.png` });

    // Keyboard only: focus the box by tabbing from the radio buttons, type, Enter; then the type selector.
    await query.locator('input[value="psb"]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('qq.com');
    await page.keyboard.press('Enter');
    await query.locator('tbody tr td:has-text("粤公网安备44030002000001号")').waitFor();
    const psbHeader = await query.locator('th').first().textContent();
    assert(psbHeader === '网站名称', `公安 columns: ${psbHeader}`);
    const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('type'));
    assert(focused === 'search', `focus stays in the box: ${focused}`);

    // A shared link runs the search it holds.
    await page.goto(`${(await demo()).url}?q=${encodeURIComponent('京ICP备2026000001号-1')}&type=web`);
    await query.locator('[part~="message"]').waitFor();
    assert(
      (await query.locator('[part~="message"]').textContent()).includes('未查到备案记录'),
      'not found from a shared link',
    );
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'React: the wrapper sets properties and delivers typed events'() {
    const { page, problems, close } = await open('react.html');
    await page.locator('#react-badge [part~="item"]').first().waitFor();
    await page.waitForFunction(() => document.getElementById('problem').textContent !== 'no problem');
    const problem = await page.locator('#problem').textContent();
    assert(problem === '京ICP备123号: L07', `onInvalid: ${problem}`);
    await page.locator('#fix').click();
    await page.waitForFunction(() => !document.getElementById('react-badge').matches(':state(invalid)'));
    const items = await page.locator('#react-badge [part~="link"]').allTextContents();
    assert(items[0].startsWith('京ICP备2026002630号-1'), `after the fix: ${items}`);
    assert(problems.length === 0, problems.join('\n'));
    await close();
  },

  async 'server rendering: Lit SSR (declarative shadow DOM) and renderBadgeHTML both show the footer without JavaScript'() {
    const { render } = await import('@lit-labs/ssr');
    const { collectResultSync } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html } = await import('lit');
    await import('../../src/beian-badge.ts');
    const { renderBadgeHTML } = await import('../../src/core/index.ts');
    // Server rendering cannot wait for the lazily loaded parser: numbers in canonical form render at once.
    const ssr = collectResultSync(
      render(html`<beian-badge id="ssr" icp="京ICP备2026002630号-1" psb="京公网安备11010602202215号"></beian-badge>`),
    );
    const plain = renderBadgeHTML({ icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' });
    const { page, close } = await open('nojs.html', { javaScriptEnabled: false });
    // Served as a page: declarative shadow DOM is read by the HTML parser on navigation, not by document.write.
    await page.route('**/ssr.html', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><meta charset="utf-8"><main>${ssr}<div id="plain">${plain}</div></main>`,
      }),
    );
    await page.goto(`${(await demo()).url}ssr.html`);
    const fromSsr = await page.evaluate(() =>
      [...document.getElementById('ssr').shadowRoot.querySelectorAll('[part~="link"]')].map((a) => [
        a.textContent,
        a.href,
      ]),
    );
    assert(JSON.stringify(fromSsr) === JSON.stringify(FOOTER), `SSR: ${JSON.stringify(fromSsr)}`);
    const shown = await page.locator('#ssr [part~="link"]').first().isVisible();
    assert(shown, 'the SSR footer is visible');
    const fromPlain = await page.locator('#plain a').evaluateAll((as) => as.map((a) => a.href));
    assert(fromPlain[1] === 'https://beian.mps.gov.cn/#/query/webSearch?code=11010602202215', `plain: ${fromPlain}`);
    await page.screenshot({ path: `${OUT}ssr.png` });
    await close();
  },

  async 'upgrading over the fallback links shifts nothing (CLS 0)'() {
    for (const width of [1200, 360]) {
      const { page, problems, close } = await open('nojs.html', { width });
      await upgraded(page);
      const shift = await page.evaluate(() => window.__layoutShift);
      assert(shift === 0, `layout shift ${shift} at ${width}px`);
      assert(problems.length === 0, problems.join('\n'));
      await close();
    }
  },

  async 'on a phone (320 and 375 px) nothing scrolls sideways: the cards, the verdicts, the findings, the query results'() {
    for (const width of [320, 375]) {
      const { page, problems, close } = await open('', { width, height: 800 });
      await upgraded(page);
      await page.waitForFunction(() =>
        ['verified', 'verified-psb', 'mismatch'].every((id) =>
          document.getElementById(id).shadowRoot.querySelector('[part~="mark"]'),
        ),
      );
      const query = page.locator('#query');
      await query.locator('input[type="search"]').fill('小米科技有限责任公司');
      await query.locator('[part~="submit"]').click();
      await query.locator('tbody tr').first().waitFor();
      const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
      assert(
        scroll <= width,
        `${width} px: the page is ${scroll} px wide: ${(await page.evaluate(overflowing)).join(', ')}`,
      );
      await page.screenshot({ path: `${OUT}demo-${width}.png`, fullPage: true });
      assert(problems.length === 0, problems.join('\n'));
      await close();
    }
  },

  async 'each card shows the HTML that made it; its copy button (mouse or keyboard) puts it on the clipboard and says so'() {
    const DEFAULT = '<beian-badge icp="京ICP备2026002630号-1" psb="京公网安备11010602202215号"></beian-badge>';
    const INVALID =
      '<beian-badge class="show-invalid" icp="京ICP备123号" psb="黔公网安备33010802007421号"></beian-badge>';
    const ENHANCED = [
      '<beian-badge id="enhanced">',
      '  <a href="http://www.beian.miit.gov.cn/">粤ICP备17087427号-1</a>',
      '  <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010502001297">粤公网安备44010502001297号</a>',
      '</beian-badge>',
    ].join('\n');
    const origin = new URL((await demo()).url).origin;
    // Then under the policy csp.html is served with (no inline script or style; Trusted Types): the cards need
    // neither. The page's footer linter parses pasted HTML with DOMParser, a Trusted Types sink, by design (which
    // is why csp.html leaves it out): that is the one violation expected, and its exception the one problem.
    for (const csp of [undefined, STRICT_CSP]) {
      const { page, problems, context, close } = await open('');
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      await page.addInitScript(() => {
        window.__sinks = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__sinks.push(`${e.violatedDirective}: ${e.sample}`),
        );
      });
      if (csp) {
        await page.route(
          (url) => url.pathname === '/',
          async (route) => {
            const response = await route.fetch();
            await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
          },
        );
      }
      await page.reload({ waitUntil: 'load' });
      await upgraded(page);
      const what = csp ? 'under the strict CSP' : 'without a CSP';
      const cards = await page.locator('.gallery > figure').evaluateAll((figures) =>
        figures.map((f) => {
          const code = f.querySelector('.snippet code');
          return {
            text: code?.textContent,
            elements: code?.children.length,
            button: f.querySelector('.snippet button')?.getAttribute('aria-label'),
          };
        }),
      );
      assert(
        cards.length === 22 && cards.every((c) => c.elements === 0 && /^<beian-badge[^]*<\/beian-badge>$/.test(c.text)),
        `${what}: every card shows its badge's HTML as text: ${JSON.stringify(cards)}`,
      );
      assert(
        cards.every((c) => c.button?.startsWith('Copy the HTML of “')),
        `${what}: each copy button names its card`,
      );
      // The markup as written, not what the element made of it (it reflects layout, align and invalid).
      assert(
        cards[0].text === DEFAULT && cards[5].text === INVALID && cards[11].text === ENHANCED,
        `${what}: the cards' source: ${JSON.stringify([cards[0].text, cards[5].text, cards[11].text])}`,
      );

      const status = page.locator('#copy-status[role="status"]');
      await page
        .locator('.gallery > figure')
        .first()
        .getByRole('button', { name: /^Copy the HTML/ })
        .click();
      await page
        .waitForFunction(() => document.getElementById('copy-status').textContent.includes('已复制'), null, {
          timeout: 5000,
        })
        .catch(() => {});
      assert(
        (await page.evaluate(() => navigator.clipboard.readText())) === DEFAULT,
        `${what}: a click copies the card's HTML`,
      );
      assert((await status.textContent()).includes('已复制'), `${what}: the copy is announced politely`);
      await page.evaluate(() => navigator.clipboard.writeText(''));
      // Tab from the card before to this card's button, past the badge's links.
      await page.locator('.gallery > figure').nth(10).locator('.snippet button').focus();
      let reached = false;
      for (let i = 0; i < 6 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(
          () => document.activeElement === document.querySelector('#enhanced + .snippet button'),
        );
      }
      assert(reached, `${what}: the copy button is reached with Tab`);
      await page.keyboard.press('Enter');
      await page
        .waitForFunction(() => navigator.clipboard.readText().then((t) => t !== ''), null, { timeout: 5000 })
        .catch(() => {});
      assert(
        (await page.evaluate(() => navigator.clipboard.readText())) === ENHANCED,
        `${what}: Enter on the button copies the card's HTML`,
      );

      const sinks = await page.evaluate(() => window.__sinks);
      const expected = csp
        ? sinks.filter((v) => v.startsWith('require-trusted-types-for: DOMParser parseFromString|'))
        : [];
      assert(sinks.length === expected.length && expected.length <= 1, `${what}: CSP violations: ${sinks.join(', ')}`);
      const unexpected = problems.filter((p) => !(csp && /TrustedHTML/.test(p)));
      assert(unexpected.length === 0, unexpected.join('\n'));
      await close();
    }
  },

  async 'the strict-CSP page with Trusted Types renders without violations'() {
    const { page, problems, close } = await open('csp.html');
    await upgraded(page);
    const texts = await page.locator('#normalised [part~="link"]').allTextContents();
    assert(texts.join(' | ') === '沪ICP备15045419号-1 | 晋公网安备 14010502050691号', `normalised: ${texts}`);
    assert((await page.locator('#enhanced [part~="link"]').count()) === 2, 'enhanced badge has two links');
    const violations = await page.evaluate(() => window.__violations);
    assert(violations.length === 0, `CSP violations: ${violations.join(', ')}`);
    assert(problems.length === 0, problems.join('\n'));
    await page.screenshot({ path: `${OUT}csp.png` });
    await close();
  },

  async 'without JavaScript the plain links remain, and the query form links to the official query sites'() {
    const { page, close } = await open('nojs.html', { javaScriptEnabled: false });
    const links = page.locator('beian-badge a');
    assert((await links.count()) === 2, 'two fallback links');
    for (const a of await links.all()) assert(await a.isVisible(), `${await a.textContent()} is visible`);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.href));
    assert(hrefs[0] === 'https://beian.miit.gov.cn/', `ICP link ${hrefs[0]}`);
    await page.screenshot({ path: `${OUT}nojs.png` });
    await close();
    // The demo's query form, without JavaScript: the official query sites instead of an empty box.
    const { page: demoPage, close: closeDemo } = await open('', { javaScriptEnabled: false });
    const official = demoPage.locator('#query a');
    const queryHrefs = await official.evaluateAll((as) => as.map((a) => a.href));
    assert(
      JSON.stringify(queryHrefs) ===
        JSON.stringify([
          'https://beian.miit.gov.cn/#/Integrated/recordQuery',
          'https://beian.mps.gov.cn/#/query/webSearch',
        ]),
      `query fallback: ${queryHrefs}`,
    );
    for (const a of await official.all()) assert(await a.isVisible(), `${await a.textContent()} is visible`);
    await closeDemo();
  },
};
