import { describe, expect, it } from 'vitest';
import type { SourceLine } from './read-lines.ts';
import { isMajorHeading, splitHeadings } from './split-headings.ts';

const line = (text: string, heading = 0): SourceLine => ({
  text,
  heading,
  blankBefore: true,
  bullet: false,
  indent: 0,
  literal: false,
});

describe('splitHeadings', () => {
  it('keeps a presenter’s institution, name and post in one heading', () => {
    const block = [line('Brunei Darussalam'), line('Presentation by Mr. Abdul Malik Kamis, Acting Director')];
    expect(splitHeadings(block)).toEqual([
      { heading: 'Brunei Darussalam\nPresentation by Mr. Abdul Malik Kamis, Acting Director', paragraphs: [] },
    ]);
  });

  it('lets a session heading stand alone above the presenter’s heading', () => {
    const block = [
      line('SESSION I: Presentation on the Assessment'),
      line('Brunei Darussalam'),
      line('Presentation by Mr. A'),
    ];
    expect(splitHeadings(block).map((s) => s.heading)).toEqual([
      'SESSION I: Presentation on the Assessment',
      'Brunei Darussalam\nPresentation by Mr. A',
    ]);
  });

  it('starts a heading at each Markdown heading and keeps the plain lines under it', () => {
    const block = [line('Opening', 2), line('Mr. A'), line('Session', 2)];
    expect(splitHeadings(block).map((s) => s.heading)).toEqual(['Opening\nMr. A', 'Session']);
  });
});

describe('isMajorHeading', () => {
  it('recognises the parts of a report', () => {
    for (const text of [
      'Session II: Markets',
      'Opening Remarks',
      'Discussion',
      'Other Matters',
      'RECOMMENDATIONS',
      'II. Agenda',
    ]) {
      expect(isMajorHeading(text), text).toBe(true);
    }
  });

  it('does not take names, affiliations or initials for major headings', () => {
    for (const text of [
      'Brunei Darussalam',
      'IDS, MOD',
      'S. Rajaratnam School of International Studies',
      'President',
    ]) {
      expect(isMajorHeading(text), text).toBe(false);
    }
  });
});
