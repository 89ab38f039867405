import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ClauseTextCache } from './clause-text-cache.ts';
import { hashClauseText } from './consensus/clause-hash.ts';
import { clauseTextRoot } from './doc-layout.ts';

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
    expect(new ClauseTextCache(doc).get('a')).toEqual({ text: 'first clause', hash: hashClauseText('first clause') });
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
