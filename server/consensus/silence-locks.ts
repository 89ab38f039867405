import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { Room } from '../collab/room.ts';

/**
 * What the room's guard refuses after a silence effect: the circulated clauses while silence
 * runs; after a conclusion the clauses it froze, or everything once the draft is adopted; after
 * a Chairman's Statement everything, as after an adoption.
 */
export function lockSilenceText(room: Room, effect: DecisionEffect): void {
  switch (effect.type) {
    case 'circulate-silence':
      room.lockSilenced(effect.silence.clauses.map((c) => c.id));
      return;
    case 'break-silence':
    case 'withdraw-silence':
      room.unlockSilenced();
      return;
    case 'conclude-silence':
      for (const { clauseId } of effect.freezes) room.freeze(clauseId);
      if (effect.adoption !== null) room.adopt();
      room.unlockSilenced();
      return;
    case 'issue-chair-statement':
      room.adopt();
      return;
    default:
      return;
  }
}
