import { describe, expect, it } from 'vitest';
import { paragraphLabels, resolutionRoomLabels } from './paragraph-labels.ts';

describe('paragraphLabels', () => {
  it('names a resolution’s paragraphs as its footnotes do', () => {
    expect(paragraphLabels(['chapeau', 'preamble', 'preamble', 'operative', 'closing'])).toEqual([
      'the chapeau',
      'preambular paragraph 1',
      'preambular paragraph 2',
      'paragraph 1',
      'the closing paragraph',
    ]);
  });
});

describe('resolutionRoomLabels', () => {
  it('labels preambular paragraphs PP and operative paragraphs OP, each in its own numbering', () => {
    expect(resolutionRoomLabels(['chapeau', 'preamble', 'preamble', 'preamble', 'operative', 'operative'])).toEqual([
      'Chapeau',
      'PP 1',
      'PP 2',
      'PP 3',
      'OP 1',
      'OP 2',
    ]);
  });

  it('names the clauses that carry no number', () => {
    expect(resolutionRoomLabels(['lead-in', 'heading', 'operative', 'closing'])).toEqual([
      'Lead-in',
      'Heading 1',
      'OP 1',
      'Closing',
    ]);
  });
});
