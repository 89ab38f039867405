import type { UserState } from '@lexical/yjs';
import * as Y from 'yjs';
import { alternativeOfRoot, clauseIdOfRoot } from '../../shared/doc-layout.ts';

type AwarenessLike = {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  on(event: 'update', listener: (change: AwarenessChange) => void): void;
  off(event: 'update', listener: (change: AwarenessChange) => void): void;
};
type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** Redraws the others' cursors in one clause editor, given the presences whose cursor is in it. */
export type CursorSync = (states: Map<number, UserState>) => void;

/**
 * Sends each presence change only to the clause editors it concerns. Lexical's binding redraws
 * every cursor of an editor on every presence change in the room; with 200 clause editors and
 * 19 people moving their carets, that is thousands of redraws a second. Here a change is
 * resolved once to the clause its caret is in, and only that clause and the one it left redraw,
 * each with the presences in it alone.
 */
export class CursorRouter {
  /** The clause each remote caret is in, or absent when it is in none. */
  private readonly clauseOfClient = new Map<number, string>();
  private readonly editors = new Map<string, CursorSync>();
  private readonly rootNames = new WeakMap<Y.AbstractType<unknown>, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly awareness: AwarenessLike,
  ) {
    awareness.on('update', this.onUpdate);
    for (const clientId of awareness.getStates().keys()) this.locate(clientId);
  }

  /** Registers a mounted clause editor; it draws the carets already in its clause at once. */
  register(clauseId: string, sync: CursorSync): () => void {
    this.editors.set(clauseId, sync);
    sync(this.statesIn(clauseId));
    return () => {
      if (this.editors.get(clauseId) === sync) this.editors.delete(clauseId);
    };
  }

  /** The presences whose caret is in this clause: what its editor draws. */
  statesIn(clauseId: string): Map<number, UserState> {
    const states = new Map<number, UserState>();
    const all = this.awareness.getStates();
    for (const [clientId, where] of this.clauseOfClient) {
      const state = all.get(clientId);
      if (where === clauseId && state !== undefined) states.set(clientId, state as unknown as UserState);
    }
    return states;
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.editors.clear();
  }

  private readonly onUpdate = ({ added, updated, removed }: AwarenessChange): void => {
    const affected = new Set<string>();
    for (const clientId of [...added, ...updated, ...removed]) {
      const before = this.clauseOfClient.get(clientId);
      const now = this.locate(clientId);
      if (before !== undefined) affected.add(before);
      if (now !== undefined) affected.add(now);
    }
    for (const clauseId of affected) this.editors.get(clauseId)?.(this.statesIn(clauseId));
  };

  /** Finds (and records) the clause a client's caret is in. */
  private locate(clientId: number): string | undefined {
    const state = this.awareness.getStates().get(clientId);
    const clauseId =
      clientId === this.awareness.clientID || state === undefined ? undefined : this.clauseOfState(state);
    if (clauseId === undefined) this.clauseOfClient.delete(clientId);
    else this.clauseOfClient.set(clientId, clauseId);
    return clauseId;
  }

  private clauseOfState(state: Record<string, unknown>): string | undefined {
    if (state.focusing !== true || state.anchorPos == null) return undefined;
    let position: Y.AbsolutePosition | null;
    try {
      // Presence is another participant's JSON: a malformed position must not break the room.
      position = Y.createAbsolutePositionFromRelativePosition(state.anchorPos as Y.RelativePosition, this.doc);
    } catch (error: unknown) {
      console.warn('Ignoring a presence whose caret position cannot be read.', error);
      return undefined;
    }
    if (position === null) return undefined;
    let type: Y.AbstractType<unknown> = position.type;
    while (type._item !== null) type = type._item.parent as Y.AbstractType<unknown>;
    return this.rootClauseId(type);
  }

  private rootClauseId(root: Y.AbstractType<unknown>): string | undefined {
    let name = this.rootNames.get(root);
    if (name === undefined) {
      for (const [key, type] of this.doc.share) {
        if (type === root) {
          name = key;
          this.rootNames.set(root, key);
          break;
        }
      }
    }
    if (name === undefined) return undefined;
    // A caret in an alternative is filed under its root's name, which its editor registers with.
    return clauseIdOfRoot(name) ?? (alternativeOfRoot(name) === null ? undefined : name);
  }
}
