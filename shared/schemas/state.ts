import { z } from 'zod';
import { ClauseKind, ConsensusRule } from './draft.ts';

export const PositionState = z.object({
  delegation: z.string(),
  stance: z.enum(['endorsed', 'reserved']),
  reason: z.string().nullable(),
  textHash: z.string(),
  at: z.string(),
  stale: z.boolean(),
});
export type PositionState = z.infer<typeof PositionState>;

export const ClauseState = z.object({
  id: z.string(),
  kind: ClauseKind,
  label: z.string(),
  textHash: z.string(),
  status: z.enum(['frozen', 'agreed', 'reserved', 'open']),
  frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
  endorsedCount: z.number(),
  positions: z.array(PositionState),
});
export type ClauseState = z.infer<typeof ClauseState>;

/** `GET /api/drafts/:id/state`: every clause's decisions, as the server holds them. */
export const DraftState = z.object({
  draftId: z.string(),
  consensus: ConsensusRule,
  delegations: z.array(z.string()),
  clauses: z.array(ClauseState),
  adoption: z.object({ at: z.string(), textHash: z.string() }).nullable(),
});
export type DraftState = z.infer<typeof DraftState>;

/** The answer to an accepted command. */
export const CommandAccepted = z.object({ accepted: z.literal(true), seq: z.number(), at: z.string() });

/** What the room shows of the adoption record (`GET /api/drafts/:id/adoption` holds more). */
export const AdoptionSummary = z.object({
  place: z.string(),
  date: z.string(),
  adoptedAt: z.string(),
  textHash: z.string(),
  footnotes: z.array(z.string()),
});
export type AdoptionSummary = z.infer<typeof AdoptionSummary>;

/** `GET /api/drafts/:id/texts/:hash`: a clause text a position or a freeze was taken on. */
export const ClauseTextRecord = z.object({ textHash: z.string(), text: z.string() });
export type ClauseTextRecord = z.infer<typeof ClauseTextRecord>;
