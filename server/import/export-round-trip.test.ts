import { describe, expect, it } from 'vitest';
import { hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import { withNumbers } from '../../shared/consensus/paragraph-labels.ts';
import { type ImportedDraft, importToClauses } from '../../shared/import/import-to-clauses.ts';
import { writeDocx } from '../export/docx-export.ts';
import { currentExportModel, type ExportModel } from '../export/export-model.ts';
import { writeMarkdown } from '../export/markdown-export.ts';
import { readFixture } from '../testing/fixtures.ts';
import { FORMATTED_SAMPLE, sampleExportModel } from '../testing/sample-export-model.ts';
import { readCorpusText } from './corpus/read-corpus-text.ts';
import { docxToText } from './docx-to-text.ts';
import { parseImport } from './parse/parse-import.ts';

function imported(text: string): ImportedDraft {
  const outcome = parseImport(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return importToClauses(outcome.result);
}

/** The draft an import creates, as the export sees it before adoption, with one reservation on its fourth clause. */
function exportModelOf(draft: ImportedDraft): ExportModel {
  const clauses: ClauseDecisionFacts[] = withNumbers(draft.clauses).map((clause, i) => {
    const textHash = hashClauseText(clause.text);
    const at = '2025-10-31T00:00:00.000Z';
    const positions =
      i === 3
        ? [{ delegation: 'PHL', stance: 'reserved' as const, reason: 'awaiting instructions.', textHash, at }]
        : [];
    return { ...clause, id: `c${i}`, textHash, proposedBy: null, frozen: null, positions };
  });
  const record = {
    id: 'draft0001',
    title: draft.title,
    kind: draft.kind,
    delegations: ['MYS', 'PHL'],
    consensus: { rule: 'unanimous' as const },
    createdAt: '2025-11-01T00:00:00.000Z',
  };
  return currentExportModel(record, clauses, new Date('2025-11-01T00:00:00.000Z'));
}

const TEXTS = [
  ['the ADMM-Plus joint statement', readFixture('admm-plus-2025-joint-statement.txt').toString('utf8')],
  ['resolution 80/7 of the General Assembly', readCorpusText({ file: 'un-ga-80-7-iaea.txt', dir: 'corpus' })],
  [
    'resolution 80/1, with lettered sub-items',
    readCorpusText({ file: 'un-ga-80-1-palestine-participation.txt', dir: 'corpus' }),
  ],
  ['the Siem Reap NADI report', readFixture('nadi-2024-siem-reap-chairmans-report.txt').toString('utf8')],
  ['the Manila NADI report', readFixture('nadi-2025-manila-chairmans-report.txt').toString('utf8')],
  [
    'the ASEAN-U.S. statement with sub-headings',
    readCorpusText({ file: 'asean-us-2023-aoip-leaders-statement.txt', dir: 'corpus' }),
  ],
  [
    'the East Room declaration, prose under a title',
    readCorpusText({ file: 'apep-2023-east-room-declaration.txt', dir: 'corpus' }),
  ],
] as const;

describe('importing an export', () => {
  it.each(TEXTS)('gives %s back from its Markdown export with the same clauses, kinds and text', (_name, text) => {
    const draft = imported(text);
    expect(imported(writeMarkdown(exportModelOf(draft)))).toEqual(draft);
  });

  it.each(TEXTS)('gives %s back from its Word export with the same clauses, kinds and text', async (_name, text) => {
    const draft = imported(text);
    expect(imported(await docxToText(await writeDocx(exportModelOf(draft))))).toEqual(draft);
  });

  it('writes a resolution’s openers in italics, which the import reads off again', () => {
    const draft = imported(readCorpusText({ file: 'un-ga-80-7-iaea.txt', dir: 'corpus' }));
    const markdown = writeMarkdown(exportModelOf(draft));
    expect(markdown).toContain('*Recognizing also* the cooperation');
    expect(markdown).toContain('1. *Takes note with appreciation* of the report');
  });

  it('reads the clauses of a draft with bold, italic and underlined words back from each export, two footnotes at one place too', async () => {
    const model = sampleExportModel('current', FORMATTED_SAMPLE);
    const expected = FORMATTED_SAMPLE.clauses.map((c) => [c.kind, c.text]);
    const fromMarkdown = imported(writeMarkdown(model));
    expect(fromMarkdown.clauses.map((c) => [c.kind, c.text])).toEqual(expected);
    const fromWord = imported(await docxToText(await writeDocx(model)));
    expect(fromWord.clauses.map((c) => [c.kind, c.text])).toEqual(expected);
  });

  it('keeps headings of several lines through the Markdown export', () => {
    const draft = imported(readFixture('nadi-2025-manila-chairmans-report.txt').toString('utf8'));
    expect(draft.clauses.some((c) => c.kind === 'heading' && c.text.includes('\n'))).toBe(true);
    expect(imported(writeMarkdown(exportModelOf(draft)))).toEqual(draft);
  });
});
