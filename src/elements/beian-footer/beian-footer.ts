import { html, LitElement } from 'lit';
import { styles } from './beian-footer.styles.js';

/**
 * The filing footer as a strip at the end of a page that the site cannot edit (a login screen, an SPA shell, a
 * "custom code" box): it holds a `<beian-badge>`, stays at the end of its target, and is put back when a framework
 * replaces the page's children. `beian-footer.js` (one classic script) or `mount()` creates it.
 *
 * It stays in the page's flow, after the page's own content, so it covers nothing; only where that place cannot
 * be seen (the page does not scroll, or something is painted over it) is it fixed to the bottom of the window.
 *
 * @summary A filing footer strip for pages without a footer of their own.
 * @tag beian-footer
 *
 * @slot - The `<beian-badge>` it shows.
 *
 * @cssproperty [--beian-footer-padding=0.75em 1em] - Padding of the strip.
 * @cssproperty [--beian-footer-font-size=0.875rem] - Font size.
 * @cssproperty [--beian-footer-color=inherit] - Text colour (CanvasText when fixed).
 * @cssproperty [--beian-footer-background=transparent] - Background (Canvas when fixed, so it stays legible).
 */
export class BeianFooter extends LitElement {
  static override styles = styles;

  static override properties = {
    target: {},
  };

  /** A CSS selector for the element to append the strip to; default `<body>`. */
  declare target: string | undefined;

  #mounted = false;
  #resizes?: ResizeObserver;
  #sights?: IntersectionObserver;
  /** When it was last put back: a script that removes it each time gets its way after a few rounds. */
  #returns: number[] = [];

  /** Whether `mount()` placed it and keeps it on the page. */
  get mounted(): boolean {
    return this.#mounted;
  }

  /** Appends the strip to its target once the page has a body, and keeps it there. */
  mount(): void {
    this.#mounted = true;
    if (document.body) this.#place();
    else document.addEventListener('DOMContentLoaded', () => this.#place(), { once: true });
  }

  /** Takes the strip off the page for good (removing it any other way only gets it put back). */
  unmount(): void {
    this.#mounted = false;
    this.remove();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The page's size changes as an SPA renders or a login box appears: where the strip can be seen may change too.
    // Settled in the next frame: fixing the strip resizes the page, which within the observer's own callback
    // would be a "ResizeObserver loop" error.
    this.#resizes = new ResizeObserver(() => requestAnimationFrame(() => this.#settle()));
    this.#resizes.observe(document.documentElement);
    // Whether something is painted over it can only be told on screen: again whenever it comes into view.
    this.#sights = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && requestAnimationFrame(() => this.#settle()),
    );
    this.#sights.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizes?.disconnect();
    this.#sights?.disconnect();
    // Removed with the page's children (body.innerHTML = …, a framework mounting its root): put back once the
    // change is done, unless it was only moved.
    if (this.#mounted) queueMicrotask(() => this.#mounted && !this.isConnected && this.#putBack());
  }

  protected override render(): unknown {
    return html`<slot></slot>`;
  }

  /**
   * Puts the strip back, unless it was removed more than three times within a second: then a script of the page
   * means it (an "anti-injection" guard), and fighting it would freeze the page.
   */
  #putBack(): void {
    const now = performance.now();
    this.#returns = this.#returns.filter((t) => now - t < 1000);
    if (this.#returns.push(now) <= 3) return this.#place();
    this.#mounted = false;
    console.warn(
      "<beian-footer> keeps being removed by a script of the page, so it stays off. Put the footer in the page's HTML instead (npx beian snippet prints it).",
    );
  }

  #place(): void {
    const target = this.target ? document.querySelector(this.target) : null;
    if (this.target && !target)
      console.warn(`<beian-footer> target "${this.target}" matches nothing; showing the footer at the end of <body>.`);
    (target ?? document.body).append(this);
  }

  /** Fixed to the window's bottom only while its place in the flow cannot be seen. */
  #settle(): void {
    this.removeAttribute('fixed');
    this.toggleAttribute('fixed', !seenInFlow(this));
  }
}

/**
 * Whether a visitor can see the strip where it stands in the flow: it has a size, the page can scroll to it, and
 * (when it is on screen) nothing is painted over it.
 */
function seenInFlow(el: HTMLElement): boolean {
  const box = el.getBoundingClientRect();
  if (!box.height) return true; // nothing to show (a host the badge does not list): nothing to fix in place
  const root = document.documentElement;
  const top = box.top + scrollY;
  if (top + box.height > root.scrollHeight + 1) return false; // cut off by a box that clips it
  // A page that does not scroll and is one screen (a login page) never shows what comes after it. A long page that
  // does not scroll for now (a dialog holds it) will again: the strip stays where it is.
  const locked = [root, document.body].some((e) => /hidden|clip/.test(getComputedStyle(e).overflowY));
  if (locked && top > innerHeight - box.height / 2) return top > innerHeight + 2 * box.height;
  if (box.bottom <= 0 || box.top >= innerHeight) return true; // off screen: it will be checked when it comes into view
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return !hit || el.contains(hit);
}

declare global {
  interface HTMLElementTagNameMap {
    'beian-footer': BeianFooter;
  }
}
