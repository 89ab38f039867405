import { isLeadIn, isPreambleOpener } from './clause-openers.ts';
import { readParagraphNumber } from './line-markers.ts';
import type { SourceLine } from './read-lines.ts';

export const ImportKind = {
  jointStatement: 'joint-statement',
  chairsReport: 'chairs-report',
  plain: 'plain',
} as const;
export type ImportKind = (typeof ImportKind)[keyof typeof ImportKind];

/**
 * Decides what a text is. A joint statement has a lead-in ("WE HEREBY COMMIT TO:") or at least
 * two preambular clauses (RECOGNISING ..., NOTING ...) and no more numbered paragraphs than
 * those; a chair's report has at least two numbered paragraphs; anything else is plain text.
 */
export function recogniseImport(lines: readonly SourceLine[]): ImportKind {
  let preamble = 0;
  let numbered = 0;
  let leadIn = false;
  let expected = 1;
  for (const line of lines) {
    const number = line.literal ? null : readParagraphNumber(line.text);
    const counts = number !== null && (!number.bare || number.number === expected);
    if (counts) {
      numbered += 1;
      expected = number.number + 1;
    }
    const text = counts ? number.rest : line.text;
    if (isLeadIn(text)) leadIn = true;
    if (isPreambleOpener(text)) preamble += 1;
  }
  if (leadIn || (preamble >= 2 && preamble >= numbered)) return ImportKind.jointStatement;
  if (numbered >= 2) return ImportKind.chairsReport;
  return ImportKind.plain;
}
