import { z } from 'zod';
import { Actor, TextHash } from './decisions.ts';
import { ClauseId, ClauseKind, ConsensusRule, DraftKind } from './draft.ts';

/** The shortest silence the server accepts: a few minutes, for use in the room. */
export const MIN_SILENCE_MS = 5 * 60 * 1000;
/** The longest: a month. The UN General Assembly's usual minimum is 72 hours. */
export const MAX_SILENCE_MS = 30 * 24 * 60 * 60 * 1000;

export const SilenceReason = z.string().trim().min(1, 'Breaking silence needs a reason.').max(1000);

/** One clause as it was circulated: its label then, and the hash of its words. */
export const CirculatedClause = z.object({ id: z.string(), label: z.string(), textHash: z.string() });
export type CirculatedClause = z.infer<typeof CirculatedClause>;

export const SilenceState = z.enum(['running', 'broken', 'withdrawn', 'concluded']);
export type SilenceState = z.infer<typeof SilenceState>;

/** Who broke a silence, on which paragraphs, and why. */
export const SilenceBreak = z.object({
  delegation: z.string(),
  clauseIds: z.array(z.string()),
  /** The paragraphs as they were labelled when silence was broken ("paragraph 2"). */
  labels: z.array(z.string()),
  reason: z.string(),
});
export type SilenceBreak = z.infer<typeof SilenceBreak>;

/**
 * A silence procedure: the chair circulated these exact words (each clause's hash and the
 * combined `textHash`) with a deadline; it runs until a delegation breaks it, the chair
 * withdraws it, or the deadline passes unbroken (concluded).
 */
export const SilenceRecord = z.object({
  id: z.string(),
  /** Null: the whole draft was circulated, and its conclusion adopts the draft. */
  clauseIds: z.array(z.string()).nullable(),
  clauses: z.array(CirculatedClause),
  /** SHA-256 of the circulated text in its canonical form (`canonicalAdoptedText`). */
  textHash: z.string(),
  /** Where the draft is adopted if the silence concludes (whole draft only). */
  place: z.string().nullable(),
  circulatedAt: z.string(),
  circulatedBy: z.string(),
  /** ISO UTC: the silence concludes when the server's clock reaches it. */
  deadline: z.string(),
  state: SilenceState,
  endedAt: z.string().nullable(),
  broken: SilenceBreak.nullable(),
});
export type SilenceRecord = z.infer<typeof SilenceRecord>;

/** The circulate-silence command's body, apart from its type. */
export const CirculateSilenceFields = {
  /** Null: the whole draft. */
  clauseIds: z.array(ClauseId).min(1).max(500).nullable(),
  deadline: z.iso.datetime({ offset: false }),
  /** Each circulated clause's hash as the chair saw it (for the whole draft: every clause). */
  textHashes: z.record(ClauseId, TextHash),
  /** Where the draft is adopted if silence is not broken; required for the whole draft. */
  place: z.string().trim().min(1).max(200).optional(),
};

export const BreakSilenceFields = {
  silenceId: z.string().min(1).max(64),
  clauseIds: z.array(ClauseId).min(1, 'Name the paragraphs you object to.').max(500),
  reason: SilenceReason,
};

/** That the chair issued the text as a Chairman's Statement: as the room needs to know it. */
export const ChairStatementMark = z.object({ at: z.string(), textHash: z.string() });
export type ChairStatementMark = z.infer<typeof ChairStatementMark>;

/** One clause of a Chairman's Statement: words only, no positions and no footnotes. */
export const StatementClause = z.object({
  id: z.string(),
  kind: ClauseKind,
  label: z.string(),
  text: z.string(),
  textHash: z.string(),
});

/**
 * `GET /api/drafts/:id/chair-statement`: the text the chair issued under the chair's own
 * authority when consensus failed. It claims no delegation agreed: it carries no position.
 */
export const ChairStatementRecord = z.object({
  draftId: z.string(),
  title: z.string(),
  kind: DraftKind,
  consensus: ConsensusRule,
  delegations: z.array(z.string()),
  place: z.string(),
  date: z.string(),
  issuedAt: z.string(),
  issuedBy: Actor,
  clauses: z.array(StatementClause),
  textHash: z.string(),
});
export type ChairStatementRecord = z.infer<typeof ChairStatementRecord>;
