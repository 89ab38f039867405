import { describe, expect, it } from 'vitest';
import type { ClauseKind } from '../schemas/draft.ts';
import { citedNumbers, type NumberedClause, paragraphLabels, resolutionRoomLabels } from './paragraph-labels.ts';

const of = (...kinds: ClauseKind[]): NumberedClause[] => kinds.map((kind) => ({ kind }));
const proposal = (kind: ClauseKind, proposedBy: string): NumberedClause => ({ kind, proposedBy });

describe('paragraphLabels', () => {
  it('names a resolution’s paragraphs as its footnotes do', () => {
    expect(paragraphLabels(of('chapeau', 'preamble', 'preamble', 'operative', 'closing'))).toEqual([
      'the chapeau',
      'preambular paragraph 1',
      'preambular paragraph 2',
      'paragraph 1',
      'the closing paragraph',
    ]);
  });

  it('numbers a proposal after the paragraph before it, bis, ter…, and renumbers nothing after it', () => {
    const clauses = [
      ...of('operative', 'operative'),
      proposal('operative', 'USA'),
      proposal('operative', 'CHN'),
      ...of('operative'),
      proposal('preamble', 'RUS'),
    ];
    expect(paragraphLabels(clauses)).toEqual([
      'paragraph 1',
      'paragraph 2',
      'paragraph 2 bis',
      'paragraph 2 ter',
      'paragraph 3',
      'preambular paragraph 0 bis',
    ]);
  });

  it('keeps counting past the Latin suffixes', () => {
    const clauses = [...of('operative'), ...Array.from({ length: 11 }, () => proposal('operative', 'USA'))];
    const labels = paragraphLabels(clauses);
    expect(labels[8]).toBe('paragraph 1 novies');
    expect(labels[9]).toBe('paragraph 1 decies');
    expect(labels[10]).toBe('paragraph 1 (11)');
  });
});

describe('citedNumbers', () => {
  it('is the label of numbered clauses and null for the named ones and headings', () => {
    expect(citedNumbers(of('chapeau', 'preamble', 'lead-in', 'heading', 'operative', 'closing'))).toEqual([
      null,
      'preambular paragraph 1',
      null,
      null,
      'paragraph 1',
      null,
    ]);
  });
});

describe('resolutionRoomLabels', () => {
  it('labels preambular paragraphs PP and operative paragraphs OP, each in its own numbering', () => {
    expect(resolutionRoomLabels(of('chapeau', 'preamble', 'preamble', 'preamble', 'operative', 'operative'))).toEqual([
      'Chapeau',
      'PP 1',
      'PP 2',
      'PP 3',
      'OP 1',
      'OP 2',
    ]);
  });

  it('names the clauses that carry no number, and gives a proposal its bis', () => {
    expect(
      resolutionRoomLabels([...of('lead-in', 'heading', 'operative'), proposal('operative', 'USA'), ...of('closing')]),
    ).toEqual(['Lead-in', 'Heading 1', 'OP 1', 'OP 1 bis', 'Closing']);
  });
});
