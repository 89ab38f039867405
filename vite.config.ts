import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The client lives in client/ and is built into dist/client, which the server serves. */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
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
