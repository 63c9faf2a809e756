import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/beian-footer.js';

/** The strip's story args: the page around it, and the badge's numbers. */
export interface FooterArgs {
  icp?: string;
  psb?: string;
  report?: boolean;
  /** Custom properties of the strip and the badge, as a style attribute on the strip. */
  style?: string;
  /** Text colour and background of the page around it. */
  page?: { background: string; color: string };
}

/**
 * A `<beian-footer>` after a page's content, as `beian-footer.js` mounts it (written here as markup: the strip
 * works so too). In the flow it takes the page's colours; fixed, where the page cannot scroll to it, an opaque one.
 */
export function render(args: FooterArgs) {
  const page = args.page ?? { background: 'transparent', color: 'inherit' };
  return html`<div style="background:${page.background};color:${page.color};font-family:system-ui,sans-serif">
    <main style="padding:2rem 1rem"><h1 style="margin:0;font-size:1.25rem">登录</h1><p>一个没有页脚的应用页面。</p></main>
    <beian-footer style=${args.style ?? nothing}><beian-badge icp=${args.icp ?? nothing} psb=${args.psb ?? nothing}
      ?report=${args.report}></beian-badge></beian-footer></div>`;
}

const meta: Meta<FooterArgs> = {
  title: 'beian-footer',
  component: 'beian-footer',
  render,
  excludeStories: ['render'],
  args: { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' },
};
export default meta;

type Story = StoryObj<FooterArgs>;

/** At the end of the page, in its flow, in its colours. */
export const InTheFlow: Story = {};

/** Themed with the strip's and the badge's custom properties on a dark page, with the 12377 link. */
export const Themed: Story = {
  args: {
    report: true,
    page: { background: '#16181d', color: '#c9ced6' },
    style: '--beian-footer-background: #0d0f12; --beian-footer-font-size: 0.8125rem; --beian-badge-link-color: #8ab4f8',
  },
};
