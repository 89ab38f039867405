import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDirectory } from './server/routes/asset-compression.ts';

/**
 * Writes the .br and .gz of each built file beside it, at brotli's best quality (too slow to do
 * as a browser waits), for the server to send as they are (server/routes/client-routes.ts).
 */
function precompress(): Plugin {
  return {
    name: 'mufakat-precompress',
    apply: 'build',
    async writeBundle(output) {
      if (output.dir !== undefined) await precompressDirectory(output.dir);
    },
  };
}

/** The client lives in client/ and is built into dist/client, which the server serves. */
export default defineConfig({
  root: 'client',
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The libraries (React, Lexical, Yjs, zod: some 680 KB) in a chunk of their own, whose name
        // changes only when they do: after a deploy of Mufakat's own code a browser fetches its
        // ~100 KB again, and keeps the rest from its cache (the assets are cached as immutable).
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    // `npm run dev`: the API and the collaboration socket come from `npm start` on 8080.
    proxy: {
      '/api': 'http://localhost:8080',
      '/join': 'http://localhost:8080',
      '/collab': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
