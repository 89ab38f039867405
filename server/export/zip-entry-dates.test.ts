import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { setZipEntryDates } from './zip-entry-dates.ts';

async function zipOf(files: Record<string, string>, date: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(files)) zip.file(path, text, { date });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('setZipEntryDates', () => {
  it('dates every entry, local header and central directory alike, in UTC', async () => {
    const bytes = await zipOf({ 'a.txt': 'alpha', 'dir/b.xml': '<b/>' }, new Date('2001-02-03T04:05:06Z'));
    const stamped = setZipEntryDates(bytes, new Date('2025-11-01T07:30:58Z'));
    const zip = await JSZip.loadAsync(stamped);
    const dates = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.date.toISOString());
    expect(dates).toEqual(['2025-11-01T07:30:58.000Z', '2025-11-01T07:30:58.000Z']);
    expect(await zip.file('a.txt')?.async('string')).toBe('alpha');
    // The local headers too: a time at byte 10 of the first entry.
    const view = new DataView(stamped.buffer, stamped.byteOffset);
    expect(view.getUint16(10, true)).toBe((7 << 11) | (30 << 5) | 29);
  });

  it('makes two zips of the same content taken at different times identical', async () => {
    const at = new Date('2025-11-01T07:30:00Z');
    const first = setZipEntryDates(await zipOf({ 'x.txt': 'same' }, new Date('2020-01-01T00:00:00Z')), at);
    const second = setZipEntryDates(await zipOf({ 'x.txt': 'same' }, new Date('2024-06-30T12:34:56Z')), at);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('refuses bytes that are not a zip file', () => {
    expect(() => setZipEntryDates(new TextEncoder().encode('not a zip at all, just text'), new Date())).toThrow(
      /Not a zip file/,
    );
  });
});
