import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import { alternativeLabel } from '../../shared/schemas/alternatives.ts';

/** An open alternative of a clause as a draft export prints it, after its clause. */
export interface ExportAlternative {
  n: number;
  sponsors: readonly string[];
  /** Plain text, verbatim; a "\n" separates its own lines. */
  text: string;
}

/**
 * The alternatives a draft export prints after their clause: the open ones only. A withdrawn or
 * not-retained alternative is no longer on the table, and a retained one is the clause's text;
 * the adopted text holds no alternative at all (its record keeps the clause texts alone).
 */
export function exportAlternativesOf(clause: Pick<ClauseDecisionFacts, 'alternatives'>): ExportAlternative[] {
  return (clause.alternatives ?? [])
    .filter((alternative) => alternative.state === 'open')
    .map(({ n, sponsors, text }) => ({ n, sponsors, text }));
}

/** How the practice prints it: "Alt 1 [USA, JPN]: …", on one line. */
export function alternativeLine(alternative: ExportAlternative): string {
  const text = alternative.text.replace(/\s*\n\s*/g, ' ');
  return `${alternativeLabel(alternative.n)} [${alternative.sponsors.join(', ')}]: ${text}`;
}
