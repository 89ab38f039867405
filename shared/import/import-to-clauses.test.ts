import { describe, expect, it } from 'vitest';
import { CreateDraftRequest } from '../schemas/draft.ts';
import type { ImportResult } from '../schemas/import.ts';
import { importToClauses } from './import-to-clauses.ts';

const statement: ImportResult = {
  kind: 'joint-statement',
  title: 'Joint Statement',
  date: '2025-11-01',
  place: 'Manila',
  closing: { text: 'ADOPTED in Manila on 1 June 2025.', place: 'Manila', date: '2025-06-01' },
  clauses: [
    { kind: 'chapeau', text: 'The Meeting;', closeCall: null },
    { kind: 'preamble', text: 'RECOGNISING one;', closeCall: null },
    { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:', closeCall: null },
    { kind: 'operative', text: 'COMMEND three;', closeCall: 'no opener' },
    { kind: 'closing', text: 'ADOPTED in Manila on 1 June 2025.', closeCall: null },
  ],
  dropped: [{ text: 'Page 2', reason: 'page-number', before: 3 }],
  warnings: [],
};

describe('importToClauses', () => {
  it('gives the clauses in order with their kinds, without the review notes', () => {
    expect(importToClauses(statement)).toEqual({
      title: 'Joint Statement',
      kind: 'joint-statement',
      clauses: [
        { kind: 'chapeau', text: 'The Meeting;' },
        { kind: 'preamble', text: 'RECOGNISING one;' },
        { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:' },
        { kind: 'operative', text: 'COMMEND three;' },
        { kind: 'closing', text: 'ADOPTED in Manila on 1 June 2025.' },
      ],
    });
  });

  it('leaves out clauses with no text', () => {
    const { clauses } = importToClauses({
      ...statement,
      clauses: [...statement.clauses, { kind: 'operative', text: '  ', closeCall: null }],
    });
    expect(clauses).toHaveLength(5);
  });

  it('keeps the kind of a resolution', () => {
    expect(importToClauses({ ...statement, kind: 'resolution' }).kind).toBe('resolution');
  });

  it('names an untitled import after its kind', () => {
    expect(importToClauses({ ...statement, title: '' }).title).toBe('Imported joint statement');
    expect(importToClauses({ ...statement, kind: 'resolution', title: ' ' }).title).toBe('Imported resolution');
  });

  it('shortens a title that is too long at a word', () => {
    const long = importToClauses({ ...statement, title: 'word '.repeat(100) }).title;
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long).toMatch(/word…$/);
  });

  it('gives what POST /api/drafts accepts', () => {
    const draft = importToClauses({ ...statement, title: '' });
    expect(CreateDraftRequest.safeParse({ ...draft, delegations: ['MYS'] }).success).toBe(true);
  });
});
