import { shortQuote } from '../../shared/consensus/bracket-count.ts';
import { RESERVATION_KIND_WORDS } from '../../shared/consensus/reservation-footnote.ts';
import { describeBreak, joinLabels } from '../../shared/consensus/silence.ts';
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
    case 'bracket': {
      const label = labelOf(change.clauseId);
      const words = `"${shortQuote(change.bracket.quote)}"`;
      const who =
        event.actor.role === 'chair' ? 'The chair' : sentenceStart(delegationName(event.actor.delegation ?? ''));
      switch (change.command) {
        case 'place-bracket':
          return `${who} bracketed ${words} in ${label}.`;
        case 'propose-deletion':
          return `${who} proposed the deletion of ${label}.`;
        case 'join-bracket':
          return `${who} joined the bracket on ${words} in ${label}.`;
        case 'leave-bracket':
          return change.bracket.lifted === null
            ? `${who} left the bracket on ${words} in ${label}.`
            : `${who} left the bracket on ${words} in ${label}, which is lifted.`;
        case 'lift-bracket':
          return `${who} lifted the bracket on ${words} in ${label}.`;
      }
      return '';
    }
    case 'silence-circulated':
      return `The chair circulated ${change.silence.clauseIds === null ? 'the whole draft' : joinLabels(change.silence.clauses.map((c) => c.label))} under silence until ${change.silence.deadline.slice(11, 16)} UTC. The text is locked.`;
    case 'silence-broken':
      return `Silence was broken by ${change.silence.broken === null ? 'a delegation' : describeBreak(change.silence.broken)}. The text is open again.`;
    case 'silence-withdrawn':
      return 'The chair withdrew the silence. The text is open again.';
    case 'silence-concluded':
      return change.adoption === null
        ? 'The silence procedure concluded without objection: the circulated paragraphs are agreed under silence.'
        : 'The silence procedure concluded without objection: the draft is adopted under silence.';
    case 'chair-statement':
      return "The chair issued the text as a Chairman's Statement. The draft is closed.";
    case 'version-named':
      return `The chair named this version of the text "${change.label}".`;
    case 'clause-text-restored':
      return `${labelOf(change.clauseId)} was set back to the words of version ${change.version}.`;
    default:
      // Changes to the clause list are told by the room's structure notices.
      return '';
  }
}

function sentenceStart(words: string): string {
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}
