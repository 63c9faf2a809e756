/**
 * The other filings big sites show (`domain-spec.md` §5, §5.1): licences of culture, broadcasting, news,
 * publishing, medicine and religion, the business licence, and generative-AI filings. A kind whose number has a
 * fixed shape is recognised from it; every kind also from its label, which is all a free-form kind has. None of
 * them has a public query: they link only where the site itself gives a link.
 */
import type { Lang } from './lang.js';

export type LicenceKind =
  | 'culture-licence'
  | 'audiovisual-licence'
  | 'broadcast-licence'
  | 'news-licence'
  | 'publishing-licence'
  | 'drug-info-certificate'
  | 'drug-device-filing'
  | 'device-platform-filing'
  | 'religion-licence'
  | 'performance-licence'
  | 'publication-licence'
  | 'business-licence'
  | 'genai';

export interface LicenceInfo {
  /** The legal wording (zh-CN, shown on the page), and for titles and accessible names zh-TW and English. */
  readonly label: Readonly<Record<Lang, string>>;
  /** Words of labels that name this kind (normalised: no spaces, NFKC). */
  readonly labels: readonly string[];
  /**
   * The shape of its number, on normalised text (brackets of any style as `B`/`E`, see `shape`); the groups give
   * the canonical form through `canonical`. Absent for free-form kinds.
   */
  readonly shape?: RegExp;
  readonly canonical?: (groups: string[]) => string;
  /** The number alone says which kind it is; otherwise only beside its label. */
  readonly self?: boolean;
}

// Brackets as footers write them: 〔〕 【】 () [] (full-width （）［］ are already ASCII after NFKC).
const B = '[〔【(\\[]';
const E = '[〕】)\\]]';
const shape = (source: string) => new RegExp(`^${source.replaceAll('B', B).replaceAll('E', E)}$`, 'u');
const P = '(\\p{sc=Han})';

