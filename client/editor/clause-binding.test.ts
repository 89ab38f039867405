// @vitest-environment happy-dom
import { initLocalState, type Provider } from '@lexical/yjs';
import {
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  createEditor,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { bindClauseEditor } from './clause-binding.ts';
import { CursorRouter } from './cursor-router.ts';

const CLAUSE = 'c1';
/** The origin of changes that arrive from the other peer, as the provider's would. */
const NETWORK = Symbol('network');

type Run = { text: string; format?: number };

/** A clause written as the editor lays it out: paragraphs of text runs (a map, then characters). */
function writeClause(doc: Y.Doc, paragraphs: Run[][]): void {
  const root = clauseTextRoot(doc, CLAUSE);
  for (const runs of paragraphs) {
    const paragraph = new Y.XmlText();
    root.insertEmbed(root.length, paragraph);
    paragraph.setAttribute('__type', 'paragraph');
    for (const { text, format = 0 } of runs) {
      const run = new Y.Map<unknown>();
      paragraph.insertEmbed(paragraph.length, run);
      for (const [key, value] of Object.entries({
        __type: 'text',
        __format: format,
        __style: '',
        __mode: 0,
        __detail: 0,
      }))
        run.set(key, value);
      paragraph.insert(paragraph.length, text);
    }
  }
}

interface Peer {
  doc: Y.Doc;
  editor: LexicalEditor;
  /** Changes made here and not yet delivered to the other peer. */
  outbox: Uint8Array[];
  /** Runs `change` on the editor's state and commits it, as a key press does. */
  act(change: () => void): void;
  type(text: string): void;
  text(): string;
  selectedText(): string;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** One participant: a doc with the clause, its editor bound to it as in the room. */
function peer(clientID: number, initial: Uint8Array): Peer {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, initial, NETWORK);
  const editor = createEditor({
    namespace: `peer-${clientID}`,
    onError: (error) => {
      throw error;
    },
  });
  const awareness = new Awareness(doc);
  const provider = {
    awareness,
    on: () => {},
    off: () => {},
    connect: () => {},
    disconnect: () => {},
  } as unknown as Provider;
  // As the room does: one presence per person, whose caret Lexical keeps with every selection.
  initLocalState(provider, `P${clientID}`, '#123456', true, {});
  const cursorRouter = new CursorRouter(doc, awareness);
  const outbox: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== NETWORK) outbox.push(update);
  });
  const unbind = bindClauseEditor({
    editor,
    clauseId: CLAUSE,
    doc,
    provider,
    name: `P${clientID}`,
    color: '#123456',
    cursorsContainer: null,
    cursorRouter,
    bootstrap: false,
    onFailure: (error) => {
      throw error;
    },
  });
  cleanups.push(() => {
    unbind();
    cursorRouter.destroy();
    awareness.destroy();
  });
  const act = (change: () => void) => editor.update(change, { discrete: true });
  return {
    doc,
    editor,
    outbox,
    act,
    type: (text) => {
      for (const character of text) {
        act(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) throw new Error('no selection to type at');
          selection.insertText(character);
        });
      }
    },
    text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
    selectedText: () => editor.getEditorState().read(() => $getSelection()?.getTextContent() ?? ''),
  };
}

/** Delivers what `from` changed to `to`, as the server relays it, and lets `to` commit it. */
function deliver(from: Peer, to: Peer): void {
  for (const update of from.outbox.splice(0)) Y.applyUpdate(to.doc, update, NETWORK);
  to.act(() => {});
}

function pair(paragraphs: Run[][], ids: [number, number] = [1, 2]): [Peer, Peer] {
  const origin = new Y.Doc();
  writeClause(origin, paragraphs);
  const initial = Y.encodeStateAsUpdate(origin);
  return [peer(ids[0], initial), peer(ids[1], initial)];
}

/** The text node at `index` of paragraph `paragraph`. */
function $textAt(paragraph: number, index: number): TextNode {
  const element = $getRoot().getChildAtIndex(paragraph);
  const node = $isElementNode(element) ? element.getChildAtIndex(index) : null;
  if (!$isTextNode(node)) throw new Error(`no text node ${index} in paragraph ${paragraph}`);
  return node;
}

