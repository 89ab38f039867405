import { z } from 'zod';
import { Role } from '../../shared/roles.ts';
import type { AuditEntry, AuditEntryInput } from '../../shared/schemas/audit.ts';
import { BracketKind, type BracketRecord } from '../../shared/schemas/brackets.ts';
import { VersionClause, type VersionInput } from '../../shared/schemas/versions.ts';

/**
 * The columns of the decision tables that every adapter names and reads alike. Each adapter
 * adds what its database stores differently (a bracket's holders as JSON text or an array, the
 * audit entry's number), and turns the parsed row into a record here, so the two agree.
 */
export const bracketColumns = {
  clause_id: z.string(),
  bracket_id: z.string(),
  kind: BracketKind,
  note: z.string().nullable(),
  start_anchor: z.string().nullable(),
  end_anchor: z.string().nullable(),
  quote: z.string(),
  placed_at: z.string(),
  lifted_at: z.string().nullable(),
  lifted_by: z.string().nullable(),
};

type BracketColumns = z.infer<z.ZodObject<typeof bracketColumns>> & { holders: string[] };

export function bracketOfRow(row: BracketColumns): BracketRecord {
  return {
    id: row.bracket_id,
    clauseId: row.clause_id,
    kind: row.kind,
    note: row.note,
    holders: row.holders,
    start: row.start_anchor,
    end: row.end_anchor,
    quote: row.quote,
    placedAt: row.placed_at,
    lifted: row.lifted_at === null ? null : { at: row.lifted_at, by: row.lifted_by ?? '' },
  };
}

/** An audit row's columns but its number; `details` is stored as JSON text by both adapters. */
export const auditColumns = {
  at: z.string(),
  actor_session: z.string(),
  actor_role: Role,
  actor_delegation: z.string().nullable(),
  command: z.string(),
  clause_id: z.string().nullable(),
  text_hash: z.string().nullable(),
  details: z.string().transform((json) => z.record(z.string(), z.unknown()).parse(JSON.parse(json))),
};

export function auditEntryOfRow(seq: number, row: z.infer<z.ZodObject<typeof auditColumns>>): AuditEntry {
  return {
    seq,
    at: row.at,
    actor: { session: row.actor_session, role: row.actor_role, delegation: row.actor_delegation },
    command: row.command,
    clauseId: row.clause_id,
    textHash: row.text_hash,
    details: row.details,
  };
}

/**
 * What both adapters insert into `audit_log` after the draft and the entry's number, in the
 * column order `at, actor_session, actor_role, actor_delegation, command, clause_id, text_hash,
 * details`.
 */
export function auditRowValues(audit: AuditEntryInput): unknown[] {
  return [
    audit.at,
    audit.actor.session,
    audit.actor.role,
    audit.actor.delegation,
    audit.command,
    audit.clauseId,
    audit.textHash,
    JSON.stringify(audit.details),
  ];
}

/**
 * What both adapters insert into `versions` for a version numbered `n`, recorded with audit
 * entry `auditSeq`, after the draft: `n, label, kind, at, actor_session, actor_role,
 * actor_delegation, audit_seq, clauses` (its clauses checked, as JSON text).
 */
export function versionRowValues(n: number, auditSeq: number, version: VersionInput): unknown[] {
  const clauses = z.array(VersionClause).parse(version.clauses);
  return [
    n,
    version.label,
    version.kind,
    version.at,
    version.actor.session,
    version.actor.role,
    version.actor.delegation,
    auditSeq,
    JSON.stringify(clauses),
  ];
}
