import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseRuns, readClauseText } from '../../shared/clause-text.ts';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { type LayoutPiece, writeClauseLayout } from '../../shared/testing/lexical-layout.ts';
import { seedClauseText } from '../drafts/seed-clause-text.ts';
import { seedFormattedText } from './seed-formatted-text.ts';

const PARAGRAPHS: ReadonlyArray<readonly LayoutPiece[]> = [
  [['We '], ['commit', 'b'], [' to '], ['peace', 'iu'], 'br', 'tab', ['(a) plain']],
  [],
  [
    ['second ', 'u'],
    ['paragraph', 'bi'],
  ],
];

describe('the layout Lexical writes for formatted text', () => {
  it('is read into the same runs, text and hash as the layout the shared tests write by hand', () => {
    const lexical = new Y.Doc();
    seedFormattedText(lexical, 'c1', PARAGRAPHS);
    const byHand = new Y.Doc();
    writeClauseLayout(byHand, 'c1', PARAGRAPHS);
    const [a, b] = [clauseTextRoot(lexical, 'c1'), clauseTextRoot(byHand, 'c1')];
    expect(readClauseRuns(a)).toEqual(readClauseRuns(b));
    expect(readClauseText(a)).toBe('We commit to peace\n\t(a) plain\n\nsecond paragraph');
    expect(hashClauseRoot(a)).toBe(hashClauseRoot(b));
    expect(readClauseRuns(a).filter((run) => run.format !== '')).toEqual([
      { text: 'commit', format: 'b' },
      { text: 'peace', format: 'iu' },
      { text: 'second ', format: 'u' },
      { text: 'paragraph', format: 'bi' },
    ]);
  });

  it('hashes a clause seeded as plain text as before emphasis was hashed', () => {
    const doc = new Y.Doc();
    seedClauseText(doc, 'c1', 'WE HEREBY COMMIT TO:');
    expect(hashClauseRoot(clauseTextRoot(doc, 'c1'))).toBe(
      '076c18558bb9ac82bfabeee4afed0f3fb95f308b6fa17142920a0608f05ab1d0',
    );
  });
});
