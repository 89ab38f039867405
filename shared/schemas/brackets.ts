import { z } from 'zod';
import { TextHash } from './decisions.ts';
import { ClauseId } from './draft.ts';

/**
 * What a bracket says of its words: *contested* (the default), *awaiting instructions* from a
 * capital, *technical* (a drafting or legal check), or *deletion*: a delegation's proposal to
 * delete the whole clause.
 */
export const BracketKind = z.enum(['contested', 'awaiting-instructions', 'technical', 'deletion']);
export type BracketKind = z.infer<typeof BracketKind>;

/** The kinds a delegation places on words it selects; a deletion is proposed on a whole clause. */
export const PlacedBracketKind = z.enum(['contested', 'awaiting-instructions', 'technical']);
export type PlacedBracketKind = z.infer<typeof PlacedBracketKind>;

/** How many open brackets one clause may carry, and how long a note or quote may be. */
export const BracketLimits = { maxOpenPerClause: 50, maxNote: 500, maxQuote: 5000, maxAnchor: 512 } as const;

/** A Yjs relative position (`Y.encodeRelativePosition`), base64: a place tied to a character. */
export const BracketAnchor = z
  .string()
  .min(1)
  .max(BracketLimits.maxAnchor)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'An anchor is a Yjs relative position in base64.');
export type BracketAnchor = z.infer<typeof BracketAnchor>;

export const BracketNote = z.string().trim().min(1).max(BracketLimits.maxNote, 'A note is at most 500 characters.');

/** A server-made bracket id: the clause's own count of brackets, from 1. */
export const BracketId = z.string().regex(/^b[1-9][0-9]{0,5}$/, 'A bracket id is "b" and its number.');
export type BracketId = z.infer<typeof BracketId>;

/** A lifted bracket stays in the record: when, and by whom (a delegation's code, or "chair"). */
export const BracketLifted = z.object({ at: z.string(), by: z.string() });
export type BracketLifted = z.infer<typeof BracketLifted>;

/**
 * One bracket as the server holds it. Its anchors are Yjs relative positions into the clause's
 * root, kept here and never written into the text (that would change its hash). A deletion has
 * no anchors: it brackets the whole clause.
 */
export const BracketRecord = z.object({
  id: BracketId,
  clauseId: z.string(),
  kind: BracketKind,
  note: z.string().nullable(),
  /** The delegations holding it; the first placed it. Empty once lifted by its last holder leaving. */
  holders: z.array(z.string()),
  start: BracketAnchor.nullable(),
  end: BracketAnchor.nullable(),
  /** The bracketed words when it was placed. */
  quote: z.string(),
  placedAt: z.string(),
  lifted: BracketLifted.nullable(),
});
export type BracketRecord = z.infer<typeof BracketRecord>;

/** The bracket commands, members of `Command`. */
export const BracketCommands = [
  z.object({
    type: z.literal('place-bracket'),
    clauseId: ClauseId,
    textHash: TextHash,
    start: BracketAnchor,
    end: BracketAnchor,
    quote: z.string().min(1).max(BracketLimits.maxQuote),
    kind: PlacedBracketKind.default('contested'),
    note: BracketNote.optional(),
  }),
  z.object({ type: z.literal('join-bracket'), clauseId: ClauseId, bracketId: BracketId }),
  z.object({ type: z.literal('leave-bracket'), clauseId: ClauseId, bracketId: BracketId }),
  z.object({ type: z.literal('lift-bracket'), clauseId: ClauseId, bracketId: BracketId }),
  z.object({ type: z.literal('propose-deletion'), clauseId: ClauseId, note: BracketNote.optional() }),
] as const;

export const BracketCommandType = z.enum([
  'place-bracket',
  'join-bracket',
  'leave-bracket',
  'lift-bracket',
  'propose-deletion',
]);
export type BracketCommandType = z.infer<typeof BracketCommandType>;
