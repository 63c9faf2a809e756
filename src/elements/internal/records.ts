/** How both elements show a record: who vouches for it (contract B.4 `source.authority`) and its dates. */
import type { Lang } from './i18n.js';

const AUTHORITY: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'official-mirror': '官方备案系统',
    'third-party': '第三方查询服务',
    dataset: '站点维护的数据集',
    'self-declared': '网站自行声明',
  },
  'zh-TW': {
    'official-mirror': '官方備案系統',
    'third-party': '第三方查詢服務',
    dataset: '站點維護的資料集',
    'self-declared': '網站自行聲明',
  },
  en: {
    'official-mirror': 'official filing system',
    'third-party': 'third-party lookup',
    dataset: 'operator dataset',
    'self-declared': 'declared by the site',
  },
};

/** Our words for an authority; one this version does not know is shown as the service named it. */
export function authorityWord(authority: string, lang: Lang): string {
  const words = AUTHORITY[lang];
  return Object.hasOwn(words, authority) ? words[authority] : authority;
}

/** A record's date as the registries keep it: the day in China, written the visitor's way. */
export function recordDate(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai' });
}
