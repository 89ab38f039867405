import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { seedClauseText } from './seed-clause-text.ts';

function seeded(text: string): Y.XmlText {
  const doc = new Y.Doc();
  seedClauseText(doc, 'clause1', text);
  return clauseTextRoot(doc, 'clause1');
}

describe('seedClauseText and readClauseText', () => {
  it('writes one Lexical paragraph per line and reads the same text back', () => {
    const root = seeded('RECOGNISING the role of ASEAN;\nand NOTING the report.');
    const paragraphs = (root.toDelta() as Array<{ insert: unknown }>).map((op) => op.insert);
    expect(paragraphs).toHaveLength(2);
    expect((paragraphs[0] as Y.XmlText).getAttribute('__type')).toBe('paragraph');
    expect(readClauseText(root)).toBe('RECOGNISING the role of ASEAN;\nand NOTING the report.');
  });

  it('keeps the properties a text node has in the browser', () => {
    const root = seeded('COMMEND');
    const paragraph = (root.toDelta() as Array<{ insert: unknown }>)[0]?.insert;
    if (!(paragraph instanceof Y.XmlText)) throw new Error('no paragraph was written');
    const run = (paragraph.toDelta() as Array<{ insert: unknown }>)[0]?.insert;
    expect(run).toBeInstanceOf(Y.Map);
    expect((run as Y.Map<unknown>).toJSON()).toMatchObject({ __type: 'text', __format: 0, __mode: 0 });
  });

  it('reads text as NFC and trimmed, so that both sides hash the same words', () => {
    // "é" as e + combining acute accent, with spaces around.
    expect(readClauseText(seeded('  cafe\u0301 ouvert  '))).toBe('caf\u00e9 ouvert');
  });

  it('reads an empty clause as an empty string', () => {
    expect(readClauseText(seeded(''))).toBe('');
  });
});
