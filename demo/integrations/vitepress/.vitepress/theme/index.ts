// The default theme with the filing footer at the bottom of every page, and the query form as a component for
// Markdown. Pages are pre-rendered in Node with the plain, compliant HTML of beian-elements/core (renderBadgeHTML
// and renderQueryHTML, so they work without JavaScript); the elements are imported on the client only and upgrade
// it once the page loads.
import DefaultTheme from 'vitepress/theme';
import { useData, type Theme } from 'vitepress';
import { defineComponent, h, onMounted } from 'vue';
import { renderBadgeHTML, renderQueryHTML } from 'beian-elements/core';

const numbers = { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' };

/**
 * `<BeianQuery />` in a page's Markdown: the public query form, asking the lookup service of the `lookup` prop or
 * else the site's `<meta name="beian-lookup">` (in `.vitepress/config.mts`). Its props are the element's
 * attributes: `lookup`, `lang` (default: the page's language), `mode` (`icp` or `psb`), `type` (`web`, `app`,
 * `miniapp`, `quickapp`) and `url-state`. What visitors without JavaScript see, links to the official query sites,
 * is pre-rendered; the element's script is loaded in the browser, by the pages that show a form.
 */
const BeianQuery = defineComponent({
  name: 'BeianQuery',
  props: { lookup: String, lang: String, mode: String, type: String, urlState: Boolean },
  setup(props) {
    const { lang } = useData();
    onMounted(() => void import('beian-elements/beian-query.js'));
    return () =>
      h('div', { class: 'beian-query', innerHTML: renderQueryHTML({ ...props, lang: props.lang ?? lang.value }) });
  },
});

export default {
  extends: DefaultTheme,
  Layout: () =>
    h(DefaultTheme.Layout, null, {
      'layout-bottom': () =>
        h('beian-badge', { ...numbers, innerHTML: renderBadgeHTML({ ...numbers, element: false }) }),
    }),
  enhanceApp({ app }) {
    app.component('BeianQuery', BeianQuery);
    if (!import.meta.env.SSR) void import('beian-elements/beian-badge.js');
  },
} satisfies Theme;
