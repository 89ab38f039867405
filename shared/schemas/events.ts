import { z } from 'zod';
import { AlternativeChangeKind, AlternativeMark, AlternativeNumber } from './alternatives.ts';
import { BracketCommandType, BracketRecord } from './brackets.ts';
import { Actor, AdoptionMark, FrozenRecord, PositionRecord } from './decisions.ts';
import { ClauseKind } from './draft.ts';
import { ChairStatementMark, SilenceRecord } from './silence.ts';

/**
 * What one accepted command changed in a draft's decisions. Applying every change of a draft in
 * order of `seq` rebuilds its decisions exactly (`applyDecisionEvent`); a clause's status is
 * not carried, because it depends on the text, which changes without any event: every side
 * derives it with the shared rules from these facts and the text it holds.
 */
export const DecisionChange = z.discriminatedUnion('type', [
  /** A delegation's new position on a clause, or `null` when it withdrew its position. */
  z.object({
    type: z.literal('position'),
    clauseId: z.string(),
    delegation: z.string(),
    position: PositionRecord.nullable(),
  }),
  /**
   * The chair froze a clause; with `alternative`, on that alternative's words, which the server
   * wrote into the clause's text: it is retained, every other open alternative not retained.
   */
  z.object({
    type: z.literal('freeze'),
    clauseId: z.string(),
    frozen: FrozenRecord,
    alternative: AlternativeNumber.optional(),
  }),
  z.object({ type: z.literal('reopen'), clauseId: z.string(), reason: z.string() }),
  z.object({ type: z.literal('adopt'), adoption: AdoptionMark }),
  // Changes to the clause list. The document carries the list itself; these say who changed it
  // and how, with each clause's formal label ("paragraph 5") before and after.
  z.object({
    type: z.literal('clause-added'),
    clauseId: z.string(),
    kind: ClauseKind,
    label: z.string(),
    proposedBy: z.string().nullable(),
  }),
  z.object({
    type: z.literal('clause-moved'),
    clauseId: z.string(),
    kind: ClauseKind,
    from: z.string(),
    to: z.string(),
  }),
  z.object({
    type: z.literal('clause-deleted'),
    clauseId: z.string(),
    kind: ClauseKind,
    label: z.string(),
    withdrawnProposal: z.boolean(),
  }),
  z.object({ type: z.literal('clause-restored'), clauseId: z.string(), kind: ClauseKind, label: z.string() }),
  z.object({
    type: z.literal('proposal-taken-up'),
    clauseId: z.string(),
    kind: ClauseKind,
    from: z.string(),
    to: z.string(),
    proposedBy: z.string(),
  }),
  /** A bracket as it is after a bracket command (placed, joined, left, lifted): it replaces the one of its id. */
  z.object({ type: z.literal('bracket'), clauseId: z.string(), command: BracketCommandType, bracket: BracketRecord }),
  /** An alternative was proposed, sponsored, left or withdrawn: the alternative as it now is. */
  z.object({
    type: z.literal('alternative'),
    clauseId: z.string(),
    change: AlternativeChangeKind,
    alternative: AlternativeMark,
  }),
  /** A delegation's new position on an alternative, or `null` when it withdrew it. */
  z.object({
    type: z.literal('alternative-position'),
    clauseId: z.string(),
    alternative: AlternativeNumber,
    delegation: z.string(),
    position: PositionRecord.nullable(),
  }),
  // The silence procedure: each carries the silence record as it stands after the step.
  z.object({ type: z.literal('silence-circulated'), silence: SilenceRecord }),
  z.object({ type: z.literal('silence-broken'), silence: SilenceRecord }),
  z.object({ type: z.literal('silence-withdrawn'), silence: SilenceRecord }),
  /** The deadline passed unbroken: the draft adopted (whole draft) or the clauses frozen. */
  z.object({
    type: z.literal('silence-concluded'),
    silence: SilenceRecord,
    adoption: AdoptionMark.nullable(),
    frozen: z.array(z.object({ clauseId: z.string(), frozen: FrozenRecord })),
  }),
  z.object({ type: z.literal('chair-statement'), statement: ChairStatementMark }),
  /** The chair named a version of the whole draft (`GET /api/drafts/:id/versions` lists it). */
  z.object({ type: z.literal('version-named'), label: z.string() }),
  /** A clause's words were set back to those of version `version`, by the server, as a new edit. */
  z.object({
    type: z.literal('clause-text-restored'),
    clauseId: z.string(),
    version: z.number(),
    restoredHash: z.string(),
  }),
]);
export type DecisionChange = z.infer<typeof DecisionChange>;

/**
 * `GET /api/drafts/:id/events`: one accepted command, pushed to every participant. `seq` counts
 * the draft's decisions from 1 without gaps, so a client that sees `seq` jump knows it missed one.
 */
export const DecisionEvent = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: Actor,
  command: z.string(),
  change: DecisionChange,
});
export type DecisionEvent = z.infer<typeof DecisionEvent>;
