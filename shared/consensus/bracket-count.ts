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

/** A bracket's words cut for a sentence: "including freedom of navigation and …". */
export function shortQuote(quote: string, max = 40): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut} …`;
}

/** What a bracket whose words were deleted reports, on the card and in exports. */
export function deletedBracketReport(bracket: Pick<BracketRecord, 'quote'>): string {
  return `The bracketed words "${shortQuote(bracket.quote)}" were deleted: a holder or the chair can lift the bracket.`;
}

/** "USA", "USA, also held by CHN and RUS". */
export function describeHolders(holders: readonly string[]): string {
  const [first, ...others] = holders;
  if (first === undefined) return 'nobody';
  if (others.length === 0) return first;
  const last = others.at(-1) ?? '';
  const also = others.length === 1 ? last : `${others.slice(0, -1).join(', ')} and ${last}`;
  return `${first}, also held by ${also}`;
}
