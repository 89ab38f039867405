import type { Provider } from '@lexical/yjs';
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import type { AdoptionMark } from '../../shared/schemas/decisions.ts';
import type { ClauseKind, DraftSummary } from '../../shared/schemas/draft.ts';
import type { ChairStatementMark, SilenceRecord } from '../../shared/schemas/silence.ts';
import type { TextChangeAuthors } from '../consensus/text-change-authors.ts';
import type { CursorRouter } from '../editor/cursor-router.ts';

/**
 * What every card of the room shares: the draft and who is looking at it, the one document and
 * connection, and the room's callbacks. It changes only when the room itself does (a reload, the
 * adoption), so that cards re-render for their own clause only.
 */
export interface RoomContextValue {
  draft: DraftSummary;
  doc: Y.Doc;
  texts: ClauseTextCache;
  provider: Provider;
  /** The person's name as the others see it at their cursor: delegation code or role. */
  who: string;
  adoption: AdoptionMark | null;
  /** Clauses under a running silence: locked like frozen ones until it ends. */
  silenced?: ReadonlySet<string>;
  /** Every silence of the draft, which the rules judge positions with. */
  silences?: readonly SilenceRecord[];
  chairStatement?: ChairStatementMark | null;
  /** The chair issued the text as a Chairman's Statement: closed as if adopted. */
  statementIssued?: boolean;
  cursorsContainer: HTMLElement | null;
  cursorRouter: CursorRouter;
  /** Who changed the clauses this delegation holds positions on, as far as this screen saw. */
  changeAuthors: TextChangeAuthors;
  /** Changes to the clause list, sent as commands; a refusal is shown by the room. */
  structure: StructureActions;
  /** Opens the Versions view on the compare of the version at or before `at` (ISO) with now. */
  openCompareSince?: (at: string) => void;
}

/** The room's changes to the clause list (see `clause-structure.ts`). */
export interface StructureActions {
  /** Adds a clause of `kind` at `index` of `order` (the order as the person saw it). */
  add: (order: readonly string[], index: number, kind: ClauseKind) => void;
  move: (clauseId: string, label: string, step: -1 | 1) => void;
  remove: (clauseId: string, label: string) => void;
  takeUp: (clauseId: string) => void;
}

export const RoomContext = createContext<RoomContextValue | null>(null);

/** The room a component is rendered in. */
export function useRoom(): RoomContextValue {
  const room = useContext(RoomContext);
  if (room === null) throw new Error('useRoom() is used outside a <RoomContext.Provider>.');
  return room;
}
