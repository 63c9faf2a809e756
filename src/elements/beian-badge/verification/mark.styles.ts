import { css } from 'lit';

// Adopted next to the badge's own styles when verification loads, so the first paint carries none of it.
export const styles = css`
  .mark { position: relative; display: inline-block; }
  [part~='mark'] {
    font: inherit; font-size: 0.85em; line-height: 1; margin-inline-start: 0.25em; padding: 0.1em 0.2em;
    border: 0; border-radius: 0.25em; background: none; color: inherit; cursor: pointer;
  }
  [part~='mark-verified'] { color: var(--beian-badge-verified-color, #1a7f37); }
  [part~='mark-problem'] { color: var(--beian-badge-problem-color, #bc4c00); }
  [part~='mark-neutral'] { opacity: 0.55; }
  [part~='mark']:focus-visible { outline: 2px solid; outline-offset: 1px; }
  [part~='details'] {
    position: absolute; z-index: 10; bottom: calc(100% + 0.4em); left: 50%; transform: translateX(calc(-50% + var(--_shift, 0px)));
    width: max-content; max-width: min(20rem, 90vw); padding: 0.5em 0.75em; border-radius: 0.375em;
    background: var(--beian-badge-details-background, Canvas); color: var(--beian-badge-details-color, CanvasText);
    border: 1px solid color-mix(in srgb, currentColor 25%, transparent); box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    white-space: normal; text-align: start; font-size: 0.9em; line-height: 1.5;
  }
  /* Bridges the gap above the mark, so the pointer can reach the details without leaving them. */
  [part~='details']::after { content: ''; position: absolute; inset: 100% 0 -0.5em; }
  [part~='details'][hidden] { display: none; }
  [part~='details'] dl { margin: 0.25em 0; display: grid; grid-template-columns: auto 1fr; gap: 0 0.75em; }
  [part~='details'] dd { margin: 0; }
  [part~='details'] p { margin: 0.25em 0; }
`;
