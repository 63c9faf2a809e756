// The other filings of domain-spec §5 and §5.1, from its real examples: each kind parsed, normalised (brackets of
// every style, full width), given its label in three languages, and linked nowhere (no public query).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  explain,
  findFilings,
  isLicence,
  LICENCES,
  officialLink,
  parseFiling,
  type FilingKind,
} from '../../src/core/index.js';
import { lintHtml } from '../../src/cli/html.js';

const rules = (text: string) =>
  parseFiling(text).diagnostics.map((d) => `${d.rule}${d.detail ? `.${d.detail}` : ''}/${d.severity}`);

// [as a footer shows it, kind, canonical form, province code]
const EXAMPLES: [string, FilingKind, string, string | null][] = [
  ['京网文〔2020〕1039-165号', 'culture-licence', '京网文〔2020〕1039-165号', '11'],
  ['沪网文【2025】0258-085号', 'culture-licence', '沪网文〔2025〕0258-085号', '31'],
  ['沪网文(2024)1344-086号', 'culture-licence', '沪网文〔2024〕1344-086号', '31'],
  ['网络文化经营许可证：沪网文［2024］1344-086号', 'culture-licence', '沪网文〔2024〕1344-086号', '31'],
  ['京（2022）0000043', 'religion-licence', '京（2022）0000043', '11'],
  ['（京）网药械信息备字（2022）第00334号', 'drug-device-filing', '（京）网药械信息备字（2022）第00334号', '11'],
  ['（京）网械平台备字（2018）第00005号', 'device-platform-filing', '（京）网械平台备字（2018）第00005号', '11'],
  ['(沪)网械平台备字[2019]第00006号', 'device-platform-filing', '（沪）网械平台备字（2019）第00006号', '31'],
  ['(湘)-经营性-2014-0005', 'drug-info-certificate', '（湘）-经营性-2014-0005', '43'],
  ['沪-非经营性-2022-0011', 'drug-info-certificate', '（沪）-非经营性-2022-0011', '31'],
  ['（京）字第06990号', 'broadcast-licence', '（京）字第06990号', '11'],
  ['（沪）字第01248号', 'broadcast-licence', '（沪）字第01248号', '31'],
  ['(总)网出证(京)字第161号', 'publishing-licence', '（总）网出证（京）字第161号', '11'],
  ['网络出版服务许可证（京）字第338号', 'publishing-licence', '（京）字第338号', '11'],
  ['信息网络传播视听节目许可证：0110516', 'audiovisual-licence', '0110516', null],
  ['互联网新闻信息服务许可证：11220180008', 'news-licence', '11220180008', null],
  // Free-form numbers have no canonical form: shown as written.
  ['营业性演出许可证：沪市文演（经）00-2253', 'performance-licence', '沪市文演（经）00-2253', null],
  ['出版物经营许可证：沪批字第U6699号', 'publication-licence', '沪批字第U6699号', null],
  ['营业执照：91310000MA1FL1234X', 'business-licence', '91310000MA1FL1234X', null],
  ['Beijing-YunQue-20230821', 'genai', 'Beijing-YunQue-20230821', null],
  ['上线编号：Hunan-PinCaiMao-202412310003', 'genai', 'Hunan-PinCaiMao-202412310003', null],
];

