import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientSpans } from '../../shared/attribution/clause-items.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import type { TextEdit } from '../storage/document-store.ts';
import { clauseEditsOf } from './clause-edits.ts';

/** A clause as Lexical's binding writes it: paragraphs of a property map and their characters. */
function clauseDoc(paragraphs: string[]): { doc: Y.Doc; paragraph: (index: number) => Y.XmlText } {
  const doc = new Y.Doc();
  const root = clauseTextRoot(doc, 'c1');
  doc.transact(() => {
    paragraphs.forEach((text, index) => {
      const paragraph = new Y.XmlText();
      root.insertEmbed(index, paragraph);
      const props = new Y.Map<unknown>();
      paragraph.insertEmbed(0, props);
      props.set('__type', 'text');
      paragraph.insert(1, text);
    });
  });
  const paragraph = (index: number) => (root.toDelta() as Array<{ insert: Y.XmlText }>)[index]?.insert as Y.XmlText;
  return { doc, paragraph };
}

/** The clause edits of each transaction `change` makes, as the room takes them. */
function editsOf(doc: Y.Doc, change: () => void): TextEdit[] {
  let edits: TextEdit[] = [];
  const take = (transaction: Y.Transaction) => {
    edits = clauseEditsOf(transaction);
  };
  doc.on('afterTransaction', take);
  doc.transact(change);
  doc.off('afterTransaction', take);
  return edits;
}

describe('clauseEditsOf', () => {
  it('places an insertion in a later paragraph after the paragraph breaks before it', () => {
    const { doc, paragraph } = clauseDoc(['RECOGNISING', 'COMMEND']);
    expect(editsOf(doc, () => paragraph(1).insert(1 + 'COMMEND'.length, ' all'))).toEqual([
      { clauseId: 'c1', kind: 'insert', offset: 'RECOGNISING\nCOMMEND'.length, text: ' all' },
    ]);
  });

  it('takes the deleted words while Yjs still has them, merged across items', () => {
    const { doc, paragraph } = clauseDoc(['the binding text']);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    // Another client's word in the middle makes the deleted words two items.
    const inner = (clauseTextRoot(other, 'c1').toDelta() as Array<{ insert: Y.XmlText }>)[0]?.insert as Y.XmlText;
    inner.insert(1 + 'the '.length, 'legally ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(editsOf(doc, () => paragraph(0).delete(1 + 'the '.length, 'legally binding'.length))).toEqual([
      { clauseId: 'c1', kind: 'delete', offset: 'the '.length, text: 'legally binding' },
    ]);
  });

  it('records nothing of words inserted and deleted in one transaction, nor of other roots', () => {
    const { doc, paragraph } = clauseDoc(['text']);
    expect(
      editsOf(doc, () => {
        paragraph(0).insert(1, 'gone');
        paragraph(0).delete(1, 4);
        doc.getArray<string>('order').push(['c1']);
      }),
    ).toEqual([]);
  });
});

describe('clientSpans', () => {
  it('gives each client’s stretch of the visible text, skipping deleted words and paragraph breaks', () => {
    const { doc, paragraph } = clauseDoc(['one', 'two']);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const second = (clauseTextRoot(other, 'c1').toDelta() as Array<{ insert: Y.XmlText }>)[1]?.insert as Y.XmlText;
    second.insert(1 + 'two'.length, ' more');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    paragraph(0).delete(1, 1);
    expect(clientSpans(clauseTextRoot(doc, 'c1'))).toEqual([
      { start: 0, end: 2, text: 'ne', client: doc.clientID },
      { start: 3, end: 6, text: 'two', client: doc.clientID },
      { start: 6, end: 11, text: ' more', client: other.clientID },
    ]);
  });
});
