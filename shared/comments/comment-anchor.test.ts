import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../clause-text.ts';
import { clauseTextRoot } from '../doc-layout.ts';
import { writeClauseLayout } from '../testing/lexical-layout.ts';
import { clauseTextLayout, encodeRelativePosition, resolveSpan } from './comment-anchor.ts';

function spanOf(doc: Y.Doc, clauseId: string, words: string) {
  const layout = clauseTextLayout(clauseTextRoot(doc, clauseId));
  const from = layout.text.indexOf(words);
  const start = layout.placeAt(from);
  const end = layout.placeAt(from + words.length);
  if (start === null || end === null) throw new Error('no place');
  return {
    start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
    end: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
  };
}

describe('comment spans', () => {
  it('lays a clause out as its text reads, across runs, line breaks and paragraphs', () => {
    const doc = new Y.Doc();
    writeClauseLayout(doc, 'c', [[['RECOGNISING the '], ['importance', 'b'], 'br', [' of dialogue']], [['and trust']]]);
    expect(clauseTextLayout(clauseTextRoot(doc, 'c')).text).toBe(readClauseText(clauseTextRoot(doc, 'c')));
  });

  it('resolves a span over formatted runs to its words, and again after text is typed before it', () => {
    const doc = new Y.Doc();
    writeClauseLayout(doc, 'c', [[['RECOGNISING the '], ['importance', 'b'], [' of dialogue']], [['and trust']]]);
    const span = spanOf(doc, 'c', 'importance of');
    expect(resolveSpan(doc, 'c', span)?.words).toBe('importance of');
    const first = clauseTextRoot(doc, 'c').toDelta()[0] as { insert: Y.XmlText };
    first.insert.insert(1, 'FURTHER ');
    expect(resolveSpan(doc, 'c', span)?.words).toBe('importance of');
  });

  it('spans paragraphs', () => {
    const doc = new Y.Doc();
    writeClauseLayout(doc, 'c', [[['first part']], [['second part']]]);
    expect(resolveSpan(doc, 'c', spanOf(doc, 'c', 'part\nsecond'))?.words).toBe('part\nsecond');
  });

  it('does not resolve a span of one clause in another clause', () => {
    const doc = new Y.Doc();
    writeClauseLayout(doc, 'a', [[['words of a']]]);
    writeClauseLayout(doc, 'b', [[['words of b']]]);
    expect(resolveSpan(doc, 'b', spanOf(doc, 'a', 'of a'))).toBeNull();
  });
});
