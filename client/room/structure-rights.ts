import {
  canAddClause,
  canDeleteClause,
  canMoveClause,
  canRestoreClause,
  canTakeUpClause,
} from '../../shared/consensus/decide.ts';
import { type DraftDecisionRecords, decisionFactsOf } from '../../shared/consensus/decision-records.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DraftSummary } from '../../shared/schemas/draft.ts';
import type { ClauseView } from '../collab/use-draft-doc.ts';
import type { StructureRights } from './ClauseStructureControls.tsx';

/** The same object for the same rights, so that a memoised card re-renders only when its own change. */
const INTERNED = new Map<string, StructureRights>();

function interned(rights: StructureRights): StructureRights {
  const key = `${+rights.add}${+rights.moveUp}${+rights.moveDown}${+rights.delete}${+rights.takeUp}`;
  let known = INTERNED.get(key);
  if (known === undefined) {
    known = rights;
    INTERNED.set(key, rights);
  }
  return known;
}

export const NO_RIGHTS: StructureRights = interned({
  add: false,
  moveUp: false,
  moveDown: false,
  delete: false,
  takeUp: false,
});

/**
 * What this person may change about each clause's place in the list, asked of the shared rules
 * the server decides by. Words do not matter to these rules, so the clauses are judged without
 * them (hashing every clause on each decision would cost a frame on a large draft).
 */
export function structureRights(
  draft: DraftSummary,
  clauses: readonly ClauseView[],
  records: DraftDecisionRecords | null,
): { byClause: Map<string, StructureRights>; restore: (clauseId: string) => boolean } {
  const byClause = new Map<string, StructureRights>();
  if (records === null || draft.you.role === 'observer') {
    for (const clause of clauses) byClause.set(clause.id, NO_RIGHTS);
    return { byClause, restore: () => false };
  }
  const wordless = clauses.map((c) => ({ ...c, text: '', textHash: '' }));
  const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
  const facts = decisionFactsOf(draft, wordless, records, new Date().toISOString());
  const add = canAddClause(facts, actor);
  clauses.forEach((clause, index) => {
    byClause.set(
      clause.id,
      interned({
        add,
        moveUp: index > 0 && canMoveClause(facts, actor, clause.id, clauses[index - 2]?.id ?? null),
        moveDown: index < clauses.length - 1 && canMoveClause(facts, actor, clause.id, clauses[index + 1]?.id ?? null),
        delete: canDeleteClause(facts, actor, clause.id),
        takeUp: canTakeUpClause(facts, actor, clause.id),
      }),
    );
  });
  // A clause just deleted is not among `removed` (the doc holds those): ask as if it were.
  const restore = (clauseId: string) =>
    canRestoreClause({ ...facts, removed: [{ id: clauseId, kind: 'operative', proposedBy: null }] }, actor, clauseId);
  return { byClause, restore };
}
