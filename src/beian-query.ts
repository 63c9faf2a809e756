/**
 * Self-defining entry: importing it registers `<beian-query>`. As one classic script (`dist/cdn/beian-query.js`)
 * with `data-` attributes, it also puts a form right where it stands:
 * `<script src="/beian-query.js" data-lookup="https://…/v1" defer></script>`.
 */
import { BeianQuery } from './elements/beian-query/beian-query.js';
import { formAfterScript } from './elements/beian-query/from-script.js';
import { define } from './elements/internal/define.js';

define('beian-query', BeianQuery);

// A module script has no currentScript, nor does this file bundled into a site's code; Node has no document.
const script = globalThis.document?.currentScript;
if (script) formAfterScript(script);

export { BeianQuery };
export type { BeianQueryResultEvent } from './elements/beian-query/events.js';
