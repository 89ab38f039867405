import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ClauseTextCache } from './clause-text-cache.ts';
import { hashClauseText } from './consensus/clause-hash.ts';
import { clauseTextRoot } from './doc-layout.ts';
import { formatBits, writeClauseLayout } from './testing/lexical-layout.ts';

/** A clause root with one paragraph holding `text`, as Lexical lays it out. */
function seed(doc: Y.Doc, clauseId: string, text: string): Y.XmlText {
  const paragraph = new Y.XmlText();
  clauseTextRoot(doc, clauseId).insertEmbed(0, paragraph);
  paragraph.insert(0, text);
  return paragraph;
}

describe('ClauseTextCache', () => {
  it('gives each clause’s text and its hash', () => {
    const doc = new Y.Doc();
    seed(doc, 'a', 'first clause');
    expect(new ClauseTextCache(doc).get('a')).toEqual({
      text: 'first clause',
      runs: [{ text: 'first clause', format: '' }],
      hash: hashClauseText('first clause'),
    });
  });

  it('follows a change of emphasis alone: the words stay, their runs and hash change', () => {
    const doc = new Y.Doc();
    writeClauseLayout(doc, 'a', [[['We commit to peace.']]]);
    const cache = new ClauseTextCache(doc);
    const before = cache.get('a');
    // The chair makes "commit" bold: Lexical splits the run and sets the middle one's format.
    const paragraph = clauseTextRoot(doc, 'a').toDelta()[0].insert as Y.XmlText;
    const [properties] = paragraph.toDelta() as Array<{ insert: Y.Map<unknown> }>;
    doc.transact(() => {
      paragraph.delete(1, 'We commit to peace.'.length);
      paragraph.insert(1, 'We ');
      const bold = new Y.Map<unknown>();
      paragraph.insertEmbed(4, bold);
      bold.set('__type', 'text');
      bold.set('__format', formatBits('b'));
      paragraph.insert(5, 'commit');
      const rest = new Y.Map<unknown>();
      paragraph.insertEmbed(11, rest);
      rest.set('__type', 'text');
      rest.set('__format', 0);
      paragraph.insert(12, ' to peace.');
    });
    expect(properties?.insert.get('__format')).toBe(0);
    const after = cache.get('a');
    expect(after.text).toBe(before.text);
    expect(after.runs).toEqual([
      { text: 'We ', format: '' },
      { text: 'commit', format: 'b' },
      { text: ' to peace.', format: '' },
    ]);
    expect(after.hash).not.toBe(before.hash);
  });

  it('follows an edit inside a paragraph, and only that clause is read again', () => {
    const doc = new Y.Doc();
    const a = seed(doc, 'a', 'alpha');
    seed(doc, 'b', 'bravo');
    const cache = new ClauseTextCache(doc);
    const before = cache.get('b');
    expect(cache.get('a').text).toBe('alpha');
    a.insert(5, ' amended');
    expect(cache.get('a').text).toBe('alpha amended');
    expect(cache.get('b')).toBe(before);
  });

  it('follows an edit that arrives as an update from another client, and a clause created later', () => {
    const doc = new Y.Doc();
    const cache = new ClauseTextCache(doc);
    expect(cache.get('late').text).toBe('');
    const other = new Y.Doc();
    seed(other, 'late', 'arrived');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(cache.get('late').text).toBe('arrived');
  });
});

describe('the cache, read from an observer of the same transaction', () => {
  it('already gives the new text', () => {
    const doc = new Y.Doc();
    const paragraph = seed(doc, 'a', 'alpha');
    const cache = new ClauseTextCache(doc);
    expect(cache.get('a').text).toBe('alpha');
    const seen: string[] = [];
    clauseTextRoot(doc, 'a').observeDeep(() => seen.push(cache.get('a').text));
    paragraph.insert(5, ' beta');
    expect(seen).toEqual(['alpha beta']);
  });
});
