import { describe, expect, it } from 'vitest';
import { findPageFurniture } from './find-page-furniture.ts';
import { readSourceLines } from './source-line.ts';

const furniture = (text: string) => {
  const lines = readSourceLines(text);
  return [...findPageFurniture(lines, new Set()).entries()].map(([i, reason]) => [lines[i]?.raw, reason]);
};

describe('findPageFurniture', () => {
  it('finds page numbers in their usual forms', () => {
    expect(furniture('One.\n\nPage 2 of 9\n\nTwo.\n\n- 3 -\n\nThree.\n\n4/9\n\nFour.\n\n5\n\nFive.')).toEqual([
      ['Page 2 of 9', 'page-number'],
      ['- 3 -', 'page-number'],
      ['4/9', 'page-number'],
      ['5', 'page-number'],
    ]);
  });

  it('finds UN job numbers, bar codes and document symbols standing alone', () => {
    expect(furniture('Text.\n\n25-18769 (E)\n*2518769*\nA/RES/80/7\nS/RES/2719 (2023)\n\nMore text.')).toEqual([
      ['25-18769 (E)', 'job-number'],
      ['*2518769*', 'job-number'],
      ['A/RES/80/7', 'document-symbol'],
      ['S/RES/2719 (2023)', 'document-symbol'],
    ]);
  });

  it('finds a running header made of the symbol and the title', () => {
    expect(
      furniture('of 12 November\n\nA/RES/80/4 Necessity of ending the embargo\n\n1996, 52/10 of 5 November'),
    ).toEqual([['A/RES/80/4 Necessity of ending the embargo', 'running-header']]);
  });

  it('finds a running header that stands alone between blank lines but breaks a sentence', () => {
    const text =
      'Joint Communiqué\n\nThe Ministers met in\n\nJoint Communiqué of the Meeting\n\nJakarta and agreed.\n\nThey also\n\nJoint Communiqué of the Meeting\n\nnoted the report.';
    expect(furniture(text)).toEqual([
      ['Joint Communiqué of the Meeting', 'running-header'],
      ['Joint Communiqué of the Meeting', 'running-header'],
    ]);
  });

  it('keeps a heading that recurs between finished paragraphs', () => {
    const text = 'Discussion\n\nThe first talk.\n\nDiscussion\n\nThe second talk.\n\nDiscussion\n\nThe third talk.';
    expect(furniture(text)).toEqual([]);
  });

  it('keeps the title at the top when it is also the running header', () => {
    const text = 'Chair’s Statement\n\nThe Chair noted\n\n2\n\nChair’s Statement\n\nthe progress made.';
    expect(furniture(text)).toEqual([
      ['2', 'page-number'],
      ['Chair’s Statement', 'running-header'],
    ]);
  });

  it('finds separators and the marks of an exported copy', () => {
    expect(furniture('Text.\n\n\\###\n\n> DRAFT — not adopted')).toEqual([
      ['\\###', 'separator'],
      ['> DRAFT — not adopted', 'export-marker'],
    ]);
  });
});
