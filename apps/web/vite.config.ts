import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// The API serves the build under /app/ (apps/api/src/web-static.ts); `npm run dev:web` proxies API calls to it.
const api = process.env.WAYMARK_API_URL ?? 'http://localhost:3000';
const apiRoutes = ['/auth', '/cases', '/tasks', '/sops', '/notifications', '/timeliness', '/agencies', '/health'];

export default defineConfig({
  root: __dirname,
  base: '/app/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  server: {
    fs: { allow: [resolve(__dirname, '../..')] },
    proxy: Object.fromEntries(apiRoutes.map((r) => [r, { target: api, changeOrigin: false }])),
  },
});
