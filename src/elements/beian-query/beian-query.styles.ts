import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--beian-query-accent, #1d4f91);
    --_border: var(--beian-query-border, color-mix(in srgb, currentColor 25%, transparent));
    --_radius: var(--beian-query-radius, 0.375em);
    --_gap: var(--beian-query-gap, 0.5em);
    display: block;
    container-type: inline-size;
  }
  form {
    display: grid;
    gap: var(--_gap);
  }
  /* Not a flex fieldset: WebKit unfloats a flex item, and an unfloated legend becomes the fieldset's title on a row
     of its own. Floated in a block fieldset, the legend (still the group's name) leads the row of radios everywhere. */
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    float: left;
    margin-inline-end: 2em;
    padding: 0;
    font-weight: 600;
  }
  fieldset > label {
    margin: 0.125em 1em 0.125em 0;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  .query {
    font-weight: 600;
  }
  .row {
    display: flex;
    gap: var(--_gap);
  }
  input[type='search'],
  select {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.45em 0.6em;
  }
  input[type='search'] {
    flex: 1;
    min-width: 0;
  }
  input[aria-invalid='true'] {
    border-color: #cf222e;
  }
  button {
    font: inherit;
    padding: 0.45em 1.1em;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: #fff;
    cursor: pointer;
  }
  :is(input, select, button, a):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [part~='error'] {
    margin: 0;
    color: #cf222e;
  }
  /* Quiet, it stays in the page (a live region must exist before it speaks) but takes no row of the grid. */
  [part~='error']:empty {
    position: absolute;
  }
  [part~='status'] {
    margin: 0;
  }
  [part~='status']:not(:empty),
  [part~='results'] {
    margin-top: 1em;
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.15em;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    margin-bottom: 0.5em;
    opacity: 0.8;
  }
  th,
  td {
    text-align: start;
    padding: 0.4em 0.5em;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  /* Narrow containers: each record becomes a card of label and value pairs. */
  @container (max-width: 40rem) {
    thead {
      display: none;
    }
    /* The caption too: a table caption inside a block-level table shrinks to one character a line. */
    table,
    caption,
    tbody,
    tr,
    td {
      display: block;
    }
    tr {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.25em 0.75em;
      margin-bottom: 0.75em;
    }
    td {
      border: 0;
      padding: 0.2em 0;
    }
    td::before {
      content: attr(data-label);
      display: inline-block;
      min-width: 8em;
      margin-inline-end: 0.5em;
      font-weight: 600;
    }
  }
  a {
    color: var(--_accent);
  }
`;
