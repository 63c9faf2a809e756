import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatFiling } from '../../core/format.js';
import { badgeNumbers, type HostMap } from '../../core/badge-numbers.js';
import { isHotlinkedIcon, officialLink, REPORT_12377_URL } from '../../core/links.js';
import type { Filing, ParseOptions } from '../../core/parse.js';
import { quickParse } from '../../core/quick.js';
import { lookupEndpoint } from '../internal/endpoint.js';
import { langOf, strings, watchLang, type Lang, type Strings } from '../internal/i18n.js';
import { policeIcon } from '../internal/police-icon.js';
import { setState } from '../internal/states.js';
import { styles } from './beian-badge.styles.js';

export type { BadgeNumbers, HostMap } from '../../core/badge-numbers.js';

type Diagnosis = typeof import('./diagnosis.js');
type Verification = typeof import('./verification.js');
let loadingVerification: Promise<Verification> | undefined;
let diagnosis: Diagnosis | undefined;
let loadingDiagnosis: Promise<Diagnosis> | undefined;

/**
 * The compliant filing footer: the ICP number linked to the MIIT system, the 公安 number with the police icon
 * deep-linked to its record, and the other filings a site may need. Renders synchronously from its attributes
 * (or from the plain links it wraps), with no network, and never hides a number it was given.
 *
 * @summary Chinese website filing footer (ICP 备案 and 公安备案).
 * @tag beian-badge
 *
 * @slot - Fallback content: the plain links a theme already prints. Without attributes the badge reads its
 *   numbers from it; without JavaScript it is what visitors see.
 *
 * @csspart base - The footer line (a flex container).
 * @csspart item - One filing; also `icp`, `psb`, `telecom`, `algorithm` or `report`, and `invalid`.
 * @csspart link - A link to an official site.
 * @csspart icon - The police icon.
 * @csspart separator - The separator before an item, in the gap (hidden in the stacked layout and where a line begins).
 *
 * @cssproperty [--beian-badge-color=inherit] - Text colour.
 * @cssproperty [--beian-badge-link-color=inherit] - Link colour.
 * @cssproperty [--beian-badge-link-decoration=none] - Link underline when not hovered.
 * @cssproperty [--beian-badge-font-size=inherit] - Font size.
 * @cssproperty [--beian-badge-gap=0.75em] - Space between items on a line; the separator stands in its middle.
 * @cssproperty [--beian-badge-icon-size=1.2em] - Police icon size (14–20 px at common font sizes).
 * @cssproperty [--beian-badge-separator-color=currentColor] - Separator colour.
 *
 * @cssstate invalid - At least one number does not validate (also the `invalid` attribute).
 * @cssstate unlisted - A `hosts` map is set and does not list this host: nothing is shown.
 *
 * @csspart mark - The verification mark after a number (with a lookup endpoint); also `mark-verified`, `mark-problem`, `mark-neutral`.
 * @csspart details - The record shown from a mark.
 * @cssproperty [--beian-badge-verified-color=#1a7f37] - Colour of the ✓ mark.
 * @cssproperty [--beian-badge-problem-color=#bc4c00] - Colour of the ⚠ mark.
 * @cssproperty [--beian-badge-details-background=Canvas] - Background of the details.
 * @cssproperty [--beian-badge-details-color=CanvasText] - Text colour of the details.
 *
 * @fires {BeianBadgeInvalidEvent} beian-badge-invalid - Numbers do not validate; carries them with their diagnostics.
 * @fires {BeianBadgeVerifiedEvent} beian-badge-verified - The lookup service answered; carries the answer.
 */
export class BeianBadge extends LitElement {
  static override styles = styles;

  static override properties = {
    icp: {},
    psb: {},
    telecom: {},
    algorithm: {},
    filings: { attribute: false },
    report: { type: Boolean },
    app: { type: Boolean },
    layout: { reflect: true },
    align: { reflect: true },
    separator: {},
    iconSrc: { attribute: 'icon-src' },
    domain: {},
    lookup: {},
    // A JSON attribute stays a string: the diagnosis chunk reads it, and reports it when it is not a map.
    hosts: {},
    invalid: { type: Boolean, reflect: true },
  };

