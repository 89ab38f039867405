import { z } from 'zod';

/**
 * A run's emphasis: the letters of its formats in this order, `b` bold, `i` italic, `u`
 * underline; `""` for none. One spelling per combination, so equal emphasis compares equal.
 */
export const RunFormat = z.enum(['', 'b', 'i', 'u', 'bi', 'bu', 'iu', 'biu']);
export type RunFormat = z.infer<typeof RunFormat>;

/**
 * A stretch of a clause's text with one emphasis. A clause's runs, in order, spell its plain
 * text exactly (paragraphs and line breaks as "\n"); see `normaliseClauseRuns` for their one
 * canonical shape.
 */
export const ClauseRun = z.object({ text: z.string(), format: RunFormat });
export type ClauseRun = z.infer<typeof ClauseRun>;
