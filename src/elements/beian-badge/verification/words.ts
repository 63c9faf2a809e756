/** The words of the verification marks and their details, per language. Filing numbers are never translated. */
import type { Lang } from '../../internal/i18n.js';

/** The statuses a ⚠ stands for: the service found something wrong with the number. */
export const PROBLEMS = ['mismatch', 'not-found', 'cancelled'] as const;
export type Problem = (typeof PROBLEMS)[number];

export interface Words extends Record<
  | 'verified'
  | 'declared'
  | Problem
  | 'unknown'
  | 'unit'
  | 'nature'
  | 'site'
  | 'approved'
  | 'filed'
  | 'department'
  | 'source'
  | 'checked'
  | 'check'
  | 'details',
  string
> {
  /** What the site owner should do about each problem; `unknown` for every other status but `valid`. */
  fix: Record<Problem | 'unknown', string>;
}

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    verified: '已核验',
    declared: '已声明（未经核验）',
    mismatch: '与本网站不符',
    'not-found': '未查到备案',
    cancelled: '备案已注销',
    unknown: '暂时无法核验',
    unit: '主办单位',
    nature: '单位性质',
    site: '网站名称',
    approved: '审核日期',
    filed: '联网备案时间',
    department: '备案地公安机关',
    source: '来源',
    checked: '核验时间',
    check: '在官方网站核对',
    details: '（查看详情）',
    fix: {
      mismatch: '查询到的备案记录属于其他网站或其他编号。网站负责人应核对并展示本网站的备案号。',
      'not-found': '备案系统中没有这个编号。网站负责人应核对编号，必要时办理备案。',
      cancelled: '这个备案已被注销。网站负责人应重新办理备案，并更新页脚。',
      unknown: '查询服务暂时无法确认，请稍后再试，或到官方网站核对。',
    },
  },
  'zh-TW': {
    verified: '已核驗',
    declared: '已聲明（未經核驗）',
    mismatch: '與本網站不符',
    'not-found': '未查到備案',
    cancelled: '備案已註銷',
    unknown: '暫時無法核驗',
    unit: '主辦單位',
    nature: '單位性質',
    site: '網站名稱',
    approved: '審核日期',
    filed: '聯網備案時間',
    department: '備案地公安機關',
    source: '來源',
    checked: '核驗時間',
    check: '在官方網站核對',
    details: '（檢視詳情）',
    fix: {
      mismatch: '查詢到的備案記錄屬於其他網站或其他編號。網站負責人應核對並展示本網站的備案號。',
      'not-found': '備案系統中沒有這個編號。網站負責人應核對編號，必要時辦理備案。',
      cancelled: '這個備案已被註銷。網站負責人應重新辦理備案，並更新頁尾。',
      unknown: '查詢服務暫時無法確認，請稍後再試，或到官方網站核對。',
    },
  },
  en: {
    verified: 'Verified',
    declared: 'Declared (not verified)',
    mismatch: 'Does not match this site',
    'not-found': 'Not on record',
    cancelled: 'Filing cancelled',
    unknown: 'Could not verify right now',
    unit: 'Holder',
    nature: 'Holder type',
    site: 'Site name',
    approved: 'Approved',
    filed: 'Filed',
    department: 'Police bureau',
    source: 'Source',
    checked: 'Checked',
    check: 'Check on the official site',
    details: ' (details)',
    fix: {
      mismatch:
        'The record on file belongs to another site or number. The site owner should show this site’s own number.',
      'not-found': 'The filing system has no such number. The site owner should check the number, and file if needed.',
      cancelled: 'This filing was cancelled. The site owner should file again and update the footer.',
      unknown: 'The lookup service could not confirm this right now; try later or check on the official site.',
    },
  },
};
