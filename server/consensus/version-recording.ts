import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { DraftDecisionRecords } from '../../shared/consensus/decision-records.ts';
import { versionClausesOf, versionOfEffect } from '../../shared/consensus/versions.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { VersionInput } from '../../shared/schemas/versions.ts';
import type { Room } from '../collab/room.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { roomDecisionFacts } from './room-facts.ts';

/**
 * The version an effect records (a named one, or the server's at a freeze, re-opening,
 * circulation under silence or adoption), with every clause of the room's text as it stands
 * once the effect's own change to the document is applied; undefined for an effect that records
 * none. Called in the room's exclusive section, so the text is the one the decision was taken on.
 */
export function versionOf(
  draft: DraftRecord,
  room: Room,
  records: DraftDecisionRecords,
  effect: DecisionEffect,
  actor: Actor,
  at: Date,
): VersionInput | undefined {
  // Most decisions record none: the text is read only for those that do.
  if (versionOfEffect(effect, () => '') === null) return undefined;
  const { clauses } = roomDecisionFacts(draft, room, records, at);
  const labels = new Map(clauses.map((c) => [c.id, c.label]));
  const made = versionOfEffect(effect, (id) => labels.get(id) ?? 'a clause');
  if (made === null) return undefined;
  return { ...made, at: at.toISOString(), actor, clauses: versionClausesOf(clauses) };
}
