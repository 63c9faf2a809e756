import { defineConfig, type Plugin } from 'vite';
import { POLICE_ICON as I } from './src/core/icon.js';
import { datasetJsonSchema } from './src/server/dataset/file.js';

/**
 * Collapses comments and whitespace inside the css`` templates of `*.styles.ts`: Lit ships styles as written,
 * and every byte counts against the badge's size budget.
 */
export function minifyCssTemplates(): Plugin {
  return {
    name: 'beian:minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return code.replace(
        /css`([^`]*)`/g,
        (_, body: string) =>
          `css\`${body
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/([{;])\s*([\w-]+):\s*/g, '$1$2:')
            .replace(/;}/g, '}')
            .replace(/\[([\w-]+[~|^$*]?=)'([a-z][\w-]*)'\]/g, '[$1$2]')
            .replace(/([\s:(,-])0\.(\d)/g, '$1.$2')
            .trim()}\``,
      );
    },
  };
}

/** dist/cdn/police.svg: our icon as a file, for server templates that print an <img> (the WordPress plugin). */
function policeIconFile(): Plugin {
  return {
    name: 'beian:police-icon-file',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'police.svg',
        source: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${I.viewBox}"><path d="${I.shield}" fill="${I.blue}" stroke="${I.rim}" stroke-width="1.5"/><path d="${I.star}" fill="${I.gold}"/></svg>\n`,
      });
    },
  };
}

/** dist/dataset.schema.json: the dataset format as a JSON Schema, generated from its one definition. */
function datasetSchemaFile(): Plugin {
  return {
    name: 'beian:dataset-schema-file',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'dataset.schema.json',
        source: `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`,
      });
    },
  };
}

/** Single-file bundles for sites that self-host one script (many China-facing sites cannot rely on foreign CDNs). */
const CLASSIC = ['cdn:footer', 'cdn:query'];
const CDN: Record<string, string> = {
  'cdn:badge': 'src/beian-badge.ts',
  'cdn:query': 'src/beian-query.ts',
  'cdn:all': 'src/beian-elements.ts',
  'cdn:footer': 'src/beian-footer.ts',
};

// `vite build`: the library entries, one module per source file so `sideEffects` stays precise.
// `vite build --mode cdn:badge|cdn:query|cdn:all`: dist/cdn/*.js, Lit and everything inlined, lazy parts included.
// The footer's and the query form's are classic scripts (IIFEs), for boxes that take a plain <script src> or
// JavaScript code; they run as type="module" too. Each names its own global (`beian`, with `beian.mount`, and
// `beianQuery`), so loading both keeps both.
// `vite build --mode cli`: the `beian` command for Node and the edge entry of the lookup server, with their
// dependencies left to node_modules.
export default defineConfig(({ mode }) =>
  CDN[mode]
    ? {
        plugins: [minifyCssTemplates(), ...(mode === 'cdn:badge' ? [policeIconFile()] : [])],
        build: {
          target: 'es2022',
          outDir: 'dist/cdn',
          emptyOutDir: false,
          copyPublicDir: false,
          modulePreload: false,
          rolldownOptions: {
            input: CDN[mode],
            preserveEntrySignatures: 'exports-only',
            // Vite's dynamic-import helper reads import.meta, which a classic script has not; with the lazy parts
            // inlined and no module preload, the helper's fallback (a plain import of an inlined chunk) is all it runs.
            ...(CLASSIC.includes(mode) ? { transform: { define: { 'import.meta': '{}' } } } : {}),
            output: CLASSIC.includes(mode)
              ? {
                  format: 'iife',
                  name: mode === 'cdn:footer' ? 'beian' : 'beianQuery',
                  entryFileNames: '[name].js',
                  codeSplitting: false,
                }
              : { format: 'es', entryFileNames: '[name].js', codeSplitting: false },
          },
        },
      }
    : mode === 'cli'
      ? {
          plugins: [datasetSchemaFile()],
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
            lib: {
              entry: [
                'src/index.ts',
                'src/core/index.ts',
                'src/beian-badge.ts',
                'src/beian-query.ts',
                'src/beian-elements.ts',
                'src/beian-footer.ts',
                'src/react/index.ts',
              ],
              formats: ['es'],
            },
            target: 'es2022',
            sourcemap: true,
            outDir: 'dist',
            emptyOutDir: true,
            copyPublicDir: false,
            rolldownOptions: {
              external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^react($|\/)/],
              output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
            },
          },
        },
);
