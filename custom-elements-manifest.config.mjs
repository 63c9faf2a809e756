// custom-elements.json from the elements' JSDoc (read by Storybook, IDEs and framework tooling).
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/words.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json names dist/custom-elements.json itself: the analyzer must not rewrite it (the manifest test
  // writes to a temporary folder, which would land in package.json).
  packagejson: false,
};