  /** ICP filing or licence number, e.g. `京ICP备2021012345号-1` or `京ICP证030173号`. */
  declare icp: string | undefined;
  /** 公安 (public-security) number, e.g. `京公网安备11010502030143号`. */
  declare psb: string | undefined;
  /** Value-added telecom licence, e.g. `浙B2-20080101`. */
  declare telecom: string | undefined;
  /** Algorithm filing, e.g. `网信算备310115124334401240013号`. */
  declare algorithm: string | undefined;
  /** Further numbers of any kind, shown after the attributes' ones (property only). */
  declare filings: readonly string[] | undefined;
  /** Show the 12377 illegal-content report link. */
  declare report: boolean;
  /** The numbers belong to an app or mini-program: the 公安 link opens the MPS app search. */
  declare app: boolean;
  /** `inline` (one centred line that wraps) or `stacked` (one item per line). */
  declare layout: 'inline' | 'stacked';
  /** `center`, `start` or `end`. */
  declare align: 'center' | 'start' | 'end';
  /** Text between items in the inline layout. */
  declare separator: string;
  /** URL of the official police icon the site downloaded and hosts itself; default: our own drawing. */
  declare iconSrc: string | undefined;
  /** The site's domain, for the `hosts` map and for spotting copied famous numbers; default `location.hostname`. */
  declare domain: string | undefined;
  /**
   * The lookup service (`https://…/v1`) that verifies the numbers; default: the page's
   * `<meta name="beian-lookup" content="…">`. Without one the badge never verifies, nor downloads the code for it.
   */
  declare lookup: string | undefined;
  /** Which numbers each host shows, as an object or a JSON attribute; unlisted hosts show nothing (use `*` for a default). */
  declare hosts: HostMap | string | undefined;
  /** Reflects whether any number does not validate (read-only). */
  declare invalid: boolean;

  readonly #internals = this.attachInternals();
  #observer?: MutationObserver;
  #filings: Filing[] = [];
  #pending = false;
  #loading?: Promise<void>;
  #unlisted = false;
  #given = '';
  #verifier?: InstanceType<Verification['Verifier']>;
  #verify: import('./verification.js').VerifyInput = ['', '', []];
  #lines?: ResizeObserver;

