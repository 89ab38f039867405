import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RootNames } from './update-places.ts';

describe('RootNames', () => {
  it('names a root the doc gained after its names were first read', () => {
    const doc = new Y.Doc();
    doc.getArray('order');
    expect(RootNames.of(doc).of(doc.getArray('order'))).toBe('order');
    const added = doc.get('clause/c2', Y.XmlText);
    expect(RootNames.of(doc).of(added)).toBe('clause/c2');
  });

  it('names the typed root that replaced the placeholder an update made', () => {
    const source = new Y.Doc();
    (source.get('clause/c1', Y.XmlText) as Y.XmlText).insert(0, 'text');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const placeholder = doc.share.get('clause/c1');
    expect(RootNames.of(doc).of(placeholder)).toBe('clause/c1');
    const typed = doc.get('clause/c1', Y.XmlText);
    expect(typed).not.toBe(placeholder);
    expect(RootNames.of(doc).of(typed)).toBe('clause/c1');
  });

  it('names no type that is not a root of the doc', () => {
    const doc = new Y.Doc();
    doc.getMap('clauses');
    expect(RootNames.of(doc).of(new Y.XmlText())).toBeNull();
    expect(RootNames.of(new Y.Doc()).of(doc.getMap('clauses'))).toBeNull();
  });
});
