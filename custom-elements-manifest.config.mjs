// custom-elements.json from the elements' JSDoc (read by Storybook, IDEs and framework tooling).
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/words.ts'],
  outdir: 'dist',
  litelement: true,
};
