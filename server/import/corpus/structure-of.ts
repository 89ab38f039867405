import { importToClauses } from '../../../shared/import/import-to-clauses.ts';
import type { ClauseKind, NewClause } from '../../../shared/schemas/draft.ts';
import type { ImportResult } from '../../../shared/schemas/import.ts';
import type { ExpectedStructure } from './expected-structures.ts';

/** The structure an import recognised, in the terms of `ExpectedStructure`, for comparing with the one written down. */
export function structureOf(result: ImportResult): Omit<ExpectedStructure, 'file' | 'dir' | 'fromPdf'> {
  const counts: Partial<Record<ClauseKind, number>> = {};
  for (const clause of result.clauses) counts[clause.kind] = (counts[clause.kind] ?? 0) + 1;
  const text = (kind: ClauseKind) => result.clauses.find((clause) => clause.kind === kind)?.text;
  return {
    kind: result.kind,
    title: result.title,
    date: result.date,
    place: result.place,
    counts,
    chapeau: text('chapeau'),
    leadIn: text('lead-in'),
    closing: result.closing === null ? null : { place: result.closing.place, date: result.closing.date },
    headings: result.clauses.filter((c) => c.kind === 'heading').map((c) => c.text.split('\n', 1)[0] ?? ''),
  };
}

/** The parts of a recognised structure that the expected one names, the chapeau cut to the words written down. */
export function comparable(
  actual: ReturnType<typeof structureOf>,
  expected: ExpectedStructure,
): Record<string, unknown> {
  const { file: _file, dir: _dir, fromPdf: _fromPdf, ...wanted } = expected;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(wanted) as Array<keyof typeof wanted>) {
    const value = actual[key];
    out[key] = key === 'chapeau' && typeof value === 'string' ? value.slice(0, expected.chapeau?.length) : value;
  }
  return out;
}

/**
 * The clauses of an import as the harness compares them: every clause's kind and text, with
 * the line breaks inside a heading read as spaces. A heading's name, post and institution
 * stand on lines of their own in a text of one paragraph per line, and run on in a wrapped
 * one, where nothing tells a line break from a wrap: that is layout, not structure.
 */
export function comparableClauses(result: ImportResult): NewClause[] {
  return importToClauses(result).clauses.map((clause) =>
    clause.kind === 'heading' ? { ...clause, text: clause.text.replace(/\s*\n\s*/g, ' ') } : clause,
  );
}
