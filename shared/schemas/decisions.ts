import { z } from 'zod';
import { Role } from '../roles.ts';

/** A text hash: SHA-256 of a clause's normalized text, lower-case hex (see `hashClauseText`). */
export const TextHash = z.string().regex(/^[0-9a-f]{64}$/, 'A text hash is the SHA-256 of the clause text in hex.');
export type TextHash = z.infer<typeof TextHash>;

/** Where a delegation stands on a clause's text. Withdrawing a position leaves none. */
export const Stance = z.enum(['endorsed', 'reserved']);
export type Stance = z.infer<typeof Stance>;

/**
 * The kinds of reservation the practice knows, each printed as its own footnote (see
 * `reservationFootnote`): `substantive` (the default: the delegation cannot accept the words),
 * `scrutiny` (a parliamentary scrutiny reservation: its parliament has still to approve), `linguistic`
 * (the text in its language is still to be checked), `general` (on the whole of the matter).
 */
export const ReservationKind = z.enum(['substantive', 'scrutiny', 'linguistic', 'general']);
export type ReservationKind = z.infer<typeof ReservationKind>;

/**
 * An endorsement agreed ad referendum: subject to confirmation by the delegation's capital, which
 * it expects by `expectedBy` (YYYY-MM-DD) or at no date it named (null). It counts toward agreement,
 * but the clause is "agreed ad ref" and adoption waits until the delegation confirms (endorses the
 * same text plainly) or withdraws.
 */
export const AdReferendum = z.object({ expectedBy: z.string().nullable() });
export type AdReferendum = z.infer<typeof AdReferendum>;

/** A delegation's standing position on a clause, taken on the text whose hash it carries. */
export const PositionRecord = z.object({
  delegation: z.string(),
  stance: Stance,
  /** A reservation's reason (none for a scrutiny or linguistic one may be given), null for an endorsement. */
  reason: z.string().nullable(),
  textHash: z.string(),
  at: z.string(),
  /**
   * The clause's number when the position was taken ("paragraph 5"), null for a clause that is
   * named, not numbered; absent on positions recorded before numbers were kept.
   */
  number: z.string().nullable().optional(),
  /** Set on an endorsement agreed ad referendum; absent on a plain one. */
  adReferendum: AdReferendum.optional(),
  /** Set on a reservation; absent on a reservation recorded before kinds were kept (substantive). */
  reservationKind: ReservationKind.optional(),
});
export type PositionRecord = z.infer<typeof PositionRecord>;

/** A clause frozen by the chair: when, by whom (a session's short id), on which text. */
export const FrozenRecord = z.object({ at: z.string(), by: z.string(), textHash: z.string() });
export type FrozenRecord = z.infer<typeof FrozenRecord>;

/** That a draft is adopted, as the room needs to know it; the full record is `AdoptionRecord`. */
export const AdoptionMark = z.object({ at: z.string(), textHash: z.string() });
export type AdoptionMark = z.infer<typeof AdoptionMark>;

/** Who did something: the person's session (a short, non-secret id), their role and delegation. */
export const Actor = z.object({
  session: z.string(),
  role: Role,
  delegation: z.string().nullable(),
});
export type Actor = z.infer<typeof Actor>;
