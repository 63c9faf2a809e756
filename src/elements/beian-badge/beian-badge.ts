import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { LookupClient } from '../../client/index.js';
import { filingItem, type BadgeItem } from '../../core/badge-item.js';
import {
  badgeNumbers,
  givenText,
  hasExtras,
  type BadgeList,
  type BadgeNumbers,
  type HostMap,
} from '../../core/badge-numbers.js';
import { isHotlinkedIcon } from '../../core/links.js';
import type { ParseOptions } from '../../core/parse.js';
import { quickParse } from '../../core/quick.js';
import { lookupEndpoint } from '../internal/endpoint.js';
import { langOf, newTabNote, watchLang, type Lang } from '../internal/i18n.js';
import { lazy } from '../internal/lazy.js';
import { policeIcon } from '../internal/police-icon.js';
import { setState } from '../internal/states.js';
import { styles } from './beian-badge.styles.js';
import type { VerifyInput } from './verification.js';

export type { BadgeNumbers, HostMap } from '../../core/badge-numbers.js';

const diagnosis = lazy(() => import('./diagnosis.js'));
const verification = lazy(() => import('./verification.js'));

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
 * @csspart item - One filing; also `icp`, `psb`, `telecom`, `algorithm`, `licence` (with its kind, e.g.
 *   `culture-licence`), `genai`, `report`, `contact`, `system` (an app's filing-system address) or `vanity`, and `invalid`.
 * @csspart label - A filing's label (`增值电信业务经营许可证：`), always in Chinese; its title translates it.
 * @csspart link - A link to an official site, or the site's own page for a filing.
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
    filings: {},
    genai: {},
    vanity: {},
    contacts: {},
    // An empty `report` attribute is 12377's link alone; a value names the links.
    report: {},
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
    client: { attribute: false },
  };

  /** ICP filing or licence number, e.g. `京ICP备2021012345号-1` or `京ICP证030173号`. */
  declare icp: string | undefined;
  /** 公安 (public-security) number, e.g. `京公网安备11010502030143号`. */
  declare psb: string | undefined;
  /** Value-added telecom licence, e.g. `浙B2-20080101`. */
  declare telecom: string | undefined;
  /** Algorithm filing, e.g. `网信算备310115124334401240013号`. */
  declare algorithm: string | undefined;
  /**
   * Further numbers of any kind (licences, filings), after the ones above: entries separated by `;` or new lines,
   * each `[label：]number`, then, for the licences without a public query and an algorithm filing's notice, the
   * site's own `https:` link (`营业执照 https://zzlz.gsxt.gov.cn/…` links the label alone).
   */
  declare filings: BadgeList | undefined;
  /** Generative-AI models: entries `model number [https://…]`, e.g. `云雀大模型 Beijing-YunQue-20230821`. */
  declare genai: BadgeList | undefined;
  /** Vanity numbers (萌ICP), shown after the legal ones and not validated: entries `number [https://…]`. */
  declare vanity: BadgeList | undefined;
  /** The site's own report contacts: entries `text [tel:…|mailto:…|https://…]`, e.g. `举报电话：400-000-0000 tel:4000000000`. */
  declare contacts: BadgeList | undefined;
  /** Report links: the attribute alone for 12377, or some of `12377 12321 cyberpolice 12318`. */
  declare report: boolean | string | undefined;
  /** The numbers belong to an app or mini-program: the 公安 link opens the MPS app search. */
  declare app: boolean;
  /**
   * `inline` (one centred line that wraps), `stacked` (one item per line) or `about` (an app's about page: one
   * per line, the filing system's address below the ICP number, app links).
   */
  declare layout: 'inline' | 'stacked' | 'about';
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
  /**
   * The transport to the lookup service (property only): default, the page's shared client for the endpoint. Pass
   * your own `LookupClient` (with its own `fetch`) to route verification elsewhere; the badge still verifies only
   * where it has an endpoint (`lookup` or the page's meta).
   */
  declare client: LookupClient | undefined;

  readonly #internals = this.attachInternals();
  #observer?: MutationObserver;
  #items: BadgeItem[] = [];
  #pending = false;
  #loading?: Promise<void>;
  #unlisted = false;
  #given = '';
  #lang: Lang = 'zh-CN';
  // Set by every willUpdate, before the verifier is asked for it.
  #verify!: VerifyInput;
  #lines?: ResizeObserver;

  constructor() {
    super();
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
    // Under server rendering there is no location to read (Lit SSR runs willUpdate).
    const host = (this.domain ?? globalThis.location?.hostname ?? '').toLowerCase();
    // Famous numbers copied into templates are only errors where the host is a real site, not localhost or an IP:
    // a dotted name whose last label ends in a letter, as every top-level domain does (punycode ones included).
    const options: ParseOptions = /\.[a-z\d-]*[a-z]$/.test(host) ? { host } : {};
    this.#lang = langOf(this);
    this.#drawNumbers(host, options);
    const filings = this.#items.flatMap((i) => i.filing ?? []);
    this.invalid = filings.some((f) => f.normalized === null);
    // Verification: an endpoint and a fileable host (or a `domain` given for previews); the verifier asks only
    // about valid numbers, and nothing when there is none.
    this.#verify = [lookupEndpoint(this.lookup), this.domain ?? options.host ?? '', filings];
    if (this.#verify[0] && this.#verify[1]) this.#startVerifying();
    this.#loadFullChunk();
  }

  /**
   * The items this host shows. A hosts map is read by the lazily loaded full chunk (few sites have one), which also
   * draws all that the first paint does not: until it is here, nothing is decided or drawn, and the fallback stays.
   */
  #drawNumbers(host: string, options: ParseOptions): void {
    const listed = this.hosts == null ? this : diagnosis.module?.hostEntry(this.hosts, host, this);
    const items = listed && (this.#firstPaint(listed, options) ?? diagnosis.module?.drawItems(this, listed, options));
    this.#unlisted = !listed && !!diagnosis.module;
    this.#pending = !items && !this.#unlisted;
    this.#given = listed ? givenText(listed) : '';
    this.#items = items ?? [];
  }

  /**
   * The items the first paint draws: canonical numbers given one by one. Other kinds, lists, report links, the
   * about page and the numbers of wrapped links are for the full chunk.
   */
  #firstPaint(listed: BadgeNumbers, options: ParseOptions): BadgeItem[] | undefined {
    const fast =
      !hasExtras(listed) && this.layout != 'about' ? badgeNumbers(listed).map((n) => quickParse(n, options)) : [];
    return fast.length && !fast.includes(undefined) ? fast.map((f) => filingItem(f!, { app: this.app })) : undefined;
  }

  #startVerifying(): void {
    // A chunk that fails to load leaves no mark, as an unknown answer does (contract D): nothing to report.
    verification().then(
      (m) => m.verify(this, () => this.#verify),
      () => {},
    );
  }

  /** Loads the full chunk where nothing is drawn without it (it draws, or says why not), or an icon is hotlinked. */
  #loadFullChunk(): void {
    if (diagnosis.module || (this.#items.length && !this.#hotlinked())) return;
    // If it fails to load, the numbers stay as given (the slot's fallback text below) and nothing waits for it.
    this.#loading = diagnosis().then(
      () => this.requestUpdate(),
      () => (this.#loading = undefined),
    );
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
    diagnosis.module?.review(this, this.#items, !this.#unlisted && !this.#pending);
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

  /** icon-src hotlinks the platform's build asset (refused, L12). */
  #hotlinked(): boolean {
    return !!this.iconSrc && isHotlinkedIcon(this.iconSrc);
  }

  /** The site's own icon, unless it is hotlinked. */
  #siteIcon(): string | undefined {
    return this.#hotlinked() ? undefined : this.iconSrc;
  }

  protected override render(): TemplateResult | string | typeof nothing {
    if (this.#unlisted) return nothing;
    // Until the numbers are read: the wrapped links, or else the numbers as given (whitespace around them in the
    // markup is not content), never a blank footer.
    if (!this.#items.length) return this.textContent!.trim() ? html`<slot></slot>` : this.#given;
    // Each separator goes inside the item it precedes, where it can be hidden when that item begins a line. Stacked
    // items all begin one: none is drawn (so none shows where no script runs to hide it, under server rendering).
    const separator =
      this.layout != 'inline' ? nothing : html`<span part="separator" aria-hidden="true">${this.separator}</span>`;
    return html`<div part="base">${this.#items.map(
      (item, i) => html`<span part="item ${item.part}">${i ? separator : nothing}${this.#content(item)}</span>`,
    )}</div>`;
  }

  /** One item's label, its number or words (linked, with the police icon beside a 公安 number) and its mark. */
  #content(item: BadgeItem): TemplateResult {
    const lang = this.#lang;
    const src = this.#siteIcon();
    const icon = !item.icon
      ? nothing
      : src
        ? html`<img part="icon" src=${src} alt="" width="20" height="20">`
        : policeIcon;
    const number = item.href ? link(item, icon, lang) : item.text;
    // A label may wrap on a narrow screen, and the line may break after it; the number never breaks. (A break
    // between two boxes follows their common parent's white-space: the wrapper's, not the item's nowrap.)
    const content = !item.label
      ? number
      : html`<span class="wrap"><span part="label" title=${item.name || nothing}>${item.label}</span><span>${number}</span></span>`;
    return html`${content}${item.filing && verification.module?.mark(this, item.filing, lang)}`;
  }
}

/**
 * A filing's link; its accessible name says what it is, and for a web page which site it opens in a new tab
 * (`tel:` and `mailto:` links open where they are).
 */
function link({ href, text, name }: BadgeItem, icon: unknown, lang: Lang): TemplateResult {
  const host = href!.split('/')[2];
  const note = host ? newTabNote(lang, host) : '';
  return html`<a part="link" href=${href} target=${host ? '_blank' : nothing} rel="noopener noreferrer" title=${note || nothing}
    aria-label=${(name && `${name} `) + text + note}>${icon}${text}</a>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'beian-badge': BeianBadge;
  }
}
