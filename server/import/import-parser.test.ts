import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { buildDocx } from '../testing/build-docx.ts';
import { readFixture } from '../testing/fixtures.ts';
import { docxToText } from './docx-to-text.ts';
import {
  ImportBusyError,
  ImportParser,
  ImportTimeoutError,
  ImportTooLargeError,
  ImportUnreadableError,
} from './import-parser.ts';
import { parseImport } from './parse/parse-import.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const parsers: ImportParser[] = [];
afterEach(async () => {
  for (const parser of parsers.splice(0)) await parser.close();
});

function parser(options: { timeoutMs?: number; maxQueued?: number } = {}): ImportParser {
  const created = new ImportParser({ logger: quiet, ...options });
  parsers.push(created);
  return created;
}

describe('the import parser in its worker thread', () => {
  it('answers exactly what the parser answers in-process', async () => {
    const text = readFixture('admm-plus-2025-joint-statement.txt').toString('utf8');
    expect(await parser().parse(text)).toEqual(parseImport(text));
  });

  it('reads texts sent at once one after the other, each getting its own answer', async () => {
    const reader = parser();
    const texts = ['1. One.\n2. Two.', 'RECOGNISING x;\nWE HEREBY COMMIT TO:\nCOMMEND y.', 'Plain words.'];
    const answers = await Promise.all(texts.map((text) => reader.parse(text)));
    expect(answers).toEqual(texts.map((text) => parseImport(text)));
  });

  it('refuses a text beyond the queue as busy rather than holding it', async () => {
    const reader = parser({ maxQueued: 1 });
    const first = reader.parse('1. One.');
    const second = reader.parse('1. Two.');
    await expect(reader.parse('1. Three.')).rejects.toBeInstanceOf(ImportBusyError);
    await Promise.all([first, second]);
  });

  it('gives up a text that takes too long, and goes on to the next one instead of hanging', async () => {
    // One millisecond is less than a worker takes to start: every text here times out.
    const reader = parser({ timeoutMs: 1 });
    const first = reader.parse('1. One.');
    const second = reader.parse('1. Two.');
    await expect(first).rejects.toBeInstanceOf(ImportTimeoutError);
    await expect(second).rejects.toBeInstanceOf(ImportTimeoutError);
  });

  it('unpacks and reads a .docx in the worker, as it would in-process', async () => {
    const bytes = await buildDocx([
      { text: 'Joint Statement' },
      { text: 'RECOGNISING x;' },
      { text: 'WE HEREBY COMMIT TO:' },
    ]);
    expect(await parser().parseDocx(bytes)).toEqual(parseImport(await docxToText(bytes)));
  });

  it('says a zip without a Word document in it is unreadable', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hello');
    await expect(parser().parseDocx(await zip.generateAsync({ type: 'uint8array' }))).rejects.toBeInstanceOf(
      ImportUnreadableError,
    );
  });

  it('survives a .docx whose zip lies about how much it unpacks to, and goes on reading', async () => {
    const reader = parser({ timeoutMs: 30_000 });
    const answer = await reader.parseDocx(await lyingBomb()).then(
      () => 'read',
      (error: unknown) =>
        error instanceof ImportTooLargeError || error instanceof ImportUnreadableError ? 'refused' : `${error}`,
    );
    expect(answer).toBe('refused');
    expect(await reader.parse('1. One.')).toEqual(parseImport('1. One.'));
  }, 60_000);
});

/** A .docx whose document part inflates to 400 MB while its zip directory says 1 KB. */
async function lyingBomb(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', new Uint8Array(400 * 1024 * 1024).fill(0x20));
  const bytes = await zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 1 },
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Rewrite the declared uncompressed size in every header that names it: local and central.
  for (let i = 0; i + 46 < bytes.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && view.getUint32(i + 22, true) > 1024 * 1024) view.setUint32(i + 22, 1024, true);
    if (signature === 0x02014b50 && view.getUint32(i + 24, true) > 1024 * 1024) view.setUint32(i + 24, 1024, true);
  }
  return bytes;
}
