import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ErrorCode } from '../../shared/errors.ts';
import { ImportFileTypes, ImportLimits, ImportRequest } from '../../shared/schemas/import.ts';
import { HttpError, parseOr400, readJson } from '../http-error.ts';
import {
  ImportBusyError,
  type ImportParser,
  ImportTimeoutError,
  ImportTooLargeError,
  ImportUnreadableError,
} from '../import/import-parser.ts';
import { docxTooLarge, notADocx, readUpload } from '../import/read-upload.ts';

export interface ImportRouteDeps {
  parser: ImportParser;
  /** Reading a text to start a draft from is the operator's, as creating one is. */
  operator: MiddlewareHandler;
}

const MEGABYTES = `${ImportLimits.maxBytes / (1024 * 1024)} MB`;
const TOO_LARGE = `The text or file is larger than ${MEGABYTES}, the most an import reads. Split it and import the parts.`;

/**
 * Twice the import limit: JSON escapes and multipart framing add to the text, and the exact
 * limit is checked on the text or file itself. Anything beyond is refused before it is read.
 */
const limitBody = bodyLimit({
  maxSize: ImportLimits.maxBytes * 2,
  onError: () => {
    throw new HttpError(413, ErrorCode.payloadTooLarge, TOO_LARGE);
  },
});

/**
 * `POST /api/import`: reads a pasted text (JSON `{ text }`) or an uploaded file (multipart, field
 * `file`: .txt, .md or .docx) and answers the structure it recognises. It creates nothing: the
 * person checks the structure and then creates the draft with `POST /api/drafts`.
 */
export function registerImportRoutes(app: Hono, deps: ImportRouteDeps): void {
  app.post('/api/import', deps.operator, limitBody, async (c) => {
    const input = await requestInput(c);
    const outcome = await parseOffTheLoop(deps.parser, input);
    if (!outcome.ok) throw new HttpError(400, ErrorCode.emptyInput, outcome.error.message);
    return c.json(outcome.result, 200);
  });
}

/** A text to read, or a .docx for the worker to unpack first. */
type ImportInput = { text: string } | { docx: Uint8Array; name: string };

async function parseOffTheLoop(parser: ImportParser, input: ImportInput) {
  try {
    return 'text' in input ? await parser.parse(input.text) : await parser.parseDocx(input.docx);
  } catch (err: unknown) {
    if (err instanceof ImportTooLargeError && 'docx' in input) {
      throw new HttpError(413, ErrorCode.payloadTooLarge, docxTooLarge(input.name));
    }
    if (err instanceof ImportUnreadableError && 'docx' in input) {
      throw new HttpError(400, ErrorCode.unreadableFile, `${notADocx(input.name)} (${err.message})`);
    }
    if (err instanceof ImportBusyError) {
      throw new HttpError(503, ErrorCode.busy, 'Mufakat is reading other imports just now. Try again in a moment.');
    }
    if (err instanceof ImportTimeoutError) {
      throw new HttpError(
        422,
        ErrorCode.tooComplex,
        'This text took too long to read. Import it in parts, or paste it as plain text.',
      );
    }
    throw err;
  }
}

async function requestInput(c: Context): Promise<ImportInput> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return uploadedInput(c);
  if (type.startsWith('application/json')) {
    const { text } = parseOr400(ImportRequest, await readJson(c), 'import request');
    if (Buffer.byteLength(text, 'utf8') > ImportLimits.maxBytes)
      throw new HttpError(413, ErrorCode.payloadTooLarge, TOO_LARGE);
    return { text };
  }
  throw new HttpError(
    415,
    ErrorCode.unsupportedFile,
    `Send the text as JSON { "text": "..." }, or upload a file (${ImportFileTypes.join(', ')}) as multipart/form-data in a field named "file".`,
  );
}

async function uploadedInput(c: Context): Promise<ImportInput> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch (err: unknown) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(
      400,
      ErrorCode.invalidRequest,
      'The upload could not be read as multipart/form-data. Try again.',
    );
  }
  const file = body.file;
  if (!(file instanceof Blob)) {
    throw new HttpError(400, ErrorCode.invalidRequest, 'Attach the file in a form field named "file".');
  }
  const name = file instanceof File ? file.name : '';
  const outcome = readUpload({ name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
  if (!outcome.ok) throw new HttpError(outcome.status, outcome.code, outcome.message);
  return 'text' in outcome ? { text: outcome.text } : { docx: outcome.docx, name: outcome.name };
}
