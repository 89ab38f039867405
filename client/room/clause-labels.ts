import type { ClauseKind } from '../../shared/schemas/draft.ts';

const KIND_LABEL: Record<ClauseKind, string> = {
  chapeau: 'Chapeau',
  preamble: 'Preamble',
  'lead-in': 'Lead-in',
  operative: 'Operative',
  closing: 'Closing',
  heading: 'Heading',
  paragraph: 'Paragraph',
};

/** The parts of a joint statement as it reads; a chair's report's headings are its own parts. */
const GROUP_OF: Partial<Record<ClauseKind, string>> = {
  chapeau: 'Preamble',
  preamble: 'Preamble',
  'lead-in': 'Operative part',
  operative: 'Operative part',
  closing: 'Closing',
};

export interface LabelledClause<C extends { kind: ClauseKind }> {
  clause: C;
  /** How the room shows and announces it: "Operative 2", "Preamble 3", "Lead-in". */
  label: string;
  /** Set on the first clause of a part of the text ("Preamble", "Operative part"). */
  groupTitle: string | null;
}

/**
 * Each clause with the label it is shown and announced by, and the title of the part of the
 * text it begins, if it begins one. Preamble and operative clauses and report paragraphs are
 * numbered in order ("Operative 2", "Preamble 3"); the rest are named by kind ("Lead-in").
 * Footnotes and messages use the formal names of `paragraphLabels` instead ("paragraph 2").
 */
export function roomLabels<C extends { kind: ClauseKind }>(clauses: readonly C[]): LabelledClause<C>[] {
  const next: Partial<Record<ClauseKind, number>> = {};
  let previousGroup: string | undefined;
  return clauses.map((clause) => {
    const numbered = clause.kind === 'operative' || clause.kind === 'paragraph' || clause.kind === 'preamble';
    const n = (next[clause.kind] ?? 0) + 1;
    next[clause.kind] = n;
    const group = GROUP_OF[clause.kind];
    const groupTitle = group !== undefined && group !== previousGroup ? group : null;
    previousGroup = group;
    return { clause, label: numbered ? `${KIND_LABEL[clause.kind]} ${n}` : KIND_LABEL[clause.kind], groupTitle };
  });
}
