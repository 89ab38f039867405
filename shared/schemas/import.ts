import { z } from 'zod';
import { ClauseKind, DraftKind } from './draft.ts';

/** Size cap on what `POST /api/import` reads: a pasted text's UTF-8 bytes or an uploaded file. */
export const ImportLimits = {
  maxBytes: 2 * 1024 * 1024,
} as const;

/** The file types `POST /api/import` reads, by extension. */
export const ImportFileTypes = ['.txt', '.md', '.markdown', '.docx'] as const;

/** `POST /api/import` with a JSON body: text as pasted. */
export const ImportRequest = z.object({
  text: z.string(),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

/** A calendar date as `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD.');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * The closing line ("ADOPTED in <place> on <date>", "Done at <place>, this <date>", a
 * resolution's "45th plenary meeting / 4 December 2024"), with its place and date when they
 * could be read. A resolution's closing names no place: `place` is null.
 */
export const ImportedClosing = z.object({
  text: z.string(),
  place: z.string().nullable(),
  date: IsoDate.nullable(),
});
export type ImportedClosing = z.infer<typeof ImportedClosing>;

/**
 * One clause as recognised. `closeCall` says why its kind was a close call ("no opener, taken
 * as operative because it follows the lead-in"), so that the person checks it first; null when
 * the clause said plainly what it is.
 */
export const ImportedClause = z.object({
  kind: ClauseKind,
  text: z.string(),
  closeCall: z.string().nullable(),
});
export type ImportedClause = z.infer<typeof ImportedClause>;

/** Why a line of the text became no clause. */
export const DroppedReason = z.enum([
  'page-number',
  'running-header',
  'document-symbol',
  'job-number',
  'footnote',
  'document-header',
  'cover-page',
  'export-marker',
  'separator',
]);
export type DroppedReason = z.infer<typeof DroppedReason>;

/**
 * A line left out of the clauses (a page number, a running header, a footnote, a resolution's
 * masthead), with where it stood: `before` is the index of the clause it came before
 * (`clauses.length` when it came after the last). The review screen restores it there.
 */
export const DroppedLine = z.object({
  text: z.string(),
  reason: DroppedReason,
  before: z.number().int().min(0),
});
export type DroppedLine = z.infer<typeof DroppedLine>;

/**
 * What `POST /api/import` answers: the structure it recognised; nothing is created yet.
 * - `kind`: `joint-statement` (a joint statement or declaration: chapeau, preambular clauses,
 *   lead-in, operative clauses and their sub-headings, closing), `resolution` (a UN-style
 *   resolution: the body as chapeau, "The General Assembly,", preambular and operative
 *   paragraphs, the meeting line as closing) or `chairs-report` (a numbered report,
 *   communiqué or chair's statement: headings and paragraphs; text with no recognisable
 *   structure takes this shape too, with a notice in `warnings`).
 * - `date`: the date line under the title, else the adoption date, else the closing's date.
 * - `place`: where the meeting was held, when a date line or the closing says so.
 * - `closing`: also the last clause of `clauses` when there is one.
 */
export const ImportResult = z.object({
  kind: DraftKind,
  title: z.string(),
  date: IsoDate.nullable(),
  place: z.string().nullable(),
  closing: ImportedClosing.nullable(),
  clauses: z.array(ImportedClause),
  dropped: z.array(DroppedLine),
  warnings: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;
