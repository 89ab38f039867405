import { type DraftKind, DraftLimits, type NewClause } from '../schemas/draft.ts';
import type { ImportResult } from '../schemas/import.ts';

/** What `POST /api/drafts` needs from an import: the title, the draft's kind and its clauses. */
export interface ImportedDraft {
  title: string;
  kind: DraftKind;
  clauses: NewClause[];
}

const UNTITLED: Record<DraftKind, string> = {
  'joint-statement': 'Imported joint statement',
  resolution: 'Imported resolution',
  'chairs-report': 'Imported report',
};

/**
 * The clauses of a draft, in order, from what an import recognised: each clause with text,
 * its kind kept (the close-call notes are for the review screen only). The date line is no
 * clause. A missing title becomes "Imported …"; one longer than a draft allows is cut at a word
 * with "…". Clause texts are never cut: `parseImport` warns when one is too long to create.
 */
export function importToClauses(result: ImportResult): ImportedDraft {
  const clauses = result.clauses
    .filter((clause) => clause.text.trim() !== '')
    .map((clause): NewClause => ({ kind: clause.kind, text: clause.text }));
  return { title: draftTitle(result.title, result.kind), kind: result.kind, clauses };
}

function draftTitle(title: string, kind: DraftKind): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return UNTITLED[kind];
  if (oneLine.length <= DraftLimits.titleMaxLength) return oneLine;
  const cut = oneLine.slice(0, DraftLimits.titleMaxLength - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > DraftLimits.titleMaxLength / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}
