import { delegationName } from '../../shared/delegation-names.ts';
import { alternativeLabel } from '../../shared/schemas/alternatives.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { alternativeAnnouncement } from '../alternatives/alternative-announcement.ts';

/**
 * A decision as the room's polite live region says it when it arrives: "The Philippines
 * endorsed Operative 3.", "The chair froze Preamble 2." `labelOf` names a clause as the cards do.
 */
export function decisionAnnouncement(event: DecisionEvent, labelOf: (clauseId: string) => string): string {
  const { change } = event;
  switch (change.type) {
    case 'position': {
      const who = sentenceStart(delegationName(change.delegation));
      const label = labelOf(change.clauseId);
      if (change.position === null) return `${who} withdrew its position on ${label}.`;
      if (change.position.stance === 'endorsed') return `${who} endorsed ${label}.`;
      return `${who} reserved its position on ${label}: ${change.position.reason ?? ''}`.trimEnd();
    }
    case 'freeze':
      if (change.alternative !== undefined) {
        return `The chair froze ${labelOf(change.clauseId)} with ${alternativeLabel(change.alternative)}: its words are the clause's text now.`;
      }
      return `The chair froze ${labelOf(change.clauseId)}.`;
    case 'alternative':
    case 'alternative-position':
      return alternativeAnnouncement(
        change,
        event.actor.role === 'chair' ? null : event.actor.delegation,
        labelOf(change.clauseId),
      );
    case 'reopen':
      return `The chair re-opened ${labelOf(change.clauseId)}: ${change.reason}`;
    case 'adopt':
      return 'The chair adopted the draft. Its text is final.';
    default:
      // Changes to the clause list are told by the room's structure notices.
      return '';
  }
}

function sentenceStart(words: string): string {
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}
