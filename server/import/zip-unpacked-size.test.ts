import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipUnpackedSize } from './zip-unpacked-size.ts';

describe('zipUnpackedSize', () => {
  it('adds up the declared sizes of the entries', async () => {
    const zip = new JSZip();
    zip.file('a.xml', 'x'.repeat(1000));
    zip.file('b.xml', 'y'.repeat(500));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(zipUnpackedSize(bytes)).toBe(1500);
  });

  it('sees a small archive that unpacks to a lot', async () => {
    const zip = new JSZip();
    zip.file('bomb.xml', '0'.repeat(8 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect(zipUnpackedSize(bytes)).toBe(8 * 1024 * 1024);
  });

  it('answers null for what is not a zip', () => {
    expect(zipUnpackedSize(new TextEncoder().encode('PK\u0003\u0004 not really a zip at all'))).toBeNull();
    expect(zipUnpackedSize(new Uint8Array(0))).toBeNull();
  });
});