export const LICENCES: Readonly<Record<LicenceKind, LicenceInfo>> = {
  'culture-licence': {
    label: { 'zh-CN': '网络文化经营许可证', 'zh-TW': '網絡文化經營許可證', en: 'Online culture business licence' },
    labels: ['网络文化经营许可证', '网文'],
    shape: shape(`${P}网文B(\\d{4})E(\\d{3,5})-(\\d{3})号?`),
    canonical: ([p, year, n, seq]) => `${p}网文〔${year}〕${n}-${seq}号`,
    self: true,
  },
  'audiovisual-licence': {
    label: {
      'zh-CN': '信息网络传播视听节目许可证',
      'zh-TW': '信息網絡傳播視聽節目許可證',
      en: 'Online audiovisual programme licence',
    },
    labels: ['信息网络传播视听节目许可证', '视听节目许可证'],
    shape: shape('(\\d{7})'),
    canonical: ([n]) => n,
  },
  'broadcast-licence': {
    label: {
      'zh-CN': '广播电视节目制作经营许可证',
      'zh-TW': '廣播電視節目製作經營許可證',
      en: 'Radio and TV programme production licence',
    },
    labels: ['广播电视节目制作经营许可证'],
    shape: shape(`\\(${P}\\)字第(\\d{3,6})号`),
    canonical: ([p, n]) => `（${p}）字第${n}号`,
    self: true,
  },
  'news-licence': {
    label: {
      'zh-CN': '互联网新闻信息服务许可证',
      'zh-TW': '互聯網新聞信息服務許可證',
      en: 'Internet news information service licence',
    },
    labels: ['互联网新闻信息服务许可证'],
    shape: shape('(\\d{11})'),
    canonical: ([n]) => n,
  },
  'publishing-licence': {
    label: { 'zh-CN': '网络出版服务许可证', 'zh-TW': '網絡出版服務許可證', en: 'Online publishing service licence' },
    labels: ['网络出版服务许可证'],
    // `(总)网出证(京)字第161号`, or the licence's name then `（京）字第338号` (a broadcast licence's shape without it).
    shape: shape(`(\\(总\\))?(网出证)?\\(${P}\\)字第(\\d{1,6})号`),
    canonical: ([head, word = '', p, n]) => `${head ? '（总）' : ''}${word}（${p}）字第${n}号`,
    self: true,
  },
  'drug-info-certificate': {
    label: {
      'zh-CN': '互联网药品信息服务资格证书',
      'zh-TW': '互聯網藥品信息服務資格證書',
      en: 'Internet drug information service certificate',
    },
    labels: ['互联网药品信息服务资格证书', '药品信息服务资格证书'],
    shape: shape(`\\(?${P}\\)?-(非)?经营性-(\\d{4})-(\\d{4})`),
    canonical: ([p, non = '', year, n]) => `（${p}）-${non}经营性-${year}-${n}`,
    self: true,
  },
  'drug-device-filing': {
    label: {
      'zh-CN': '药品医疗器械网络信息服务备案',
      'zh-TW': '藥品醫療器械網絡信息服務備案',
      en: 'Online drug and medical device information filing',
    },
    labels: ['药品医疗器械网络信息服务备案'],
    shape: shape(`\\(${P}\\)网药械信息备字B(\\d{4})E第(\\d{5})号`),
    canonical: ([p, year, n]) => `（${p}）网药械信息备字（${year}）第${n}号`,
    self: true,
  },
  'device-platform-filing': {
    label: {
      'zh-CN': '医疗器械网络交易服务第三方平台备案',
      'zh-TW': '醫療器械網絡交易服務第三方平台備案',
      en: 'Medical device online trading platform filing',
    },
    labels: ['医疗器械网络交易服务第三方平台备案'],
    shape: shape(`\\(${P}\\)网械平台备字B(\\d{4})E第(\\d{5})号`),
    canonical: ([p, year, n]) => `（${p}）网械平台备字（${year}）第${n}号`,
    self: true,
  },
  'religion-licence': {
    label: {
      'zh-CN': '互联网宗教信息服务许可证',
      'zh-TW': '互聯網宗教信息服務許可證',
      en: 'Internet religious information service licence',
    },
    labels: ['互联网宗教信息服务许可证'],
    shape: shape(`${P}\\((\\d{4})\\)(\\d{7})`),
    canonical: ([p, year, n]) => `${p}（${year}）${n}`,
    self: true,
  },
  'performance-licence': {
    label: { 'zh-CN': '营业性演出许可证', 'zh-TW': '營業性演出許可證', en: 'Commercial performance licence' },
    labels: ['营业性演出许可证'],
  },
  'publication-licence': {
    label: { 'zh-CN': '出版物经营许可证', 'zh-TW': '出版物經營許可證', en: 'Publication business licence' },
    labels: ['出版物经营许可证'],
  },
  'business-licence': {
    label: { 'zh-CN': '营业执照', 'zh-TW': '營業執照', en: 'Business licence' },
    labels: ['营业执照', '电子营业执照'],
  },
  genai: {
    label: { 'zh-CN': '生成式人工智能服务备案', 'zh-TW': '生成式人工智能服務備案', en: 'Generative AI service filing' },
    labels: ['生成式人工智能服务备案', '生成式人工智能备案', '大模型备案', '上线编号', '模型备案号'],
    // A 备案号 `Province-Name-YYYYMMDD`, or a 登记/上线编号 with four more digits (upper-cased by normalisation).
    shape: shape('([A-Z]+)-([A-Z0-9]+)-(\\d{8}(?:\\d{4})?)'),
    self: true,
  },
};

const KINDS = Object.keys(LICENCES) as LicenceKind[];

/** True for the kinds of this module. */
export function isLicence(kind: string): kind is LicenceKind {
  return Object.hasOwn(LICENCES, kind);
}

/** The kind a label names (`网络文化经营许可证：`), if any. */
export function licenceOfLabel(label: string): LicenceKind | undefined {
  return KINDS.find((kind) => LICENCES[kind].labels.some((words) => label.includes(words)));
}

/** The kind a number's shape alone shows, with the shape's groups. */
export function licenceOfShape(body: string): [LicenceKind, string[]] | undefined {
  for (const kind of KINDS) {
    const { shape: re, self } = LICENCES[kind];
    const m = self ? re?.exec(body) : null;
    if (m) return [kind, m.slice(1)];
  }
  return undefined;
}

/** Province-level names in pinyin, the first segment of a generative-AI filing number (§5.1). */
export const PINYIN_PROVINCES = (
  'Beijing Tianjin Hebei Shanxi Neimenggu InnerMongolia Liaoning Jilin Heilongjiang Shanghai ' +
  'Jiangsu Zhejiang Anhui Fujian Jiangxi Shandong Henan Hubei Hunan Guangdong Guangxi Hainan Chongqing Sichuan ' +
  'Guizhou Yunnan Xizang Tibet Shaanxi Gansu Qinghai Ningxia Xinjiang'
).split(' ');
