import { describe, expect, it } from 'vitest';
import { type HeadingLine, isMajorHeading, splitHeadings } from './split-headings.ts';

const line = (text: string, heading = 0): HeadingLine => ({ text, heading });

describe('splitHeadings', () => {
  it('keeps a presenter’s institution, name and post in one heading', () => {
    const block = [line('Brunei Darussalam'), line('Presentation by Mr. Abdul Malik Kamis, Acting Director')];
    expect(splitHeadings(block)).toEqual(['Brunei Darussalam\nPresentation by Mr. Abdul Malik Kamis, Acting Director']);
  });

  it('lets a session heading stand alone above the presenter’s heading', () => {
    const block = [
      line('SESSION I: Presentation on the Assessment'),
      line('Brunei Darussalam'),
      line('Presentation by Mr. A'),
    ];
    expect(splitHeadings(block)).toEqual([
      'SESSION I: Presentation on the Assessment',
      'Brunei Darussalam\nPresentation by Mr. A',
    ]);
  });

  it('starts a new heading at every Markdown heading', () => {
    expect(splitHeadings([line('Opening', 2), line('by Mr. A'), line('Discussion', 2)])).toEqual([
      'Opening\nby Mr. A',
      'Discussion',
    ]);
  });
});

describe('isMajorHeading', () => {
  it('knows the headings that open a part of a report', () => {
    for (const text of ['Opening Remarks', 'Discussion', 'SESSION II', 'I. Introduction', 'RECOMMENDATIONS']) {
      expect(isMajorHeading(text), text).toBe(true);
    }
  });

  it('does not take a speaker’s affiliation for one', () => {
    expect(isMajorHeading('IDS, MOD')).toBe(false);
    expect(isMajorHeading('Presentation by Mr. A')).toBe(false);
  });
});
