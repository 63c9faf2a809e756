/**
 * The verifying half of `<beian-badge>`, loaded only when a lookup endpoint is configured: a @lit/task that asks
 * the lookup service about the badge's numbers, and the mark it adds after each one. The numbers and their links
 * are on screen before this loads and stay whatever it answers.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { VerifyAnswer, VerifyPart } from '../../contract/client.js';
import { unfileable } from '../../core/domains.js';
import { officialLink } from '../../core/links.js';
import type { Filing } from '../../core/parse.js';
import { authorityWord, recordDate } from '../internal/records.js';
import type { Lang } from '../internal/i18n.js';
import { BeianBadgeVerifiedEvent } from './events.js';

/** What the badge hands over: the lookup endpoint, the site's domain and the numbers it shows. */
export type VerifyInput = readonly [endpoint: string, domain: string, filings: readonly Filing[]];

/** What the task asks: primitives only, so an unchanged question never re-runs it (lit/lit#3142). */
type VerifyArgs = readonly [endpoint: string, domain: string, icp: string, psb: string];

/**
 * The question for the first valid ICP number and the first valid 公安 number; none for a host no site can be
 * filed under (`*.test`, `*.local`, an intranet name): asking would only tell the service the name.
 */
function question([endpoint, domain, filings]: VerifyInput): VerifyArgs {
  const find = (kind: string) => filings.find((f) => f.kind.startsWith(kind) && f.normalized);
  return [
    endpoint,
    domain && fileable(domain) ? domain : '',
    find('icp')?.normalized ?? '',
    find('psb')?.psbCode ?? '',
  ];
}

// The task asks for its question at every update: each bad domain is reported once.
const warned = new Set<string>();

function fileable(domain: string): boolean {
  let host = '';
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    // Not a URL's host: refused below.
  }
  // Browsers differ on what they let through (Chrome keeps a space, escaped): letters, digits, dots and hyphens.
  if (!/^[a-z\d.-]+$/.test(host)) {
    if (!warned.has(domain)) {
      warned.add(domain);
      console.warn(
        `<beian-badge>: domain="${domain}" is not a host name, so the numbers are not verified; give the site's host, as "www.example.cn".`,
      );
    }
    return false;
  }
  return !unfileable(host);
}

type Host = ReactiveControllerHost & HTMLElement;

type Words = Record<
  | 'verified'
  | 'declared'
  | 'mismatch'
  | 'not-found'
  | 'cancelled'
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
> &
  Record<string, string>;

const WORDS: Record<Lang, Words> = {
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
    'mismatch-fix': '查询到的备案记录属于其他网站或其他编号。网站负责人应核对并展示本网站的备案号。',
    'not-found-fix': '备案系统中没有这个编号。网站负责人应核对编号，必要时办理备案。',
    'cancelled-fix': '这个备案已被注销。网站负责人应重新办理备案，并更新页脚。',
    'unknown-fix': '查询服务暂时无法确认，请稍后再试，或到官方网站核对。',
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
    'mismatch-fix': '查詢到的備案記錄屬於其他網站或其他編號。網站負責人應核對並展示本網站的備案號。',
    'not-found-fix': '備案系統中沒有這個編號。網站負責人應核對編號，必要時辦理備案。',
    'cancelled-fix': '這個備案已被註銷。網站負責人應重新辦理備案，並更新頁尾。',
    'unknown-fix': '查詢服務暫時無法確認，請稍後再試，或到官方網站核對。',
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
    'mismatch-fix':
      'The record on file belongs to another site or number. The site owner should show this site’s own number.',
    'not-found-fix':
      'The filing system has no such number. The site owner should check the number, and file if needed.',
    'cancelled-fix': 'This filing was cancelled. The site owner should file again and update the footer.',
    'unknown-fix': 'The lookup service could not confirm this right now; try later or check on the official site.',
  },
};

// Adopted next to the badge's own styles when verification loads, so the first paint carries none of it.
const styles = css`
  .mark { position: relative; display: inline-block; }
  [part~='mark'] {
    font: inherit; font-size: 0.85em; line-height: 1; margin-inline-start: 0.25em; padding: 0.1em 0.2em;
    border: 0; border-radius: 0.25em; background: none; color: inherit; cursor: pointer;
  }
  [part~='mark-verified'] { color: var(--beian-badge-verified-color, #1a7f37); }
  [part~='mark-problem'] { color: var(--beian-badge-problem-color, #bc4c00); }
  [part~='mark-neutral'] { opacity: 0.55; }
  [part~='mark']:focus-visible { outline: 2px solid; outline-offset: 1px; }
  [part~='details'] {
    position: absolute; z-index: 10; bottom: calc(100% + 0.4em); left: 50%; transform: translateX(calc(-50% + var(--_shift, 0px)));
    width: max-content; max-width: min(20rem, 90vw); padding: 0.5em 0.75em; border-radius: 0.375em;
    background: var(--beian-badge-details-background, Canvas); color: var(--beian-badge-details-color, CanvasText);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent); box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    white-space: normal; text-align: start; font-size: 0.9em; line-height: 1.5;
  }
  /* Bridges the gap above the mark, so the pointer can reach the details without leaving them. */
  [part~='details']::after { content: ''; position: absolute; inset: 100% 0 -0.5em; }
  [part~='details'][hidden] { display: none; }
  [part~='details'] dl { margin: 0.25em 0; display: grid; grid-template-columns: auto 1fr; gap: 0 0.75em; }
  [part~='details'] dd { margin: 0; }
  [part~='details'] p { margin: 0.25em 0; }
`;

