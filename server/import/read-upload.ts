import { ErrorCode } from '../../shared/errors.ts';
import { ImportFileTypes, ImportLimits } from '../../shared/schemas/import.ts';
import { zipUnpackedSize } from './zip-unpacked-size.ts';

/** An uploaded file as the route received it. */
export interface Upload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** An upload read far enough to be imported: its text, or a .docx for the import worker to read. */
export type UploadText =
  | { ok: true; text: string }
  | { ok: true; docx: Uint8Array; name: string }
  | { ok: false; status: 400 | 413 | 415; code: ErrorCode; message: string };

/**
 * A .docx is a zip; its parts other than pictures (which are not read) may unpack to this much at
 * most, as its directory declares them. A negotiated text is well under 2 MB of text, a few times
 * that as Word's XML; a statement with 2 MB of text unpacks to well under this.
 */
export const MAX_DOCX_UNPACKED_BYTES = 16 * 1024 * 1024;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ACCEPTED = ImportFileTypes.join(', ');
const MEGABYTES = `${ImportLimits.maxBytes / (1024 * 1024)} MB`;

/** What to do with the file types people most often try instead. */
const ADVICE: Record<string, string> = {
  '.doc': 'This is the old Word format: open it in Word, save it as a .docx, and upload that.',
  '.pdf':
    'Mufakat cannot read PDF files: copy the text out of the PDF and paste it, or upload the .docx it was made from.',
  '.rtf': 'Open it in a word processor, save it as a .docx, and upload that.',
  '.odt': 'Open it in LibreOffice or Word, save it as a .docx, and upload that.',
};

/**
 * An uploaded file, read as far as the server's own thread may: a .txt or .md as UTF-8 (a byte
 * order mark removed; UTF-16 with its byte order mark, as Windows Notepad saves "Unicode", is read
 * too); a .docx only checked, by its zip directory, before the import worker opens it.
 * Refuses, with a message that says what to do: a file over 2 MB (413), a .docx whose parts
 * unpack to more than 16 MB (413, before anything is unpacked), an empty file, text that is not
 * valid UTF-8 or holds NUL bytes (binary data), what is not a zip (400), any other type (415).
 */
export function readUpload(upload: Upload): UploadText {
  const name = upload.name.split(/[\\/]/).pop() ?? '';
  if (upload.bytes.byteLength > ImportLimits.maxBytes) {
    return refuse(
      413,
      ErrorCode.payloadTooLarge,
      `“${name}” is larger than ${MEGABYTES}, the most an import reads. Split it, or remove images, and upload it again.`,
    );
  }
  if (upload.bytes.byteLength === 0)
    return refuse(400, ErrorCode.emptyInput, `“${name}” is empty: there is nothing to import.`);

  const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  const kind = fileKind(extension, upload.type);
  if (kind === 'docx') return readDocx(name, upload.bytes);
  if (kind === 'text') return readText(name, upload.bytes);
  const advice = ADVICE[extension] ?? 'Save it in one of these formats, or paste its text.';
  const what = extension === '' ? `“${name}” has no file extension` : `Mufakat cannot read ${extension} files`;
  return refuse(415, ErrorCode.unsupportedFile, `${what}; it reads ${ACCEPTED}. ${advice}`);
}

function fileKind(extension: string, type: string): 'text' | 'docx' | null {
  if (extension === '.docx') return 'docx';
  if (extension === '.txt' || extension === '.md' || extension === '.markdown') return 'text';
  if (extension !== '') return null;
  if (type === DOCX_TYPE) return 'docx';
  if (type.startsWith('text/plain') || type.startsWith('text/markdown')) return 'text';
  return null;
}

function readText(name: string, bytes: Uint8Array): UploadText {
  let text: string;
  try {
    text = decodeText(bytes);
  } catch (err: unknown) {
    const reason = err instanceof Error ? err.message : String(err);
    return refuse(
      400,
      ErrorCode.unreadableFile,
      `“${name}” is not valid UTF-8 text (${reason}). Save it as UTF-8 (in Word: Save As › Plain Text › Unicode (UTF-8)) and upload it again, or paste its text.`,
    );
  }
  if (text.includes('\u0000')) {
    return refuse(
      400,
      ErrorCode.unreadableFile,
      `“${name}” holds binary data, not text. Upload the text itself as a .txt or .md file, or a .docx.`,
    );
  }
  return { ok: true, text };
}

/** UTF-8 (its byte order mark removed), or UTF-16 when a UTF-16 byte order mark says so. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** What a person is told about a .docx that cannot be read. */
export function notADocx(name: string): string {
  return `“${name}” is not a readable .docx file. Open it in Word, save it again as a .docx, and upload that, or paste its text.`;
}

/** What a person is told about a .docx too large to read. */
export function docxTooLarge(name: string): string {
  return `“${name}” unpacks to more than ${MAX_DOCX_UNPACKED_BYTES / (1024 * 1024)} MB, far more than a statement needs. Remove embedded files, or paste its text.`;
}

function readDocx(name: string, bytes: Uint8Array): UploadText {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const unpacked = isZip ? zipUnpackedSize(bytes, (entry) => !/^word\/media\//.test(entry)) : null;
  if (unpacked === null) return refuse(400, ErrorCode.unreadableFile, notADocx(name));
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) return refuse(413, ErrorCode.payloadTooLarge, docxTooLarge(name));
  return { ok: true, docx: bytes, name };
}

function refuse(status: 400 | 413 | 415, code: ErrorCode, message: string): UploadText {
  return { ok: false, status, code, message };
}
