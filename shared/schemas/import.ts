import { z } from 'zod';

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

/** The "ADOPTED in <place> on <date>" line, with its place and date when they could be read. */
export const ImportedClosing = z.object({
  text: z.string(),
  place: z.string().nullable(),
  date: IsoDate.nullable(),
});
export type ImportedClosing = z.infer<typeof ImportedClosing>;

export const ImportedJointStatement = z.object({
  kind: z.literal('joint-statement'),
  title: z.string(),
  /** The date line under the title, or else the closing's date. */
  date: IsoDate.nullable(),
  chapeau: z.string(),
  preamble: z.array(z.string()),
  leadIn: z.string(),
  operative: z.array(z.string()),
  closing: ImportedClosing.nullable(),
  warnings: z.array(z.string()),
});
export type ImportedJointStatement = z.infer<typeof ImportedJointStatement>;

/**
 * One heading and the numbered paragraphs under it. `heading` is '' for paragraphs that come
 * before any heading. A heading may hold several lines ("\n"): a presentation's institution,
 * speaker and affiliation stay in the one heading they belong to.
 */
export const ImportedSection = z.object({
  heading: z.string(),
  paragraphs: z.array(z.string()),
});
export type ImportedSection = z.infer<typeof ImportedSection>;

/**
 * A chair's report. Text with no recognisable structure also takes this shape: one section
 * with the heading '' (or a section per Markdown heading), one paragraph per block of text,
 * and a notice in `warnings` that says so.
 */
export const ImportedChairsReport = z.object({
  kind: z.literal('chairs-report'),
  title: z.string(),
  sections: z.array(ImportedSection),
  warnings: z.array(z.string()),
});
export type ImportedChairsReport = z.infer<typeof ImportedChairsReport>;

/** What `POST /api/import` answers: the structure it recognised; nothing is created yet. */
export const ImportResult = z.discriminatedUnion('kind', [ImportedJointStatement, ImportedChairsReport]);
export type ImportResult = z.infer<typeof ImportResult>;