// The lookup client is a chunk of its own: fetched as soon as this one runs, while the badge sets up its task.
void import('../../client/index.js');

let ids = 0;

/** Runs the lookup for one badge and renders its marks. */
export class Verifier {
  /** The answer, with the numbers it is about (so a mark never lands on numbers that were not checked). */
  readonly task: Task<VerifyArgs, { icp: string; psb: string; answer: VerifyAnswer }>;
  readonly #host: Host;
  // Details show while the mark or they are hovered, or hold focus, and stay when the mark was clicked or tapped
  // (touch screens send a mouseenter before the click, so a click must not simply toggle what hovering opened).
  // Hover and focus are kept apart: the pointer leaving must not hide details that keyboard focus is inside.
  readonly #hovered = new Set<string>();
  readonly #focused = new Set<string>();
  readonly #pinned = new Set<string>();
  /** Per pinned mark: closes it on a press anywhere else (Safari never focuses a tapped button, so no focusout). */
  readonly #outside = new Map<string, (e: Event) => void>();
  readonly #id = `beian-details-${++ids}`;

  constructor(host: Host, input: () => VerifyInput) {
    this.#host = host;
    const root = host.shadowRoot;
    const sheet = styles.styleSheet;
    // Where constructable stylesheets are missing, Lit's own styles fall back to <style>; the marks stay unstyled.
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.task = new Task(host, {
      args: () => question(input()),
      // The signal is forwarded: a superseded check stops waiting, and only the latest one completes.
      task: async ([endpoint, domain, icp, psb], { signal }) => {
        if (!endpoint || !domain || !(icp || psb)) return initialState;
        // Its own chunk (client + contract schemas), fetched in parallel with this one by the badge.
        const { clientFor } = await import('../../client/index.js');
        return {
          icp,
          psb,
          answer: await clientFor(endpoint).verify(
            { domain, icp: icp || undefined, psb: psb || undefined },
            { signal },
          ),
        };
      },
      onComplete: ({ answer }) => host.dispatchEvent(new BeianBadgeVerifiedEvent(answer)),
    });
    host.addController(this);
    host.requestUpdate();
  }

  /** The mark after an ICP or 公安 number, once the service has answered; nothing before. */
  mark(filing: Filing, lang: Lang): TemplateResult | typeof nothing {
    const value = this.task.value;
    const key = filing.kind === 'psb' ? 'psb' : filing.kind.startsWith('icp') ? 'icp' : '';
    // While a newer check runs, or for a number it did not ask about, there is no mark.
    if (this.task.status !== TaskStatus.COMPLETE || !value || filing.normalized === null) return nothing;
    if ((key === 'icp' && value.icp !== filing.normalized) || (key === 'psb' && value.psb !== filing.psbCode))
      return nothing;
    const answer = value.answer;
    // A failed lookup (timeout, network, malformed answer) has no parts: it is unknown for every number.
    const failed =
      answer.status === 'unknown'
        ? { status: 'unknown', reason: answer.reason, record: null, source: null, checkedAt: '' }
        : null;
    const part: VerifyPart | null | undefined =
      key === 'psb' ? (answer.psb ?? failed) : key === 'icp' ? (answer.icp ?? failed) : undefined;
    if (!part) return nothing;
    const w = WORDS[lang];
    const status = part.status;
    const declared = status === 'valid' && part.source?.authority === 'self-declared';
    const kind =
      status === 'valid'
        ? declared
          ? 'neutral'
          : 'verified'
        : status === 'mismatch' || status === 'not-found' || status === 'cancelled'
          ? 'problem'
          : 'neutral';
    const title = declared ? w.declared : status === 'valid' ? w.verified : kind === 'problem' ? w[status] : w.unknown;
    const open = this.#hovered.has(key) || this.#focused.has(key) || this.#pinned.has(key);
    const id = `${this.#id}-${key}`;
    const within = (e: FocusEvent) => (e.currentTarget as Element).contains(e.relatedTarget as Node | null);
    // The details take focus on a click inside them (tabindex -1), so selecting their text keeps them open. A click
    // pins them; a second closes them, as does Enter or Space on a mark whose details focus already opened
    // (a keyboard click has detail 0), so the button toggles what it says it does.
    return html`<span class="mark" @mouseenter=${() => this.#set(this.#hovered, key, true)} @mouseleave=${() => this.#set(this.#hovered, key, false)}
      @focusin=${() => this.#set(this.#focused, key, true)} @focusout=${(e: FocusEvent) => within(e) || this.#close(key)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape' || !open) return;
        // Handled here: a surrounding dialog (native or scripted) stays open.
        e.preventDefault();
        e.stopPropagation();
        (e.currentTarget as Element).querySelector('button')!.focus();
        this.#close(key);
      }}><button type="button" part="mark mark-${kind}" aria-expanded=${open} aria-controls=${id} aria-label=${title + w.details}
      @click=${(e: MouseEvent) => (this.#pinned.has(key) || (open && e.detail === 0) ? this.#close(key) : this.#pin(key, id))}
      >${kind === 'verified' ? '✓' : kind === 'problem' ? '⚠' : 'ⓘ'}</button><span part="details" id=${id} tabindex="-1" ?hidden=${!open}>${this.#details(
        filing,
        part,
        status,
        title,
        w,
        lang,
      )}</span></span>`;
  }

