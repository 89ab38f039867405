import { createYjsBinding, type Provider, syncLexicalUpdateToYjs } from '@lexical/yjs';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  createEditor,
  type TextFormatType,
} from 'lexical';
import type * as Y from 'yjs';
import { clauseRootName } from '../../shared/doc-layout.ts';
import type { LayoutPiece } from '../../shared/testing/lexical-layout.ts';

const OFFLINE_PROVIDER = {
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

const FORMATS: Record<string, TextFormatType> = { b: 'bold', i: 'italic', u: 'underline' };

/**
 * Writes formatted paragraphs into a new clause root through a headless Lexical editor bound to
 * it, as a browser's editor would (as `seedClauseText` does for plain text): the real layout, for
 * tests of what is read, hashed and exported from it.
 */
export function seedFormattedText(
  doc: Y.Doc,
  clauseId: string,
  paragraphs: ReadonlyArray<readonly LayoutPiece[]>,
): void {
  const editor = createEditor({
    namespace: 'mufakat-test',
    onError: (error: Error) => {
      throw error;
    },
  });
  const binding = createYjsBinding({
    editor,
    id: clauseId,
    doc,
    docMap: new Map([[clauseId, doc]]),
    rootName: clauseRootName(clauseId),
  });
  const unregister = editor.registerUpdateListener(
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
  try {
    editor.update(
      () => {
        for (const pieces of paragraphs) {
          const paragraph = $createParagraphNode();
          for (const piece of pieces) {
            if (piece === 'br') paragraph.append($createLineBreakNode());
            else if (piece === 'tab') paragraph.append($createTabNode());
            else {
              const node = $createTextNode(piece[0]);
              for (const letter of piece[1] ?? '') {
                const format = FORMATS[letter];
                if (format !== undefined) node.toggleFormat(format);
              }
              paragraph.append(node);
            }
          }
          $getRoot().append(paragraph);
        }
      },
      { discrete: true },
    );
  } finally {
    unregister();
    binding.root.destroy(binding);
  }
}
