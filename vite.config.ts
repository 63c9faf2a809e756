import { defineConfig, type Plugin } from 'vite';

/**
 * Collapses comments and whitespace inside the css`` templates of `*.styles.ts`: Lit ships styles as written,
 * and every byte counts against the badge's size budget.
 */
export function minifyCssTemplates(): Plugin {
  return {
    name: 'beian:minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return code.replace(/css`([^`]*)`/g, (_, body: string) => `css\`${body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/([{;])\s*([\w-]+):\s*/g, '$1$2:')
        .replace(/;}/g, '}')
        .trim()}\``);
    },
  };
}

// `vite build`: the library entries, one module per source file so `sideEffects` stays precise.
// `vite build --mode cli`: the `beian` command for Node and the edge entry of the lookup server, with their
// dependencies left to node_modules.
export default defineConfig(({ mode }) =>
  mode === 'cli'
    ? {
        build: {
          ssr: true,
          target: 'es2022',
          outDir: 'dist',
          emptyOutDir: false,
          sourcemap: true,
          rolldownOptions: {
            input: { 'cli/beian': 'src/cli/beian.ts', 'server/worker': 'src/server/worker.ts' },
            output: { entryFileNames: '[name].js', chunkFileNames: 'server/[name]-[hash].js' },
          },
        },
      }
    : {
        plugins: [minifyCssTemplates()],
        build: {
          lib: { entry: ['src/index.ts', 'src/core/index.ts', 'src/beian-badge.ts', 'src/beian-query.ts'], formats: ['es'] },
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
