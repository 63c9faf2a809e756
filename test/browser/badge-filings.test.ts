// <beian-badge> with every filing of domain-spec §5.1: licences with their labels, the site's own links, report
// links and contacts, generative-AI models, vanity numbers and an app's about page, declared in HTML alone (as a
// CMS user writes it), printed by renderBadgeHTML, or read from wrapped plain links; in each layout and language.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/beian-badge.js';
import type { BeianBadge } from '../../src/beian-badge.js';
import { renderBadgeHTML } from '../../src/core/index.js';
import { AI_APP, APP_ABOUT, BIG_SITE, VANITY_BLOG } from '../../demo/footers.js';
import { recordWarnings } from './warnings.js';

const warnings = recordWarnings();
afterEach(function () {
  expect(warnings, `no unexpected warnings in ${this.currentTest?.title}`).to.deep.equal([]);
});

const parts = (el: BeianBadge, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** Each item's visible text, without its separator. */
const texts = (el: BeianBadge) =>
  parts(el, 'item').map((i) =>
    [...i.childNodes]
      .map((n) => (n instanceof Text || (n instanceof Element && !n.part.contains('separator')) ? n.textContent : ''))
      .join('')
      .trim(),
  );

/** A badge from markup alone: attributes as a CMS user writes them, no property set from script. */
async function fromHTML(markup: string, width = ''): Promise<BeianBadge> {
  const root = await fixture<HTMLElement>(html`<div style="width:${width || 'auto'}"></div>`);
  root.innerHTML = markup;
  const el = root.querySelector('beian-badge')!;
  await el.updateComplete;
  return el;
}

const attrs = (n: Record<string, string>) =>
  Object.entries(n)
    .map(([k, v]) => ` ${k}="${v.replaceAll('"', '&quot;')}"`)
    .join('');

// The big site's footer, item by item: [part, text shown, href].
const BIG_SITE_ITEMS: [string, string, string | null][] = [
  ['item icp', '沪ICP备13002172号-3', 'https://beian.miit.gov.cn/'],
  ['item telecom', '增值电信业务经营许可证：沪B2-20100043', 'https://tsm.miit.gov.cn/dxxzsp/'],
  ['item psb', '沪公网安备 31011502017008号', 'https://beian.mps.gov.cn/#/query/webSearch?code=31011502017008'],
  [
    'item algorithm',
    '网信算备310115124334401240013号',
    'https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf',
  ],
  [
    'item licence business-licence',
    '营业执照',
    'https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=91310000MA1FL1234X',
  ],
  ['item licence audiovisual-licence', '信息网络传播视听节目许可证：0910417', null],
  ['item licence culture-licence', '网络文化经营许可证：沪网文〔2019〕3804-274号', null],
  ['item licence broadcast-licence', '广播电视节目制作经营许可证：（沪）字第01248号', null],
  ['item licence publication-licence', '出版物经营许可证：沪批字第U6699号', null],
  ['item licence drug-info-certificate', '互联网药品信息服务资格证书：（沪）-非经营性-2023-0144', null],
  ['item licence performance-licence', '营业性演出许可证：沪市文演（经）00-2253', null],
  ['item report', '违法和不良信息举报电话：12377', 'https://www.12377.cn/'],
  ['item report', '网络不良与垃圾信息举报：12321', 'https://www.12321.cn/'],
  ['item report', '网络违法犯罪举报', 'https://cyberpolice.mps.gov.cn/wfjb/'],
  ['item contact', '举报电话：400-023-3233', 'tel:4000233233'],
  ['item contact', '举报邮箱：help@example.cn', 'mailto:help@example.cn'],
];

/** Each item's part, text and link (null when it has none). */
const drawn = (el: BeianBadge) =>
  parts(el, 'item').map((item, i) => {
    const a = item.querySelector('a');
    return [item.getAttribute('part'), texts(el)[i], a ? a.getAttribute('href') : null];
  });

describe('<beian-badge> with every filing of §5.1', () => {
  it('draws a big site’s footer declared in HTML alone, each item with its label and the right link or none', async () => {
    const el = await fromHTML(`<beian-badge${attrs(BIG_SITE)}></beian-badge>`);
    expect(drawn(el)).to.deep.equal(BIG_SITE_ITEMS);
    expect(el.invalid).to.be.false;
    // Web pages open in a new tab; tel: and mailto: where they are.
    const targets = parts(el, 'link').map((a) => [a.getAttribute('href')!.split(':')[0], a.getAttribute('target')]);
    expect(new Set(targets.map(([scheme, target]) => `${scheme} ${target}`))).to.deep.equal(
      new Set(['https _blank', 'tel null', 'mailto null']),
    );
  });

  for (const layout of ['inline', 'stacked', 'about'] as const) {
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      it(`is accessible in the ${layout} layout in ${lang}`, async () => {
        const el = await fromHTML(
          `<beian-badge lang="${lang}" layout="${layout}"${attrs({ ...BIG_SITE, icp: '沪ICP备13002172号-3A', genai: AI_APP.genai, vanity: VANITY_BLOG.vanity })}></beian-badge>`,
        );
        expect(parts(el, 'item').length).to.equal(BIG_SITE_ITEMS.length + 2 + 1 + (layout === 'about' ? 1 : 0));
        // Labels are shown in Chinese everywhere; other languages name them in titles.
        const telecom = parts(el, 'label')[0];
        expect(telecom.textContent).to.equal('增值电信业务经营许可证：');
        expect(telecom.title).to.equal(
          { 'zh-CN': '', 'zh-TW': '增值電信業務經營許可證', en: 'Value-added telecom licence' }[lang],
        );
        await expect(el).to.be.accessible();
      });
    }
  }

  it('wraps gracefully on a phone: nothing overflows 360 px, no number breaks across lines', async () => {
    const el = await fromHTML(`<beian-badge${attrs(BIG_SITE)}></beian-badge>`, '360px');
    const base = parts(el, 'base')[0];
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    const right = el.getBoundingClientRect().right;
    for (const item of parts(el, 'item')) expect(item.getBoundingClientRect().right).to.be.at.most(right + 0.5);
    // A number is one line: its link (or text) is no taller than a line of the label beside it.
    const line = parseFloat(getComputedStyle(base).lineHeight) || 1.2 * parseFloat(getComputedStyle(base).fontSize);
    for (const a of parts(el, 'link')) expect(a.getClientRects().length, a.textContent!).to.equal(1);
    // The longest label wraps rather than pushing the item wider than the phone.
    const longest = parts(el, 'item').find((i) => i.textContent!.includes('互联网药品信息服务资格证书'))!;
    expect(longest.getBoundingClientRect().height).to.be.greaterThan(line * 1.5);
  });

  it('shows an AI app’s models with their numbers', async () => {
    const el = await fromHTML(`<beian-badge${attrs(AI_APP)}></beian-badge>`);
    expect(texts(el).slice(3)).to.deep.equal([
      '模型名称：云雀大模型 · 备案号：Beijing-YunQue-20230821',
      '模型名称：Index · 上线编号：Shanghai-Index-202402050047',
    ]);
    expect(parts(el, 'genai').map((i) => i.getAttribute('part'))).to.deep.equal(['item genai', 'item genai']);
  });

  it('lays out an app’s about page one per line, the filing system’s address below the ICP number', async () => {
    const el = await fromHTML(`<beian-badge layout="about"${attrs(APP_ABOUT)}></beian-badge>`);
    expect(drawn(el)).to.deep.equal([
      ['item icp', '京ICP备2021012345号-3A', 'https://beian.miit.gov.cn/'],
      ['item system', 'https://beian.miit.gov.cn/', 'https://beian.miit.gov.cn/'],
      ['item psb', '京公网安备 11010502040012号', 'https://beian.mps.gov.cn/#/query/appSearch?code=11010502040012'],
    ]);
    const tops = parts(el, 'item').map((i) => i.getBoundingClientRect().top);
    expect(tops[1]).to.be.greaterThan(tops[0]);
    expect(tops[2]).to.be.greaterThan(tops[1]);
    expect(parts(el, 'separator')).to.have.length(0);
  });

  it('shows a blog’s 萌ICP number after the legal ones, linked to its registry', async () => {
    const el = await fromHTML(`<beian-badge${attrs(VANITY_BLOG)}></beian-badge>`);
    expect(drawn(el)).to.deep.equal([
      ['item icp', '蜀ICP备2026033844号-1', 'https://beian.miit.gov.cn/'],
      ['item psb', '川公网安备 51012402001727号', 'https://beian.mps.gov.cn/#/query/webSearch?code=51012402001727'],
      ['item vanity', '萌ICP备20250059号', 'https://icp.gov.moe/?keyword=20250059'],
    ]);
  });

  it('warns once about a link it cannot use, and shows the number without it', async () => {
    const el = await fromHTML(
      '<beian-badge icp="京ICP备2021012345号-1" filings="网络文化经营许可证：京网文〔2020〕1039-165号 http://www.example.cn/culture.jpg" report="12377 110"></beian-badge>',
    );
    expect(drawn(el)).to.deep.equal([
      ['item icp', '京ICP备2021012345号-1', 'https://beian.miit.gov.cn/'],
      ['item licence culture-licence', '网络文化经营许可证：京网文〔2020〕1039-165号', null],
      ['item report', '违法和不良信息举报电话：12377', 'https://www.12377.cn/'],
    ]);
    const said = warnings.splice(0);
    expect(said).to.have.length(2);
    expect(said[0]).to.match(/^<beian-badge> report "110" is not a report link it knows\. Fix:/);
    expect(said[1]).to.match(/http:\/\/www\.example\.cn\/culture\.jpg .*only https: links are\. Fix:/);
  });

  it('upgrades renderBadgeHTML’s output to the same footer', async () => {
    const markup = renderBadgeHTML(BIG_SITE);
    const root = await fixture<HTMLElement>(html`<div></div>`);
    root.innerHTML = markup;
    // What visitors see before the upgrade (the light DOM): the same links, in the same order.
    const fallback = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    const el = root.querySelector('beian-badge')!;
    await el.updateComplete;
    expect(parts(el, 'link').map((a) => a.getAttribute('href'))).to.deep.equal(fallback);
    expect(drawn(el)).to.deep.equal(BIG_SITE_ITEMS);
  });

  it('reads a big site’s wrapped plain links, keeping its own links where §5.1 allows them', async () => {
    const el = await fromHTML(`<beian-badge>
      <a href="http://www.miitbeian.gov.cn/">沪ICP备13002172号-3</a> |
      <a href="https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&amp;serial=91310000MA1FL1234X">营业执照</a> |
      <span>网络文化经营许可证：沪网文【2019】3804-274号</span> | <span>营业性演出许可证：沪市文演（经）00-2253</span><br>
      <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31011502017008">沪公网安备31011502017008号</a> |
      <a href="https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf">网信算备310115124334401240013号</a> |
      <a href="https://www.12377.cn/">违法和不良信息举报中心</a> | <a href="tel:4000233233">举报电话：400-023-3233</a> |
      <a href="https://icp.gov.moe/?keyword=20250059">萌ICP备20250059号</a> | © 2026 Example</beian-badge>`);
    expect(drawn(el)).to.deep.equal([
      ['item icp', '沪ICP备13002172号-3', 'https://beian.miit.gov.cn/'],
      BIG_SITE_ITEMS[4],
      BIG_SITE_ITEMS[6],
      BIG_SITE_ITEMS[10],
      BIG_SITE_ITEMS[2],
      BIG_SITE_ITEMS[3],
      BIG_SITE_ITEMS[11],
      BIG_SITE_ITEMS[14],
      ['item vanity', '萌ICP备20250059号', 'https://icp.gov.moe/?keyword=20250059'],
    ]);
  });

  it('reads no number from a script or a style it wraps', async () => {
    const el = await fromHTML(`<beian-badge><a href="https://beian.miit.gov.cn/">京ICP备2021012345号-1</a>
      <script>var copied = '京公网安备11010502030143号';</script><style>/* 沪网文〔2019〕3804-274号 */</style></beian-badge>`);
    expect(drawn(el)).to.deep.equal([['item icp', '京ICP备2021012345号-1', 'https://beian.miit.gov.cn/']]);
  });
});
