// What <beian-badge> is told to show (domain-spec §5.1), read into footer items: every kind with its label and
// link, the site's own links where the spec lets it give one, generative-AI models, report links and contacts,
// vanity numbers after the legal ones, the about page of an app; and the same read from wrapped plain links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { badgeItems, readDeclaration, readWrapped, type DeclarationOptions } from '../../src/core/badge-declaration.js';
import type { BadgeNumbers } from '../../src/core/badge-numbers.js';
import { LICENCES } from '../../src/core/index.js';

const zh: DeclarationOptions = { lang: 'zh-CN' };

/** The items of a declaration, and the problems found reading and drawing it. */
function draw(n: BadgeNumbers, options: DeclarationOptions = zh) {
  const problems: string[] = [];
  const drawn = badgeItems(readDeclaration(n, problems), options);
  return { items: drawn.items, problems: [...problems, ...drawn.problems] };
}
const shown = (n: BadgeNumbers, options?: DeclarationOptions) =>
  draw(n, options).items.map((i) => [i.part, i.label + i.text, i.href]);

// [as given in `filings`, its part, the label shown, the text shown] for each licence of §5, from its examples.
const LICENCE_ITEMS: [string, string, string][] = [
  ['京网文〔2020〕1039-165号', 'licence culture-licence', '网络文化经营许可证：京网文〔2020〕1039-165号'],
  ['沪网文【2025】0258-085号', 'licence culture-licence', '网络文化经营许可证：沪网文〔2025〕0258-085号'],
  ['信息网络传播视听节目许可证：0110516', 'licence audiovisual-licence', '信息网络传播视听节目许可证：0110516'],
  ['（京）字第06990号', 'licence broadcast-licence', '广播电视节目制作经营许可证：（京）字第06990号'],
  ['互联网新闻信息服务许可证：11220180008', 'licence news-licence', '互联网新闻信息服务许可证：11220180008'],
  ['(总)网出证(京)字第161号', 'licence publishing-licence', '网络出版服务许可证：（总）网出证（京）字第161号'],
  ['(沪)-经营性-2023-0144', 'licence drug-info-certificate', '互联网药品信息服务资格证书：（沪）-经营性-2023-0144'],
  [
    '（京）网药械信息备字（2022）第00334号',
    'licence drug-device-filing',
    '药品医疗器械网络信息服务备案：（京）网药械信息备字（2022）第00334号',
  ],
  [
    '(沪)网械平台备字[2019]第00006号',
    'licence device-platform-filing',
    '医疗器械网络交易服务第三方平台备案：（沪）网械平台备字（2019）第00006号',
  ],
  ['京（2022）0000043', 'licence religion-licence', '互联网宗教信息服务许可证：京（2022）0000043'],
  ['营业性演出许可证：沪市文演（经）00-2253', 'licence performance-licence', '营业性演出许可证：沪市文演（经）00-2253'],
  ['出版物经营许可证：沪批字第U6699号', 'licence publication-licence', '出版物经营许可证：沪批字第U6699号'],
];