describe('a caret across another delegation’s typing', () => {
  it('stays before what another delegation types at the same end of a paragraph', () => {
    const [mys, phl] = pair([[{ text: 'COMMEND the work' }]]);
    mys.act(() => $getRoot().selectEnd());
    phl.act(() => $getRoot().selectEnd());
    phl.type(' of PHL');
    deliver(phl, mys);
    mys.type(' of MYS');
    deliver(mys, phl);
    expect(mys.text()).toBe('COMMEND the work of MYS of PHL');
    expect(phl.text()).toBe(mys.text());
  });

  it('stays at the start of a paragraph when another delegation types there', () => {
    const [mys, phl] = pair([[{ text: 'the work' }]]);
    mys.act(() => $textAt(0, 0).select(0, 0));
    phl.act(() => $textAt(0, 0).select(0, 0));
    phl.type('PHL: ');
    deliver(phl, mys);
    mys.type('MYS: ');
    deliver(mys, phl);
    expect(mys.text()).toBe('MYS: PHL: the work');
    expect(phl.text()).toBe(mys.text());
  });

  it('holds in any paragraph of a clause, not only the last', () => {
    const [mys, phl] = pair([[{ text: 'RECALLING the first' }], [{ text: 'and the second' }], [{ text: 'third' }]]);
    mys.act(() => $textAt(1, 0).select(14, 14));
    phl.act(() => $textAt(1, 0).select(14, 14));
    phl.type(' PHL');
    deliver(phl, mys);
    mys.type(' MYS');
    deliver(mys, phl);
    expect(mys.text()).toBe('RECALLING the first\n\nand the second MYS PHL\n\nthird');
    expect(phl.text()).toBe(mys.text());
  });

  it('stays between two differently formatted runs when another delegation types at their edge', () => {
    const [mys, phl] = pair([[{ text: 'plain ' }, { text: 'bold', format: 1 }]]);
    // Both at the end of the plain run, just before the bold one.
    mys.act(() => $textAt(0, 0).select(6, 6));
    phl.act(() => $textAt(0, 0).select(6, 6));
    phl.type('PHL ');
    deliver(phl, mys);
    mys.type('MYS ');
    deliver(mys, phl);
    expect(mys.text()).toBe('plain MYS PHL bold');
    expect(phl.text()).toBe(mys.text());
    // What MYS typed continues the run it was typed in.
    expect(mys.editor.getEditorState().read(() => $textAt(0, 0).getTextContent())).toBe('plain MYS PHL ');
  });

  it('stays at the end of a bold run that ends the paragraph', () => {
    const [mys, phl] = pair([[{ text: 'plain ' }, { text: 'bold', format: 1 }]]);
    mys.act(() => $getRoot().selectEnd());
    phl.act(() => $getRoot().selectEnd());
    phl.type('PHL');
    deliver(phl, mys);
    mys.type('MYS');
    deliver(mys, phl);
    expect(mys.text()).toBe('plain boldMYSPHL');
    expect(phl.text()).toBe(mys.text());
  });

  it('keeps a selected range to its words when another delegation types at either edge', () => {
    const [mys, phl] = pair([[{ text: 'COMMEND the work' }]]);
    mys.act(() => $textAt(0, 0).select(12, 16));
    expect(mys.selectedText()).toBe('work');
    phl.act(() => $getRoot().selectEnd());
    phl.type('ing');
    deliver(phl, mys);
    phl.act(() => $textAt(0, 0).select(12, 12));
    phl.type('hard ');
    deliver(phl, mys);
    expect(mys.text()).toBe('COMMEND the hard working');
    expect(mys.selectedText()).toBe('work');
  });

  it('moves to where the text was when another delegation deletes the text the caret is in', () => {
    const [mys, phl] = pair([[{ text: 'COMMEND the work' }]]);
    mys.act(() => $getRoot().selectEnd());
    phl.act(() => $textAt(0, 0).select(8, 16).removeText());
    deliver(phl, mys);
    expect(mys.text()).toBe('COMMEND ');
    mys.type('all');
    deliver(mys, phl);
    expect(phl.text()).toBe('COMMEND all');
  });

  it('survives another delegation deleting the paragraph the caret is in', () => {
    const [mys, phl] = pair([[{ text: 'first' }], [{ text: 'second' }]]);
    mys.act(() => $textAt(1, 0).select(3, 3));
    phl.act(() => {
      const selection = $textAt(0, 0).select(5, 5);
      selection.focus.set($textAt(1, 0).getKey(), 6, 'text');
      selection.removeText();
    });
    deliver(phl, mys);
    expect(mys.text()).toBe('first');
    mys.type('!');
    deliver(mys, phl);
    expect(phl.text()).toBe(mys.text());
    expect(mys.text()).toContain('!');
  });
});

describe('two delegations typing at the same point at once', () => {
  for (const ids of [
    [1, 2],
    [2, 1],
  ] as [number, number][]) {
    it(`keeps both words whole with client ids ${ids.join(' and ')}`, () => {
      const [mys, phl] = pair([[{ text: 'ENHANCE cooperation' }]], ids);
      mys.act(() => $getRoot().selectEnd());
      phl.act(() => $getRoot().selectEnd());
      const mysWord = ' maritime';
      const phlWord = ' SECURITY';
      // Each types a key before seeing the other's last one: every pair of keys is concurrent.
      for (let i = 0; i < mysWord.length; i += 1) {
        mys.type(mysWord[i] ?? '');
        phl.type(phlWord[i] ?? '');
        deliver(mys, phl);
        deliver(phl, mys);
      }
      expect(mys.text()).toBe(phl.text());
      expect(mys.text()).toContain(mysWord);
      expect(mys.text()).toContain(phlWord);
    });
  }
});
