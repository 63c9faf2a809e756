import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LookupClient } from '../../client/index.js';
import type { Capabilities } from '../../contract/record-answers.js';
import type { IcpRecord, PsbRecord } from '../../contract/records.js';
import { ICP_TYPES, MAX_RECORDS, type IcpType, type Kind } from '../../contract/values.js';
import { lookupEndpoint } from '../internal/endpoint.js';
import { langOf, watchLang, type Lang } from '../internal/i18n.js';
import { lazy } from '../internal/lazy.js';
import { authorityWord, recordDate } from '../internal/records.js';
import { setState } from '../internal/states.js';
import { BeianQueryResultEvent } from './events.js';
import { styles } from './beian-query.styles.js';
import type { Found, SearchResult } from './search.js';
import { WORDS, type Words } from './words.js';

/** What a search asks: primitives only (endpoint, text, mode, type, language). */
type Search = readonly [endpoint: string, value: string, mode: Kind, type: IcpType];

// The search code (parser, messages, lookup client and schemas) is fetched on first focus, before it is needed.
const searchCode = lazy(() => import('./search.js'));

let ids = 0;

/**
 * A public lookup form, like the official query sites but embeddable anywhere: a visitor types a domain, an ICP
 * number, a 公安 number or a company name and sees the records the lookup service returns.
 *
 * @summary Public query form for Chinese filing records (ICP 备案 and 公安备案).
 * @tag beian-query
 *
 * @csspart base - The whole form and its results.
 * @csspart form - The form.
 * @csspart mode - The choice between ICP and 公安 records.
 * @csspart input - The search box.
 * @csspart type - The ICP record type (网站 / App / 小程序 / 快应用).
 * @csspart submit - The search button.
 * @csspart error - The message under the box when what was typed cannot be searched.
 * @csspart results - The region where results appear (aria-live).
 * @csspart status - The progress message while searching.
 * @csspart table - The results table (cards on narrow screens).
 * @csspart message - A not-found, unavailable or error message.
 * @csspart link - A link to an official query site.
 *
 * @cssproperty [--beian-query-accent=#1d4f91] - Button and focus colour.
 * @cssproperty [--beian-query-border=color-mix(in srgb, currentColor 25%, transparent)] - Border colour.
 * @cssproperty [--beian-query-radius=0.375em] - Corner radius.
 * @cssproperty [--beian-query-gap=0.5em] - Space between the form's parts.
 *
 * @cssstate loading - A search is in flight.
 *
 * @fires {BeianQueryResultEvent} beian-query-result - A search finished (bubbles, composed): the query and the answer.
 */
export class BeianQuery extends LitElement {
  static override styles = styles;

  static override properties = {
    lookup: {},
    mode: { reflect: true },
    type: {},
    value: {},
    urlState: { type: Boolean, attribute: 'url-state' },
    client: { attribute: false },
  };

  /** The lookup service (`https://…/v1`); default: the page's `<meta name="beian-lookup" content="…">`. */
  declare lookup: string | undefined;
  /** Which records a domain is searched in: `icp` (MIIT) or `psb` (公安). Numbers choose for themselves. */
  declare mode: Kind;
  /** The ICP record type: `web`, `app`, `miniapp` or `quickapp`. */
  declare type: IcpType;
  /** The search text. */
  declare value: string;
  /** Keep the search in the page URL (`?q=…&type=…`), so a result can be shared, and run it on load. */
  declare urlState: boolean;
  /**
   * The transport to the lookup service (property only): default, the page's shared client for the endpoint.
   * Pass your own `LookupClient` (with its own `fetch`) to route searches elsewhere.
   */
  declare client: LookupClient | undefined;

  readonly #internals = this.attachInternals();
  readonly #id = `beian-query-${++ids}`;
  /** The last submit could not search: no endpoint is configured. */
  #noEndpoint = false;
  /** Typed since the last search: its problem no longer applies. */
  #edited = false;
  /** The text of the latest search, for `url-state` (the box may have changed since). */
  #searched = '';
  /** What the service can search (its `/v1/meta`), once known: the form hides the rest. */
  #caps: Capabilities | null = null;