describe('badge items of every kind', () => {
  for (const [given, part, text] of LICENCE_ITEMS) {
    it(`${given}: ${text}, not linked`, () => {
      const { items, problems } = draw({ filings: given });
      assert.deepEqual(
        items.map((i) => [i.part, i.label + i.text, i.href, i.icon]),
        [[part, text, null, false]],
      );
      assert.deepEqual(problems, []);
    });
  }

  it('labels are the legal wording in Chinese on every page, named in the page’s language', () => {
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      const [item] = draw({ filings: '京网文〔2020〕1039-165号' }, { lang }).items;
      assert.equal(item.label, '网络文化经营许可证：');
      assert.equal(item.name, lang === 'zh-CN' ? '' : LICENCES['culture-licence'].label[lang]);
    }
    const [telecom] = draw({ telecom: '浙B2-20080101' }, { lang: 'en' }).items;
    assert.deepEqual(
      [telecom.label, telecom.name, telecom.href],
      ['增值电信业务经营许可证：', 'Value-added telecom licence', 'https://tsm.miit.gov.cn/dxxzsp/'],
    );
  });

  it('keeps the order given: icp, telecom, 公安, algorithm, then the list; ICP numbers link MIIT, 公安 its record with the icon', () => {
    assert.deepEqual(
      shown({
        icp: '京ICP证030173号',
        psb: '京公网安备 11010502030143',
        telecom: 'A2.B1.B2-20100001',
        filings: ['（京）字第06990号'],
      }),
      [
        ['icp', '京ICP证030173号', 'https://beian.miit.gov.cn/'],
        ['telecom', '增值电信业务经营许可证：A2.B1.B2-20100001', 'https://tsm.miit.gov.cn/dxxzsp/'],
        ['psb', '京公网安备 11010502030143号', 'https://beian.mps.gov.cn/#/query/webSearch?code=11010502030143'],
        ['licence broadcast-licence', '广播电视节目制作经营许可证：（京）字第06990号', null],
      ],
    );
    assert.equal(draw({ psb: '京公网安备11010502030143号' }).items[0].icon, true);
  });

  it('shows a number that does not validate as given, marked invalid and never linked', () => {
    const { items } = draw({ filings: '网络文化经营许可证：京网文2020-1039 https://example.cn/culture.png' });
    assert.deepEqual(
      [items[0].part, items[0].text, items[0].href],
      ['licence culture-licence invalid', '京网文2020-1039', null],
    );
  });
});

describe('the site’s own links (§5.1)', () => {
  it('links a licence without a public query to the https: page or image the site gives', () => {
    const { items, problems } = draw({
      filings: '网络文化经营许可证：京网文〔2020〕1039-165号 https://www.example.cn/licences/culture.jpg',
    });
    assert.equal(items[0].href, 'https://www.example.cn/licences/culture.jpg');
    assert.deepEqual(problems, []);
  });

  it('links a licence’s label alone (营业执照 → the platform-issued link)', () => {
    const href = 'https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=91310000MA1FL1234X';
    const { items } = draw({ filings: `营业执照 ${href}` }, { lang: 'en' });
    assert.deepEqual(
      [items[0].part, items[0].text, items[0].name, items[0].href, items[0].filing],
      ['licence business-licence', '营业执照', 'Business licence', href, null],
    );
  });

  it('links an algorithm filing to its own notice on beian.cac.gov.cn, else to the CAC system', () => {
    const notice = 'https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf';
    assert.equal(draw({ algorithm: `网信算备310115124334401240013号 ${notice}` }).items[0].href, notice);
    const other = draw({ algorithm: '网信算备310115124334401240013号 https://www.example.cn/algorithm.pdf' });
    assert.equal(other.items[0].href, 'https://beian.cac.gov.cn/#/index');
    assert.match(
      other.problems[0],
      /is not used: an algorithm filing links to its notice on https:\/\/beian\.cac\.gov\.cn\/.*Fix:/,
    );
  });

  it('refuses links that are not https:, and own links for numbers that have an official one, saying so', () => {
    const { items, problems } = draw({
      icp: '京ICP备2021012345号-1 https://www.example.cn/icp',
      filings: ['京网文〔2020〕1039-165号 http://www.example.cn/culture.jpg', '（京）字第06990号 javascript:alert(1)'],
    });
    assert.deepEqual(
      items.map((i) => i.href),
      ['https://beian.miit.gov.cn/', null, null],
    );
    assert.equal(problems.length, 3);
    assert.match(
      problems[0],
      /https:\/\/www\.example\.cn\/icp of "京ICP备2021012345号-1" is not used: this kind always links to its official system/,
    );
    assert.match(problems[1], /http:\/\/www\.example\.cn\/culture\.jpg .* only https: links are/);
    assert.match(problems[2], /javascript:alert\(1\)/);
  });
});

