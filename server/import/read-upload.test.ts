import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../testing/build-docx.ts';
import { readFixture } from '../testing/fixtures.ts';
import { readUpload, type UploadText } from './read-upload.ts';

const admmPlus = readFixture('admm-plus-2025-joint-statement.txt');
const encode = (text: string) => new TextEncoder().encode(text);
const upload = (name: string, bytes: Uint8Array, type = '') => readUpload({ name, type, bytes });

function expectRefused(outcome: UploadText, status: number, code: string): string {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return '';
  expect([outcome.status, outcome.code]).toEqual([status, code]);
  return outcome.message;
}

describe('readUpload', () => {
  it('reads a .txt as UTF-8', async () => {
    expect(await upload('statement.txt', new Uint8Array(admmPlus))).toEqual({
      ok: true,
      text: admmPlus.toString('utf8'),
    });
  });

  it('removes a UTF-8 byte order mark', async () => {
    expect(await upload('notes.md', new Uint8Array([0xef, 0xbb, 0xbf, ...encode('# Title')]))).toEqual({
      ok: true,
      text: '# Title',
    });
  });

  it('reads UTF-16 with its byte order mark, as Notepad saves "Unicode"', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from('ASEAN’s role', 'utf16le'))]);
    expect(await upload('statement.txt', utf16)).toEqual({ ok: true, text: 'ASEAN’s role' });
  });

  it('refuses text that is not valid UTF-8, saying how to save it', async () => {
    const message = expectRefused(await upload('old.txt', new Uint8Array([0x41, 0xe9, 0x42])), 400, 'unreadable_file');
    expect(message).toMatch(/not valid UTF-8.*Save it as UTF-8/);
  });

  it('refuses binary data in a .txt', async () => {
    const message = expectRefused(await upload('image.txt', new Uint8Array([0x41, 0, 0x42])), 400, 'unreadable_file');
    expect(message).toContain('binary data');
  });

  it('refuses an empty file', async () => {
    expectRefused(await upload('empty.txt', new Uint8Array(0)), 400, 'empty_input');
  });

  it('refuses a file over 2 MB with 413', async () => {
    const message = expectRefused(
      await upload('big.txt', new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41)),
      413,
      'payload_too_large',
    );
    expect(message).toContain('2 MB');
  });

  it('refuses other types, naming the accepted ones and what to do', async () => {
    expect(expectRefused(await upload('statement.pdf', encode('%PDF-1.7')), 415, 'unsupported_file')).toMatch(
      /reads \.txt, \.md, \.markdown, \.docx.*copy the text/,
    );
    expect(expectRefused(await upload('statement.doc', encode('x')), 415, 'unsupported_file')).toContain(
      'save it as a .docx',
    );
    expectRefused(await upload('statement', encode('x')), 415, 'unsupported_file');
  });

  it('goes by the content type when the name has no extension', async () => {
    expect(await upload('pasted', encode('text'), 'text/plain; charset=utf-8')).toEqual({ ok: true, text: 'text' });
  });

  it('hands a .docx on unread, for the import worker to open', async () => {
    const bytes = await buildDocx([{ text: 'Joint Statement' }, { text: 'WE HEREBY COMMIT TO:' }]);
    expect(await upload('statement.docx', bytes)).toEqual({ ok: true, docx: bytes, name: 'statement.docx' });
  });

  it('refuses a .docx that is not a zip', async () => {
    const message = expectRefused(await upload('fake.docx', encode('not a zip')), 400, 'unreadable_file');
    expect(message).toContain('not a readable .docx');
  });

  it('refuses, before unpacking anything, a small .docx whose text parts unpack to more than 16 MB', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', ' '.repeat(17 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(expectRefused(await upload('bomb.docx', bytes), 413, 'payload_too_large')).toContain('16 MB');
  });

  it('does not count the pictures of a .docx, which are not read', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    zip.file('word/media/photo.png', new Uint8Array(17 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await upload('photos.docx', bytes)).toMatchObject({ ok: true });
  });
});
