import type { BracketKind, BracketRecord } from '../schemas/brackets.ts';
import type { ClauseFacts } from './positions.ts';

/** How a kind reads in a sentence: "contested", "awaiting instructions", … */
export const BRACKET_KIND_LABEL: Record<BracketKind, string> = {
  contested: 'contested',
  'awaiting-instructions': 'awaiting instructions',
  technical: 'technical check',
  deletion: 'deletion proposed',
};

/** The clause's brackets still open, in the order they were placed. */
export function openBrackets(clause: Pick<ClauseFacts, 'brackets'>): BracketRecord[] {
  return (clause.brackets ?? []).filter((b) => b.lifted === null);
}

/**
 * How many brackets the clause counts: its open ones, and one over the whole clause while it is
 * a delegation's proposal (bracketed whole until the chair takes it into the text).
 */
export function bracketCount(clause: Pick<ClauseFacts, 'brackets' | 'proposedBy'>): number {
  return openBrackets(clause).length + (clause.proposedBy === null ? 0 : 1);
}

/** Whether the clause is *clean text*: no open bracket, and not a proposal. */
export function isCleanText(clause: Pick<ClauseFacts, 'brackets' | 'proposedBy'>): boolean {
  return bracketCount(clause) === 0;
}

/** Every delegation holding an open bracket on the clause (its proposer too), each once. */
export function bracketHolders(clause: Pick<ClauseFacts, 'brackets' | 'proposedBy'>): string[] {
  const holders = new Set<string>();
  if (clause.proposedBy !== null) holders.add(clause.proposedBy);
  for (const bracket of openBrackets(clause)) for (const holder of bracket.holders) holders.add(holder);
  return [...holders];
}

/** A draft's count for its header: "12 brackets in 7 clauses". */
export function draftBracketCount(clauses: readonly Pick<ClauseFacts, 'brackets' | 'proposedBy'>[]): {
  brackets: number;
  clauses: number;
} {
  let brackets = 0;
  let bracketed = 0;
  for (const clause of clauses) {
    const count = bracketCount(clause);
    brackets += count;
    if (count > 0) bracketed += 1;
  }
  return { brackets, clauses: bracketed };
}

/** "12 brackets in 7 clauses", "1 bracket in 1 clause", "No brackets". */
export function describeBracketCount(count: { brackets: number; clauses: number }): string {
  if (count.brackets === 0) return 'No brackets';
  const brackets = `${count.brackets} ${count.brackets === 1 ? 'bracket' : 'brackets'}`;
  return `${brackets} in ${count.clauses} ${count.clauses === 1 ? 'clause' : 'clauses'}`;
}
