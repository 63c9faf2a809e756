import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default defineConfig(
  { ignores: ['dist/', 'dist-demo/', 'storybook-static/', 'coverage/', 'e2e-out/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  { languageOptions: { globals: globals.browser } },
  {
    files: [
      'src/cli/**',
      'src/server/**',
      'test/node/**',
      'test/bench/**',
      'test/e2e/**',
      'test/*.mjs',
      'demo/*.mjs',
      'demo/vite.config.ts',
      '*.config.*',
      '*.mjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Hexo runs site scripts as CommonJS, with `hexo` in scope.
    files: ['demo/integrations/hexo/scripts/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, hexo: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['test/**'], rules: { '@typescript-eslint/no-unused-expressions': 'off' } }, // chai's `.to.be.true`
  // Last: Prettier owns the layout, so no rule of the sets above may argue with it.
  prettier,
);
