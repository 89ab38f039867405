import type Database from 'better-sqlite3';
import { z } from 'zod';
import { Role } from '../../../shared/roles.ts';
import { Version, type VersionInput, VersionKind, type VersionSummary } from '../../../shared/schemas/versions.ts';
import { versionRowValues } from '../decision-rows.ts';

const VersionRow = z.object({
  n: z.number(),
  label: z.string(),
  kind: VersionKind,
  at: z.string(),
  actor_session: z.string(),
  actor_role: Role,
  actor_delegation: z.string().nullable(),
  audit_seq: z.number(),
});

function summaryOf(row: unknown): VersionSummary {
  const r = VersionRow.parse(row);
  return {
    n: r.n,
    label: r.label,
    kind: r.kind,
    at: r.at,
    actor: { session: r.actor_session, role: r.actor_role, delegation: r.actor_delegation },
    auditSeq: r.audit_seq,
  };
}

/** The versions table (migration "versions"): written inside a decision's transaction, read whole. */
export interface SqliteVersions {
  /** Appends a version as the draft's next number; called inside the decision's transaction. */
  insert(draftId: string, auditSeq: number, version: VersionInput): number;
  list(draftId: string): VersionSummary[];
  get(draftId: string, n: number): Version | null;
}

export function createSqliteVersions(db: Database.Database): SqliteVersions {
  const selectLast = db.prepare('SELECT COALESCE(MAX(n), 0) FROM versions WHERE draft_id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO versions (draft_id, n, label, kind, at, actor_session, actor_role, actor_delegation, audit_seq, clauses)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectAll = db.prepare(
    'SELECT n, label, kind, at, actor_session, actor_role, actor_delegation, audit_seq FROM versions WHERE draft_id = ? ORDER BY n',
  );
  const selectOne = db.prepare('SELECT * FROM versions WHERE draft_id = ? AND n = ?');
  return {
    insert(draftId, auditSeq, version) {
      const n = z.number().parse(selectLast.get(draftId)) + 1;
      insert.run(draftId, ...versionRowValues(n, auditSeq, version));
      return n;
    },
    list(draftId) {
      return selectAll.all(draftId).map(summaryOf);
    },
    get(draftId, n) {
      const row = selectOne.get(draftId, n);
      if (row === undefined) return null;
      // Parsed once, as a whole: a compare reads two versions of every clause's words.
      const { clauses } = z.object({ clauses: z.string() }).parse(row);
      return Version.parse({ ...summaryOf(row), clauses: JSON.parse(clauses) });
    },
  };
}
