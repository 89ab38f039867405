import { parentPort } from 'node:worker_threads';
import { docxToText } from './docx-to-text.ts';
import { parseImport } from './parse/parse-import.ts';

/**
 * The import readers, off the server's event loop: 2 MB of text takes a few hundred milliseconds
 * to read and a .docx far more to unpack, which every room of the server would otherwise wait
 * for. The worker runs under a memory limit, so that a .docx whose zip lies about its sizes
 * ends this worker, not the server.
 *
 * Messages in: `{ id, text }` or `{ id, docx }`; out: `{ id, outcome }`, `{ id, unreadable }`
 * when mammoth could not read the .docx, or `{ id, error, text }` when the parser threw.
 */
parentPort?.on('message', async ({ id, text, docx }: { id: number; text?: string; docx?: Uint8Array }) => {
  let input = text;
  if (docx !== undefined) {
    try {
      input = await docxToText(docx);
    } catch (err: unknown) {
      // mammoth throws on a zip without a Word document in it, or on malformed XML.
      parentPort?.postMessage({ id, unreadable: err instanceof Error ? err.message : String(err) });
      return;
    }
  }
  try {
    parentPort?.postMessage({ id, outcome: parseImport(input ?? '') });
  } catch (err: unknown) {
    // With the text, so that the server can still answer it as plain paragraphs.
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    parentPort?.postMessage({ id, error, text: input ?? '' });
  }
});
