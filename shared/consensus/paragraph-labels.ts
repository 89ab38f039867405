import type { ClauseKind } from '../schemas/draft.ts';

/** What numbering a clause needs to know: its kind, and whether it is a delegation's proposal. */
export interface NumberedClause {
  kind: ClauseKind;
  /** The proposing delegation while the clause is its proposal, not yet taken into the text. */
  proposedBy?: string | null;
}

/** The numbered series a clause belongs to: operative clauses and report paragraphs count together. */
type Series = 'paragraph' | 'preamble' | 'heading';

const SERIES: Partial<Record<ClauseKind, Series>> = {
  operative: 'paragraph',
  paragraph: 'paragraph',
  preamble: 'preamble',
  heading: 'heading',
};

/**
 * The suffixes negotiators give a paragraph proposed after paragraph N, so that nothing after it
 * is renumbered while it is only a proposal: "5 bis", "5 ter", "5 quater"…
 */
const LATIN_SUFFIXES = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];

/** A clause's place in its series: "5", "5 bis", "0 bis" (a proposal before the first); null when unnumbered. */
export function clauseNumbers(clauses: readonly NumberedClause[]): Array<{ series: Series; number: string } | null> {
  const count: Record<Series, number> = { paragraph: 0, preamble: 0, heading: 0 };
  const proposalsAfter: Record<Series, number> = { paragraph: 0, preamble: 0, heading: 0 };
  return clauses.map((clause) => {
    const series = SERIES[clause.kind];
    if (series === undefined) return null;
    if (clause.proposedBy === null || clause.proposedBy === undefined) {
      count[series] += 1;
      proposalsAfter[series] = 0;
      return { series, number: String(count[series]) };
    }
    proposalsAfter[series] += 1;
    const k = proposalsAfter[series];
    const suffix = LATIN_SUFFIXES[k - 1] ?? `(${k + 1})`;
    return { series, number: `${count[series]} ${suffix}` };
  });
}

/**
 * How a clause is referred to in a footnote or a message, as a published statement numbers it:
 * operative clauses (and a chair's report's paragraphs) are "paragraph N" in their own
 * numbering, preamble clauses "preambular paragraph N", the rest by name. A resolution is
 * referred to the same way ("preambular paragraph 3", "paragraph 2"). A delegation's proposal
 * takes the number of the clause before it with a suffix ("paragraph 5 bis").
 */
export function paragraphLabels(clauses: readonly NumberedClause[]): string[] {
  return clauseNumbers(clauses).map((numbered, index) => {
    if (numbered === null) return NAMED[clauses[index]?.kind as keyof typeof NAMED] ?? 'a clause';
    return `${FORMAL_SERIES[numbered.series]} ${numbered.number}`;
  });
}

const FORMAL_SERIES: Record<Series, string> = {
  paragraph: 'paragraph',
  preamble: 'preambular paragraph',
  heading: 'heading',
};

const NAMED: Record<'chapeau' | 'lead-in' | 'closing', string> = {
  chapeau: 'the chapeau',
  'lead-in': 'the lead-in',
  closing: 'the closing paragraph',
};

/**
 * The number a position is taken at: a clause's formal label when its number is cited (in an
 * adoption footnote, "paragraph 5"), null for the clauses named rather than numbered (the
 * chapeau, the lead-in, the closing) and for headings, which no footnote cites.
 */
export function citedNumbers(clauses: readonly NumberedClause[]): Array<string | null> {
  const labels = paragraphLabels(clauses);
  return clauses.map((clause, index) =>
    clause.kind === 'operative' || clause.kind === 'paragraph' || clause.kind === 'preamble'
      ? (labels[index] ?? null)
      : null,
  );
}

/**
 * The short labels a negotiating room gives a resolution's clauses, as the UN does: "PP 3" for
 * the third preambular paragraph, "OP 2" for the second operative paragraph (report paragraphs
 * count with the operative ones), "OP 2 bis" for a proposal after it, and the rest by name
 * ("Chapeau", "Lead-in", "Closing", "Heading 1").
 */
export function resolutionRoomLabels(clauses: readonly NumberedClause[]): string[] {
  return clauseNumbers(clauses).map((numbered, index) => {
    if (numbered === null) return ROOM_NAMED[clauses[index]?.kind as keyof typeof ROOM_NAMED] ?? 'Clause';
    return `${ROOM_SERIES[numbered.series]} ${numbered.number}`;
  });
}

const ROOM_SERIES: Record<Series, string> = { paragraph: 'OP', preamble: 'PP', heading: 'Heading' };

const ROOM_NAMED: Record<'chapeau' | 'lead-in' | 'closing', string> = {
  chapeau: 'Chapeau',
  'lead-in': 'Lead-in',
  closing: 'Closing',
};

/** Each clause with its formal `label` and cited `number`, as footnotes and positions refer to it. */
export function withNumbers<C extends NumberedClause>(
  clauses: readonly C[],
): Array<C & { label: string; number: string | null }> {
  const labels = paragraphLabels(clauses);
  const numbers = citedNumbers(clauses);
  return clauses.map((clause, i) => ({ ...clause, label: labels[i] ?? 'a clause', number: numbers[i] ?? null }));
}
