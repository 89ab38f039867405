import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClauseText } from '../clause-text.ts';
import { clauseTextRoot } from '../doc-layout.ts';
import { writeClauseLayout } from '../testing/lexical-layout.ts';
import { anchorAtOffset, base64OfBytes, decodeAnchor, encodeAnchor, resolveBracketSpan } from './bracket-anchors.ts';

const TEXT = 'Promote maritime security, including freedom of navigation, in the region.';

function docWith(text = TEXT, clauseId = 'c1'): Y.Doc {
  const doc = new Y.Doc();
  writeClauseLayout(doc, clauseId, [[[text]]]);
  return doc;
}

/** Anchors over the first occurrence of `words`, as a client makes them. */
function anchorsOver(doc: Y.Doc, words: string, clauseId = 'c1'): { start: string; end: string } {
  const root = clauseTextRoot(doc, clauseId);
  const from = readClauseText(root).indexOf(words);
  return {
    start: encodeAnchor(anchorAtOffset(root, from, 0)),
    end: encodeAnchor(anchorAtOffset(root, from + words.length, -1)),
  };
}

function editAt(doc: Y.Doc, clauseId: string, change: (paragraph: Y.XmlText) => void): void {
  const paragraph = clauseTextRoot(doc, clauseId).toDelta()[0].insert as Y.XmlText;
  doc.transact(() => change(paragraph));
}

describe('bracket anchors', () => {
  it('resolves the words between two anchors and round-trips them through base64', () => {
    const doc = docWith();
    const { start, end } = anchorsOver(doc, 'including freedom of navigation');
    expect(decodeAnchor(start)).not.toBeNull();
    expect(resolveBracketSpan(doc, 'c1', start, end)).toMatchObject({
      ok: true,
      words: 'including freedom of navigation',
    });
  });

  it('keeps words typed at either edge outside the bracket and follows edits before it', () => {
    const doc = docWith();
    const { start, end } = anchorsOver(doc, 'freedom');
    // The paragraph's index 0 is its run's properties: characters start at 1.
    const at = 1 + TEXT.indexOf('freedom');
    editAt(doc, 'c1', (p) => {
      p.insert(at + 'freedom'.length, 'X');
      p.insert(at, 'Y');
      p.insert(1, 'We ');
    });
    expect(resolveBracketSpan(doc, 'c1', start, end)).toMatchObject({ ok: true, words: 'freedom' });
  });

  it('reports the bracket once its words are deleted', () => {
    const doc = docWith();
    const { start, end } = anchorsOver(doc, 'including freedom of navigation, ');
    editAt(doc, 'c1', (p) => p.delete(1 + TEXT.indexOf('including'), 'including freedom of navigation, '.length));
    expect(resolveBracketSpan(doc, 'c1', start, end)).toEqual({ ok: false, reason: 'deleted' });
  });

  it('refuses anchors in another clause, and anchors this doc has not seen', () => {
    const doc = docWith();
    writeClauseLayout(doc, 'c2', [[['Another clause entirely.']]]);
    const { start, end } = anchorsOver(doc, 'Another', 'c2');
    expect(resolveBracketSpan(doc, 'c1', start, end)).toEqual({ ok: false, reason: 'outside' });
    const elsewhere = docWith('Unrelated words of a doc the server never saw.');
    const foreign = anchorsOver(elsewhere, 'Unrelated');
    expect(resolveBracketSpan(doc, 'c1', foreign.start, foreign.end)).toEqual({ ok: false, reason: 'unknown' });
    expect(resolveBracketSpan(doc, 'c1', '!!', 'AA==').ok).toBe(false);
  });

  it('survives a restart: the anchors resolve in a doc rebuilt from the stored update', () => {
    const doc = docWith();
    const { start, end } = anchorsOver(doc, 'maritime security');
    const restarted = new Y.Doc();
    Y.applyUpdate(restarted, Y.encodeStateAsUpdate(doc));
    expect(resolveBracketSpan(restarted, 'c1', start, end)).toMatchObject({ ok: true, words: 'maritime security' });
  });

  it('follows concurrent edits of two peers merged in either order', () => {
    const base = docWith();
    const { start, end } = anchorsOver(base, 'freedom of navigation');
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    for (const peer of [a, b]) Y.applyUpdate(peer, Y.encodeStateAsUpdate(base));
    editAt(a, 'c1', (p) => p.insert(1, 'To '));
    editAt(b, 'c1', (p) => p.insert(1 + TEXT.indexOf(' of navigation'), ' and overflight'));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const peer of [a, b]) {
      expect(resolveBracketSpan(peer, 'c1', start, end)).toMatchObject({
        ok: true,
        words: 'freedom and overflight of navigation',
      });
    }
  });

  it('spans paragraphs and line breaks as the clause text reads them', () => {
    const doc = new Y.Doc();
    writeClauseLayout(doc, 'c1', [[['First line'], 'br', ['second', 'b']], [['Next paragraph']]]);
    const { start, end } = anchorsOver(doc, 'line\nsecond\nNext');
    expect(resolveBracketSpan(doc, 'c1', start, end)).toMatchObject({ ok: true, words: 'line\nsecond\nNext' });
  });
});

describe('bracket anchors on text written straight into the root', () => {
  it('resolves them as the clause text reads it', () => {
    const doc = new Y.Doc();
    clauseTextRoot(doc, 'c1').insert(0, TEXT);
    const { start, end } = anchorsOver(doc, 'maritime security');
    expect(resolveBracketSpan(doc, 'c1', start, end)).toMatchObject({ ok: true, words: 'maritime security' });
    clauseTextRoot(doc, 'c1').insert(0, 'We ');
    expect(resolveBracketSpan(doc, 'c1', start, end)).toMatchObject({ ok: true, words: 'maritime security' });
  });
});

describe('a crafted anchor', () => {
  it('naming another root by name is refused without creating that root in the doc', () => {
    const doc = docWith();
    const crafted = encodeAnchor(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('injected'), 0));
    expect(resolveBracketSpan(doc, 'c1', crafted, crafted)).toEqual({ ok: false, reason: 'outside' });
    expect(doc.share.has('injected')).toBe(false);
  });
});

describe('fuzzed anchors', () => {
  it('never throw: any bytes resolve to a span or a reason', () => {
    const doc = docWith();
    const { start } = anchorsOver(doc, 'maritime');
    const bytes = Y.encodeRelativePosition(decodeAnchor(start) as Y.RelativePosition);
    for (let i = 0; i < bytes.length; i++) {
      for (const value of [0, 1, 2, 127, 128, 255]) {
        const mutated = Uint8Array.from(bytes);
        mutated[i] = value;
        const anchor = base64OfBytes(mutated);
        expect(() => resolveBracketSpan(doc, 'c1', anchor, anchor)).not.toThrow();
      }
    }
  });
});
