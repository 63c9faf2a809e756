import { html } from 'lit';
import { POLICE_ICON as I } from '../../core/icon.js';

/**
 * The police icon of the 公安 number. Decorative: the number next to it says what it is. A whole `<svg>` element
 * needs no `svg` template (that is for fragments): the HTML parser puts it in the SVG namespace.
 */
export const policeIcon = html`<svg part="icon" viewBox=${I.viewBox} aria-hidden="true"><path d=${I.shield} fill=${I.blue} stroke=${I.rim} stroke-width="1.5"></path><path d=${I.star} fill=${I.gold}></path></svg>`;
