/** The mark after a checked number and the details it shows, drawn from the service's answer about that number. */
import { html, nothing, type TemplateResult } from 'lit';
import type { VerifyPart } from '../../../contract/client.js';
import { officialLink } from '../../../core/links.js';
import type { Filing } from '../../../core/parse.js';
import type { Lang } from '../../internal/i18n.js';
import { authorityWord, recordDate } from '../../internal/records.js';
import type { DetailsPopover, MarkKey } from './details-popover.js';
import { PROBLEMS, WORDS, type Problem, type Words } from './words.js';

/** How a mark looks: its `mark-…` part and its symbol. */
type Look = 'verified' | 'problem' | 'neutral';
const SYMBOLS: Record<Look, string> = { verified: '✓', problem: '⚠', neutral: 'ⓘ' };

const isProblem = (status: string): status is Problem => (PROBLEMS as readonly string[]).includes(status);

/** A mark with its details, which `popover` shows and hides. */
export function renderMark(
  filing: Filing,
  part: VerifyPart,
  key: MarkKey,
  popover: DetailsPopover,
  lang: Lang,
): TemplateResult {
  const w = WORDS[lang];
  const [look, title] = verdict(part, w);
  const open = popover.isOpen(key);
  const id = popover.id(key);
  const on = popover.listeners[key];
  // The details take focus on a click inside them (tabindex -1), so selecting their text keeps them open.
  return html`<span class="mark" @mouseenter=${on.mouseenter} @mouseleave=${on.mouseleave} @focusin=${on.focusin}
      @focusout=${on.focusout} @keydown=${on.keydown}><button type="button" part="mark mark-${look}" aria-expanded=${open}
      aria-controls=${id} aria-label=${title + w.details} @click=${on.click}>${SYMBOLS[look]}</button><span part="details"
      id=${id} tabindex="-1" ?hidden=${!open}>${details(filing, part, title, w, lang)}</span></span>`;
}

/** What a mark says: a ✓ for a verified record, a ⚠ for a problem, else neutral (a site's own word is no proof). */
function verdict(part: VerifyPart, w: Words): [look: Look, title: string] {
  const status = part.status;
  if (status === 'valid')
    return part.source?.authority === 'self-declared' ? ['neutral', w.declared] : ['verified', w.verified];
  return isProblem(status) ? ['problem', w[status]] : ['neutral', w.unknown];
}

function details(filing: Filing, part: VerifyPart, title: string, w: Words, lang: Lang): TemplateResult {
  const valid = part.status === 'valid';
  const rows = valid ? recordRows(part, w, lang) : [];
  const fix = valid ? null : w.fix[isProblem(part.status) ? part.status : 'unknown'];
  // The link is built from the validated number, never taken from the answer.
  return html`<strong>${title}</strong>${
    rows.length ? html`<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : nothing
  }${fix ? html`<p>${fix}</p>` : nothing}<a href=${officialLink(filing)!}
      target="_blank" rel="noopener noreferrer">${w.check}</a>`;
}

/** The rows of a record the service found, those it has a value for. */
function recordRows(part: VerifyPart, w: Words, lang: Lang): [label: string, value: string][] {
  const r = part.record;
  if (!r) return [];
  const psb = 'department' in r ? r : null;
  const icp = 'natureName' in r ? r : null;
  const date = (iso: string | null | undefined) => (iso ? recordDate(iso, lang) : null);
  const rows: [string, string | null | undefined][] = [
    [w.unit, r.unitName],
    [w.nature, icp?.natureName ?? psb?.unitType],
    [w.site, icp?.siteName ?? psb?.websiteName],
    [psb ? w.filed : w.approved, date(icp?.approvedAt ?? psb?.filedAt)],
    [w.department, psb?.department],
    [w.source, part.source && authorityWord(part.source.authority, lang)],
    [w.checked, part.checkedAt && new Date(part.checkedAt).toLocaleString(lang, { timeZone: 'Asia/Shanghai' })],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}
