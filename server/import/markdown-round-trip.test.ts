import { describe, expect, it } from 'vitest';
import { importToClauses } from '../../shared/import/import-to-clauses.ts';
import type { ExportModel } from '../export/export-model.ts';
import { writeMarkdown } from '../export/markdown-export.ts';
import { readFixture } from '../testing/fixtures.ts';
import { parseImport } from './parse/parse-import.ts';

const fixture = (name: string) => readFixture(name).toString('utf8');

function imported(text: string) {
  const outcome = parseImport(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return importToClauses(outcome.result);
}

/** The draft an import creates, as the export sees it before adoption, with one reservation. */
function exportModelOf(draft: ReturnType<typeof imported>): ExportModel {
  let number = 0;
  const clauses = draft.clauses.map((clause, i) => {
    const numbered = clause.kind === 'operative' || clause.kind === 'paragraph';
    if (numbered) number += 1;
    return {
      id: `c${i}`,
      kind: clause.kind,
      label: '',
      number: numbered ? number : null,
      text: clause.text,
      notes: i === 3 ? [1] : [],
    };
  });
  return {
    draftId: 'draft0001',
    title: draft.title,
    kind: draft.kind,
    version: 'current',
    delegations: ['MYS', 'PHL'],
    createdAt: '2025-11-01T00:00:00.000Z',
    clauses,
    notes: [
      { number: 1, clauseId: 'c3', delegation: 'PHL', text: 'PHL reserves its position: awaiting instructions.' },
    ],
    adoption: null,
    adoptionLine: null,
    asOf: '2025-11-01T00:00:00.000Z',
  };
}

describe('importing what the Markdown export writes', () => {
  it('gives the ADMM-Plus statement back with the same clauses, kinds and text', () => {
    const draft = imported(fixture('admm-plus-2025-joint-statement.txt'));
    expect(imported(writeMarkdown(exportModelOf(draft)))).toEqual(draft);
  });

  it.each(['nadi-2024-siem-reap-chairmans-report.txt', 'nadi-2025-manila-chairmans-report.txt'])(
    'gives %s back with the same clauses, kinds and text, headings of several lines included',
    (name) => {
      const draft = imported(fixture(name));
      expect(draft.clauses.some((c) => c.kind === 'heading' && c.text.includes('\n'))).toBe(true);
      expect(imported(writeMarkdown(exportModelOf(draft)))).toEqual(draft);
    },
  );
});
