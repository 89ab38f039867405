import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';

/**
 * What the room tells everyone when the clause list changes: who did what to which paragraph,
 * in the formal labels positions and footnotes use ("Paragraph 11 was deleted by the chair.").
 * Null for an event that does not change the list.
 */
export function structureNotice(event: DecisionEvent): string | null {
  const { change, actor } = event;
  const by = actorName(actor);
  switch (change.type) {
    case 'clause-added':
      return change.proposedBy !== null
        ? `${change.proposedBy} proposed ${change.label}.`
        : `${capitalised(by)} added ${change.label}.`;
    case 'clause-moved':
      return change.from === change.to
        ? `${capitalised(change.from)} was moved by ${by}; its number is the same.`
        : `${capitalised(change.from)} was moved by ${by}; it is now ${change.to}.`;
    case 'clause-deleted':
      return change.withdrawnProposal
        ? `${capitalised(by)} withdrew its proposal, ${change.label}.`
        : `${capitalised(change.label)} was deleted by ${by}.`;
    case 'clause-restored':
      return `${capitalised(change.label)} was restored by ${by}.`;
    case 'proposal-taken-up':
      return `${capitalised(by)} took ${change.proposedBy}'s proposal, ${change.from}, into the text as ${change.to}.`;
    default:
      return null;
  }
}

function actorName(actor: Actor): string {
  if (actor.role === 'delegation') return actor.delegation ?? 'a delegation';
  return actor.role === 'chair' ? 'the chair' : actor.role === 'secretariat' ? 'the secretariat' : 'an observer';
}

function capitalised(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase()}${text.slice(1)}`;
}
