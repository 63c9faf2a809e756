import { css } from 'lit';

// Public --beian-badge-* properties are read where they apply, with their defaults; --_align carries the `align`
// attribute to both layouts, --_gap the space between items that the separators stand in. A property that is not
// set makes its var() unset, which is the documented default (inherit, currentColor, none) without a fallback.
// No two rules here set one property of one element at equal specificity, so their order is free: it is the one
// that gzips smallest with the rest of the first-paint bundle (its budget is 10,000 bytes; `npm run size`).
export const styles = css`
  [part~='item'] {
    /* Numbers never break inside; the line breaks between items, and inside a long label on a narrow screen. */
    white-space: nowrap;
  }
  .wrap {
    white-space: normal;
  }
  .wrap > :last-child {
    white-space: nowrap;
  }
  [part~='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: var(--_align);
    /* No row gap: wrapped items stack like the lines of text they replace, so upgrading shifts nothing. */
    column-gap: var(--_gap);
  }
  :host {
    --_align: center;
    --_gap: var(--beian-badge-gap, 0.75em);
    display: block;
    color: var(--beian-badge-color);
    font-size: var(--beian-badge-font-size);
  }
  :host([align='end']) {
    --_align: flex-end;
  }
  :host([align='start']) {
    --_align: flex-start;
  }
  :host([layout='stacked']) [part~='base'],
  :host([layout='about']) [part~='base'] {
    flex-direction: column;
    align-items: var(--_align);
  }
  a {
    color: var(--beian-badge-link-color);
    text-decoration: var(--beian-badge-link-decoration);
    /* WebKit's text-decoration takes a line only ("underline dotted" would compute to none); its prefixed
       shorthand takes the style and colour too. After the standard one, which it then overrides there. */
    -webkit-text-decoration: var(--beian-badge-link-decoration);
  }
  :host(:state(unlisted)) {
    display: none;
  }
  a:hover {
    text-decoration: underline;
  }
  a:focus-visible {
    outline: 2px solid;
    outline-offset: 2px;
  }
  /*
   * A separator stands in the gap before its item and takes no room there (its margin gives its width back). The
   * badge makes the one of each item that begins a line invisible (in the stacked layout, all), so none dangles
   * where the footer wraps, and that moves nothing, even where a site's styles give it room. Nothing is
   * positioned: the footer paints in the page's order, never over a theme's positioned content.
   */
  [part~='separator'] {
    display: inline-block;
    width: var(--_gap);
    margin-inline-start: calc(-1 * var(--_gap));
    text-align: center;
    color: var(--beian-badge-separator-color);
    opacity: 0.6;
  }
  [part~='icon'] {
    width: var(--beian-badge-icon-size, 1.2em);
    height: var(--beian-badge-icon-size, 1.2em);
    margin-inline-end: 0.25em;
    /* Inside the line box, so upgrading over the fallback text does not grow the line. */
    vertical-align: -0.25em;
  }
`;
