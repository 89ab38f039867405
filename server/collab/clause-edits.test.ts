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

  it('places a word typed over a selection where the deleted word was, in one transaction', () => {
    const { doc, paragraph } = clauseDoc(['the binding text']);
    const edits = editsOf(doc, () => {
      paragraph(0).delete(1 + 'the '.length, 'binding'.length);
      paragraph(0).insert(1 + 'the '.length, 'voluntary');
    });
    expect(edits).toHaveLength(2);
    expect(edits).toContainEqual({ clauseId: 'c1', kind: 'delete', offset: 'the '.length, text: 'binding' });
    expect(edits).toContainEqual({ clauseId: 'c1', kind: 'insert', offset: 'the '.length, text: 'voluntary' });
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

describe('the recorded edits, replayed', () => {
  /** A small deterministic generator, so that a failure can be run again as it was. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  function visibleText(doc: Y.Doc): string {
    return clientSpans(clauseTextRoot(doc, 'c1'))
      .map((span) => span.text)
      .join('');
  }

  it('rebuild the clause’s text from its first text, for random edits of two clients', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const { doc: a } = clauseDoc(['COMMEND the work of the committee']);
      const b = new Y.Doc();
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      let replayed = visibleText(a);
      const edits: TextEdit[] = [];
      a.on('afterTransaction', (transaction: Y.Transaction) => edits.push(...clauseEditsOf(transaction)));
      for (let step = 0; step < 60; step++) {
        const writer = next() < 0.5 ? a : b;
        const paragraph = (clauseTextRoot(writer, 'c1').toDelta() as Array<{ insert: Y.XmlText }>)[0]
          ?.insert as Y.XmlText;
        const length = paragraph.length - 1;
        const at = Math.floor(next() * (length + 1));
        const word = ['x', 'yz', ' word '][step % 3] ?? 'x';
        if (length > 0 && next() < 0.2) {
          // Typed over a selection: the deletion and the insertion in one transaction.
          const from = Math.min(at, length - 1);
          writer.transact(() => {
            paragraph.delete(1 + from, 1);
            paragraph.insert(1 + from, word);
          });
        } else if (next() < 0.6 || length === 0) paragraph.insert(1 + at, word);
        else
          paragraph.delete(
            1 + Math.min(at, length - 1),
            Math.min(1 + Math.floor(next() * 4), length - Math.min(at, length - 1)),
          );
        // b's edits reach a as a remote update, as the server receives them.
        if (writer === b) Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
        else Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      }
      for (const edit of edits) {
        replayed =
          edit.kind === 'insert'
            ? replayed.slice(0, edit.offset) + edit.text + replayed.slice(edit.offset)
            : replayed.slice(0, edit.offset) + replayed.slice(edit.offset + edit.text.length);
      }
      expect(replayed, `seed ${seed}`).toBe(visibleText(a));
    }
  });
});
