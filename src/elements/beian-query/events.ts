import type { IcpAnswer, PsbAnswer } from '../../contract/record-answers.js';
import type { Kind } from '../../contract/values.js';

/**
 * A search of `<beian-query>` finished, whatever its status. A result of the visitor's action, so it bubbles and
 * crosses shadow roots: a page can listen on any container.
 */
export class BeianQueryResultEvent extends Event {
  static readonly type = 'beian-query-result';
  constructor(
    /** What was searched: records kind, by what (`number`, `code`, `domain`, `unit`) and the normalised value. */
    readonly query: { kind: Kind; by: string; value: string },
    readonly answer: IcpAnswer | PsbAnswer,
  ) {
    super(BeianQueryResultEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'beian-query-result': BeianQueryResultEvent;
  }
}
