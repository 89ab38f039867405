import { describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import { CHAIRS_REPORT_SAMPLE, sampleAdoptionRecord, sampleExportModel } from '../testing/sample-export-model.ts';
import { adoptedExportModel, currentExportModel, dateInWords } from './export-model.ts';

const DRAFT: DraftRecord = {
  id: 'draft0001',
  title: 'T',
  kind: 'joint-statement',
  delegations: ['MYS', 'PHL'],
  consensus: { rule: 'unanimous' },
  createdAt: '2025-10-01T00:00:00.000Z',
};

function snapshot(
  id: string,
  kind: ClauseDecisionFacts['kind'],
  text: string,
  positions: ClauseDecisionFacts['positions'] = [],
): ClauseDecisionFacts {
  return {
    id,
    kind,
    text,
    textHash: hashClauseText(text),
    label: '',
    number: null,
    proposedBy: null,
    frozen: null,
    positions,
  };
}

describe('the model of the current text', () => {
  it('numbers operative clauses only and labels every clause as footnotes name it', () => {
    const model = sampleExportModel('current');
    const numbers = model.clauses.filter((c) => c.number !== null).map((c) => [c.kind, c.number, c.label]);
    expect(numbers).toHaveLength(11);
    expect(numbers[0]).toEqual(['operative', 1, 'paragraph 1']);
    expect(numbers[10]).toEqual(['operative', 11, 'paragraph 11']);
    expect(model.clauses[1]).toMatchObject({ kind: 'preamble', number: null, label: 'preambular paragraph 1' });
    expect(model.clauses[0]).toMatchObject({ kind: 'chapeau', label: 'the chapeau' });
  });

  it('turns current reservations into footnotes attached to their clause, in text order', () => {
    const model = sampleExportModel('current');
    expect(model.notes.map((n) => [n.number, n.delegation, n.text])).toEqual([
      [
        1,
        'USA',
        'USA reserves its position on preambular paragraph 1: cannot accept <"binding"> & \'nonbinding\' together',
      ],
      [2, 'RUS', 'RUS reserves its position on paragraph 2: awaiting instructions from capital'],
    ]);
    expect(model.clauses[1]?.notes).toEqual([1]);
    expect(model.clauses[12]?.notes).toEqual([2]);
    expect(model).toMatchObject({ version: 'current', adoption: null, adoptionLine: null });
  });

  it('leaves out a reservation taken on an earlier text of the clause', () => {
    const stale = {
      delegation: 'PHL',
      stance: 'reserved' as const,
      reason: 'old',
      textHash: hashClauseText('old'),
      at: '2025-10-31T00:00:00.000Z',
    };
    const model = currentExportModel(
      DRAFT,
      [snapshot('clause1', 'operative', 'COMMEND the work;', [stale])],
      new Date('2025-10-31T00:00:00Z'),
    );
    expect(model.notes).toEqual([]);
    expect(model.asOf).toBe('2025-10-31T00:00:00.000Z');
  });

  it('numbers a chair’s report’s paragraphs across its headings', () => {
    const model = sampleExportModel('current', CHAIRS_REPORT_SAMPLE);
    expect(model.clauses.map((c) => c.number)).toEqual([1, null, 2, 3, null, 4]);
  });
});

describe('the model of the adopted text', () => {
  it('takes text, place, date and hash from the adoption record and dates everything by it', () => {
    const record = sampleAdoptionRecord();
    const model = sampleExportModel('adopted');
    expect(model.adoption).toEqual({
      place: 'Kuala Lumpur, Malaysia',
      date: '2025-11-01',
      dateText: '1 November 2025',
      adoptedAt: record.adoptedAt,
      textHash: record.textHash,
    });
    expect(model.asOf).toBe(record.adoptedAt);
    expect(model.clauses.map((c) => c.text)).toEqual(record.clauses.map((c) => c.text));
  });

  it('attaches each stored footnote to the clause its label names, even "paragraph 1" next to "paragraph 11"', () => {
    const record = { ...sampleAdoptionRecord(), footnotes: ['PHL reserves its position on paragraph 1: too long'] };
    const model = adoptedExportModel(record, '2025-10-01T00:00:00.000Z');
    const attached = model.clauses.filter((c) => c.notes.length > 0);
    expect(attached.map((c) => c.label)).toEqual(['paragraph 1']);
    expect(model.notes[0]).toMatchObject({ number: 1, delegation: 'PHL' });
  });

  it('keeps a footnote that names no clause, unattached', () => {
    const record = { ...sampleAdoptionRecord(), footnotes: ['A general reservation.'] };
    const model = adoptedExportModel(record, '2025-10-01T00:00:00.000Z');
    expect(model.notes).toEqual([{ number: 1, clauseId: null, delegation: null, text: 'A general reservation.' }]);
  });

  it('writes the ADOPTED line only when a joint statement has no closing clause', () => {
    expect(sampleExportModel('adopted').adoptionLine).toBeNull();
    const record = sampleAdoptionRecord();
    const withoutClosing = { ...record, clauses: record.clauses.filter((c) => c.kind !== 'closing') };
    expect(adoptedExportModel(withoutClosing, '2025-10-01T00:00:00.000Z').adoptionLine).toBe(
      'ADOPTED in Kuala Lumpur, Malaysia on 1 November 2025.',
    );
    expect(sampleExportModel('adopted', CHAIRS_REPORT_SAMPLE).adoptionLine).toBeNull();
  });

  it('reads the record back through the schema it is written with, unchanged', () => {
    const record = sampleAdoptionRecord();
    expect(AdoptionRecord.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });
});

describe('dateInWords', () => {
  it('writes an ISO date as a published statement does', () => {
    expect(dateInWords('2025-11-01')).toBe('1 November 2025');
    expect(dateInWords('2026-05-31')).toBe('31 May 2026');
  });

  it('returns anything else unchanged', () => {
    expect(dateInWords('First Day of November')).toBe('First Day of November');
    expect(dateInWords('2025-13-01')).toBe('2025-13-01');
  });
});
