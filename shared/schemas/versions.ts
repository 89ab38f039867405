import { z } from 'zod';
import { ClauseRun } from './clause-run.ts';
import { Actor, TextHash } from './decisions.ts';
import { ClauseKind } from './draft.ts';

/** A version's label, as the chair names it: "Rev.1", "Chair's text", "Circulated to capitals". */
export const VersionLabel = z
  .string()
  .trim()
  .min(1, 'A version needs a name.')
  .max(100, 'A version name is at most 100 characters.');

/**
 * What made a version: the chair named it, or the server recorded it at a freeze, a re-opening,
 * the circulation of a text under silence, or the adoption.
 */
export const VersionKind = z.enum(['named', 'freeze', 'reopen', 'silence', 'adoption']);
export type VersionKind = z.infer<typeof VersionKind>;

/** One clause as a version holds it: its words exactly, with their emphasis and hash. */
export const VersionClause = z.object({
  id: z.string(),
  kind: ClauseKind,
  label: z.string(),
  text: z.string(),
  runs: z.array(ClauseRun),
  textHash: TextHash,
});
export type VersionClause = z.infer<typeof VersionClause>;

/** A version as listed (`GET /api/drafts/:id/versions`): everything but its clauses. */
export const VersionSummary = z.object({
  /** 1, 2, 3, … per draft, in the order they were recorded. */
  n: z.number().int().positive(),
  label: z.string(),
  kind: VersionKind,
  at: z.string(),
  actor: Actor,
  /** The audit entry (decision) it was recorded with. */
  auditSeq: z.number().int().positive(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

/** A version in full (`GET /api/drafts/:id/versions/:n`): every clause in reading order. Never changes. */
export const Version = VersionSummary.extend({ clauses: z.array(VersionClause) });
export type Version = z.infer<typeof Version>;

/** A version before the store numbers it. */
export type VersionInput = Omit<Version, 'n' | 'auditSeq'>;

export const VersionList = z.object({ versions: z.array(VersionSummary) });
export type VersionList = z.infer<typeof VersionList>;

/** A piece of a word diff: words kept, inserted (shown bold) or deleted (shown struck through). */
export const DiffPart = z.object({ op: z.enum(['same', 'inserted', 'deleted']), text: z.string() });
export type DiffPart = z.infer<typeof DiffPart>;

/** Who changed a clause between the two versions, as the recorded edits name them. */
export const ChangeAuthor = z.object({ role: z.string(), delegation: z.string().nullable() });
export type ChangeAuthor = z.infer<typeof ChangeAuthor>;

/** One clause of a compare, in the reading order of the later text (deleted clauses where they stood). */
export const ClauseComparison = z.object({
  clauseId: z.string(),
  kind: ClauseKind,
  /** Its label in the later text, or in the earlier one if deleted. */
  label: z.string(),
  /** Its label in the earlier text, null if added. */
  fromLabel: z.string().nullable(),
  change: z.enum(['unchanged', 'changed', 'added', 'deleted']),
  /** Whether it stands elsewhere among the clauses both texts share. */
  moved: z.boolean(),
  parts: z.array(DiffPart),
  /** Who edited its words between the two, where the record knows it; empty if none is known. */
  authors: z.array(ChangeAuthor),
  /** The hash of its words in the later text (null if deleted): what a restore is sent on. */
  textHash: z.string().nullable(),
});
export type ClauseComparison = z.infer<typeof ClauseComparison>;

/** `GET /api/drafts/:id/compare?from=<n>&to=<n|current>`. */
export const Comparison = z.object({
  from: VersionSummary,
  /** null: the current text. */
  to: VersionSummary.nullable(),
  toAt: z.string(),
  clauses: z.array(ClauseComparison),
});
export type Comparison = z.infer<typeof Comparison>;

/** `to` of a compare: a version's number or `current`. */
export const CompareTarget = z.union([z.literal('current'), z.coerce.number().int().positive()]);
export const VersionNumber = z.coerce.number().int().positive().max(1_000_000);