  readonly #search = new Task<Search, SearchResult>(this, {
    autoRun: false,
    // Submitting again aborts the running search: its signal stops the wait, and only the latest run completes.
    task: async ([endpoint, value, mode, type], { signal }) =>
      (await searchCode()).search({ client: this.client, endpoint, value, mode, type }, signal),
    onComplete: (result) => {
      if (result.problem) return;
      if (this.urlState) {
        const url = new URL(location.href);
        url.searchParams.set('q', this.#searched.trim());
        url.searchParams.set('type', result.kind === 'psb' ? 'psb' : result.type);
        history.replaceState(history.state, '', url);
      }
      this.dispatchEvent(
        new BeianQueryResultEvent({ kind: result.kind, by: result.by, value: result.value }, result.answer),
      );
    },
  });

  constructor() {
    super();
    this.mode = 'icp';
    this.type = 'web';
    this.value = '';
    this.urlState = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchLang(this, true);
    if (!this.urlState) return;
    const params = new URLSearchParams(location.search);
    const q = params.get('q');
    if (!q) return;
    const type = params.get('type') ?? '';
    // A link without a type leaves the page's own mode.
    if (type) this.mode = type === 'psb' ? 'psb' : 'icp';
    if ((ICP_TYPES as readonly string[]).includes(type)) this.type = type as this['type'];
    this.value = q;
    void this.updateComplete.then(() => this.submit());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    watchLang(this, false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    setState(this.#internals, 'loading', this.#search.status === TaskStatus.PENDING);
  }

  #endpoint(): string {
    return this.client?.endpoint ?? lookupEndpoint(this.lookup);
  }

  /** On first focus: the search code, then what the service can search, both before they are needed. */
  async #prepare(): Promise<void> {
    const endpoint = this.#endpoint();
    const caps = endpoint ? await (await searchCode()).capabilities({ client: this.client, endpoint }) : null;
    if (!caps || caps === this.#caps) return;
    this.#caps = caps;
    if (!caps.psb) this.mode = 'icp';
    if (!caps.types.includes(this.type)) this.type = ICP_TYPES.find((t) => caps.types.includes(t)) ?? 'web';
    this.requestUpdate();
  }

  /** Runs the search for the current value, as the button does. */
  submit(): void {
    const endpoint = this.#endpoint();
    this.#edited = false;
    this.#noEndpoint = !endpoint;
    this.requestUpdate();
    if (!endpoint) return;
    this.#searched = this.value;
    void this.#search.run([endpoint, this.value, this.mode, this.type]);
  }

  // The preload stays quiet: a search code that fails to load is said to be "unavailable" at submit.
  readonly #handleFocusIn = () => void this.#prepare().catch(() => {});

  readonly #handleSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    this.submit();
  };

  /** What the visitor types is the new value; the problems of the last submit no longer apply. */
  readonly #handleInput = (e: Event) => {
    this.value = (e.target as HTMLInputElement).value;
    this.#noEndpoint = false;
    this.#edited = true;
    this.requestUpdate();
  };

  // The select offers ICP types alone.
  readonly #handleTypeChange = (e: Event) => (this.type = (e.target as HTMLSelectElement).value as IcpType);

  protected override render(): TemplateResult {
    const lang = langOf(this);
    const w = WORDS[lang];
    const id = this.#id;
    const loading = this.#search.status === TaskStatus.PENDING;
    const result = this.#search.status === TaskStatus.COMPLETE ? this.#search.value : undefined;
    // What was typed cannot be searched: said under the box, before any request. The error and status paragraphs
    // are live regions, always present (empty when quiet) so that screen readers announce what appears in them.
    const error =
      (this.#noEndpoint && w.noEndpoint) ||
      (!this.#edited &&
        result?.problem &&
        (result.problem === 'diagnostic' ? result.message(lang === 'en' ? 'en' : 'zh') : w[result.problem]));
    // What the service can search, once its /v1/meta is in; until then, everything.
    const modes = this.#caps?.psb === false ? (['icp'] as const) : (['icp', 'psb'] as const);
    const types = ICP_TYPES.filter((t) => !this.#caps || this.#caps.types.includes(t));
    return html`<div part="base">
      <form part="form" role="search" novalidate @focusin=${this.#handleFocusIn} @submit=${this.#handleSubmit}>
        <fieldset part="mode"><legend>${w.records}</legend>
          ${modes.map(
            (m) => html`<label><input type="radio" name="mode" value=${m} .checked=${this.mode === m}
            @change=${() => (this.mode = m)}>${w[m]}</label>`,
          )}
        </fieldset>
        ${
          this.mode === 'icp'
            ? html`<label class="type">${w.type}<select part="type" @change=${this.#handleTypeChange}>
          ${types.map((t) => html`<option value=${t} ?selected=${this.type === t}>${w[t]}</option>`)}</select></label>`
            : nothing
        }
        <label class="query" for="${id}-q">${this.mode === 'icp' ? w.icpLabel : w.psbLabel}</label>
        <div class="row">
          <input id="${id}-q" part="input" type="search" autocomplete="off" spellcheck="false" .value=${this.value}
            placeholder=${this.mode === 'icp' ? w.icpPlaceholder : w.psbPlaceholder}
            aria-invalid=${error ? 'true' : 'false'} aria-describedby="${id}-error"
            @input=${this.#handleInput}>
          <button part="submit" type="submit">${w.search}</button>
        </div>
        <p id="${id}-error" part="error" role="alert">${error || nothing}</p>
      </form>
      <p part="status" role="status">${loading ? html`<span class="spinner" aria-hidden="true"></span>${w.searching}` : nothing}</p>
      <div part="results" aria-live="polite" aria-busy=${loading ? 'true' : 'false'}>${
        this.#search.status === TaskStatus.ERROR
          ? html`<p part="message" class="unknown">${w.unavailable}</p>`
          : result && !result.problem
            ? results(result, w, lang)
            : nothing
      }</div>
    </div>`;
  }
}

/** A search's records, or the message why there are none, with the link to the official site. */
function results(result: Found & { official: string }, w: Words, lang: Lang): TemplateResult {
  const answer = result.answer;
  const link = html`<a part="link" href=${result.official} target="_blank" rel="noopener noreferrer">${w.official}</a>`;
  const table = answer.status === 'valid' && resultTable(result, w, lang);
  if (table) {
    // Who vouches for the records: an operator's dataset or a site's own declaration is not the registry.
    const source =
      answer.source && html`<span class="source">${w.source}${authorityWord(answer.source.authority, lang)}</span> `;
    return html`${table}<p part="message">${source}${link}</p>`;
  }
  return html`<p part="message" class=${answer.status}>${message(answer, w, lang)} ${link}</p>`;
}

function message(answer: Found['answer'], w: Words, lang: Lang): string {
  if (answer.status === 'error' && answer.error) return lang === 'en' ? answer.error.message : answer.error.messageZh;
  if (answer.status === 'not-found') return w.notFound;
  if (answer.status === 'cancelled') return w.cancelled;
  // The service looked and has no such record, but cannot say it is not filed (a dataset is not the registry):
  // retrying will not help, so it is no "try again later".
  return answer.reason === 'unconfirmed-empty' ? w.unlisted : w.unavailable;
}

/** An answer's records: however many a server sends, no more than the contract allows (thousands freeze a page). */
function rowsOf<R>(answer: { records: R[] | null; record: R | null }): R[] {
  return (answer.records ?? (answer.record ? [answer.record] : [])).slice(0, MAX_RECORDS);
}

/** A column of the results table: its heading, and a record's cell (null: a dash). */
type Column<R> = readonly [label: string, cell: (record: R) => string | null];

/** A record's date as the registries keep it, or a dash. */
const dateOf = (iso: string | null, lang: Lang) => (iso ? recordDate(iso, lang) : '—');

function icpColumns(w: Words, lang: Lang): Column<IcpRecord>[] {
  return [
    [w.unitName, (r) => r.unitName],
    [w.natureName, (r) => r.natureName],
    [w.serviceLicence, (r) => r.serviceLicence ?? r.mainLicence],
    [w.siteName, (r) => r.siteName],
    [w.homeUrl, (r) => r.domain],
    [w.approvedAt, (r) => dateOf(r.approvedAt, lang)],
    [w.limitAccess, (r) => (r.limitAccess === null ? null : r.limitAccess ? w.yes : w.no)],
  ];
}

function psbColumns(w: Words, lang: Lang): Column<PsbRecord>[] {
  return [
    [w.websiteName, (r) => r.websiteName],
    [w.mainDomain, (r) => r.mainDomain],
    [w.unitName2, (r) => r.unitName],
    [w.unitType, (r) => r.unitType],
    [w.websiteType, (r) => r.websiteType],
    [w.code, (r) => r.display],
    [w.department, (r) => r.department],
    [w.filedAt, (r) => dateOf(r.filedAt, lang)],
  ];
}

/** The table of a search's records (cards on narrow screens), by the records searched; none without records. */
function resultTable(result: Found, w: Words, lang: Lang): TemplateResult | null {
  return result.kind === 'icp'
    ? recordTable(icpColumns(w, lang), rowsOf(result.answer), w)
    : recordTable(psbColumns(w, lang), rowsOf(result.answer), w);
}

function recordTable<R>(columns: readonly Column<R>[], rows: readonly R[], w: Words): TemplateResult | null {
  if (!rows.length) return null;
  return html`<table part="table"><caption>${w.count.replace('$', String(rows.length))}</caption>
      <thead><tr>${columns.map(([label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
      <tbody>${rows.map(
        (r) => html`<tr>${columns.map(([label, cell]) => html`<td data-label=${label}>${cell(r) ?? '—'}</td>`)}</tr>`,
      )}</tbody></table>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'beian-query': BeianQuery;
  }
}