describe('report links and contacts', () => {
  it('draws the chosen report links, 12377 alone by default, in the page’s language', () => {
    assert.deepEqual(shown({ report: true }), [['report', '违法和不良信息举报电话：12377', 'https://www.12377.cn/']]);
    assert.deepEqual(shown({ report: '' }), shown({ report: true }));
    assert.deepEqual(
      shown({ report: '12377 12321 cyberpolice 12318' }, { lang: 'en' }).map(([, text, href]) => [text, href]),
      [
        ['Report illegal content: 12377', 'https://www.12377.cn/'],
        ['Report spam and harmful content: 12321', 'https://www.12321.cn/'],
        ['Report cybercrime', 'https://cyberpolice.mps.gov.cn/wfjb/'],
        ['Report cultural market violations: 12318', 'https://jbts.mct.gov.cn/'],
      ],
    );
  });

  it('names a report link it does not know, and draws the others', () => {
    const { items, problems } = draw({ report: '12377, 110' });
    assert.equal(items.length, 1);
    assert.match(
      problems[0],
      /report "110" is not a report link it knows\. Fix: use some of 12377, 12321, cyberpolice, 12318/,
    );
  });

  it('links the site’s own contacts with tel:, mailto: or https:, and shows one without a link as text', () => {
    const { items, problems } = draw({
      contacts:
        '举报电话：400-023-3233 tel:4000233233；举报邮箱：help@example.cn mailto:help@example.cn\n涉未成年人举报：https://www.example.cn/report https://www.example.cn/report\n违法信息举报：010-12345678',
    });
    assert.deepEqual(
      items.map((i) => [i.part, i.text, i.href]),
      [
        ['contact', '举报电话：400-023-3233', 'tel:4000233233'],
        ['contact', '举报邮箱：help@example.cn', 'mailto:help@example.cn'],
        ['contact', '涉未成年人举报：https://www.example.cn/report', 'https://www.example.cn/report'],
        ['contact', '违法信息举报：010-12345678', null],
      ],
    );
    assert.deepEqual(problems, []);
  });
});

