import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseFacts, Position } from '../../shared/consensus/positions.ts';
import { CLAUSES_ROOT, clauseRootName, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { ClauseKind } from '../../shared/schemas/draft.ts';
import type { Room } from '../collab/room.ts';
import type { DraftDecisions } from '../storage/storage.ts';

export interface ClauseSnapshot extends ClauseFacts {
  text: string;
}

/** The clause ids of a room's document in reading order. */
export function clauseOrder(room: Room): string[] {
  return room.doc.getArray<string>(ORDER_ROOT).toArray();
}

/** One clause as the rules see it: kind, current text and its hash, frozen, positions. */
export function clauseSnapshot(room: Room, clauseId: string, decisions: DraftDecisions): ClauseSnapshot {
  const meta = room.doc.getMap<unknown>(CLAUSES_ROOT).get(clauseId) as { kind?: unknown } | undefined;
  const kind = ClauseKind.safeParse(meta?.kind);
  const text = readClauseText(room.doc.get(clauseRootName(clauseId), Y.XmlText) as Y.XmlText);
  const positions: Position[] = decisions.positions
    .filter((p) => p.clauseId === clauseId)
    .map((p) => ({ delegation: p.delegation, stance: p.stance, reason: p.reason, textHash: p.textHash }));
  return {
    id: clauseId,
    kind: kind.success ? kind.data : 'paragraph',
    text,
    textHash: hashClauseText(text),
    frozen: room.locks.frozen.has(clauseId),
    positions,
  };
}

/** Every clause of the draft in reading order. */
export function allClauseSnapshots(room: Room, decisions: DraftDecisions): ClauseSnapshot[] {
  return clauseOrder(room).map((id) => clauseSnapshot(room, id, decisions));
}
