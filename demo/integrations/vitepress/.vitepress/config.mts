import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'VitePress 示例站',
  lang: 'zh-CN',
  head: [
    ['link', { rel: 'icon', href: 'data:,' }],
    // The lookup service the <BeianQuery /> form asks (`beian serve`, or the edge worker), on every page.
    ['meta', { name: 'beian-lookup', content: 'https://beian-lookup.example.com/v1' }],
  ],
  themeConfig: { nav: [{ text: '备案查询', link: '/query' }] },
  vue: {
    // <beian-badge> and <beian-query> are custom elements, not Vue components.
    template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('beian-') } },
  },
});
