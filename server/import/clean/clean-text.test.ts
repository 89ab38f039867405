import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text.ts';

const PAGE_BREAK = [
  '80/7. Report of the International Atomic Energy Agency',
  '',
  '2. Takes note of resolutions GC(69)/RES/7, entitled “Nuclear and radiation',
  'safety”; GC(69)/RES/13, entitled “Implementation of the NPT safeguards agreement',
  '_______________',
  '',
  '1 See A/80/348.',
  '',
  'A/RES/80/7',
  'Report of the International Atomic Energy Agency',
  '',
  '25-18769',
  '2/2',
  '',
  'between the Agency and the Democratic People’s Republic of Korea”;',
].join('\r\n');

describe('cleanText', () => {
  it('joins a paragraph over a page break, leaving out the page’s footnote and furniture', () => {
    const pieces = cleanText(PAGE_BREAK);
    expect(pieces.filter((p) => p.kind === 'paragraph').map((p) => p.kind === 'paragraph' && p.paragraph.text)).toEqual(
      [
        '80/7. Report of the International Atomic Energy Agency',
        '2. Takes note of resolutions GC(69)/RES/7, entitled “Nuclear and radiation safety”; GC(69)/RES/13, entitled “Implementation of the NPT safeguards agreement between the Agency and the Democratic People’s Republic of Korea”;',
      ],
    );
  });

  it('keeps each line left out, with why, after the paragraph it stood in', () => {
    expect(cleanText(PAGE_BREAK).flatMap((p) => (p.kind === 'dropped' ? [[p.reason, p.text]] : []))).toEqual([
      ['footnote', '1 See A/80/348.'],
      ['document-symbol', 'A/RES/80/7'],
      ['running-header', 'Report of the International Atomic Energy Agency'],
      ['job-number', '25-18769'],
      ['page-number', '2/2'],
    ]);
  });

  it('reads a number Word saved with a tab as a paragraph number, not a table row', () => {
    const pieces = cleanText('1.\tDecides to act;\r\n2.\tRequests the report.');
    expect(pieces.map((p) => p.kind === 'paragraph' && p.paragraph.text)).toEqual([
      '1. Decides to act;',
      '2. Requests the report.',
    ]);
  });

  it('takes footnote markers out of the words they follow', () => {
    const pieces = cleanText('Having received the report for 2024,1\n\n---\n\n1 See A/80/348.');
    expect(pieces[0]?.kind === 'paragraph' && pieces[0].paragraph.text).toBe('Having received the report for 2024,');
  });
});
