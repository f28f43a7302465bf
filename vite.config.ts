import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (.br) and a gzip (.gz) twin next to every script and stylesheet of the build,
 * compressed once at their best levels, so the server sends them by the browser's Accept-Encoding
 * (`@fastify/static`'s preCompressed) without compressing per request. bench/pages.ts reads the
 * .gz sizes for the page-weight figure.
 */
function precompress(): Plugin {
  return {
    name: 'caseway-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const file = path.join(options.dir!, fileName);
        const content = fs.readFileSync(file);
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * The single-page app lives in src/web and is built into dist/web, which the server serves.
 * In development `vite` serves it and forwards /api to the server on port 3000, so cookies stay
 * same-origin exactly as in production.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react(), precompress()],
  css: {
    // Configured here rather than in postcss.config.cjs: Vite looks for that file from `root`.
    postcss: { plugins: [postcssPresetMantine()] },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // .vite/manifest.json: which files each page needs, read by bench/pages.ts.
    manifest: true,
    rolldownOptions: {
      output: {
        // React and the router change less often than the app and every page needs them: their own
        // chunk stays cached across releases. Everything else the entry needs statically (the
        // layout, i18next, TanStack Query, Mantine's core) is one "frame" chunk ($initial): left to
        // the default splitting it was 20 small files, each a request of its own. A group for all of
        // node_modules (or all of Mantine), as before, would put what only other pages use into the
        // first download; the pages' chunks share the rest by the default splitting.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/, priority: 2 },
            { name: 'frame', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
