import { css } from 'lit';

// In the page's flow by default, so it pushes nothing aside and covers nothing; fixed to the bottom of the window
// only where the flow cannot be seen (a page that does not scroll, a theme that paints over the end of <body>).
export const styles = css`
  :host {
    display: block;
    box-sizing: border-box;
    padding: var(--beian-footer-padding, 0.75em 1em);
    font-size: var(--beian-footer-font-size, 0.875rem);
    line-height: 1.5;
    color: var(--beian-footer-color);
    background: var(--beian-footer-background);
  }
  :host([hidden]) {
    display: none;
  }
  :host([fixed]) {
    position: fixed;
    inset-inline: 0;
    bottom: 0;
    /* Above a page's own layers, below the greatest z-index, which dialogs and overlays take. */
    z-index: 2147483000;
    color: var(--beian-footer-color, CanvasText);
    background: var(--beian-footer-background, Canvas);
  }
`;
