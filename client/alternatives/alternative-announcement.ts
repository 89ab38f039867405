import { delegationName } from '../../shared/delegation-names.ts';
import { alternativeLabel } from '../../shared/schemas/alternatives.ts';
import type { DecisionChange } from '../../shared/schemas/events.ts';

type AlternativeChange = Extract<DecisionChange, { type: 'alternative' | 'alternative-position' }>;

/**
 * An alternative's decision as the room's live region says it: "The United States proposed Alt 1
 * of Operative 3.", "Japan endorsed Alt 1 of Operative 3." `by` is the acting delegation, or null
 * for the chair.
 */
export function alternativeAnnouncement(change: AlternativeChange, by: string | null, clauseLabel: string): string {
  const who = by === null ? 'The chair' : sentenceStart(delegationName(by));
  const n = change.type === 'alternative' ? change.alternative.n : change.alternative;
  const label = `${alternativeLabel(n)} of ${clauseLabel}`;
  if (change.type === 'alternative-position') {
    if (change.position === null) return `${who} withdrew its position on ${label}.`;
    if (change.position.stance === 'endorsed') return `${who} endorsed ${label}.`;
    return `${who} reserved its position on ${label}: ${change.position.reason ?? ''}`.trimEnd();
  }
  switch (change.change) {
    case 'proposed':
      return `${who} proposed ${label}.`;
    case 'sponsored':
      return `${who} now sponsors ${label}.`;
    case 'left':
      return `${who} no longer sponsors ${label}.`;
    case 'withdrawn':
      return `${who} withdrew ${label}.`;
  }
}

function sentenceStart(words: string): string {
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}
