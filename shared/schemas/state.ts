import { z } from 'zod';
import { AlternativeView } from './alternatives.ts';
import { BracketRecord } from './brackets.ts';
import { AdoptionMark, FrozenRecord, PositionRecord } from './decisions.ts';
import { ClauseKind, ConsensusRule } from './draft.ts';
import { ChairStatementMark, SilenceRecord } from './silence.ts';

/**
 * A clause's status, derived and never stored (see `clauseStatus`). `agreed-ad-ref`: agreed, but
 * at least one delegation agreed ad referendum and has not yet confirmed.
 */
export const ClauseStatus = z.enum(['frozen', 'agreed', 'agreed-ad-ref', 'reserved', 'open']);
export type ClauseStatus = z.infer<typeof ClauseStatus>;

export const PositionState = PositionRecord.extend({ stale: z.boolean() });
export type PositionState = z.infer<typeof PositionState>;

export const ClauseState = z.object({
  id: z.string(),
  kind: ClauseKind,
  /** How footnotes cite it: "paragraph 5", "paragraph 5 bis", "the chapeau". */
  label: z.string(),
  /** The number a position records, null for a clause named rather than numbered. */
  number: z.string().nullable(),
  /** The delegation whose proposal it is, until the chair takes it into the text. */
  proposedBy: z.string().nullable(),
  textHash: z.string(),
  status: ClauseStatus,
  frozen: FrozenRecord.nullable(),
  endorsedCount: z.number(),
  positions: z.array(PositionState),
  /** Every bracket placed on the clause, lifted ones too, in the order placed. */
  brackets: z.array(BracketRecord).optional(),
  /** Its alternatives ("Alt 1", …), every one ever proposed, in order; absent: none. */
  alternatives: z.array(AlternativeView).optional(),
});
export type ClauseState = z.infer<typeof ClauseState>;

/**
 * `GET /api/drafts/:id/state`: every clause's decisions, as the server holds them, as of the
 * draft's decision event `seq` (0 before the first). Events after `seq` bring it up to date.
 */
export const DraftState = z.object({
  draftId: z.string(),
  seq: z.number().int().min(0),
  consensus: ConsensusRule,
  delegations: z.array(z.string()),
  clauses: z.array(ClauseState),
  adoption: AdoptionMark.nullable(),
  /** Every silence of the draft, oldest first; at most one `running`. */
  silences: z.array(SilenceRecord).optional(),
  /** Set once the chair issued the text as a Chairman's Statement. */
  chairStatement: ChairStatementMark.nullable().optional(),
});
export type DraftState = z.infer<typeof DraftState>;

/** The answer to an accepted command: its place in the draft's sequence of decisions. */
export const CommandAccepted = z.object({ accepted: z.literal(true), seq: z.number(), at: z.string() });

/** `GET /api/drafts/:id/texts/:hash`: a clause text a position or a freeze was taken on. */
export const ClauseTextRecord = z.object({ textHash: z.string(), text: z.string() });
export type ClauseTextRecord = z.infer<typeof ClauseTextRecord>;
