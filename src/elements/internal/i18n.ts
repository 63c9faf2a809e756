/** The words the elements show or announce, per language. Filing numbers themselves are never translated. */
import { langFromTag, type Lang } from '../../core/lang.js';

export type { Lang };

// A link's destination note, appended to its accessible name and title; `$` is the host it opens.
const NEW_TAB: Record<Lang, string> = {
  'zh-CN': '（$，在新标签页打开）',
  'zh-TW': '（$，在新分頁開啟）',
  en: ' ($, opens in a new tab)',
};

/** Says which site a link opens, and that it opens in a new tab. */
export function newTabNote(lang: Lang, host: string): string {
  return NEW_TAB[lang].replace('$', host);
}

/** The element's language: its own `lang`, else the nearest ancestor's, else the document's; zh-CN by default. */
export function langOf(el: Element): Lang {
  // closest() is missing under server rendering, where only the element's own lang counts.
  return langFromTag((el.closest?.('[lang]') ?? el).getAttribute('lang') ?? '');
}

const watching = new Set<{ requestUpdate(): void }>();
let observer: MutationObserver | undefined;

/**
 * Re-renders a connected element when any `lang` in the document changes (a page's language switcher sets it on
 * `<html>`): one observer for every element on the page.
 */
export function watchLang(el: { requestUpdate(): void }, connected: boolean): void {
  if (!connected) return void watching.delete(el);
  watching.add(el);
  if (observer) return;
  observer = new MutationObserver(() => watching.forEach((e) => e.requestUpdate()));
  observer.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
}
