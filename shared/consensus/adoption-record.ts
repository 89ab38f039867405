import { isPlain } from '../clause-runs.ts';
import type { AdoptionRecord } from '../schemas/adoption.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';
import type { Actor } from '../schemas/decisions.ts';
import type { ConsensusRule, DraftKind } from '../schemas/draft.ts';
import { canonicalClauseText, hashClauseText } from './clause-hash.ts';
import type { ClauseFacts } from './positions.ts';

/**
 * The adopted text in one canonical form: the title, then each clause, blank-line separated; a
 * clause as its `canonicalClauseText`, which is its plain text unless it has emphasis.
 */
export function canonicalAdoptedText(title: string, clauseTexts: readonly string[]): string {
  return [title, ...clauseTexts].join('\n\n');
}

export interface AdoptionInput {
  draft: { id: string; title: string; kind: DraftKind; delegations: readonly string[]; consensus: ConsensusRule };
  /** In reading order, each with its current text and, when it has emphasis, its runs. */
  clauses: ReadonlyArray<ClauseFacts & { text: string; runs?: readonly ClauseRun[] }>;
  footnotes: readonly string[];
  place: string;
  date: string;
  at: string;
  by: Actor;
}

/** The immutable record of an adoption, from the facts the adoption was decided on. */
export function buildAdoptionRecord(input: AdoptionInput): AdoptionRecord {
  const { draft, clauses } = input;
  return {
    draftId: draft.id,
    title: draft.title,
    kind: draft.kind,
    consensus: draft.consensus,
    delegations: [...draft.delegations],
    place: input.place,
    date: input.date,
    adoptedAt: input.at,
    adoptedBy: input.by,
    clauses: clauses.map((c) => ({
      id: c.id,
      kind: c.kind,
      label: c.label,
      text: c.text,
      // Only where there is emphasis: an unformatted record is written as it always was.
      ...(c.runs === undefined || isPlain(c.runs) ? {} : { runs: c.runs.map((run) => ({ ...run })) }),
      textHash: c.textHash,
      frozen: c.frozen === null ? null : { at: c.frozen.at, by: c.frozen.by },
      positions: c.positions.map((p) => ({ ...p })),
    })),
    footnotes: [...input.footnotes],
    textHash: hashClauseText(
      canonicalAdoptedText(
        draft.title,
        clauses.map((c) => (c.runs === undefined ? c.text : canonicalClauseText(c.runs))),
      ),
    ),
  };
}
