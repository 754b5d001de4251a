import { defineConfig } from 'vite';

/**
 * The reference site: TypeScript, no framework, built into public/site/ where Strapi serves it at /site/.
 * Each page type is its own chunk, loaded when first visited: the first view carries only what it shows.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/site/',
  build: {
    outDir: '../public/site',
    emptyOutDir: true,
    target: 'es2022',
    // No inline module-preload polyfill: the site's Content-Security-Policy refuses inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:1337', '/uploads': 'http://127.0.0.1:1337' } },
});
