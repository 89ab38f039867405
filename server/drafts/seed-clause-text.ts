import { createYjsBinding, type Provider, syncLexicalUpdateToYjs } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor } from 'lexical';
import type * as Y from 'yjs';
import { clauseRootName } from '../../shared/doc-layout.ts';

/**
 * A provider for a headless editor that is never connected: the binding only reads its
 * awareness to mirror a selection, and a server-side seed has none.
 */
export const OFFLINE_PROVIDER = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    off: () => {},
    on: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  },
  connect: () => {},
  disconnect: () => {},
  off: () => {},
  on: () => {},
} as unknown as Provider;

/**
 * Writes `text` into the clause's `clause/<id>` root exactly as a browser's Lexical editor would
 * (one paragraph per line), by running a headless Lexical editor bound to the same root. Seeding
 * through Lexical itself keeps the server's layout and the clients' in step across Lexical
 * versions: a hand-written layout would be misread the day Lexical adds a node property.
 *
 * Must run on a doc that no client has seen yet (a new draft or a new clause root).
 */
export function seedClauseText(doc: Y.Doc, clauseId: string, text: string): void {
  writeThroughLexical(doc, clauseId, () => {
    const root = $getRoot();
    for (const line of text.split('\n')) {
      const paragraph = $createParagraphNode();
      if (line.length > 0) paragraph.append($createTextNode(line));
      root.append(paragraph);
    }
  });
}

/**
 * Runs `build` in a headless Lexical editor bound to the clause's root, so that what it creates
 * is written into the doc in Lexical's own layout (also for the tests' formatted seeds).
 */
export function writeThroughLexical(
  doc: Y.Doc,
  clauseId: string,
  build: () => void,
  /** The root to write: the clause's own by default, an alternative's (`alternativeRootName`) else. */
  rootName: string = clauseRootName(clauseId),
): void {
  const editor = createEditor({
    namespace: 'mufakat-seed',
    onError: (error: Error) => {
      throw error;
    },
  });
  const binding = createYjsBinding({
    editor,
    id: clauseId,
    doc,
    docMap: new Map([[clauseId, doc]]),
    rootName,
  });
  const unregister = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      syncLexicalUpdateToYjs(
        binding,
        OFFLINE_PROVIDER,
        prevEditorState,
        editorState,
        dirtyElements,
        dirtyLeaves,
        normalizedNodes,
        tags,
      );
    },
  );
  try {
    editor.update(build, { discrete: true });
  } finally {
    unregister();
    binding.root.destroy(binding);
  }
}
