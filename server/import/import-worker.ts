import { parentPort } from 'node:worker_threads';
import { parseImport } from './parse/parse-import.ts';

/**
 * The import parser, off the server's event loop: 2 MB of text takes a few hundred
 * milliseconds to read, which every room of the server would otherwise wait for.
 * Messages in: `{ id, text }`; out: `{ id, outcome }` or `{ id, error }` when the parser threw.
 */
parentPort?.on('message', ({ id, text }: { id: number; text: string }) => {
  try {
    parentPort?.postMessage({ id, outcome: parseImport(text) });
  } catch (err: unknown) {
    parentPort?.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
