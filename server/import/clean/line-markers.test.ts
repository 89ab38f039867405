import { describe, expect, it } from 'vitest';
import { endsSentence, isSubItem, isTableRow, readParagraphNumber } from './line-markers.ts';

describe('readParagraphNumber', () => {
  it('reads "12." and "12)" and "(12)"', () => {
    expect(readParagraphNumber('12. The meeting')).toEqual({ number: 12, rest: 'The meeting', bare: false });
    expect(readParagraphNumber('12) The meeting')).toEqual({ number: 12, rest: 'The meeting', bare: false });
    expect(readParagraphNumber('(12) The meeting')).toEqual({ number: 12, rest: 'The meeting', bare: false });
  });

  it('reads a number without a dot as bare', () => {
    expect(readParagraphNumber('3 The meeting')).toEqual({ number: 3, rest: 'The meeting', bare: true });
  });

  it('reads a number standing alone on its line', () => {
    expect(readParagraphNumber('7.')).toEqual({ number: 7, rest: '', bare: false });
  });

  it('does not read dates, ranges and figures as paragraph numbers', () => {
    expect(readParagraphNumber('17 June 2025')).toBeNull();
    expect(readParagraphNumber('4 – 7 November 2024')).toBeNull();
    expect(readParagraphNumber('1.5 million people')).toBeNull();
    expect(readParagraphNumber('50 per cent of')).toBeNull();
  });
});

describe('isSubItem', () => {
  it('recognises lettered, roman and decimal sub-items', () => {
    for (const text of ['a. First', 'b) Second', '(c) Third', 'aa. More', 'iv. Fourth', '(ii) Second', '1.1 Sub']) {
      expect(isSubItem(text), text).toBe(true);
    }
  });

  it('does not take "e.g." or a sentence for a sub-item', () => {
    expect(isSubItem('e.g. the ADMM')).toBe(false);
    expect(isSubItem('a meeting')).toBe(false);
  });
});

describe('isTableRow', () => {
  it('recognises tab-separated cells and Markdown rows', () => {
    expect(isTableRow('Date\tActivity')).toBe(true);
    expect(isTableRow('| Date | Activity |')).toBe(true);
    expect(isTableRow('Date Activity')).toBe(false);
  });
});

describe('endsSentence', () => {
  it('sees sentence ends behind closing quotes', () => {
    expect(endsSentence('as agreed.”')).toBe(true);
    expect(endsSentence('WE HEREBY COMMIT TO:')).toBe(true);
    expect(endsSentence('supports ASEAN')).toBe(false);
  });
});
