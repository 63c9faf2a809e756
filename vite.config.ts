import { defineConfig } from 'vite';

// `vite build`: the browser/library entries, one module per source file so `sideEffects` stays precise.
// `vite build --mode cli`: the `beian` command for Node, with its dependencies left to node_modules.
export default defineConfig(({ mode }) =>
  mode === 'cli'
    ? {
        build: {
          ssr: 'src/cli/beian.ts',
          target: 'node20',
          outDir: 'dist/cli',
          emptyOutDir: false,
          sourcemap: true,
          rolldownOptions: { output: { entryFileNames: '[name].js' } },
        },
      }
    : {
        build: {
          lib: { entry: ['src/index.ts', 'src/core/index.ts'], formats: ['es'] },
          target: 'es2022',
          sourcemap: true,
          outDir: 'dist',
          emptyOutDir: true,
          copyPublicDir: false,
          rolldownOptions: {
            external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/],
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      },
);
