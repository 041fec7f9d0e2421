import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { clientOperationsPlugin } from './operations-plugin.js';

// Tool config: a default export is what Vite reads.
// The browser pages the gateway serves, one folder per page (`clients/web/<page>/index.html`),
// built together so they share chunks: `dist/web/<page>/index.html` and `dist/web/assets/*`
// (content-hashed). The gateway mounts each page at `/<page>` and the chunks at `/assets`
// (gateway/static-files.ts). Nothing is loaded from a CDN: every dependency is bundled.
const here = fileURLToPath(new URL('.', import.meta.url));
const pages = Object.fromEntries(
  readdirSync(here, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(here, entry.name, 'index.html')))
    .map((entry) => [entry.name, join(here, entry.name, 'index.html')]),
);

export default defineConfig({
  root: here,
  base: '/',
  plugins: [clientOperationsPlugin()],
  logLevel: 'warn',
  build: {
    outDir: join(here, '..', '..', 'dist', 'web'),
    emptyOutDir: true,
    // The editor and chart libraries are large; the budget is watched by the benchmark instead.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: pages,
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server components; a browser bundle has
        // no server side, so the directive means nothing here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') {
          return;
        }
        warn(warning);
      },
    },
  },
});
