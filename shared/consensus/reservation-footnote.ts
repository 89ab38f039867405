import type { ReservationKind } from '../schemas/decisions.ts';

/** A current reservation as a footnote prints it. */
export interface FootnotedReservation {
  delegation: string;
  /** The clause's label: "paragraph 5", "preambular paragraph 2", "the chapeau". */
  label: string;
  kind: ReservationKind;
  reason: string;
}

/**
 * The footnote the practice prints for a reservation of each kind, in the adoption record and
 * every export:
 * - substantive: "<D> reserves its position on paragraph N: <reason>"
 * - scrutiny: "<D> maintains a parliamentary scrutiny reservation on paragraph N."
 * - linguistic: "<D> maintains a linguistic reservation on paragraph N."
 * - general: "<D> maintains a general reservation on paragraph N: <reason>"
 * A scrutiny or linguistic reservation is said by its kind; its reason, if given, stays in the room.
 */
export function reservationFootnote({ delegation, label, kind, reason }: FootnotedReservation): string {
  switch (kind) {
    case 'substantive':
      return `${delegation} reserves its position on ${label}: ${reason}`;
    case 'scrutiny':
      return `${delegation} maintains a parliamentary scrutiny reservation on ${label}.`;
    case 'linguistic':
      return `${delegation} maintains a linguistic reservation on ${label}.`;
    case 'general':
      return `${delegation} maintains a general reservation on ${label}: ${reason}`;
  }
}

/**
 * Whether a stored footnote is about the clause with this label, whatever its kind: the label
 * is followed by ":" or "." so that "paragraph 1" does not match a note on "paragraph 10".
 */
export function footnoteNamesClause(footnote: string, label: string): boolean {
  if (label === '') return false;
  const endings = [` reserves its position on ${label}: `, ` reservation on ${label}.`, ` reservation on ${label}: `];
  return endings.some((words) => footnote.includes(words));
}

/** How a reservation of this kind is named in the room: "a parliamentary scrutiny reservation". */
export const RESERVATION_KIND_WORDS: Record<ReservationKind, string> = {
  substantive: 'substantive',
  scrutiny: 'parliamentary scrutiny',
  linguistic: 'linguistic',
  general: 'general',
};
