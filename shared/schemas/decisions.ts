import { z } from 'zod';
import { Role } from '../roles.ts';

/** A text hash: SHA-256 of a clause's normalized text, lower-case hex (see `hashClauseText`). */
export const TextHash = z.string().regex(/^[0-9a-f]{64}$/, 'A text hash is the SHA-256 of the clause text in hex.');
export type TextHash = z.infer<typeof TextHash>;

/** Where a delegation stands on a clause's text. Withdrawing a position leaves none. */
export const Stance = z.enum(['endorsed', 'reserved']);
export type Stance = z.infer<typeof Stance>;

/** A delegation's standing position on a clause, taken on the text whose hash it carries. */
export const PositionRecord = z.object({
  delegation: z.string(),
  stance: Stance,
  /** Required for a reservation, null for an endorsement. */
  reason: z.string().nullable(),
  textHash: z.string(),
  at: z.string(),
  /**
   * The clause's number when the position was taken ("paragraph 5"), null for a clause that is
   * named, not numbered; absent on positions recorded before numbers were kept.
   */
  number: z.string().nullable().optional(),
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
