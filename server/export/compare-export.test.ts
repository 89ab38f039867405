import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../shared/schemas/versions.ts';
import { docxRuns } from '../testing/docx-runs.ts';
import { compareDocx, compareHtml } from './compare-export.ts';

const summary = (n: number, label: string) => ({
  n,
  label,
  kind: 'named' as const,
  at: '2026-01-01T10:00:00.000Z',
  actor: { session: 'abc', role: 'chair' as const, delegation: null },
  auditSeq: n,
});

const COMPARISON: Comparison = {
  from: summary(1, 'Rev.1'),
  to: summary(2, 'Rev.2'),
  toAt: '2026-01-01T11:00:00.000Z',
  clauses: [
    {
      clauseId: 'o1',
      kind: 'operative',
      label: 'paragraph 1',
      fromLabel: 'paragraph 1',
      change: 'changed',
      moved: false,
      parts: [
        { op: 'same', text: 'COMMEND the ' },
        { op: 'deleted', text: 'drafting' },
        { op: 'inserted', text: 'excellent' },
        { op: 'same', text: ' committee & <its> chair;' },
      ],
      authors: [{ role: 'delegation', delegation: 'MYS' }],
      textHash: null,
    },
    {
      clauseId: 'o2',
      kind: 'operative',
      label: 'paragraph 2',
      fromLabel: 'paragraph 2',
      change: 'deleted',
      moved: false,
      parts: [{ op: 'deleted', text: 'NOTE the report;' }],
      authors: [],
      textHash: null,
    },
  ],
};

describe('compare exports', () => {
  it('writes the new words as bold runs and the deleted ones as struck-through runs in the DOCX', async () => {
    const runs = await docxRuns(await compareDocx(COMPARISON, 'Joint Statement'));
    const words = runs.filter((r) => ['COMMEND the ', 'drafting', 'excellent', 'NOTE the report;'].includes(r.text));
    expect(words).toEqual([
      { text: 'COMMEND the ', bold: false, strike: false },
      { text: 'drafting', bold: false, strike: true },
      { text: 'excellent', bold: true, strike: false },
      { text: 'NOTE the report;', bold: false, strike: true },
    ]);
    expect(runs.some((r) => r.text.includes('New text is in bold. Deleted text is struck through.'))).toBe(true);
    expect(runs.some((r) => r.text.includes('changed by Malaysia'))).toBe(true);
  });

  it('writes the same convention in HTML, escaped', () => {
    const html = compareHtml(COMPARISON, 'Joint Statement');
    expect(html).toContain('COMMEND the <s>drafting</s><strong>excellent</strong> committee &amp; &lt;its&gt; chair;');
    expect(html).toContain('<s>NOTE the report;</s>');
    expect(html).toContain('New text is in bold. Deleted text is struck through.');
  });
});
