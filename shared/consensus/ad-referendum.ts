import type { Command } from '../schemas/commands.ts';
import type { PositionRecord } from '../schemas/decisions.ts';
import { type DecisionError, DecisionErrorCode } from './decision-error.ts';
import { type ClauseFacts, isStale } from './positions.ts';

type PositionCommand = Extract<Command, { type: 'position' }>;

/** A current endorsement agreed ad referendum that its delegation has not yet confirmed. */
export interface UnconfirmedAdReferendum {
  delegation: string;
  /** YYYY-MM-DD, or null when the delegation named no date. */
  expectedBy: string | null;
}

/** Whether this position is an endorsement agreed ad referendum (confirmed ones are plain). */
export function isAdReferendum(position: Pick<PositionRecord, 'stance' | 'adReferendum'>): boolean {
  return position.stance === 'endorsed' && position.adReferendum !== undefined;
}

/**
 * The ad referendum endorsements of the clause's current text still awaiting confirmation: a
 * stale one does not count at all (it is as good as no position), a confirmed one is plain.
 */
export function unconfirmedAdReferendum(
  clause: Pick<ClauseFacts, 'positions' | 'textHash' | 'number'>,
): UnconfirmedAdReferendum[] {
  const unconfirmed: UnconfirmedAdReferendum[] = [];
  for (const position of clause.positions) {
    if (!isAdReferendum(position) || isStale(position, clause)) continue;
    unconfirmed.push({ delegation: position.delegation, expectedBy: position.adReferendum?.expectedBy ?? null });
  }
  return unconfirmed;
}

/**
 * The ad referendum rules of a position command, or null when they allow it:
 * - the date of expected confirmation is not before today (the server's UTC day, with a day's
 *   grace as for an adoption date: the meeting's day may be yesterday in UTC's terms);
 * - on a frozen clause an ad referendum endorsement completes the record like a plain one, but a
 *   delegation that has plainly endorsed the frozen text cannot turn that into a conditional one.
 */
export function adReferendumRefusal(
  clause: ClauseFacts,
  delegation: string,
  command: PositionCommand,
  now: string,
): DecisionError | null {
  if (command.adReferendum === undefined) return null;
  const expectedBy = command.adReferendum.expectedBy;
  const earliest = shiftDays(now.slice(0, 10), -1);
  if (expectedBy !== undefined && expectedBy < earliest) {
    return {
      code: DecisionErrorCode.invalidDate,
      message: `The date of confirmation ${expectedBy} is in the past: give the day by which your capital is expected to confirm, or none.`,
    };
  }
  if (clause.frozen !== null) {
    const own = ownCurrentPosition(clause, delegation);
    if (own !== undefined && own.stance === 'endorsed' && !isAdReferendum(own)) {
      return {
        code: DecisionErrorCode.frozen,
        message:
          'This clause is frozen and you have endorsed its text: your endorsement cannot become ad referendum. Ask the chair to re-open it.',
      };
    }
  }
  return null;
}

/**
 * Whether the delegation may withdraw its position on a frozen clause: its own current
 * reservation (lifting it), or its own unconfirmed ad referendum endorsement (its capital did not
 * confirm: the record must not keep an agreement that was never given).
 */
export function mayWithdrawOnFrozen(clause: ClauseFacts, delegation: string): boolean {
  const own = ownCurrentPosition(clause, delegation);
  return own !== undefined && (own.stance === 'reserved' || isAdReferendum(own));
}

/** What a position command adds to the stored record: its ad referendum mark or its reservation's kind. */
export function positionQualifiers(command: PositionCommand): Pick<PositionRecord, 'adReferendum' | 'reservationKind'> {
  if (command.stance === 'endorsed' && command.adReferendum !== undefined) {
    return { adReferendum: { expectedBy: command.adReferendum.expectedBy ?? null } };
  }
  if (command.stance === 'reserved') return { reservationKind: command.reservationKind ?? 'substantive' };
  return {};
}

function ownCurrentPosition(clause: ClauseFacts, delegation: string): PositionRecord | undefined {
  const own = clause.positions.find((p) => p.delegation === delegation);
  return own === undefined || isStale(own, clause) ? undefined : own;
}

/** `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
function shiftDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}
