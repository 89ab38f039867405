import { z } from 'zod';
import { ClauseRun } from './clause-run.ts';
import { Actor, PositionRecord } from './decisions.ts';
import { ClauseKind, ConsensusRule, DraftKind } from './draft.ts';

/** One clause as adopted: its words, their hash, who froze it and every position on those words. */
export const AdoptedClause = z.object({
  id: z.string(),
  kind: ClauseKind,
  /** How footnotes refer to it: "paragraph 2", "preambular paragraph 1", "the chapeau". */
  label: z.string(),
  text: z.string(),
  /**
   * Present only when some of the words are bold, italic or underlined: the text in runs of one
   * emphasis each, spelling `text` exactly. Records adopted before emphasis was kept have none,
   * and read (and export) as their plain text, as adopted.
   */
  runs: z.array(ClauseRun).optional(),
  textHash: z.string(),
  frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
  /** Each taken on `textHash`: the record itself shows that every position is current. */
  positions: z.array(PositionRecord),
});
export type AdoptedClause = z.infer<typeof AdoptedClause>;

/**
 * The adoption record (`GET /api/drafts/:id/adoption`): everything needed to show, later and for
 * ever, what was adopted. Written once, as JSON, by the adopt command; read back through this
 * same schema by the exports and the room.
 */
export const AdoptionRecord = z.object({
  draftId: z.string(),
  title: z.string(),
  kind: DraftKind,
  consensus: ConsensusRule,
  /** Every delegation whose position was required. */
  delegations: z.array(z.string()),
  place: z.string(),
  /** ISO `YYYY-MM-DD`, as the chair entered it. */
  date: z.string(),
  adoptedAt: z.string(),
  adoptedBy: Actor,
  clauses: z.array(AdoptedClause),
  footnotes: z.array(z.string()),
  /** SHA-256 of `canonicalAdoptedText(title, each clause's canonical form)`. */
  textHash: z.string(),
  /**
   * Present when the text was adopted under the silence procedure: circulated then, with this
   * deadline, and no delegation broke silence. `adoptedBy` is then the procedure itself.
   */
  underSilence: z.object({ silenceId: z.string(), circulatedAt: z.string(), deadline: z.string() }).optional(),
});
export type AdoptionRecord = z.infer<typeof AdoptionRecord>;
