/**
 * Footers of the kinds domain-spec §5.1 describes, with numbers of our own (shaped like real ones, belonging to
 * no one): what the demo shows, the stories render and the tests check. Each is given as attributes, as a CMS
 * user would write them in HTML.
 */
import type { BadgeNumbers } from '../src/core/badge-numbers.js';

/** A big platform's footer (bilibili's shape): every licence it holds, its algorithm's notice, report contacts. */
export const BIG_SITE = {
  icp: '沪ICP备13002172号-3',
  telecom: '沪B2-20100043',
  psb: '沪公网安备31011502017008号',
  algorithm:
    '网信算备310115124334401240013号 https://beian.cac.gov.cn/api/static/fileUpload/principalOrithm/notice.pdf',
  filings: [
    '营业执照 https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=91310000MA1FL1234X',
    '信息网络传播视听节目许可证：0910417',
    '网络文化经营许可证：沪网文【2019】3804-274号',
    '广播电视节目制作经营许可证：（沪）字第01248号',
    '出版物经营许可证：沪批字第U6699号',
    '互联网药品信息服务资格证书：(沪)-非经营性-2023-0144',
    '营业性演出许可证：沪市文演（经）00-2253',
  ].join('; '),
  report: '12377 12321 cyberpolice',
  contacts: '举报电话：400-023-3233 tel:4000233233; 举报邮箱：help@example.cn mailto:help@example.cn',
} as const satisfies BadgeNumbers;

/** An AI assistant's disclosure (CAC 2025): each model's name and its 备案号 or 上线编号, and its algorithm filing. */
export const AI_APP = {
  icp: '京ICP备2023012345号-2',
  psb: '京公网安备11010802012345号',
  algorithm: '网信算备110108123456701230011号',
  genai: '云雀大模型 Beijing-YunQue-20230821; Index Shanghai-Index-202402050047',
} as const satisfies BadgeNumbers;

/** An app's about page (工信部信管〔2023〕105号): its -nA number, the filing system's address below it. */
export const APP_ABOUT = {
  icp: '京ICP备2021012345号-3A',
  psb: '京公网安备11010502040012号',
} as const satisfies BadgeNumbers;

/** A personal blog with a 萌ICP number beside its real one. */
export const VANITY_BLOG = {
  icp: '蜀ICP备2026033844号-1',
  psb: '川公网安备51012402001727号',
  vanity: '萌ICP备20250059号',
} as const satisfies BadgeNumbers;
