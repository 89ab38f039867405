import * as Y from 'yjs';
import type { AlternativeState } from '../../shared/schemas/alternatives.ts';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Why an update was refused: the close code and a short reason for the log. */
export interface GuardRefusal {
  code: number;
  reason: string;
  /**
   * What the person is told in the close frame (at most 123 bytes), when the code's own reason
   * (`CloseReason`) is not enough: a limit, named.
   */
  message?: string;
}

/** What the guards need to know of a draft's decisions; the room keeps it current. */
export interface TextLocks {
  frozen: ReadonlySet<string>;
  adopted: boolean;
  /**
   * Every alternative on record, by its root's name (`clause/<id>/alt/<n>`): only these roots
   * may be written at all, and only an open one of a clause that is not frozen may change.
   * Absent: none.
   */
  alternatives?: ReadonlyMap<string, AlternativeState>;
  /**
   * Clauses under a running silence (shared/consensus/silence.ts): the room locks them as it
   * locks frozen ones, merging them into `frozen` before any guard sees the locks.
   */
  silenced?: ReadonlySet<string>;
  /**
   * The store's locks version these locks were read at (`DraftDecisionRecords.locksVersion`):
   * with several instances, every append names it and is refused once it moved. Absent: one
   * instance writes the draft, and its room queue orders decisions and edits already.
   */
  version?: number;
}

/**
 * Decides, before an update is applied to `doc`, whether the room may accept it. Runs on every
 * incoming update, so it must be cheap: it reads the decoded structs and delete set and the
 * doc as it is, and never copies or changes the doc.
 */
export type UpdateGuard = (doc: Y.Doc, update: DecodedUpdate, locks: TextLocks) => GuardRefusal | null;

/**
 * True if the update holds anything the doc lacks: an item past the doc's clock for its client,
 * or a deletion of an item not yet deleted. A client's sync step 2 always carries its whole
 * delete set; an observer who reconnects after any deletion must not be refused for it.
 */
export function hasNewChanges(doc: Y.Doc, update: DecodedUpdate): boolean {
  for (const struct of update.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, deletions] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of deletions) {
      if (len === 0) continue;
      if (structs === undefined || clock + len > known) return true;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i];
        if (struct === undefined || struct.id.clock >= clock + len) break;
        if (struct instanceof Y.Item && !struct.deleted) return true;
      }
    }
  }
  return false;
}
