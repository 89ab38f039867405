import { RESERVATION_KIND_WORDS } from '../../shared/consensus/reservation-footnote.ts';
import { delegationName } from '../../shared/delegation-names.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';

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
      const { stance, adReferendum, reservationKind, reason } = change.position;
      if (stance === 'endorsed') {
        return adReferendum === undefined
          ? `${who} endorsed ${label}.`
          : `${who} agreed ${label} ad referendum, subject to its capital’s confirmation.`;
      }
      const kind = reservationKind ?? 'substantive';
      const what =
        kind === 'substantive' ? 'reserved its position' : `entered a ${RESERVATION_KIND_WORDS[kind]} reservation`;
      return `${who} ${what} on ${label}${reason === null ? '.' : `: ${reason}`}`;
    }
    case 'freeze':
      return `The chair froze ${labelOf(change.clauseId)}.`;
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
