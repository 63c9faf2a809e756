/**
 * When the details of a badge's marks show: while the mark or they are hovered or hold focus, and from a click or a
 * tap until a second one, Escape or a press elsewhere; and where: inside the viewport.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Whose details: the ICP number's mark or the 公安 number's. */
export type MarkKey = 'icp' | 'psb';
const KEYS: readonly MarkKey[] = ['icp', 'psb'];

/** The listeners of one mark: on its wrapper, and `click` on its button. */
export interface MarkListeners {
  mouseenter: () => void;
  mouseleave: () => void;
  focusin: () => void;
  focusout: (e: FocusEvent) => void;
  keydown: (e: KeyboardEvent) => void;
  click: (e: MouseEvent) => void;
}

let ids = 0;

/** The details of one badge's marks, as popovers. */
export class DetailsPopover implements ReactiveController {
  /** Each mark's listeners, made once: a re-render keeps them. */
  readonly listeners: Record<MarkKey, MarkListeners>;
  readonly #host: ReactiveControllerHost & HTMLElement;
  // Details show while the mark or they are hovered, or hold focus, and stay when the mark was clicked or tapped
  // (touch screens send a mouseenter before the click, so a click must not simply toggle what hovering opened).
  // Hover and focus are kept apart: the pointer leaving must not hide details that keyboard focus is inside.
  readonly #hovered = new Set<MarkKey>();
  readonly #focused = new Set<MarkKey>();
  readonly #pinned = new Set<MarkKey>();
  /** The details open at the last render: a click or Escape acts on what was drawn, not on events since. */
  readonly #drawn = new Set<MarkKey>();
  /** Per pinned mark: closes it on a press anywhere else (Safari never focuses a tapped button, so no focusout). */
  readonly #outside = new Map<MarkKey, (e: Event) => void>();
  readonly #id = `beian-details-${++ids}`;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    this.listeners = { icp: this.#listenersOf('icp'), psb: this.#listenersOf('psb') };
    host.addController(this);
  }

  /** The id of a mark's details, which its button controls. */
  id(key: MarkKey): string {
    return `${this.#id}-${key}`;
  }

  isOpen(key: MarkKey): boolean {
    return this.#hovered.has(key) || this.#focused.has(key) || this.#pinned.has(key);
  }

  /** Hides the details whatever showed them, and stops listening for a press elsewhere. */
  #close(key: MarkKey): void {
    for (const which of [this.#hovered, this.#focused, this.#pinned]) this.#set(which, key, false);
    const outside = this.#outside.get(key);
    if (!outside) return;
    document.removeEventListener('pointerdown', outside, true);
    this.#outside.delete(key);
  }

  closeAll(): void {
    for (const key of KEYS) this.#close(key);
  }

  /** The badge leaving the page: no details stay open, no listener stays behind. */
  hostDisconnected(): void {
    this.closeAll();
  }

  hostUpdated(): void {
    this.#drawn.clear();
    for (const key of KEYS) if (this.isOpen(key)) this.#drawn.add(key);
    this.#keepInViewport();
  }

  /** Keeps open details inside the viewport: they are centred on their mark, which may sit near an edge. */
  #keepInViewport(): void {
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

  #listenersOf(key: MarkKey): MarkListeners {
    return {
      mouseenter: () => this.#set(this.#hovered, key, true),
      mouseleave: () => this.#set(this.#hovered, key, false),
      focusin: () => this.#set(this.#focused, key, true),
      // Focus moving into the details (they take it on a click inside them) keeps them open.
      focusout: (e) => (e.currentTarget as Element).contains(e.relatedTarget as Node | null) || this.#close(key),
      keydown: (e) => this.#escape(key, e),
      click: (e) => this.#toggle(key, e),
    };
  }

  #escape(key: MarkKey, e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !this.#drawn.has(key)) return;
    // Handled here: a surrounding dialog (native or scripted) stays open.
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as Element).querySelector('button')!.focus();
    this.#close(key);
  }

  /**
   * A click pins the details; a second closes them, as does Enter or Space on a mark whose details focus already
   * opened (a keyboard click has detail 0), so the button toggles what it says it does.
   */
  #toggle(key: MarkKey, e: MouseEvent): void {
    if (this.#pinned.has(key) || (this.#drawn.has(key) && e.detail === 0)) this.#close(key);
    else this.#pin(key);
  }

  #pin(key: MarkKey): void {
    this.#set(this.#pinned, key, true);
    // The mark is looked up when the press comes: a re-render may have replaced it since.
    const outside = (e: Event) => {
      const mark = this.#host.shadowRoot!.getElementById(this.id(key))?.parentElement;
      if (!mark || !e.composedPath().includes(mark)) this.#close(key);
    };
    this.#outside.set(key, outside);
    document.addEventListener('pointerdown', outside, true);
  }

  #set(which: Set<MarkKey>, key: MarkKey, on: boolean): void {
    if (on === which.has(key)) return;
    if (on) which.add(key);
    else which.delete(key);
    this.#host.requestUpdate();
  }
}
