// The default theme with the filing footer at the bottom of every page. The element is imported on the client
// only: pages are pre-rendered in Node, where the tag is printed and upgraded once the page loads.
// In a site of your own, import 'beian-elements/beian-badge.js' instead of the source path used by this example.
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';

export default {
  extends: DefaultTheme,
  Layout: () => h(DefaultTheme.Layout, null, {
    'layout-bottom': () => h('beian-badge', { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' }),
  }),
  enhanceApp() {
    if (!import.meta.env.SSR) void import('../../../../../src/beian-badge.js');
  },
};
