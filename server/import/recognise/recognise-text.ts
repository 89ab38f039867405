import type { DraftKind } from '../../../shared/schemas/draft.ts';
import type { ImportResult } from '../../../shared/schemas/import.ts';
import { cleanText } from '../clean/clean-text.ts';
import { assembleReport } from './assemble-report.ts';
import { assembleStatement } from './assemble-statement.ts';
import { readItems } from './clause-list.ts';
import { decideKind } from './document-kind.ts';

const DRAFT_KINDS = {
  resolution: 'resolution',
  'joint-statement': 'joint-statement',
  report: 'chairs-report',
  prose: 'chairs-report',
  plain: 'chairs-report',
} as const satisfies Record<ReturnType<typeof decideKind>, DraftKind>;

/**
 * One recogniser for the family of multilateral texts: the text is cleaned (`cleanText`),
 * each paragraph's features read (`readFeatures`), the kind of document decided from all of
 * them (`decideKind`), and the clauses assembled for that kind, each paragraph's kind settled by
 * its features and, where they do not settle it, by its place (a close call, with the reason).
 * Null for a text with nothing in it.
 */
export function recogniseText(raw: string): (Omit<ImportResult, 'warnings'> & { warnings: string[] }) | null {
  const items = readItems(cleanText(raw));
  if (!items.some((item) => item.kind === 'paragraph')) return null;
  const kind = decideKind(items);
  const assembled =
    kind === 'resolution' || kind === 'joint-statement'
      ? assembleStatement(items, kind === 'resolution')
      : assembleReport(items, kind === 'report' ? 'numbered' : kind);
  return {
    kind: DRAFT_KINDS[kind],
    title: assembled.title,
    date: assembled.date,
    place: assembled.place,
    closing: assembled.closing,
    clauses: assembled.list.clauses,
    dropped: assembled.list.dropped,
    warnings: assembled.warnings,
  };
}
