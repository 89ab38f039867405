import {
  createUndoManager,
  createYjsBinding,
  type Provider,
  setLocalStateFocus,
  syncCursorPositions,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type UserState,
} from '@lexical/yjs';
import {
  $createParagraphNode,
  $getRoot,
  BLUR_COMMAND,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COLLABORATION_TAG,
  COMMAND_PRIORITY_EDITOR,
  FOCUS_COMMAND,
  type LexicalEditor,
  mergeRegister,
  REDO_COMMAND,
  SKIP_COLLAB_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  UNDO_COMMAND,
} from 'lexical';
import * as Y from 'yjs';
import { clauseRootName, clauseTextRoot } from '../../shared/doc-layout.ts';
import type { CursorRouter } from './cursor-router.ts';
import { $anchorSelection, $restoreSelection, type AnchoredSelection } from './selection-anchor.ts';

/** Lexical's binding keeps these internal to its plugin; they are what its own sync uses. */
interface CollabRootInternals {
  applyChildrenYjsDelta(binding: unknown, delta: unknown): void;
  syncChildrenFromYjs(binding: unknown): void;
}

export interface ClauseBindingOptions {
  editor: LexicalEditor;
  clauseId: string;
  doc: Y.Doc;
  /** The draft's one provider, shared by every clause editor; the binding never connects it. */
  provider: Provider;
  /** Who the others see at this person's cursor, and in which colour. */
  name: string;
  color: string;
  /** Where remote cursors are drawn; Lexical positions them within it. */
  cursorsContainer: HTMLElement | null;
  /** Tells this editor when a caret enters, moves in or leaves its clause. */
  cursorRouter: CursorRouter;
  /** Give an empty clause its first paragraph: only its creator does, so that it happens once. */
  bootstrap: boolean;
  /** The binding could not read the clause: the editor shows it as unreadable. */
  onFailure: (error: Error) => void;
  /**
   * The root to bind, when it is not the clause's own text: one of its alternatives
   * (`alternativeRootName`). Carets in it are routed by this name.
   */
  rootName?: string;
}

/**
 * Binds a clause's editor to its `clause/<id>` root in the draft's one Y.Doc; returns the unbind.
 *
 * Lexical's `CollaborationPlugin` (binding V1) loads nothing that its root holds when the binding
 * is created: a clause mounted after the draft synced, or added by a peer, would start empty and
 * wipe its text at the next edit. This builds the editor from the root's content first, with the
 * same calls Lexical makes for remote changes, then syncs both ways. Undo covers only this
 * person's own edits. Across others' changes, this person's selection stays tied to the
 * characters beside it (see `$anchorSelection`), so that two people typing at one point each
 * keep their own words whole.
 */
