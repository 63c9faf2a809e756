// The default theme with the filing footer at the bottom of every page. Pages are pre-rendered in Node with the
// plain, compliant links inside the tag (renderBadgeHTML, so they work without JavaScript); the element is imported
// on the client only and upgrades them once the page loads.
import DefaultTheme from 'vitepress/theme';
import { h } from 'vue';
import { renderBadgeHTML } from 'beian-elements/core';

const numbers = { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' };

export default {
  extends: DefaultTheme,
  Layout: () => h(DefaultTheme.Layout, null, {
    'layout-bottom': () => h('beian-badge', { ...numbers, innerHTML: renderBadgeHTML({ ...numbers, element: false }) }),
  }),
  enhanceApp() {
    if (!import.meta.env.SSR) void import('beian-elements/beian-badge.js');
  },
};
