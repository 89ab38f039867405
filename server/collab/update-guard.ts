import type * as Y from 'yjs';
import type { Room } from './room.ts';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Why an update was refused: the close code and a short reason for the log. */
export interface GuardRefusal {
  code: number;
  reason: string;
}

/**
 * Decides, before an update is applied, whether the room may accept it. Runs on every incoming
 * update, so it must be cheap: it sees the decoded structs and delete set, never a copy of the doc.
 */
export type UpdateGuard = (room: Room, update: DecodedUpdate) => GuardRefusal | null;

/**
 * True if applying the update could change the doc. A read-only client's sync step 2 is an empty
 * update, which must pass: refusing it would disconnect every observer on every connect.
 */
export function hasChanges(update: DecodedUpdate): boolean {
  if (update.structs.length > 0) return true;
  for (const deletions of update.ds.clients.values()) {
    if (deletions.length > 0) return true;
  }
  return false;
}
