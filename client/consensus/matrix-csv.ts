import type { DraftState } from '../../shared/schemas/state.ts';
import { alternativeCsvRows } from '../alternatives/alternative-matrix-rows.tsx';
import { positionWords } from './position-marks.ts';

const STATUS_WORDS = {
  frozen: 'frozen',
  agreed: 'agreed',
  'agreed-ad-ref': 'agreed ad ref',
  reserved: 'reserved',
  open: 'open',
} as const;

/**
 * One cell of RFC 4180 CSV. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a
 * tab or a carriage return first) is prefixed with `'`, as the server's audit CSV does: a
 * reservation's reason is anyone's words.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The matrix as a spreadsheet reads it: a row per clause (the room's name, the footnotes' name,
 * its status, one column per delegation with its position in words and a reservation's reason,
 * the endorsements, its words), in reading order.
 */
export function matrixCsv(
  state: DraftState,
  roomLabels: ReadonlyMap<string, string>,
  texts: ReadonlyMap<string, string>,
): string {
  const header = ['Clause', 'Reference', 'Status', ...state.delegations, 'Endorsed', 'Text'];
  const rows = state.clauses.flatMap((clause) => [
    [
      roomLabels.get(clause.id) ?? clause.label,
      clause.label,
      STATUS_WORDS[clause.status],
      ...state.delegations.map((code) => {
        const position = clause.positions.find((p) => p.delegation === code);
        if (position === undefined) return '';
        return `${positionWords(position)}${position.reason ? `: ${position.reason}` : ''}`;
      }),
      `${clause.endorsedCount}/${state.delegations.length}`,
      texts.get(clause.id) ?? '',
    ],
    ...alternativeCsvRows(clause, roomLabels.get(clause.id) ?? clause.label, state.delegations, texts),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
