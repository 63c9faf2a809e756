import { svg } from 'lit';

/**
 * Our own drawing of the 公安 filing emblem (a shield bearing a star), so no page hotlinks the platform's hashed
 * assets (L12). Decorative: the number next to it says what it is.
 */
export const policeIcon = svg`<svg part="icon" viewBox="0 0 20 22" aria-hidden="true" focusable="false"><path d="M10 1l8.5 3v6.5c0 5.3-3.6 9.2-8.5 10.5C5 19.7 1.5 15.8 1.5 10.5V4z" fill="#1d4f91" stroke="#d8a93b" stroke-width="1.5"/><path d="M10 5.5l1.4 3 3.3.4-2.4 2.3.6 3.3-2.9-1.6-2.9 1.6.6-3.3-2.4-2.3 3.3-.4z" fill="#f2c230"/></svg>`;
