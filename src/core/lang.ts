/** The languages the elements and the footer's HTML speak. Filing numbers themselves are never translated. */
export type Lang = 'zh-CN' | 'zh-TW' | 'en';

/** The language of a BCP 47 tag (`lang` attribute): English, traditional Chinese, else simplified Chinese. */
export function langFromTag(tag: string): Lang {
  const lang = tag.toLowerCase();
  if (lang.startsWith('en')) return 'en';
  return /^zh-(tw|hk|mo|hant)/.test(lang) ? 'zh-TW' : 'zh-CN';
}
