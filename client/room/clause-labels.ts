import { resolutionRoomLabels } from '../../shared/consensus/paragraph-labels.ts';
import type { ClauseKind, DraftKind } from '../../shared/schemas/draft.ts';

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
 * text it begins, if it begins one. Preamble and operative clauses, report paragraphs and
 * headings are numbered in order ("Operative 2", "Preamble 3", "Heading 2"); the one-off parts
 * are named by kind ("Lead-in").
 * Footnotes and messages use the formal names of `paragraphLabels` instead ("paragraph 2").
 */
export function roomLabels<C extends { kind: ClauseKind }>(
  clauses: readonly C[],
  draftKind: DraftKind,
): LabelledClause<C>[] {
  // A resolution's paragraphs are named as the UN names them: "PP 3", "OP 2".
  const resolution = draftKind === 'resolution' ? resolutionRoomLabels(clauses.map((c) => c.kind)) : null;
  const next: Partial<Record<ClauseKind, number>> = {};
  let previousGroup: string | undefined;
  return clauses.map((clause, index) => {
    // Headings too: a chair's report has many, and each editor needs a name of its own.
    const numbered = clause.kind !== 'chapeau' && clause.kind !== 'lead-in' && clause.kind !== 'closing';
    const n = (next[clause.kind] ?? 0) + 1;
    next[clause.kind] = n;
    const group = GROUP_OF[clause.kind];
    const groupTitle = group !== undefined && group !== previousGroup ? group : null;
    // A sub-heading inside the operative part does not open a part of its own.
    if (group !== undefined) previousGroup = group;
    const label = resolution?.[index] ?? (numbered ? `${KIND_LABEL[clause.kind]} ${n}` : KIND_LABEL[clause.kind]);
    return { clause, label, groupTitle };
  });
}
