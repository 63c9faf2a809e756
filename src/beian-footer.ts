/**
 * Self-defining entry of the footer strip: importing it registers `<beian-footer>` and `<beian-badge>`, and
 * exports `mount()`. As one classic script (`dist/cdn/beian-footer.js`, where it is `beian.mount`), it also shows
 * the footer its own `data-` attributes describe: `<script src="/beian-footer.js" data-icp="…" defer></script>`.
 */
import { BeianBadge } from './elements/beian-badge/beian-badge.js';
import { BeianFooter } from './elements/beian-footer/beian-footer.js';
import { mount, optionsFromScript } from './elements/beian-footer/mount.js';
import { define } from './elements/internal/define.js';

// Run again (a theme that re-runs the page's scripts on each navigation): the first run's elements stay, and the
// second copy says nothing. Any other second copy of the badge is warned about, as everywhere.
if (!globalThis.customElements?.get('beian-footer')) {
  define('beian-badge', BeianBadge);
  define('beian-footer', BeianFooter);
}

// A module script has no currentScript, nor does this file when it is bundled into a site's own code; Node
// (server rendering, tests) has no document at all.
const script = globalThis.document?.currentScript;
if (script && Object.keys(script.dataset).length) mount(optionsFromScript(script));

export { BeianFooter, mount };
export type { FooterOptions } from './elements/beian-footer/mount.js';
