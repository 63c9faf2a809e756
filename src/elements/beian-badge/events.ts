import type { VerifyAnswer } from '../../contract/client.js';
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

/**
 * The lookup service answered for the badge's numbers (whatever the status, `unknown` included). For integrators,
 * such as a site's monitoring. Fired once per completed check of the current numbers; does not bubble.
 */
export class BeianBadgeVerifiedEvent extends Event {
  static readonly type = 'beian-badge-verified';
  constructor(readonly answer: VerifyAnswer) {
    super(BeianBadgeVerifiedEvent.type, { bubbles: false, composed: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'beian-badge-invalid': BeianBadgeInvalidEvent;
    'beian-badge-verified': BeianBadgeVerifiedEvent;
  }
}
