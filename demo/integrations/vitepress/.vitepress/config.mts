import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'VitePress 示例站',
  lang: 'zh-CN',
  head: [['link', { rel: 'icon', href: 'data:,' }]],
  vue: {
    // <beian-badge> is a custom element, not a Vue component.
    template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('beian-') } },
  },
});
