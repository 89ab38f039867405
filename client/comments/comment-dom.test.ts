// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseTextLayout, resolveSpan } from '../../shared/comments/comment-anchor.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { writeClauseLayout } from '../../shared/testing/lexical-layout.ts';
import { domRangeOf, textOffsetOf } from './comment-dom.ts';
import { selectedSpan } from './comment-span.ts';

/** The clause as Lexical renders it: a paragraph per block, runs as spans, a line break a <br>. */
function editorDom(): HTMLElement {
  const editor = document.createElement('div');
  editor.className = 'clause-editor';
  editor.innerHTML =
    '<p><span>RECOGNISING the </span><strong>importance</strong><br><span> of dialogue</span></p>' +
    '<p><br></p><p><span>and trust</span></p>';
  document.body.append(editor);
  return editor;
}

function clauseDoc(): Y.Doc {
  const doc = new Y.Doc();
  writeClauseLayout(doc, 'c', [
    [['RECOGNISING the '], ['importance', 'b'], 'br', [' of dialogue']],
    [],
    [['and trust']],
  ]);
  return doc;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('text offsets in the editor', () => {
  it('counts the DOM as the document lays the clause out, an empty paragraph’s <br> as nothing', () => {
    const editor = editorDom();
    const text = clauseTextLayout(clauseTextRoot(clauseDoc(), 'c')).text;
    const trust = editor.querySelectorAll('span')[2]?.firstChild as Text;
    expect(textOffsetOf(editor, trust, 0)).toBe(text.indexOf('and trust'));
    const importance = editor.querySelector('strong')?.firstChild as Text;
    expect(textOffsetOf(editor, importance, 3)).toBe(text.indexOf('importance') + 3);
  });

  it('turns offsets back into a DOM range over the same words', () => {
    const editor = editorDom();
    const text = clauseTextLayout(clauseTextRoot(clauseDoc(), 'c')).text;
    const from = text.indexOf('the importance');
    expect(domRangeOf(editor, from, from + 'the importance'.length)?.toString()).toBe('the importance');
  });

  it('makes a span of the selected words that resolves to them in the document', () => {
    const editor = editorDom();
    const doc = clauseDoc();
    const importance = editor.querySelector('strong')?.firstChild as Text;
    const range = document.createRange();
    range.setStart(importance, 0);
    range.setEnd(importance, 'importance'.length);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    const selected = selectedSpan(doc, 'c', editor);
    if (selected === null || !('span' in selected)) throw new Error('no span');
    expect(selected.span.quote).toBe('importance');
    expect(resolveSpan(doc, 'c', selected.span)?.words).toBe('importance');
  });
});
