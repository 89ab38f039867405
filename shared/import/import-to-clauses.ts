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
  'chairs-report': 'Imported report',
};

/**
 * The clauses of a draft, in order, from what an import recognised. A joint statement gives
 * its chapeau, preambular clauses, lead-in, operative clauses and closing (each only when
 * there is text); a chair's report (and plain text) a heading clause per non-empty heading and
 * a paragraph clause per paragraph. The date line is no clause. A missing title becomes
 * "Imported …"; one longer than a draft allows is cut at a word with "…". Clause texts are
 * never cut: `parseImport` warns when one is too long to create.
 */
export function importToClauses(result: ImportResult): ImportedDraft {
  const clauses: NewClause[] = [];
  const add = (kind: NewClause['kind'], text: string) => {
    if (text.trim() !== '') clauses.push({ kind, text });
  };
  if (result.kind === 'joint-statement') {
    add('chapeau', result.chapeau);
    for (const text of result.preamble) add('preamble', text);
    add('lead-in', result.leadIn);
    for (const text of result.operative) add('operative', text);
    if (result.closing !== null) add('closing', result.closing.text);
  } else {
    for (const section of result.sections) {
      add('heading', section.heading);
      for (const text of section.paragraphs) add('paragraph', text);
    }
  }
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
