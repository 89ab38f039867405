import { z } from 'zod';
import { Actor } from './decisions.ts';

/** One accepted command as the audit log keeps it, for ever (`GET /api/drafts/:id/audit`). */
export const AuditEntry = z.object({
  /** The command's place among the draft's decisions: 1, 2, 3, … without gaps. */
  seq: z.number().int().positive(),
  at: z.string(),
  actor: Actor,
  command: z.string(),
  clauseId: z.string().nullable(),
  /** The text hash the command referred to, if any. */
  textHash: z.string().nullable(),
  /** The command's other fields (stance, reason, place, date). */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** An entry before the store gives it its place. */
export type AuditEntryInput = Omit<AuditEntry, 'seq'>;
