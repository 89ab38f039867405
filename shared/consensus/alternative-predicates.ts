import type { PositionStance } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import { type AlternativeFacts, alternativesOf } from './alternatives.ts';
import { type DecisionFacts, decide } from './decide.ts';

/**
 * What the client may offer on alternatives, asked of `decide` itself with the facts it holds,
 * so that it shows exactly what the server would accept.
 */

/** Whether a delegation may propose an alternative to the clause now. */
export function canProposeAlternative(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  return decide(facts, actor, { type: 'propose-alternative', clauseId }).ok;
}

/** Whether this actor may sponsor, leave or withdraw alternative `n` of the clause now. */
export function canChangeAlternative(
  facts: DecisionFacts,
  actor: Actor,
  clauseId: string,
  n: number,
  type: 'sponsor-alternative' | 'leave-alternative' | 'withdraw-alternative',
): boolean {
  return decide(facts, actor, { type, clauseId, alternative: n }).ok;
}

/** Whether this stance on alternative `n`'s current text would be accepted. */
export function canTakeAlternativeStance(
  facts: DecisionFacts,
  actor: Actor,
  clauseId: string,
  n: number,
  stance: PositionStance,
): boolean {
  const alternative = findAlternative(facts, clauseId, n);
  if (alternative === null) return false;
  const reason = stance === 'reserved' ? { reason: 'asked' } : {};
  return decide(facts, actor, {
    type: 'position',
    clauseId,
    stance,
    textHash: alternative.textHash,
    alternative: n,
    ...reason,
  }).ok;
}

/** Whether the chair may freeze the clause on alternative `n`'s current words. */
export function canFreezeWithAlternative(facts: DecisionFacts, actor: Actor, clauseId: string, n: number): boolean {
  const alternative = findAlternative(facts, clauseId, n);
  return (
    alternative !== null &&
    decide(facts, actor, { type: 'freeze', clauseId, textHash: alternative.textHash, alternative: n }).ok
  );
}

/** Alternative `n` of the clause, as the facts hold it, or null. */
export function findAlternative(facts: DecisionFacts, clauseId: string, n: number): AlternativeFacts | null {
  const clause = facts.clauses.find((c) => c.id === clauseId);
  return clause === undefined ? null : (alternativesOf(clause).find((a) => a.n === n) ?? null);
}
