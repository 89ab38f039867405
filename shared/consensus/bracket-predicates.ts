import type { Actor } from '../schemas/decisions.ts';
import { type DecisionFacts, decide } from './decide.ts';

/**
 * Whether this actor may bracket words of the clause at all (which words is judged when it does):
 * asked with a probe whose anchors are not checked, so that only role, freeze and the cap answer.
 */
export function canPlaceBracket(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  const clause = facts.clauses.find((c) => c.id === clauseId);
  if (clause === undefined) return false;
  const probe: DecisionFacts = { ...facts, bracketSpan: () => ({ ok: true, from: 0, to: 5, words: 'probe' }) };
  return decide(probe, actor, {
    type: 'place-bracket',
    clauseId,
    textHash: clause.textHash,
    start: 'AA==',
    end: 'AA==',
    quote: 'probe',
    kind: 'contested',
  }).ok;
}

/** Whether this actor may join the bracket (a delegation not yet holding it). */
export function canJoinBracket(facts: DecisionFacts, actor: Actor, clauseId: string, bracketId: string): boolean {
  return decide(facts, actor, { type: 'join-bracket', clauseId, bracketId }).ok;
}

/** Whether this actor may leave the bracket (a delegation holding it). */
export function canLeaveBracket(facts: DecisionFacts, actor: Actor, clauseId: string, bracketId: string): boolean {
  return decide(facts, actor, { type: 'leave-bracket', clauseId, bracketId }).ok;
}

/** Whether this actor may lift the bracket (one of its holders, or the chair). */
export function canLiftBracket(facts: DecisionFacts, actor: Actor, clauseId: string, bracketId: string): boolean {
  return decide(facts, actor, { type: 'lift-bracket', clauseId, bracketId }).ok;
}

/** Whether this delegation may propose the clause's deletion. */
export function canProposeDeletion(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  return decide(facts, actor, { type: 'propose-deletion', clauseId }).ok;
}
