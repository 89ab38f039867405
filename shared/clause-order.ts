import type { ClauseKind } from './schemas/draft.ts';

/**
 * The order the parts of a text follow: chapeau, preamble, lead-in, operative part (a chair's
 * report's paragraphs stand there too), closing. Headings are not ranked: a sub-heading may stand
 * anywhere between the chapeau and the closing.
 */
const RANK: Record<Exclude<ClauseKind, 'heading'>, number> = {
  chapeau: 0,
  preamble: 1,
  'lead-in': 2,
  operative: 3,
  paragraph: 3,
  closing: 4,
};

function rank(kind: ClauseKind): number | null {
  return kind === 'heading' ? null : RANK[kind];
}

/**
 * Whether a clause of `kind` may be inserted at `index` of a text whose clauses are `kinds`,
 * keeping the order of the parts: no preamble clause after an operative one, no operative clause
 * before the lead-in, nothing after the closing or before the chapeau.
 */
export function fitsAt(kinds: readonly ClauseKind[], index: number, kind: ClauseKind): boolean {
  const before = kinds.slice(0, index);
  const after = kinds.slice(index);
  if (kind === 'heading') return !before.includes('closing') && !after.includes('chapeau');
  const own = RANK[kind];
  const ranksBefore = before.map(rank).filter((r): r is number => r !== null);
  const ranksAfter = after.map(rank).filter((r): r is number => r !== null);
  return ranksBefore.every((r) => r <= own) && ranksAfter.every((r) => r >= own);
}

/** A clause that stands before a part it belongs after. */
export interface OrderProblem {
  /** The clause out of place, and the earlier one it should not follow. */
  index: number;
  kind: ClauseKind;
  afterIndex: number;
  afterKind: ClauseKind;
}

/** Every clause that comes after a part of the text it belongs before, in reading order. */
export function orderProblems(kinds: readonly ClauseKind[]): OrderProblem[] {
  const problems: OrderProblem[] = [];
  let highest: { index: number; rank: number } | null = null;
  kinds.forEach((kind, index) => {
    const own = rank(kind);
    if (own === null) return;
    if (highest !== null && own < highest.rank) {
      problems.push({ index, kind, afterIndex: highest.index, afterKind: kinds[highest.index] ?? kind });
    } else if (highest === null || own > highest.rank) {
      highest = { index, rank: own };
    }
  });
  return problems;
}

const NAME: Record<ClauseKind, string> = {
  chapeau: 'the chapeau',
  preamble: 'a preamble clause',
  'lead-in': 'the lead-in',
  operative: 'an operative clause',
  paragraph: 'a paragraph',
  closing: 'the closing',
  heading: 'a heading',
};

/** "Clause 3 (the lead-in) comes after clause 2 (an operative clause): operative clauses belong after the lead-in." */
export function describeOrderProblem(problem: OrderProblem): string {
  const { index, kind, afterIndex, afterKind } = problem;
  const where = `Clause ${index + 1} (${NAME[kind]}) comes after clause ${afterIndex + 1} (${NAME[afterKind]})`;
  if (kind === 'lead-in' && (afterKind === 'operative' || afterKind === 'paragraph')) {
    return `${where}: operative clauses belong after the lead-in.`;
  }
  return `${where}: ${NAME[kind]} belongs before ${NAME[afterKind].replace(/^an? /, 'any ')}.`;
}