describe('the other licences of §5', () => {
  for (const [text, kind, canonical, province] of EXAMPLES) {
    it(`${text} is a ${kind}`, () => {
      const f = parseFiling(text);
      assert.deepEqual([f.kind, f.normalized, f.province, f.valid, rules(text)], [kind, canonical, province, true, []]);
      assert.equal(officialLink(f), null, 'no public query: linked only where the site gives a link');
    });
  }

  it('tells a kind whose shape is bare digits only beside its label', () => {
    assert.equal(parseFiling('0110516').kind, 'unknown');
    assert.equal(parseFiling('11220180008').kind, 'unknown');
  });

  it('says when a labelled number is not of its kind’s shape', () => {
    assert.deepEqual(rules('信息网络传播视听节目许可证：01105'), ['L10.licence/error']);
    const [d] = parseFiling('信息网络传播视听节目许可证：01105').diagnostics;
    assert.match(explain(d, 'zh').message, /不符合信息网络传播视听节目许可证编号的格式/);
    assert.deepEqual(rules('广播电视节目制作经营许可证：(总)网出证(京)字第161号'), ['L13.licence/info']);
    assert.equal(parseFiling('广播电视节目制作经营许可证：(总)网出证(京)字第161号').kind, 'publishing-licence');
  });

  it('warns, not errs, on a generative-AI number whose first segment is no province', () => {
    assert.deepEqual(rules('Atlantis-Model-20240101'), ['L09.genai/warn']);
    assert.match(
      explain(parseFiling('Atlantis-Model-20240101').diagnostics[0], 'en').message,
      /Atlantis is not a province-level name/,
    );
  });

  it('rejects a province character that is no province', () => {
    assert.deepEqual(rules('港网文〔2020〕1039-165号'), ['L09/error']);
  });

  it('gives every kind its label in zh-CN, zh-TW and English', () => {
    for (const [kind, info] of Object.entries(LICENCES)) {
      assert.ok(isLicence(kind));
      for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) assert.ok(info.label[lang].trim(), `${kind} ${lang}`);
      assert.ok(info.labels.includes(info.label['zh-CN']) || kind === 'genai', `${kind} is read from its own name`);
    }
    assert.equal(isLicence('icp-filing'), false);
  });

  it('leaves ICP numbers, licences and 公安 numbers as they were', () => {
    assert.equal(parseFiling('京ICP证030173号').kind, 'icp-licence');
    assert.equal(parseFiling('增值电信业务经营许可证：浙B2-20080101').kind, 'telecom-licence');
    assert.equal(parseFiling('京公网安备11010802012345号').kind, 'psb');
  });
});

describe('a big site’s footer (bilibili’s shape, our own numbers) as beian lint reads it', () => {
  const footer = `<footer>
    <p><a href="https://beian.miit.gov.cn/">沪ICP备13002172号-3</a> | <a href="https://tsm.miit.gov.cn/dxxzsp/">增值电信业务经营许可证：沪B2-20100043</a>
      | 信息网络传播视听节目许可证：0910417 | 网络文化经营许可证：沪网文【2019】3804-274号
      | 广播电视节目制作经营许可证：（沪）字第01248号 | 互联网药品信息服务资格证书：(沪)-非经营性-2023-0144
      | 营业性演出许可证：沪市文演（经）00-2253 | 出版物经营许可证：沪批字第U6699号</p>
    <p><a href="https://beian.mps.gov.cn/#/query/webSearch?code=31011502017008"><img src="/police.png" alt="">沪公网安备31011502017008号</a>
      | <a href="https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf">网信算备310115124334401240013号</a></p>
    <p>生成式人工智能服务：Index 模型 上线编号：Shanghai-Index-202402050047 | 互联网新闻信息服务许可证：31120170002
      | （京）网药械信息备字（2022）第00334号 | 互联网宗教信息服务许可证：京（2022）0000043</p></footer>`;

  it('finds each number, free-form ones after their label, and raises nothing against a compliant footer', () => {
    const report = lintHtml(footer, { home: true, host: 'www.example.cn' });
    assert.deepEqual(
      report.items.map((i) => i.filing.kind),
      [
        'icp-filing',
        'telecom-licence',
        'audiovisual-licence',
        'culture-licence',
        'broadcast-licence',
        'drug-info-certificate',
        'performance-licence',
        'publication-licence',
        'psb',
        'algorithm',
        'genai',
        'news-licence',
        'drug-device-filing',
        'religion-licence',
      ],
    );
    assert.deepEqual(report.findings, []);
  });

  it('does not take plain digits or dashed words in running text for licences', () => {
    assert.deepEqual(
      findFilings('订单 0910417，电话 31120170002，构建 BUILD-ABC-20240101，（2024）年报').map((f) => f.filing.kind),
      [],
    );
  });

  it('ends a free-form number at a space, a separator, or the next label or number', () => {
    const text =
      '营业性演出许可证：沪市文演（经）00-2253出版物经营许可证：沪批字第U6699号京ICP备2021012345号-1 营业执照：91310000MA1FL1234X 版权所有';
    assert.deepEqual(
      findFilings(text).map((f) => text.slice(f.start, f.end)),
      ['沪市文演（经）00-2253', '沪批字第U6699号', '京ICP备2021012345号-1', '91310000MA1FL1234X'],
    );
    assert.deepEqual(
      findFilings('营业执照 | 营业性演出许可证 | 版权所有').map((f) => f.filing.kind),
      [],
      'a label without a colon and number is no number',
    );
  });
});
