import { svg } from 'lit';
import { POLICE_ICON as I } from '../../core/icon.js';

/** The police icon of the 公安 number. Decorative: the number next to it says what it is. */
export const policeIcon = svg`<svg part="icon" viewBox=${I.viewBox} aria-hidden="true" focusable="false"><path d=${I.shield} fill=${I.blue} stroke=${I.rim} stroke-width="1.5"/><path d=${I.star} fill=${I.gold}/></svg>`;
