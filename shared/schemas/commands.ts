import { z } from 'zod';
import { AlternativeNumber } from './alternatives.ts';
import { BracketCommands } from './brackets.ts';
import { ReservationKind, Stance, TextHash } from './decisions.ts';
import { ClauseId, ClauseKind } from './draft.ts';
import { BreakSilenceFields, CirculateSilenceFields } from './silence.ts';
import { VersionLabel } from './versions.ts';

export const ReservationReason = z.string().trim().min(1, 'A reservation needs a reason.').max(1000);

/** What a position command asks for: a stance, or withdrawing the delegation's position. */
export const PositionStance = z.enum([...Stance.options, 'withdrawn']);
export type PositionStance = z.infer<typeof PositionStance>;

/**
 * Whether a reservation of this kind must say why: a substantive or general one does; a scrutiny
 * or linguistic reservation says it by its kind (a reason may still be given).
 */
export function reasonRequired(kind: ReservationKind | undefined): boolean {
  return kind !== 'scrutiny' && kind !== 'linguistic';
}

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
      stance: PositionStance,
      reason: ReservationReason.optional(),
      textHash: TextHash,
      /** A position on this alternative of the clause, taken on the alternative's text hash. */
      alternative: AlternativeNumber.optional(),
      /** With `endorsed`: agreed ad referendum, confirmation expected by a date (YYYY-MM-DD) or none. */
      adReferendum: z.strictObject({ expectedBy: z.iso.date().optional() }).optional(),
      /** With `reserved`: its kind; absent, substantive. */
      reservationKind: ReservationKind.optional(),
    })
    .refine((c) => c.stance !== 'reserved' || c.reason !== undefined || !reasonRequired(c.reservationKind), {
      message: 'A reservation needs a reason (1 to 1,000 characters).',
      path: ['reason'],
    })
    .refine((c) => c.adReferendum === undefined || c.stance === 'endorsed', {
      message: 'Only an endorsement can be agreed ad referendum.',
      path: ['adReferendum'],
    })
    .refine((c) => c.reservationKind === undefined || c.stance === 'reserved', {
      message: 'Only a reservation has a kind.',
      path: ['reservationKind'],
    }),
  // With `alternative`, the chair freezes the clause on that alternative's words (its hash):
  // they become the clause's text, that alternative is retained and the other open ones not.
  z.object({
    type: z.literal('freeze'),
    clauseId: ClauseId,
    textHash: TextHash,
    alternative: AlternativeNumber.optional(),
  }),
  z.object({ type: z.literal('reopen'), clauseId: ClauseId, reason: ReservationReason }),
  z.object({
    type: z.literal('adopt'),
    place: z.string().trim().min(1).max(200),
    date: z.iso.date(),
  }),
  // The clause list is the server's to change: each change is a command, recorded with who made
  // it, and the server writes it into the document. `after` is the clause it is to follow (null:
  // first), so that a change made on a list that moved meanwhile fails rather than lands wrong.
  z.object({ type: z.literal('add-clause'), clauseId: ClauseId, kind: ClauseKind, after: ClauseId.nullable() }),
  z.object({ type: z.literal('move-clause'), clauseId: ClauseId, after: ClauseId.nullable() }),
  z.object({ type: z.literal('delete-clause'), clauseId: ClauseId }),
  z.object({ type: z.literal('restore-clause'), clauseId: ClauseId, after: ClauseId.nullable() }),
  z.object({ type: z.literal('take-up-clause'), clauseId: ClauseId }),
  // Brackets: see shared/consensus/brackets.ts.
  ...BracketCommands,
  // Alternative formulations ("Alt 1") of a clause: see shared/consensus/alternatives.ts. The
  // server numbers a new one and writes its root, empty or (`copyText`) with the clause's words.
  z.object({ type: z.literal('propose-alternative'), clauseId: ClauseId, copyText: z.boolean().optional() }),
  z.object({ type: z.literal('sponsor-alternative'), clauseId: ClauseId, alternative: AlternativeNumber }),
  z.object({ type: z.literal('leave-alternative'), clauseId: ClauseId, alternative: AlternativeNumber }),
  z.object({ type: z.literal('withdraw-alternative'), clauseId: ClauseId, alternative: AlternativeNumber }),
  // The silence procedure (shared/consensus/silence.ts) and the Chairman's Statement.
  z.object({ type: z.literal('circulate-silence'), ...CirculateSilenceFields }),
  z.object({ type: z.literal('break-silence'), ...BreakSilenceFields }),
  z.object({ type: z.literal('withdraw-silence'), silenceId: BreakSilenceFields.silenceId }),
  z.object({
    type: z.literal('issue-chair-statement'),
    place: z.string().trim().min(1).max(200),
    date: z.iso.date(),
  }),
  // A version of the whole draft, named by the chair: see shared/consensus/versions.ts.
  z.object({ type: z.literal('name-version'), label: VersionLabel }),
  // A clause back to the words version `version` holds, as a new edit the server writes;
  // `textHash` is the current words' as the sender saw them.
  z.object({
    type: z.literal('restore-version-text'),
    clauseId: ClauseId,
    version: z.number().int().positive(),
    textHash: TextHash,
  }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];

/** The `details` of a 409 `text_changed`: the text the command should have been taken on. */
export const TextChangedDetails = z.object({ currentTextHash: TextHash, currentText: z.string() });
export type TextChangedDetails = z.infer<typeof TextChangedDetails>;
