/** The query form's words, per language (filing numbers and record values are never translated). */
import type { Lang } from '../internal/i18n.js';

export type Words = Record<
  | 'records'
  | 'icp'
  | 'psb'
  | 'type'
  | 'web'
  | 'app'
  | 'miniapp'
  | 'quickapp'
  | 'icpLabel'
  | 'psbLabel'
  | 'icpPlaceholder'
  | 'psbPlaceholder'
  | 'search'
  | 'searching'
  | 'official'
  | 'notFound'
  | 'cancelled'
  | 'unavailable'
  | 'unlisted'
  | 'empty'
  | 'unrecognized'
  | 'psb-by-unit'
  | 'noEndpoint'
  | 'count'
  | 'yes'
  | 'no'
  | 'source'
  | 'unitName'
  | 'natureName'
  | 'serviceLicence'
  | 'siteName'
  | 'homeUrl'
  | 'approvedAt'
  | 'limitAccess'
  | 'websiteName'
  | 'mainDomain'
  | 'unitName2'
  | 'unitType'
  | 'websiteType'
  | 'code'
  | 'department'
  | 'filedAt',
  string
>;

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    records: '查询类别',
    icp: 'ICP备案',
    psb: '公安备案',
    type: '类型',
    web: '网站',
    app: 'App',
    miniapp: '小程序',
    quickapp: '快应用',
    icpLabel: '单位名称、域名或备案号',
    psbLabel: '域名或公安备案号',
    icpPlaceholder: '如 小米科技有限责任公司、mi.cn 或 京ICP备10046444号',
    psbPlaceholder: '如 qq.com 或 44030002000001',
    search: '查询',
    searching: '查询中…',
    official: '在官方网站核对',
    notFound: '未查到备案记录。',
    cancelled: '该备案已注销。',
    unavailable: '查询暂不可用，请稍后重试。',
    unlisted: '本服务未收录该记录（不代表未备案），请在官方网站核对。',
    empty: '请输入查询条件。',
    unrecognized: '无法识别的查询内容：请输入单位名称、域名或备案号。',
    'psb-by-unit': '公安备案只能按域名或备案号查询。',
    noEndpoint: '未配置查询服务（lookup 属性或 beian-lookup 元标签）。',
    count: '共 $ 条记录',
    yes: '是',
    no: '否',
    source: '来源：',
    unitName: '主办单位名称',
    natureName: '主办单位性质',
    serviceLicence: '网站备案号',
    siteName: '网站名称',
    homeUrl: '网站首页网址',
    approvedAt: '审核日期',
    limitAccess: '是否限制接入',
    websiteName: '网站名称',
    mainDomain: '主域名',
    unitName2: '开办者名称',
    unitType: '开办主体',
    websiteType: '网站类别',
    code: '公安备案号',
    department: '备案地公安机关',
    filedAt: '联网备案时间',
  },
  'zh-TW': {
    records: '查詢類別',
    icp: 'ICP備案',
    psb: '公安備案',
    type: '類型',
    web: '網站',
    app: 'App',
    miniapp: '小程式',
    quickapp: '快應用',
    icpLabel: '單位名稱、網域或備案號',
    psbLabel: '網域或公安備案號',
    icpPlaceholder: '如 小米科技有限责任公司、mi.cn 或 京ICP备10046444号',
    psbPlaceholder: '如 qq.com 或 44030002000001',
    search: '查詢',
    searching: '查詢中…',
    official: '在官方網站核對',
    notFound: '查無備案記錄。',
    cancelled: '該備案已註銷。',
    unavailable: '查詢暫時無法使用，請稍後重試。',
    unlisted: '本服務未收錄該記錄（不代表未備案），請在官方網站核對。',
    empty: '請輸入查詢條件。',
    unrecognized: '無法識別的查詢內容：請輸入單位名稱、網域或備案號。',
    'psb-by-unit': '公安備案只能依網域或備案號查詢。',
    noEndpoint: '未設定查詢服務（lookup 屬性或 beian-lookup 元標籤）。',
    count: '共 $ 筆記錄',
    yes: '是',
    no: '否',
    source: '來源：',
    unitName: '主辦單位名稱',
    natureName: '主辦單位性質',
    serviceLicence: '網站備案號',
    siteName: '網站名稱',
    homeUrl: '網站首頁網址',
    approvedAt: '審核日期',
    limitAccess: '是否限制接入',
    websiteName: '網站名稱',
    mainDomain: '主網域',
    unitName2: '開辦者名稱',
    unitType: '開辦主體',
    websiteType: '網站類別',
    code: '公安備案號',
    department: '備案地公安機關',
    filedAt: '聯網備案時間',
  },
  en: {
    records: 'Records',
    icp: 'ICP filing',
    psb: 'Public security',
    type: 'Type',
    web: 'Website',
    app: 'App',
    miniapp: 'Mini-program',
    quickapp: 'Quick app',
    icpLabel: 'Company name, domain or filing number',
    psbLabel: 'Domain or public-security number',
    icpPlaceholder: 'e.g. 小米科技有限责任公司, mi.cn or 京ICP备10046444号',
    psbPlaceholder: 'e.g. qq.com or 44030002000001',
    search: 'Search',
    searching: 'Searching…',
    official: 'Check on the official site',
    notFound: 'No filing on record.',
    cancelled: 'This filing was cancelled.',
    unavailable: 'Lookups are unavailable right now; please try again later.',
    unlisted: 'This service has no such record, which does not mean it is not filed; check on the official site.',
    empty: 'Type what to search for.',
    unrecognized: 'Not something to search for: type a company name, a domain or a filing number.',
    'psb-by-unit': 'Public-security records are searched by domain or number only.',
    noEndpoint: 'No lookup service is configured (lookup attribute or beian-lookup meta tag).',
    count: '$ record(s)',
    yes: 'Yes',
    no: 'No',
    source: 'Source: ',
    unitName: 'Holder',
    natureName: 'Holder type',
    serviceLicence: 'Filing number',
    siteName: 'Site name',
    homeUrl: 'Home page',
    approvedAt: 'Approved',
    limitAccess: 'Access restricted',
    websiteName: 'Site name',
    mainDomain: 'Main domain',
    unitName2: 'Operator',
    unitType: 'Operator type',
    websiteType: 'Site category',
    code: 'Public-security number',
    department: 'Police bureau',
    filedAt: 'Filed',
  },
};
