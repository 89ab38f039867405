import { importToClauses } from '../../../shared/import/import-to-clauses.ts';
import { DraftLimits } from '../../../shared/schemas/draft.ts';
import type { ImportResult } from '../../../shared/schemas/import.ts';
import { recogniseText } from '../recognise/recognise-text.ts';

export type ParseImportOutcome =
  | { ok: true; result: ImportResult }
  | { ok: false; error: { code: 'empty'; message: string } };

/** Past this many, warnings are summed up: a person reads the first ones, not a thousand. */
const MAX_WARNINGS = 30;

/**
 * Recognises the structure of a text to import (pasted, or read from a .txt, .md or .docx): a
 * joint statement or declaration, a resolution, a numbered report or communiqué, or else plain
 * paragraphs with a notice (`recogniseText`). Never throws; fails only on a text with nothing
 * in it. Warnings say what could not be read and what would keep the draft from being created
 * (too many or too long clauses); the lines left out are listed in `dropped`, the close calls
 * marked on their clauses.
 */
export function parseImport(text: string): ParseImportOutcome {
  const recognised = recogniseText(text);
  if (recognised === null) {
    return {
      ok: false,
      error: {
        code: 'empty',
        message: 'There is nothing to import: the text is empty or holds only blank lines and markup.',
      },
    };
  }
  const result: ImportResult = { ...recognised, warnings: [] };
  const warnings = [...recognised.warnings, ...limitWarnings(result)];
  return { ok: true, result: { ...result, warnings: capWarnings(warnings) } };
}

function limitWarnings(result: ImportResult): string[] {
  const { clauses } = importToClauses(result);
  const warnings: string[] = [];
  if (clauses.length > DraftLimits.maxClauses) {
    warnings.push(
      `This text gives ${clauses.length} clauses; a draft holds at most ${DraftLimits.maxClauses}. Merge clauses or import a shorter text.`,
    );
  }
  const long = clauses.filter((clause) => clause.text.length > DraftLimits.clauseTextMaxLength).length;
  if (long > 0) {
    warnings.push(
      `${long} clause(s) are longer than ${DraftLimits.clauseTextMaxLength} characters, the most a clause holds: split them.`,
    );
  }
  if (result.title.length > DraftLimits.titleMaxLength) {
    warnings.push(`The title is longer than ${DraftLimits.titleMaxLength} characters and will be shortened.`);
  }
  return warnings;
}

/** At most 30 warnings, the last of them summing up the rest. */
export function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS - 1), `… and ${warnings.length - MAX_WARNINGS + 1} more warnings.`];
}