  constructor() {
    super();
    this.report = false;
    this.app = false;
    this.layout = 'inline';
    this.align = 'center';
    this.separator = '|';
    this.invalid = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The wrapped fallback links are read for numbers when no attribute gives them; edits to them re-render.
    this.#observer = new MutationObserver(() => this.requestUpdate());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    // Where the footer's lines break changes with its width, or its items' (a web font arriving): separators are
    // tidied again on each resize of either.
    this.#lines = new ResizeObserver(() => this.#tidySeparators());
    this.#lines.observe(this);
    watchLang(this, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#lines?.disconnect();
    watchLang(this, false);
  }

  protected override willUpdate(): void {
    // Under server rendering there is no location, document or light DOM to read (Lit SSR runs willUpdate).
    const host = (this.domain ?? globalThis.location?.hostname ?? '').toLowerCase();
    // Famous numbers copied into templates are only errors where the host is a real site, not localhost or an IP:
    // a dotted name whose last label ends in a letter, as every top-level domain does (punycode ones included).
    const options: ParseOptions = /\.[a-z\d-]*[a-z]$/.test(host) ? { host } : {};
    const map = this.hosts;
    const full = diagnosis;
    // A hosts map is read by the lazily loaded chunk (few sites have one): until it is here, nothing is decided.
    const waiting = map != null && !full;
    const listed = map == null ? this : full?.hostEntry(map, host, this);
    this.#unlisted = !waiting && !listed;
    const given = listed ? badgeNumbers(listed) : [];
    const filings = given.length || !listed
      ? given.map((n) => quickParse(n, options) ?? full?.parseFiling(n, options))
      : full?.findFilings(this.textContent ?? '', options).map((f) => f.filing);
    // Until the full parser is here the fallback content stays, so nothing is drawn twice.
    this.#pending = waiting || !filings || filings.includes(undefined);
    this.#given = given.join(' ');
    this.#filings = this.#pending ? [] : (filings as Filing[]);
    this.invalid = this.#filings.some((f) => f.normalized === null);
    // Verification: an endpoint and a fileable host (or a `domain` given for previews); the verifier asks only
    // about valid numbers, and nothing when there is none.
    const endpoint = lookupEndpoint(this.lookup);
    this.#verify = [endpoint, this.domain ?? options.host ?? '', this.#filings];
    if (endpoint && this.#verify[1] && !this.#verifier) {
      loadingVerification ??= import('./verification.js');
      // A chunk that fails to load leaves no mark, as an unknown answer does (contract D): nothing to report.
      loadingVerification.then((m) => (this.#verifier ??= new m.Verifier(this, () => this.#verify)), () => {});
    }
    const needed = this.#pending || (!!this.iconSrc && !this.#siteIcon()) || (listed && !this.#filings.length);
    if (needed && !full) {
      loadingDiagnosis ??= import('./diagnosis.js').then((m) => (diagnosis = m));
      // If it fails to load, the numbers stay as given (the slot's fallback text below) and nothing waits for it.
      this.#loading = loadingDiagnosis.then(() => this.requestUpdate(), () => (this.#loading = undefined));
    }
  }

  /** Resolves once the badge shows its numbers, including any that needed the full parser. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#pending && this.#loading) {
      await this.#loading;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    setState(this.#internals, 'invalid', this.invalid);
    setState(this.#internals, 'unlisted', this.#unlisted);
    diagnosis?.review(this, this.#filings, !this.#unlisted && !this.#pending && !this.#filings.length);
    for (const item of this.renderRoot.querySelectorAll('[part~=item]')) this.#lines!.observe(item);
    this.#tidySeparators();
  }

  /**
   * Makes the separator of each item that begins a line (it starts below the item before) invisible, so none
   * dangles. Invisible, not hidden: it keeps its box, so this never moves a line break (nor loops on a resize).
   * The pixel of slack absorbs offsets rounded one by one.
   */
  #tidySeparators(): void {
    for (const separator of this.renderRoot.querySelectorAll<HTMLElement>('[part=separator]')) {
      const item = separator.parentElement!;
      const before = item.previousElementSibling as HTMLElement;
      separator.style.visibility = item.offsetTop + 1 >= before.offsetTop + before.offsetHeight ? 'hidden' : '';
    }
  }

  /** The site's own icon, unless icon-src hotlinks the platform's build asset (refused, L12). */
  #siteIcon(): string | undefined {
    return this.iconSrc && !isHotlinkedIcon(this.iconSrc) ? this.iconSrc : undefined;
  }

  protected override render(): TemplateResult | string | typeof nothing {
    if (this.#unlisted) return nothing;
    // Until the numbers are read: the wrapped links, or else the numbers as given (whitespace around them in the
    // markup is not content), never a blank footer.
    if (!this.#filings.length) return this.textContent!.trim() ? html`<slot></slot>` : this.#given;
    const lang = langOf(this);
    const t = strings(lang);
    const items = this.#filings.map((f) => this.#item(f, t, lang));
    if (this.report) items.push(['report', link(REPORT_12377_URL, nothing, t.report, t)]);
    // Each separator goes inside the item it precedes, where it can be hidden when that item begins a line. Stacked
    // items all begin one: none is drawn (so none shows where no script runs to hide it, under server rendering).
    const separator = this.layout == 'stacked' ? nothing : html`<span part="separator" aria-hidden="true">${this.separator}</span>`;
    return html`<div part="base">${items.map(([parts, content], i) =>
      html`<span part="item ${parts}">${i ? separator : nothing}${content}</span>`)}</div>`;
  }

  /** One filing's parts (its kind, and `invalid`) and its content. */
  #item(f: Filing, t: Strings, lang: Lang): [string, TemplateResult] {
    const kind = f.kind.split('-')[0]; // icp (filings and licences), telecom, psb, algorithm, unknown
    const text = formatFiling(f, { spaced: true });
    const url = officialLink(f, { app: this.app });
    const src = this.#siteIcon();
    const icon = f.kind !== 'psb' ? nothing : src ? html`<img part="icon" src=${src} alt="" width="20" height="20">` : policeIcon;
    return [kind + (f.normalized === null ? ' invalid' : ''), html`${f.kind === 'telecom-licence' ? t.telecom : ''}${
      url ? link(url, icon, text, t) : text}${this.#verifier?.mark(f, lang)}`];
  }
}

/** An official link; its accessible name and title say which site it opens, and that it opens in a new tab. */
function link(url: string, icon: unknown, text: string, t: Strings): TemplateResult {
  const note = t.newTab.replace('$', url.split('/')[2]);
  return html`<a part="link" href=${url} target="_blank" rel="noopener noreferrer" title=${note} aria-label=${text + note}>${icon}${text}</a>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'beian-badge': BeianBadge;
  }
}
