// Two outputs from one command (`vite build --config widget/vite.config.ts`):
//  1. the panel chunk — an ES module with a content hash, dist/widget/assets/panel-<hash>.js,
//     served long-cached at /widget/assets/…;
//  2. the loader — dist/widget/widget.js, a classic IIFE script with a stable name, served at
//     /widget.js. It is built after (1) by a nested build, so the panel's hashed file name can
//     be compiled into it. A single Rollup graph cannot do this: an IIFE cannot code-split, and
//     an ES entry would make customers use type="module".
// The loader resolves the chunk against its own script URL ('widget/assets/…' relative to
// https://HOST/widget.js), which is why hosts on any origin load chunks from our server.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(here, '../dist/widget');
const VERSION = '0.1.0';
const target = 'es2020';

function loaderBuild(): Plugin {
  let panelFile: string | null = null;
  return {
    name: 'phoenix-chat-loader',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.name === 'panel') panelFile = chunk.fileName;
      }
    },
    async closeBundle() {
      if (!panelFile) throw new Error('panel chunk not found in the bundle');
      await build({
        configFile: false,
        root: here,
        logLevel: 'warn',
        publicDir: false,
        define: {
          __PHX_PANEL__: JSON.stringify(`widget/${panelFile}`),
          __PHX_VERSION__: JSON.stringify(VERSION),
        },
        build: {
          outDir,
          emptyOutDir: false,
          target,
          minify: true,
          reportCompressedSize: false,
          lib: {
            entry: resolve(here, 'loader.ts'),
            formats: ['iife'],
            // Required by IIFE builds; the loader exports nothing, so no global is created.
            name: 'PhoenixChatLoader',
            fileName: () => 'widget.js',
          },
        },
      });
    },
  };
}

/**
 * Lit keeps a few things on globals: its versions (`litHtmlVersions`, …, to detect duplicate
 * copies) and `litPropertyMetadata` (for standard decorators, which we do not use). On a
 * customer's page those are globals we promised not to create, so the panel build rewrites
 * them: version pushes become `void 0`, and the metadata map becomes a module-local WeakMap.
 * The browser test asserts the result (no window keys besides PhoenixChat).
 */
function noLitGlobals(): Plugin {
  const VERSIONS = /\(\w+\.(?:litHtml|reactiveElement|litElement)Versions\?\?=\[\]\)\.push\("[^"]*"\)/g;
  const META_INIT = /\w+\.litPropertyMetadata\?\?=new WeakMap/g;
  const META_USE = /(?<![\w.$])litPropertyMetadata\b/g;
  return {
    name: 'phoenix-chat-no-lit-globals',
    apply: 'build',
    transform(code, id) {
      if (!/node_modules[\\/](lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id)) return null;
      if (!code.includes('Versions') && !code.includes('litPropertyMetadata')) return null;
      let out = code.replace(VERSIONS, 'void 0');
      if (META_INIT.test(out)) out = `const __phxLitMeta = new WeakMap();\n${out.replace(META_INIT, 'void 0').replace(META_USE, '__phxLitMeta')}`;
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  root: here,
  // Lit's exports map picks its dev build (warnings, extra globals) under the `development`
  // condition, which Vite would use if NODE_ENV is not 'production' (e.g. under `bun test`).
  resolve: { conditions: ['module', 'browser', 'production'] },
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    target,
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { panel: resolve(here, 'panel.ts') },
      // Keep `mountPanel` exported: the loader imports the chunk by URL at run time.
      preserveEntrySignatures: 'strict',
      // shared/protocol builds its frame validators at module top level; the widget imports only
      // constants and types from there, so tell the bundler those builder calls are pure.
      treeshake: { manualPureFunctions: ['byType', 'object', 'str', 'int', 'optional', 'array', 'oneOf', 'literal'] },
      output: {
        format: 'es',
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
      },
    },
  },
  plugins: [noLitGlobals(), loaderBuild()],
});
