import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = fileURLToPath(new URL('.', import.meta.url));

// Run from the repo root: `vite build --config console/vite.config.ts`.
export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
      '/ws': { target: 'http://localhost:3000', ws: true },
      '/widget.js': { target: 'http://localhost:3000' },
      '/health': { target: 'http://localhost:3000' },
    },
  },
});