describe('generative AI, vanity numbers and the about page', () => {
  it('shows each model with its 备案号 or 上线编号, several per site', () => {
    const { items, problems } = draw(
      { genai: ['云雀大模型 Beijing-YunQue-20230821', 'PinCaiMao Hunan-PinCaiMao-202412310003'] },
      { lang: 'en' },
    );
    assert.deepEqual(
      items.map((i) => [i.part, i.label + i.text, i.href, i.name]),
      [
        ['genai', '模型名称：云雀大模型 · 备案号：Beijing-YunQue-20230821', null, 'Generative AI service filing'],
        ['genai', '模型名称：PinCaiMao · 上线编号：Hunan-PinCaiMao-202412310003', null, 'Generative AI service filing'],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('links a model filed under a 网信算备 number to CAC, and names a model without a name or a valid number', () => {
    assert.deepEqual(shown({ genai: 'Index 网信算备310115124334401240013号' }), [
      ['genai', '模型名称：Index · 网信算备310115124334401240013号', 'https://beian.cac.gov.cn/#/index'],
    ]);
    const { items, problems } = draw({ genai: 'Beijing-YunQue-20230821; Kimi 12345' });
    assert.match(problems[0], /genai "Beijing-YunQue-20230821" has no model name\. Fix:/);
    assert.equal(items[1].part, 'genai invalid');
  });

  it('puts vanity numbers after the legal ones, linking 萌ICP to its registry, never validating them as ICP', () => {
    const { items, problems } = draw({
      icp: '京ICP备2021012345号-1',
      vanity: ['萌ICP备20250059号', '喵ICP备2025001号 https://www.example.cn/meow'],
      report: true,
    });
    assert.deepEqual(
      items.map((i) => [i.part, i.text, i.href]),
      [
        ['icp', '京ICP备2021012345号-1', 'https://beian.miit.gov.cn/'],
        ['report', '违法和不良信息举报电话：12377', 'https://www.12377.cn/'],
        ['vanity', '萌ICP备20250059号', 'https://icp.gov.moe/?keyword=20250059'],
        ['vanity', '喵ICP备2025001号', 'https://www.example.cn/meow'],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('moves a vanity number given as a filing to the end, and says where it belongs', () => {
    const { items, problems } = draw({ icp: '萌ICP备20250059号', psb: '京公网安备11010502030143号' });
    assert.deepEqual(
      items.map((i) => i.part),
      ['psb', 'vanity'],
    );
    assert.match(
      problems[0],
      /is a vanity number, not a filing: it is shown after the legal ones\. Fix: give it in vanity/,
    );
  });

  it('an app’s about page prints the filing system’s address below the ICP number, and opens the MPS app search', () => {
    const { items, problems } = draw(
      { icp: '京ICP备2021012345号-3A', psb: '京公网安备11010502030143号' },
      { lang: 'zh-CN', about: true },
    );
    assert.deepEqual(
      items.map((i) => [i.part, i.text, i.href]),
      [
        ['icp', '京ICP备2021012345号-3A', 'https://beian.miit.gov.cn/'],
        ['system', 'https://beian.miit.gov.cn/', 'https://beian.miit.gov.cn/'],
        ['psb', '京公网安备 11010502030143号', 'https://beian.mps.gov.cn/#/query/appSearch?code=11010502030143'],
      ],
    );
    assert.deepEqual(problems, []);
    assert.match(
      draw({ icp: '京ICP备2021012345号-1' }, { lang: 'zh-CN', about: true }).problems[0],
      /ends in -nA \(a mini-program's in -nX\)/,
    );
  });
});

describe('lists', () => {
  it('splits on ; ； and new lines, drops blank entries, and takes arrays as they are', () => {
    assert.deepEqual(readDeclaration({ filings: ' 0110516 ;；\n （京）字第06990号\n' }, []).numbers, [
      { text: '0110516' },
      { text: '（京）字第06990号' },
    ]);
    assert.deepEqual(readDeclaration({ filings: ['0110516', ' '] }, []).numbers, [{ text: '0110516' }]);
  });
});

describe('wrapped plain links', () => {
  it('reads a big site’s footer: numbers, own links where allowed, report links, contacts, models and vanity numbers', () => {
    const notice = 'https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf';
    const d = readWrapped([
      { text: '沪ICP备13002172号-3', href: 'http://www.miitbeian.gov.cn/' },
      { text: '营业执照', href: 'https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?serial=1' },
      { text: ' | 网络文化经营许可证：沪网文【2019】3804-274号 | 营业性演出许可证：沪市文演（经）00-2253 | ' },
      {
        text: '沪公网安备31011502017008号',
        href: 'http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31011502017008',
      },
      { text: '网信算备310115124334401240013号', href: notice },
      { text: '模型名称：Index · 上线编号：Shanghai-Index-202402050047' },
      { text: '违法和不良信息举报', href: 'https://www.12377.cn/' },
      { text: '举报电话：400-023-3233', href: 'tel:4000233233' },
      { text: '萌ICP备20250059号', href: 'https://icp.gov.moe/?keyword=20250059' },
      { text: '© 2026 Example' },
    ]);
    const { items, problems } = badgeItems(d, zh);
    assert.deepEqual(
      items.map((i) => [i.part, i.label + i.text, i.href]),
      [
        ['icp', '沪ICP备13002172号-3', 'https://beian.miit.gov.cn/'],
        ['licence business-licence', '营业执照', 'https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?serial=1'],
        ['licence culture-licence', '网络文化经营许可证：沪网文〔2019〕3804-274号', null],
        ['licence performance-licence', '营业性演出许可证：沪市文演（经）00-2253', null],
        ['psb', '沪公网安备 31011502017008号', 'https://beian.mps.gov.cn/#/query/webSearch?code=31011502017008'],
        ['algorithm', '网信算备310115124334401240013号', notice],
        ['genai', '模型名称：Index · 上线编号：Shanghai-Index-202402050047', null],
        ['report', '违法和不良信息举报电话：12377', 'https://www.12377.cn/'],
        ['contact', '举报电话：400-023-3233', 'tel:4000233233'],
        ['vanity', '萌ICP备20250059号', 'https://icp.gov.moe/?keyword=20250059'],
      ],
    );
    assert.deepEqual(problems, []);
  });
});
