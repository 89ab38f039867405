import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/**
 * Serves the built client: its assets, and its index.html for the room's addresses
 * (`/drafts/:id`, `/import`), which the client routes itself.
 */
export function registerClientRoutes(app: Hono, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readFileSync(indexFile, 'utf8');
  app.use('/assets/*', serveStatic({ root: clientDir }));
  app.get('/', (c) => c.html(index));
  app.get('/drafts/:id', (c) => c.html(index));
  app.get('/import', (c) => c.html(index));
  app.get('/favicon.svg', serveStatic({ root: clientDir }));
}
