import { defineConfig } from 'vite';

/**
 * The server compiled to JavaScript for `npm start`, so that production runs on plain `node`
 * rather than through tsx's loader (less memory at start, no transform at load). Dependencies
 * stay in node_modules (an SSR build leaves them external); the import worker is its own entry
 * because it runs in a worker thread from its own file.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { main: 'server/main.ts', 'import-worker': 'server/import/import-worker.ts' },
    },
  },
});
