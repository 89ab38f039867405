import { z } from 'zod';
import { ClauseId } from './draft.ts';

/** A clause's text hash: SHA-256 in lower-case hex, as `hashClauseText` makes it. */
export const TextHash = z.string().regex(/^[0-9a-f]{64}$/, 'A text hash is the SHA-256 of the clause text in hex.');

export const ReservationReason = z.string().trim().min(1, 'A reservation needs a reason.').max(1000);

/**
 * The commands of `POST /api/drafts/:id/commands`. Who acts comes from the session, never from
 * the body. Every command that refers to a text carries the hash of the text as its sender saw
 * it, so that nobody agrees to words they have not seen.
 */
export const Command = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('position'),
      clauseId: ClauseId,
      stance: z.enum(['endorsed', 'reserved', 'withdrawn']),
      reason: ReservationReason.optional(),
      textHash: TextHash,
    })
    .refine((c) => c.stance !== 'reserved' || c.reason !== undefined, {
      message: 'A reservation needs a reason (1 to 1,000 characters).',
      path: ['reason'],
    }),
  z.object({ type: z.literal('freeze'), clauseId: ClauseId, textHash: TextHash }),
  z.object({ type: z.literal('reopen'), clauseId: ClauseId, reason: ReservationReason }),
  z.object({
    type: z.literal('adopt'),
    place: z.string().trim().min(1).max(200),
    date: z.iso.date(),
  }),
]);
export type Command = z.infer<typeof Command>;

/** The `details` of a 409 `text_changed`: the text the command should have been taken on. */
export const TextChangedDetails = z.object({ currentTextHash: TextHash, currentText: z.string() });
export type TextChangedDetails = z.infer<typeof TextChangedDetails>;
