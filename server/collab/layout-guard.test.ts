import { createYjsBinding, syncLexicalUpdateToYjs } from '@lexical/yjs';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  COLLABORATION_TAG,
  createEditor,
  type LexicalEditor,
  type ParagraphNode,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseMetaMap, clauseOrder, clauseTextRoot, orderArray } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { buildInitialDocument } from '../drafts/create-draft.ts';
import { OFFLINE_PROVIDER } from '../drafts/seed-clause-text.ts';
import { guardLayout } from './layout-guard.ts';

/** The server's doc of a draft with these operative clauses, and their ids. */
function draftDoc(texts: string[]): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, buildInitialDocument(texts.map((text) => ({ kind: 'operative' as const, text }))));
  return { doc, ids: clauseOrder(doc) };
}

/** The update a client holding the server's state makes with `change`. */
function edit(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(server);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function verdict(doc: Y.Doc, update: Uint8Array): 'allow' | number {
  const refusal = guardLayout(doc, Y.decodeUpdate(update), { frozen: new Set(), adopted: false });
  return refusal === null ? 'allow' : refusal.code;
}

/**
 * What Mufakat's editor writes when a person does `change` in a clause: a headless Lexical editor
 * with the editor's nodes, bound to the clause as the room binds it, its text loaded first.
 */
function editInLexical(server: Y.Doc, clauseId: string, change: (editor: LexicalEditor) => void): Uint8Array {
  return edit(server, (client) => {
    const editor = createEditor({
      namespace: 'test',
      onError: (error: Error) => {
        throw error;
      },
    });
    const rootName = `clause/${clauseId}`;
    const binding = createYjsBinding({
      editor,
      id: clauseId,
      doc: client,
      docMap: new Map([[clauseId, client]]),
      rootName,
    });
    const collabRoot = binding.root as unknown as {
      applyChildrenYjsDelta(binding: unknown, delta: unknown): void;
      syncChildrenFromYjs(binding: unknown): void;
    };
    editor.update(
      () => {
        collabRoot.applyChildrenYjsDelta(binding, clauseTextRoot(client, clauseId).toDelta());
        collabRoot.syncChildrenFromYjs(binding);
      },
      { discrete: true, tag: COLLABORATION_TAG },
    );
    editor.registerUpdateListener(
      ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
        syncLexicalUpdateToYjs(
          binding,
          OFFLINE_PROVIDER,
          prevEditorState,
          editorState,
          dirtyElements,
          dirtyLeaves,
          normalizedNodes,
          tags,
        ),
    );
    change(editor);
  });
}

function firstParagraph(doc: Y.Doc, clauseId: string): Y.XmlText {
  const found = (clauseTextRoot(doc, clauseId).toDelta() as Array<{ insert: unknown }>)[0]?.insert;
  if (!(found instanceof Y.XmlText)) throw new Error('no paragraph');
  return found;
}

function firstTextNode(doc: Y.Doc, clauseId: string): Y.Map<unknown> {
  const found = (firstParagraph(doc, clauseId).toDelta() as Array<{ insert: unknown }>).find(
    (op) => op.insert instanceof Y.Map,
  );
  if (found === undefined) throw new Error('no text node');
  return found.insert as Y.Map<unknown>;
}

const update = (fn: () => void) => (editor: LexicalEditor) => editor.update(fn, { discrete: true });

describe('the layout guard', () => {
  it('accepts everything the editor writes: typing, bold, italic, underline, line breaks, tabs, paragraphs, deletions, right-to-left text', () => {
    const { doc, ids } = draftDoc(['COMMEND the work of the drafting committee;']);
    const [clauseId = ''] = ids;
    const paragraph = () => $getRoot().getFirstChildOrThrow<ParagraphNode>();
    const changes: Array<(editor: LexicalEditor) => void> = [
      update(() => paragraph().getFirstChildOrThrow<TextNode>().setTextContent('COMMEND the work, again;')),
      update(() => {
        const [, word] = paragraph().getFirstChildOrThrow<TextNode>().splitText(8, 12);
        word?.toggleFormat('bold');
        word?.toggleFormat('italic');
        word?.toggleFormat('underline');
      }),
      update(() => paragraph().append($createLineBreakNode(), $createTabNode(), $createTextNode('after a tab'))),
      update(() => $getRoot().append($createParagraphNode().append($createTextNode('a second paragraph')))),
      update(() => $getRoot().append($createParagraphNode().append($createTextNode('نرحب بالتعاون')))),
      update(() => paragraph().getFirstChildOrThrow<TextNode>().spliceText(0, 8, '', false)),
      update(() => paragraph().remove()),
    ];
    for (const change of changes) expect(verdict(doc, editInLexical(doc, clauseId, change))).toBe('allow');
  });

  it('accepts adding, moving and deleting clauses as the room does', () => {
    const { doc, ids } = draftDoc(['One;', 'Two;']);
    const [first = ''] = ids;
    const structural: Array<(c: Y.Doc) => void> = [
      (c) =>
        c.transact(() => {
          clauseMetaMap(c).set('newClause01', { kind: 'preamble' });
          orderArray(c).insert(1, ['newClause01']);
        }),
      (c) =>
        c.transact(() => {
          orderArray(c).delete(0, 1);
          orderArray(c).insert(1, [first]);
        }),
      (c) => orderArray(c).delete(0, 1),
      (c) => clauseMetaMap(c).set(first, { kind: 'preamble' }),
    ];
    for (const change of structural) expect(verdict(doc, edit(doc, change))).toBe('allow');
  });

  it('refuses words hidden by a style, in a text node or a paragraph', () => {
    const { doc, ids } = draftDoc(['The agreed words.']);
    const [clauseId = ''] = ids;
    const hidden: Array<(c: Y.Doc) => void> = [
      (c) => firstTextNode(c, clauseId).set('__style', 'font-size:0;color:transparent'),
      (c) => firstParagraph(c, clauseId).setAttribute('__style', 'display:none'),
      (c) => firstParagraph(c, clauseId).setAttribute('__textStyle', 'font-size:0'),
      (c) => {
        const run = new Y.Map<unknown>();
        const p = firstParagraph(c, clauseId);
        p.insertEmbed(p.length, run);
        for (const [key, value] of Object.entries({
          __type: 'text',
          __format: 0,
          __style: 'display:none',
          __mode: 0,
          __detail: 0,
        }))
          run.set(key, value);
        p.insert(p.length, ' and the hidden ones');
      },
    ];
    for (const change of hidden) expect(verdict(doc, edit(doc, change))).toBe(CloseCode.forbidden);
  });

  it('refuses node types, formats and attributes the editor does not write', () => {
    const { doc, ids } = draftDoc(['The agreed words.']);
    const [clauseId = ''] = ids;
    const foreign: Array<(c: Y.Doc) => void> = [
      (c) => {
        const link = new Y.XmlText();
        const p = firstParagraph(c, clauseId);
        p.insertEmbed(p.length, link);
        link.setAttribute('__type', 'link');
        link.setAttribute('__url', 'https://example.org');
      },
      (c) => {
        const image = new Y.Map<unknown>();
        const p = firstParagraph(c, clauseId);
        p.insertEmbed(p.length, image);
        image.set('__type', 'image');
      },
      (c) => firstTextNode(c, clauseId).set('__format', 512),
      (c) => firstTextNode(c, clauseId).set('__mode', 1),
      (c) => firstTextNode(c, clauseId).set('__type', 'hashtag'),
      (c) => firstTextNode(c, clauseId).set('onclick', 'alert(1)'),
      (c) => firstParagraph(c, clauseId).setAttribute('__type', 'heading'),
      (c) => firstParagraph(c, clauseId).setAttribute('__indent', 3),
      (c) => firstParagraph(c, clauseId).format(1, 3, { bold: true }),
      (c) => firstParagraph(c, clauseId).insertEmbed(1, { image: 'x' }),
      (c) => clauseTextRoot(c, clauseId).insert(0, 'text outside any paragraph'),
      (c) => clauseTextRoot(c, clauseId).setAttribute('__dir', 'rtl'),
      (c) => c.getText('t').insert(0, 'a root outside the layout'),
      (c) => c.getXmlFragment('clause/not a clause id!').insert(0, [new Y.XmlText('x')]),
    ];
    for (const change of foreign) expect(verdict(doc, edit(doc, change))).toBe(CloseCode.forbidden);
  });

  it('refuses an order or metadata that is not made of clause ids and { kind }', () => {
    const { doc } = draftDoc(['One;']);
    const malformed: Array<(c: Y.Doc) => void> = [
      (c) => (orderArray(c) as unknown as Y.Array<unknown>).push([42]),
      (c) => orderArray(c).push(['not a clause id!']),
      (c) => (orderArray(c) as unknown as Y.Array<unknown>).push([new Y.Map()]),
      (c) => clauseMetaMap(c).set('newClause01', { kind: 'bogus' } as never),
      (c) => clauseMetaMap(c).set('newClause01', { kind: 'operative', note: 'extra' } as never),
      (c) => clauseMetaMap(c).set('bad key!', { kind: 'operative' }),
    ];
    for (const change of malformed) expect(verdict(doc, edit(doc, change))).toBe(CloseCode.forbidden);
  });

  it('refuses with 4413 a clause longer than 20,000 characters, and lets one within the limit be replaced', () => {
    const { doc, ids } = draftDoc(['x'.repeat(19_000)]);
    const [clauseId = ''] = ids;
    const grow = edit(doc, (c) => firstParagraph(c, clauseId).insert(1, 'y'.repeat(1_500)));
    expect(verdict(doc, grow)).toBe(CloseCode.tooLarge);
    const replace = edit(doc, (c) => {
      const p = firstParagraph(c, clauseId);
      c.transact(() => {
        p.delete(1, 19_000);
        p.insert(1, 'z'.repeat(19_500));
      });
    });
    expect(verdict(doc, replace)).toBe('allow');
  });

  it('refuses with 4413 more clauses than a draft holds', () => {
    const { doc } = draftDoc(Array.from({ length: 999 }, (_, i) => `Clause ${i};`));
    const two = edit(doc, (c) =>
      c.transact(() => {
        for (const id of ['extraClause1', 'extraClause2']) {
          clauseMetaMap(c).set(id, { kind: 'operative' });
          orderArray(c).push([id]);
        }
      }),
    );
    expect(verdict(doc, two)).toBe(CloseCode.tooLarge);
    const one = edit(doc, (c) =>
      c.transact(() => {
        clauseMetaMap(c).set('extraClause1', { kind: 'operative' });
        orderArray(c).push(['extraClause1']);
      }),
    );
    expect(verdict(doc, one)).toBe('allow');
  });
});
