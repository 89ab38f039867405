import { describe, expect, it } from 'vitest';
import { adoptionReadiness } from '../../shared/consensus/adoption-readiness.ts';
import { buildAdoptionRecord } from '../../shared/consensus/adoption-record.ts';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import type { PositionRecord } from '../../shared/schemas/decisions.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { adoptedExportModel, currentExportModel } from './export-model.ts';
import { writeMarkdown } from './markdown-export.ts';

const AT = '2026-12-02T09:00:00.000Z';
const DRAFT: DraftRecord = {
  id: 'draft0001',
  title: 'Joint Statement',
  kind: 'joint-statement',
  delegations: ['MYS', 'NZL', 'PHL'],
  consensus: { rule: 'minus-x', x: 3 },
  createdAt: '2026-11-01T00:00:00.000Z',
};

function operative(n: number, text: string, positions: Array<Omit<PositionRecord, 'textHash' | 'at'>>) {
  const textHash = hashClauseText(text);
  return {
    id: `clause${n}`,
    kind: 'operative',
    text,
    textHash,
    label: `paragraph ${n}`,
    number: String(n),
    proposedBy: null,
    frozen: { at: AT, by: 'chair', textHash },
    positions: positions.map((p) => ({ ...p, textHash, at: AT })),
  } satisfies ClauseDecisionFacts;
}

const ENDORSED = ['MYS', 'NZL', 'PHL'].map((delegation) => ({ delegation, stance: 'endorsed' as const, reason: null }));

/** Ten operative paragraphs, so that a note on paragraph 1 must not be taken for paragraph 10's. */
const CLAUSES = [
  operative(1, 'COMMEND the experts.', [
    { delegation: 'MYS', stance: 'reserved', reason: 'cannot accept', reservationKind: 'substantive' },
    { delegation: 'NZL', stance: 'reserved', reason: null, reservationKind: 'scrutiny' },
    { delegation: 'PHL', stance: 'endorsed', reason: null },
  ]),
  ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => operative(n, `ENDORSE item ${n}.`, ENDORSED)),
  operative(10, 'NOTE the report.', [
    { delegation: 'MYS', stance: 'reserved', reason: null, reservationKind: 'linguistic' },
    { delegation: 'NZL', stance: 'reserved', reason: 'on the whole matter', reservationKind: 'general' },
    { delegation: 'PHL', stance: 'endorsed', reason: null },
  ]),
];

const EXPECTED = [
  'MYS reserves its position on paragraph 1: cannot accept',
  'NZL maintains a parliamentary scrutiny reservation on paragraph 1.',
  'MYS maintains a linguistic reservation on paragraph 10.',
  'NZL maintains a general reservation on paragraph 10: on the whole matter',
];

describe('reservation footnotes by kind in the exports', () => {
  it('prints the current text’s footnotes in each kind’s wording, attached to their clause', () => {
    const model = currentExportModel(DRAFT, CLAUSES, new Date(AT));
    expect(model.notes.map((n) => n.text)).toEqual(EXPECTED);
    expect(model.clauses[0]?.notes).toEqual([1, 2]);
    expect(model.clauses[9]?.notes).toEqual([3, 4]);
  });

  it('attaches each of the adoption record’s footnotes to the clause it names, paragraph 1 not taking paragraph 10’s', async () => {
    const { footnotes, ready } = adoptionReadiness({ ...DRAFT, clauses: CLAUSES, adopted: false });
    expect(ready).toBe(true);
    expect(footnotes).toEqual(EXPECTED);
    const record = buildAdoptionRecord({
      draft: DRAFT,
      clauses: CLAUSES,
      footnotes,
      place: 'Manila',
      date: '2026-12-02',
      at: AT,
      by: { session: 'chair', role: 'chair', delegation: null },
    });
    const model = adoptedExportModel(record, DRAFT.createdAt);
    expect(model.notes.map((n) => [n.clauseId, n.delegation])).toEqual([
      ['clause1', 'MYS'],
      ['clause1', 'NZL'],
      ['clause10', 'MYS'],
      ['clause10', 'NZL'],
    ]);
    const markdown = writeMarkdown(model);
    for (const note of EXPECTED) expect(markdown).toContain(note);
  });
});
