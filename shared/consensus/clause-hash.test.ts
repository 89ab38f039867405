import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainRuns } from '../clause-runs.ts';
import { readClauseRuns, readClauseText } from '../clause-text.ts';
import { clauseTextRoot } from '../doc-layout.ts';
import { type LayoutPiece, writeClauseLayout } from '../testing/lexical-layout.ts';
import { canonicalAdoptedText } from './adoption-record.ts';
import { canonicalClauseText, hashClauseRoot, hashClauseRuns, hashClauseText } from './clause-hash.ts';

function clause(paragraphs: ReadonlyArray<readonly LayoutPiece[]>): Y.XmlText {
  const doc = new Y.Doc();
  writeClauseLayout(doc, 'c1', paragraphs);
  return clauseTextRoot(doc, 'c1');
}

/** Hashes taken with the code before emphasis was hashed (positions in databases carry these). */
const PINNED = [
  [
    'RECOGNISING the importance of the ADMM-Plus as a key platform for practical defence cooperation;',
    'e62872909b9ef967497629f2eaf92be3c4e63119d3479b8021524d02f81bdf56',
  ],
  ['WE HEREBY COMMIT TO:', '076c18558bb9ac82bfabeee4afed0f3fb95f308b6fa17142920a0608f05ab1d0'],
  [
    'Preamble line one;\n(a) lettered item;\n\n(b) after an empty paragraph.',
    '7592d3d43261e547dbd01ed5588df3b20141ac59b2a997235b0556a4d2255690',
  ],
  ['  cafe\u0301 ouvert  ', '74df1235f5dfd8fb8a37bc9e76bc02bec35b89d85118d7c01e87e860abefc262'],
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
] as const;

describe('hashClauseText', () => {
  it('is the SHA-256 of the text in hex', () => {
    expect(hashClauseText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the same words the same way whatever their Unicode form and surrounding space', () => {
    expect(hashClauseText('  cafe\u0301\n')).toBe(hashClauseText('caf\u00e9'));
  });

  it('tells apart texts that differ by one character', () => {
    expect(hashClauseText('shall')).not.toBe(hashClauseText('shall not'));
  });
});

describe('hashClauseRoot', () => {
  it.each(PINNED)('hashes the unformatted clause %j exactly as before emphasis was hashed', (text, hash) => {
    expect(hashClauseRoot(clause(text.split('\n').map((line) => (line === '' ? [] : [[line]]))))).toBe(hash);
  });

  it('hashes a clause whose runs carry no emphasis as its plain text, however the runs are cut', () => {
    const cut = clause([[['WE HEREBY '], ['COMMIT'], [' TO:']]]);
    expect(hashClauseRoot(cut)).toBe('076c18558bb9ac82bfabeee4afed0f3fb95f308b6fa17142920a0608f05ab1d0');
  });

  it('changes when one word is made bold, italic or underlined, and differs for each', () => {
    const plain = hashClauseRoot(clause([[['We commit to peace.']]]));
    const hashes = ['b', 'i', 'u', 'bi', 'biu'].map((format) =>
      hashClauseRoot(clause([[['We '], ['commit', format], [' to peace.']]])),
    );
    expect(new Set([plain, ...hashes]).size).toBe(6);
  });

  it('changes when the emphasis moves to another word', () => {
    expect(hashClauseRoot(clause([[['We '], ['commit', 'b'], [' to peace.']]]))).not.toBe(
      hashClauseRoot(clause([[['We commit to '], ['peace', 'b'], ['.']]])),
    );
  });

  it('hashes alike two documents that print alike', () => {
    const reference = hashClauseRoot(clause([[['We '], ['commit to', 'b'], [' peace.']]]));
    const equivalents = [
      // Cut into more runs of the same format, with empty runs between.
      [[['We '], ['com', 'b'], ['', 'i'], ['mit', 'b'], [' ', 'b'], ['to', 'b'], [' peace.']]],
      // Bold on the spaces at the edges of the bold words, which prints nothing.
      [[['We', ''], [' commit to ', 'b'], ['peace.']]],
      // Bold on the trailing space and line of the clause, which is trimmed.
      [[['We '], ['commit to', 'b'], [' peace.'], ['  ', 'b']], []],
      // Decomposed Unicode does not occur here, but another cut of the plain words does.
      [[['We'], [' '], ['commit', 'b'], [' to', 'b'], [' peace.']]],
    ] as const;
    for (const paragraphs of equivalents) expect(hashClauseRoot(clause(paragraphs))).toBe(reference);
  });

  it('hashes a paragraph break and a line break alike, as they print alike in every export', () => {
    expect(hashClauseRoot(clause([[['one', 'b']], [['two']]]))).toBe(
      hashClauseRoot(clause([[['one', 'b'], 'br', ['two']]])),
    );
  });

  it('tells apart underline on a space between words, which prints, from none', () => {
    expect(hashClauseRoot(clause([[['a'], [' ', 'u'], ['b']]]))).not.toBe(hashClauseRoot(clause([[['a b']]])));
  });

  it('never gives a formatted clause the hash of any plain text, its canonical form included', () => {
    const runs = readClauseRuns(clause([[['We '], ['commit', 'b']]]));
    const form = canonicalClauseText(runs);
    expect(form).toBe('\n[["","We "],["b","commit"]]');
    expect(hashClauseRuns(runs)).not.toBe(hashClauseText(form));
    expect(hashClauseRuns(runs)).not.toBe(hashClauseText('We commit'));
  });

  it('hashes any formatted clause by its canonical form, and any plain one by its text', () => {
    const piece = fc.tuple(
      fc.array(fc.constantFrom('a', 'b', 'c', ' ', '\u0301'), { maxLength: 5 }).map((chars) => chars.join('')),
      fc.constantFrom('', 'b', 'i', 'u', 'bu'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), (paragraphs) => {
        const root = clause(paragraphs);
        const runs = readClauseRuns(root);
        expect(runs.map((r) => r.text).join('')).toBe(readClauseText(root));
        if (runs.every((r) => r.format === '')) expect(hashClauseRoot(root)).toBe(hashClauseText(readClauseText(root)));
        else expect(hashClauseRoot(root)).not.toBe(hashClauseText(readClauseText(root)));
      }),
    );
  });
});

describe('canonicalAdoptedText', () => {
  it('is the title and each clause’s canonical form, so an unformatted adoption hashes as before', () => {
    const texts = PINNED.slice(0, 3).map(([text]) => text);
    expect(hashClauseText(canonicalAdoptedText('Joint Statement', texts))).toBe(
      'ef78944eae4f69d49fcbc549958d6b7db069e910de933782cb62c98e594c17ca',
    );
    expect(canonicalClauseText(plainRuns(texts[0] ?? ''))).toBe(texts[0]);
  });
});
