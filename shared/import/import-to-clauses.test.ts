import { describe, expect, it } from 'vitest';
import { CreateDraftRequest } from '../schemas/draft.ts';
import type { ImportResult } from '../schemas/import.ts';
import { importToClauses } from './import-to-clauses.ts';

const statement: ImportResult = {
  kind: 'joint-statement',
  title: 'Joint Statement',
  date: '2025-11-01',
  chapeau: 'The Meeting;',
  preamble: ['RECOGNISING one;', 'NOTING two;'],
  leadIn: 'WE HEREBY COMMIT TO:',
  operative: ['COMMEND three;', 'UPHOLD four.'],
  closing: { text: 'ADOPTED in Manila on 1 June 2025.', place: 'Manila', date: '2025-06-01' },
  warnings: [],
};

describe('importToClauses', () => {
  it('gives a joint statement’s clauses in order with their kinds', () => {
    expect(importToClauses(statement)).toEqual({
      title: 'Joint Statement',
      kind: 'joint-statement',
      clauses: [
        { kind: 'chapeau', text: 'The Meeting;' },
        { kind: 'preamble', text: 'RECOGNISING one;' },
        { kind: 'preamble', text: 'NOTING two;' },
        { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:' },
        { kind: 'operative', text: 'COMMEND three;' },
        { kind: 'operative', text: 'UPHOLD four.' },
        { kind: 'closing', text: 'ADOPTED in Manila on 1 June 2025.' },
      ],
    });
  });

  it('leaves out an empty chapeau, lead-in and closing', () => {
    const { clauses } = importToClauses({ ...statement, chapeau: '', leadIn: '', closing: null });
    expect(clauses.map((c) => c.kind)).toEqual(['preamble', 'preamble', 'operative', 'operative']);
  });

  it('gives a report’s headings and paragraphs, skipping the empty heading', () => {
    const { kind, clauses } = importToClauses({
      kind: 'chairs-report',
      title: 'Report',
      sections: [
        { heading: '', paragraphs: ['One.'] },
        { heading: 'Discussion\nby Mr A', paragraphs: ['Two.', 'Three.'] },
      ],
      warnings: [],
    });
    expect(kind).toBe('chairs-report');
    expect(clauses).toEqual([
      { kind: 'paragraph', text: 'One.' },
      { kind: 'heading', text: 'Discussion\nby Mr A' },
      { kind: 'paragraph', text: 'Two.' },
      { kind: 'paragraph', text: 'Three.' },
    ]);
  });

  it('names an untitled import and shortens a title that is too long at a word', () => {
    expect(importToClauses({ ...statement, title: '' }).title).toBe('Imported joint statement');
    const long = importToClauses({ ...statement, title: 'word '.repeat(100) }).title;
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long).toMatch(/word…$/);
  });

  it('gives what POST /api/drafts accepts', () => {
    const draft = importToClauses({ ...statement, title: '' });
    expect(CreateDraftRequest.safeParse({ ...draft, delegations: ['MYS'] }).success).toBe(true);
  });
});
