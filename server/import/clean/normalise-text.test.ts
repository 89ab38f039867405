import { describe, expect, it } from 'vitest';
import { normaliseText, repairMojibake } from './normalise-text.ts';

describe('normaliseText', () => {
  it('turns Windows and old Mac line endings into newlines', () => {
    expect(normaliseText('one\r\ntwo\rthree\n')).toBe('one\ntwo\nthree\n');
  });

  it('turns a page break into a blank line', () => {
    expect(normaliseText('end of page\fnext page')).toBe('end of page\n\nnext page');
  });

  it('replaces non-breaking and typographic spaces with plain spaces', () => {
    expect(normaliseText('1\u00a0November\u202f2025')).toBe('1 November 2025');
  });

  it('removes zero-width characters, the byte order mark and soft hyphens', () => {
    expect(normaliseText('\ufeffRE\u200bCOG\u00adNISING')).toBe('RECOGNISING');
  });

  it('keeps smart quotes and dashes as written', () => {
    const text = 'ASEAN’s “ADMM-Plus” 18th – 21st';
    expect(normaliseText(text)).toBe(text);
  });

  it('keeps tabs inside a line, which separate table cells', () => {
    expect(normaliseText('Date\tActivity\tCountry')).toBe('Date\tActivity\tCountry');
  });

  it('drops control characters and trailing spaces', () => {
    expect(normaliseText('text\u0000\u0007  \nmore\t ')).toBe('text\nmore');
  });

  it('composes decomposed accents (NFC)', () => {
    expect(normaliseText('Gaite\u0301')).toBe('Gaité');
  });
});

describe('repairMojibake', () => {
  it('puts back smart quotes and dashes read with the wrong encoding', () => {
    expect(repairMojibake('the Chairâ€™s â€œtextâ€\u009d â€“ agreed')).toBe('the Chair’s “text” – agreed');
  });

  it('leaves a correctly decoded text as it is', () => {
    expect(repairMojibake('the Chair’s “text” – agreed')).toBe('the Chair’s “text” – agreed');
  });
});