export function bindClauseEditor({
  editor,
  clauseId,
  doc,
  provider,
  name,
  color,
  cursorsContainer,
  cursorRouter,
  bootstrap,
  onFailure,
  rootName = clauseRootName(clauseId),
}: ClauseBindingOptions): () => void {
  const root =
    rootName === clauseRootName(clauseId) ? clauseTextRoot(doc, clauseId) : (doc.get(rootName, Y.XmlText) as Y.XmlText);
  // Where the cursor router files carets in this root: the clause's id, or the alternative's root name.
  const cursorKey = rootName === clauseRootName(clauseId) ? clauseId : rootName;
  forgetEarlierBindings(root);
  const binding = createYjsBinding({ editor, id: clauseId, doc, docMap: new Map([[clauseId, doc]]), rootName });
  binding.cursorsContainer = cursorsContainer;
  const collabRoot = binding.root as unknown as CollabRootInternals;
  try {
    editor.update(
      () => {
        collabRoot.applyChildrenYjsDelta(binding, root.toDelta());
        collabRoot.syncChildrenFromYjs(binding);
      },
      { discrete: true, tag: COLLABORATION_TAG },
    );
  } catch (error: unknown) {
    onFailure(error instanceof Error ? error : new Error(String(error)));
  }

  // Where this person's selection is, as places in the shared text, taken after every update of
  // the editor: by the time a remote change is observed, the shared text has it already and an
  // offset could no longer be mapped.
  let anchored: AnchoredSelection | null = null;
  const anchorSelection = () => {
    anchored = editor.getEditorState().read(() => $anchorSelection(binding));
  };

  // The others' carets are drawn from the presences in this clause only (see CursorRouter).
  const syncCursors = (states: Map<number, UserState>) =>
    syncCursorPositions(binding, provider, { getAwarenessStates: () => states });
  const onYjsChanges = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction) => {
    if (transaction.origin === binding) return;
    const undoing = transaction.origin instanceof Y.UndoManager;
    const selection = anchored;
    try {
      syncYjsChangesToLexical(binding, provider, events as Array<Y.YEvent<Y.Text>>, undoing, () =>
        syncCursors(cursorRouter.statesIn(cursorKey)),
      );
      // Lexical has put the selection back from this person's presence, whose caret is tied to
      // the character on its right: tie it to the left one again. In the same commit, and with
      // no transforms, which would rewrite the others' text as this person's edit.
      if (selection !== null && !undoing) {
        editor.update(() => void $restoreSelection(binding, selection), {
          skipTransforms: true,
          tag: [COLLABORATION_TAG, SKIP_SCROLL_INTO_VIEW_TAG],
        });
      }
    } catch (error: unknown) {
      // Thrown here it would break the provider's handling of every later message.
      onFailure(error instanceof Error ? error : new Error(String(error)));
    }
  };
  root.observeDeep(onYjsChanges as (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, t: Y.Transaction) => void);

  const undoManager = createUndoManager(binding, root);
  const onStackChange = () => {
    editor.dispatchCommand(CAN_UNDO_COMMAND, undoManager.undoStack.length > 0);
    editor.dispatchCommand(CAN_REDO_COMMAND, undoManager.redoStack.length > 0);
  };
  undoManager.on('stack-item-added', onStackChange);
  undoManager.on('stack-item-popped', onStackChange);
  const unregisterCursors = cursorRouter.register(cursorKey, syncCursors);

  const unregister = mergeRegister(
    editor.registerUpdateListener(
      ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
        if (tags.has(SKIP_COLLAB_TAG)) return;
        syncLexicalUpdateToYjs(
          binding,
          provider,
          prevEditorState,
          editorState,
          dirtyElements,
          dirtyLeaves,
          normalizedNodes,
          tags,
        );
        anchorSelection();
      },
    ),
    editor.registerCommand(
      UNDO_COMMAND,
      () => {
        undoManager.undo();
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      REDO_COMMAND,
      () => {
        undoManager.redo();
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      FOCUS_COMMAND,
      () => {
        setLocalStateFocus(provider, name, color, true, {});
        return false;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
    editor.registerCommand(
      BLUR_COMMAND,
      () => {
        setLocalStateFocus(provider, name, color, false, {});
        return false;
      },
      COMMAND_PRIORITY_EDITOR,
    ),
  );
  // After the update listener exists: the first paragraph must reach the shared document.
  if (bootstrap && root.length === 0) {
    editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
  }
  return () => {
    unregister();
    unregisterCursors();
    undoManager.off('stack-item-added', onStackChange);
    undoManager.off('stack-item-popped', onStackChange);
    undoManager.destroy();
    root.unobserveDeep(onYjsChanges as (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, t: Y.Transaction) => void);
    binding.root.destroy(binding);
  };
}

/**
 * Lexical caches its collab node on each shared type and does not clear it when a binding is
 * destroyed; a later binding of the same root (a clause deleted, then restored by undo) would
 * reuse those stale nodes and write the clause's text again, once per client. Clearing the
 * caches makes the new binding build its own.
 */
function forgetEarlierBindings(type: object): void {
  delete (type as { _collabNode?: unknown })._collabNode;
  if (type instanceof Y.XmlText) {
    for (const op of type.toDelta() as Array<{ insert: unknown }>) {
      if (op.insert instanceof Y.AbstractType) forgetEarlierBindings(op.insert as object);
    }
  }
  if (type instanceof Y.XmlElement) {
    for (const child of type.toArray()) forgetEarlierBindings(child);
  }
}
