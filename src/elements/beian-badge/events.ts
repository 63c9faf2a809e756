import type { Filing } from '../../core/index.js';

/**
 * The badge was given numbers that do not validate. It still shows them as given; `filings` holds each one with
 * its diagnostics. Fired once per distinct set of invalid numbers; does not bubble (like `<img>`'s `error`).
 */
export class BeianBadgeInvalidEvent extends Event {
  static readonly type = 'beian-badge-invalid';
  constructor(readonly filings: readonly Filing[]) {
    super(BeianBadgeInvalidEvent.type, { bubbles: false, composed: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'beian-badge-invalid': BeianBadgeInvalidEvent;
  }
}
