import { describe, expect, it } from 'vitest';
import { findFootnotes, removeFootnoteMarkers } from './find-footnotes.ts';
import { readSourceLines } from './source-line.ts';

describe('findFootnotes', () => {
  it('finds the numbered lines after a separator, with their continuation lines', () => {
    const lines = readSourceLines(
      'the agreement\n_______________\n\n2 See International Atomic Energy Agency,\n(GC(69)/RES/DEC(2025)) for the texts.\n\n3 See resolution GC(67)/RES/15.\n\nbetween the Agency',
    );
    const { lines: found, numbers } = findFootnotes(lines);
    expect(numbers).toEqual([2, 3]);
    expect([...found.entries()]).toEqual([
      [1, 'separator'],
      [2, 'footnote'],
      [3, 'footnote'],
      [4, 'footnote'],
    ]);
  });

  it('finds a footnote whose separator the paste lost, by its reference and the marker before it', () => {
    const lines = readSourceLines('Having received the report for 2024,1\n\n1 See A/80/348.\n\n1 Decides to act.');
    expect([...findFootnotes(lines).lines.entries()]).toEqual([[1, 'footnote']]);
  });

  it('takes a numbered line without such a marker before it for no footnote', () => {
    expect(findFootnotes(readSourceLines('The report.\n\n3 See the annex for the list.')).lines.size).toBe(0);
  });

  it('takes a rule with no numbered line after it for no separator', () => {
    expect(findFootnotes(readSourceLines('One.\n\n---\n\nTwo.')).lines.size).toBe(0);
  });

  it('finds Markdown footnote definitions and their indented lines', () => {
    const { lines } = findFootnotes(readSourceLines('Text.[^1]\n\n[^1]: A note\n    that goes on.\n\nMore.'));
    expect([...lines.keys()]).toEqual([1, 2]);
  });
});

describe('removeFootnoteMarkers', () => {
  it('takes out a marker glued to punctuation or to a year', () => {
    expect(removeFootnoteMarkers(['for 2024,1', 'of 20172 and 2021,3 and'], [1, 2, 3])).toEqual([
      'for 2024,',
      'of 2017 and 2021, and',
    ]);
  });

  it('takes out a marker standing after punctuation', () => {
    expect(removeFootnoteMarkers(['“Election of Members”; 3 item 15'], [3])).toEqual([
      '“Election of Members”; item 15',
    ]);
  });

  it('leaves numbers that are no marker of a found footnote', () => {
    expect(removeFootnoteMarkers(['paragraph 8.1 of the Agreement, 4 of them'], [1])).toEqual([
      'paragraph 8.1 of the Agreement, 4 of them',
    ]);
  });
});
