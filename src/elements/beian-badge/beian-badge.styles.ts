import { css } from 'lit';

// Public --beian-badge-* properties are read where they apply, with their defaults; --_align carries the `align`
// attribute to both layouts.
export const styles = css`
  :host {
    --_align: center;
    display: block;
    color: var(--beian-badge-color, inherit);
    font-size: var(--beian-badge-font-size, inherit);
  }
  :host([align='start']) {
    --_align: flex-start;
  }
  :host([align='end']) {
    --_align: flex-end;
  }
  :host(:state(unlisted)) {
    display: none;
  }
  [part~='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: var(--_align);
    /* No row gap: wrapped items stack like the lines of text they replace, so upgrading shifts nothing. */
    gap: var(--beian-badge-gap, 0 0.75em);
  }
  :host([layout='stacked']) [part~='base'] {
    flex-direction: column;
    align-items: var(--_align);
  }
  :host([layout='stacked']) [part~='separator'] {
    display: none;
  }
  [part~='separator'] {
    color: var(--beian-badge-separator-color, currentColor);
    opacity: 0.6;
  }
  [part~='item'] {
    /* Numbers never break inside; the line breaks between items. */
    white-space: nowrap;
  }
  a {
    color: var(--beian-badge-link-color, inherit);
    text-decoration: var(--beian-badge-link-decoration, none);
  }
  a:hover {
    text-decoration: underline;
  }
  a:focus-visible {
    outline: 2px solid;
    outline-offset: 2px;
  }
  [part~='icon'] {
    width: var(--beian-badge-icon-size, 1.2em);
    height: var(--beian-badge-icon-size, 1.2em);
    margin-inline-end: 0.25em;
    /* Inside the line box, so upgrading over the fallback text does not grow the line. */
    vertical-align: -0.25em;
  }
`;
