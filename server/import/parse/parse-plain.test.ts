import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_NOTICE, parsePlain } from './parse-plain.ts';
import { readLines } from './read-lines.ts';

const parse = (text: string) => parsePlain(readLines(text).lines);

describe('parsePlain', () => {
  it('makes one paragraph of one line of prose, with the notice', () => {
    expect(parse('The delegations met informally over lunch.')).toEqual({
      kind: 'chairs-report',
      title: '',
      sections: [{ heading: '', paragraphs: ['The delegations met informally over lunch.'] }],
      warnings: [PLAIN_TEXT_NOTICE],
    });
  });

  it('makes one paragraph per block of text and joins wrapped lines', () => {
    expect(parse('First block that was\nwrapped here\n\nSecond block.').sections[0]?.paragraphs).toEqual([
      'First block that was wrapped here',
      'Second block.',
    ]);
  });

  it('keeps the lines of a block that are list items or follow a finished sentence', () => {
    expect(parse('Points:\n- one\n- two.\nEnd.').sections[0]?.paragraphs).toEqual(['Points:\none\ntwo.\nEnd.']);
  });

  it('keeps a Markdown title and headings', () => {
    const result = parse('# Notes\n\n## Morning\n\nWe met.\n\n## Afternoon\n\nWe left.');
    expect(result.title).toBe('Notes');
    expect(result.sections).toEqual([
      { heading: 'Morning', paragraphs: ['We met.'] },
      { heading: 'Afternoon', paragraphs: ['We left.'] },
    ]);
  });
});
