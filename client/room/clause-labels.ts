import {
  clauseNumbers,
  type NumberedClause,
  resolutionRoomLabels,
  withNumbers,
} from '../../shared/consensus/paragraph-labels.ts';
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

export interface LabelledClause<C extends NumberedClause> {
  clause: C;
  /** How the room shows and announces it: "Operative 2", "Preamble 3", "Lead-in", "OP 5 bis". */
  label: string;
  /** How positions, footnotes and messages refer to it: "paragraph 2", "preambular paragraph 3". */
  formalLabel: string;
  /** The number a position records and a footnote cites ("paragraph 5 bis"); null when unnumbered. */
  number: string | null;
  /** Set on the first clause of a part of the text ("Preamble", "Operative part"). */
  groupTitle: string | null;
}

/**
 * Each clause with the label it is shown and announced by, and the title of the part of the
 * text it begins, if it begins one. Preamble and operative clauses, report paragraphs and
 * headings are numbered in order ("Operative 2", "Preamble 3", "Heading 2"); a delegation's
 * proposal takes the number of the clause before it with a suffix ("Operative 5 bis"), so that
 * nothing is renumbered while it is only proposed; the one-off parts are named by kind
 * ("Lead-in"). Footnotes and messages use the formal names of `paragraphLabels` instead.
 */
export function roomLabels<C extends NumberedClause>(clauses: readonly C[], draftKind: DraftKind): LabelledClause<C>[] {
  // A resolution's paragraphs are named as the UN names them: "PP 3", "OP 2".
  const resolution = draftKind === 'resolution' ? resolutionRoomLabels(clauses) : null;
  const numbers = clauseNumbers(clauses);
  const formal = withNumbers(clauses);
  let previousGroup: string | undefined;
  return clauses.map((clause, index) => {
    const group = GROUP_OF[clause.kind];
    const groupTitle = group !== undefined && group !== previousGroup ? group : null;
    // A sub-heading inside the operative part does not open a part of its own.
    if (group !== undefined) previousGroup = group;
    const numbered = numbers[index];
    const label =
      resolution?.[index] ??
      (numbered === null || numbered === undefined
        ? KIND_LABEL[clause.kind]
        : `${KIND_LABEL[clause.kind]} ${numbered.number}`);
    const { label: formalLabel, number } = formal[index] ?? { label: 'a clause', number: null };
    return { clause, label, formalLabel, number, groupTitle };
  });
}