  /** A new check, or the badge leaving the page: no details stay open, no listener stays behind. */
  hostUpdate(): void {
    if (this.task.status !== TaskStatus.COMPLETE) this.hostDisconnected();
  }

  hostDisconnected(): void {
    for (const key of ['icp', 'psb']) this.#close(key);
  }

  /** Keeps open details inside the viewport: they are centred on their mark, which may sit near an edge. */
  hostUpdated(): void {
    for (const details of this.#host.shadowRoot?.querySelectorAll<HTMLElement>('[part~="details"]:not([hidden])') ??
      []) {
      details.style.removeProperty('--_shift');
      const { left, right } = details.getBoundingClientRect();
      const edge = document.documentElement.clientWidth - 8;
      const shift = left < 8 ? 8 - left : right > edge ? edge - right : 0;
      // Set through the CSSOM, which a strict style-src allows (a style attribute in markup it would not).
      if (shift) details.style.setProperty('--_shift', `${shift}px`);
    }
  }

  #set(which: Set<string>, key: string, on: boolean): void {
    if (on === which.has(key)) return;
    if (on) which.add(key);
    else which.delete(key);
    this.#host.requestUpdate();
  }

  #pin(key: string, id: string): void {
    this.#set(this.#pinned, key, true);
    // The mark is looked up when the press comes: a re-render may have replaced it since.
    const outside = (e: Event) => {
      const mark = this.#host.shadowRoot!.getElementById(id)?.parentElement;
      if (!mark || !e.composedPath().includes(mark)) this.#close(key);
    };
    this.#outside.set(key, outside);
    document.addEventListener('pointerdown', outside, true);
  }

  /** Hides the details whatever showed them. */
  #close(key: string): void {
    for (const which of [this.#hovered, this.#focused, this.#pinned]) this.#set(which, key, false);
    const outside = this.#outside.get(key);
    if (!outside) return;
    document.removeEventListener('pointerdown', outside, true);
    this.#outside.delete(key);
  }

  #details(filing: Filing, part: VerifyPart, status: string, title: string, w: Words, lang: Lang): TemplateResult {
    const r = part.record;
    const psb = r && 'department' in r ? r : null;
    const icp = r && 'natureName' in r ? r : null;
    const date = (iso: string | null | undefined) => (iso ? recordDate(iso, lang) : null);
    const rows: [string, string | null | undefined][] =
      status === 'valid' && r
        ? [
            [w.unit, r.unitName],
            [w.nature, icp?.natureName ?? psb?.unitType],
            [w.site, icp?.siteName ?? psb?.websiteName],
            [psb ? w.filed : w.approved, date(icp?.approvedAt ?? psb?.filedAt)],
            [w.department, psb?.department],
            [w.source, part.source && authorityWord(part.source.authority, lang)],
            [w.checked, part.checkedAt && new Date(part.checkedAt).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })],
          ]
        : [];
    const fix = status === 'valid' ? null : (w[`${status}-fix`] ?? w['unknown-fix']);
    // The link is built from the validated number, never taken from the answer.
    return html`<strong>${title}</strong>${
      rows.some(([, v]) => v)
        ? html`<dl>${rows.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`
        : nothing
    }${fix ? html`<p>${fix}</p>` : nothing}<a href=${officialLink(filing)!}
      target="_blank" rel="noopener noreferrer">${w.check}</a>`;
  }
}
