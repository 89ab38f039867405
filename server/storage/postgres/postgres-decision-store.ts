import { z } from 'zod';
import type { DecisionEffect } from '../../../shared/consensus/decide.ts';
import type { DraftDecisionRecords } from '../../../shared/consensus/decision-records.ts';
import { changesTextLocks } from '../../../shared/consensus/text-lock-changes.ts';
import { Role } from '../../../shared/roles.ts';
import { type AlternativeRecord, AlternativeState } from '../../../shared/schemas/alternatives.ts';
import type { AuditEntry, AuditEntryInput } from '../../../shared/schemas/audit.ts';
import type { BracketRecord } from '../../../shared/schemas/brackets.ts';
import { type FrozenRecord, type PositionRecord, ReservationKind, Stance } from '../../../shared/schemas/decisions.ts';
import { SilenceRecord } from '../../../shared/schemas/silence.ts';
import {
  Version,
  VersionClause,
  type VersionInput,
  VersionKind,
  type VersionSummary,
} from '../../../shared/schemas/versions.ts';
import {
  auditColumns,
  auditEntryOfRow,
  auditRowValues,
  bracketColumns,
  bracketOfRow,
  versionRowValues,
} from '../decision-rows.ts';
import { type DecisionRecorder, type DecisionStore, DraftMovedError, type JudgedOn } from '../decision-store.ts';
import type { UpdateAttribution } from '../document-store.ts';
import { insertAttribution } from './postgres-attribution.ts';
import type { PostgresDatabase, Queryable } from './postgres-database.ts';
import { applyDecisionEffect } from './postgres-decision-effects.ts';

const PositionRow = z.object({
  clause_id: z.string(),
  delegation: z.string(),
  stance: Stance,
  reason: z.string().nullable(),
  text_hash: z.string(),
  at: z.string(),
  number: z.string().nullable(),
  numbered: z.boolean(),
  ad_referendum: z.boolean(),
  ad_referendum_expected_by: z.string().nullable(),
  reservation_kind: ReservationKind.nullable(),
});
const FrozenRow = z.object({ clause_id: z.string(), text_hash: z.string(), frozen_by: z.string(), at: z.string() });
const BracketRow = z.object({ ...bracketColumns, holders: z.array(z.string()) });
const AlternativeRow = z.object({
  clause_id: z.string(),
  n: z.number(),
  proposed_by: z.string(),
  sponsors: z.array(z.string()),
  state: AlternativeState,
  at: z.string(),
});
const AlternativePositionRow = z.object({
  clause_id: z.string(),
  n: z.number(),
  delegation: z.string(),
  stance: Stance,
  reason: z.string().nullable(),
  text_hash: z.string(),
  at: z.string(),
  number: z.string().nullable(),
  numbered: z.boolean(),
});
const MarkRow = z.object({ text_hash: z.string(), at: z.string() });
const AuditRow = z.object({ seq: z.number(), ...auditColumns });
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
const HeadRow = z.object({ audit_seq: z.number(), update_seq: z.number(), version_n: z.number() });
const LocksVersionRow = z.object({ audit_seq: z.number(), locks_version: z.number() });
const RecordRow = z.object({ record: z.string() });
const VERSION_COLUMNS = 'n, label, kind, at, actor_session, actor_role, actor_delegation, audit_seq';

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

type ClauseRecords = {
  positions: PositionRecord[];
  frozen: FrozenRecord | null;
  brackets?: BracketRecord[];
  alternatives?: AlternativeRecord[];
};

/** Every decision of a draft, read in the caller's one snapshot. */
async function loadDecisionsIn(tx: Queryable, draftId: string): Promise<DraftDecisionRecords> {
  const clauses = new Map<string, ClauseRecords>();
  const clause = (id: string) => {
    let found = clauses.get(id);
    if (found === undefined) {
      found = { positions: [], frozen: null };
      clauses.set(id, found);
    }
    return found;
  };
  const rows = async (sql: string) => (await tx.query(sql, [draftId])).rows;
  // In the order rows were first written, as the embedded store reads them.
  for (const row of await rows('SELECT * FROM positions WHERE draft_id = $1 ORDER BY ord')) {
    const p = PositionRow.parse(row);
    clause(p.clause_id).positions.push({
      delegation: p.delegation,
      stance: p.stance,
      reason: p.reason,
      textHash: p.text_hash,
      at: p.at,
      ...(p.numbered ? { number: p.number } : {}),
      ...(p.ad_referendum ? { adReferendum: { expectedBy: p.ad_referendum_expected_by } } : {}),
      ...(p.reservation_kind === null ? {} : { reservationKind: p.reservation_kind }),
    });
  }
  for (const row of await rows('SELECT * FROM frozen_clauses WHERE draft_id = $1')) {
    const f = FrozenRow.parse(row);
    clause(f.clause_id).frozen = { at: f.at, by: f.frozen_by, textHash: f.text_hash };
  }
  for (const row of await rows('SELECT * FROM brackets WHERE draft_id = $1 ORDER BY clause_id, ord')) {
    const b = BracketRow.parse(row);
    const record = clause(b.clause_id);
    record.brackets = [...(record.brackets ?? []), bracketOfRow(b)];
  }
  const alternatives = new Map<string, AlternativeRecord>();
  for (const row of await rows('SELECT * FROM alternatives WHERE draft_id = $1 ORDER BY clause_id, n')) {
    const a = AlternativeRow.parse(row);
    const record: AlternativeRecord = {
      n: a.n,
      proposedBy: a.proposed_by,
      sponsors: a.sponsors,
      state: a.state,
      at: a.at,
      positions: [],
    };
    alternatives.set(`${a.clause_id}/${a.n}`, record);
    const of = clause(a.clause_id);
    of.alternatives = [...(of.alternatives ?? []), record];
  }
  for (const row of await rows('SELECT * FROM alternative_positions WHERE draft_id = $1 ORDER BY ord')) {
    const p = AlternativePositionRow.parse(row);
    alternatives.get(`${p.clause_id}/${p.n}`)?.positions.push({
      delegation: p.delegation,
      stance: p.stance,
      reason: p.reason,
      textHash: p.text_hash,
      at: p.at,
      ...(p.numbered ? { number: p.number } : {}),
    });
  }
  const adoption = (await rows('SELECT text_hash, at FROM adoptions WHERE draft_id = $1')).map((r) => MarkRow.parse(r));
  const silences = (await rows('SELECT record FROM silences WHERE draft_id = $1 ORDER BY ordinal')).map((r) =>
    SilenceRecord.parse(JSON.parse(RecordRow.parse(r).record)),
  );
  const statement = (await rows('SELECT text_hash, at FROM chair_statements WHERE draft_id = $1')).map((r) =>
    MarkRow.parse(r),
  );
  const [head] = (await rows('SELECT audit_seq, locks_version FROM draft_heads WHERE draft_id = $1')).map((r) =>
    LocksVersionRow.parse(r),
  );
  return {
    seq: head?.audit_seq ?? 0,
    locksVersion: head?.locks_version ?? 0,
    adoption: adoption[0] === undefined ? null : { at: adoption[0].at, textHash: adoption[0].text_hash },
    clauses,
    // Only when there are any: a draft without them loads as it always did.
    ...(silences.length === 0 ? {} : { silences }),
    ...(statement[0] === undefined
      ? {}
      : { chairStatement: { at: statement[0].at, textHash: statement[0].text_hash } }),
  };
}

/**
 * Positions, freezes, adoptions, silences, versions and the audit log in PostgreSQL. Every
 * decision is one transaction that first takes the draft's head row: its audit number, its
 * version number and (for a change to the clause list) its update's place in the log are given
 * from that row, and decisions of one draft are written one after another.
 */
export function createPostgresDecisionStore(db: PostgresDatabase): DecisionStore {
  /** One decision's writes in `tx`: see `createPostgresDecisionStore`. */
  const recordIn = async (
    tx: Queryable,
    draftId: string,
    effect: DecisionEffect,
    audit: AuditEntryInput,
    version: VersionInput | undefined,
    documentUpdate: Uint8Array | undefined,
    attribution: UpdateAttribution | undefined,
    judgedOn: JudgedOn | undefined,
  ): Promise<{ seq: number; updateSeq: number }> => {
    // The head row is locked by this UPDATE until the transaction ends; an append or a decision
    // of another instance waits for it, and the WHERE is judged again on what they wrote.
    const head = await tx.query(
      `UPDATE draft_heads SET audit_seq = audit_seq + 1, version_n = version_n + $2, update_seq = update_seq + $3,
                locks_version = locks_version + $4
          WHERE draft_id = $1 AND ($5::bigint IS NULL OR update_seq = $5::bigint)
            AND ($6::bigint IS NULL OR audit_seq = $6::bigint)
          RETURNING audit_seq, update_seq, version_n`,
      [
        draftId,
        version === undefined ? 0 : 1,
        documentUpdate === undefined ? 0 : 1,
        changesTextLocks(effect) ? 1 : 0,
        judgedOn?.updateSeq ?? null,
        judgedOn?.auditSeq ?? null,
      ],
    );
    if (head.rows.length === 0) {
      const exists = await tx.query('SELECT 1 FROM draft_heads WHERE draft_id = $1', [draftId]);
      if (exists.rows.length === 0) throw new Error(`There is no draft ${draftId} to record a decision in.`);
      throw new DraftMovedError(draftId);
    }
    const { audit_seq: seq, update_seq: updateSeq, version_n: n } = HeadRow.parse(head.rows[0]);
    await applyDecisionEffect(tx, draftId, effect);
    await tx.query(
      `INSERT INTO audit_log (draft_id, seq, at, actor_session, actor_role, actor_delegation, command, clause_id, text_hash, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [draftId, seq, ...auditRowValues(audit)],
    );
    if (version !== undefined) {
      await tx.query(
        `INSERT INTO versions (draft_id, n, label, kind, at, actor_session, actor_role, actor_delegation, audit_seq, clauses)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [draftId, ...versionRowValues(n, seq, version)],
      );
    }
    if (documentUpdate !== undefined) {
      await tx.query('INSERT INTO doc_updates (draft_id, seq, data) VALUES ($1, $2, $3)', [
        draftId,
        updateSeq,
        Buffer.from(documentUpdate.buffer, documentUpdate.byteOffset, documentUpdate.byteLength),
      ]);
      if (attribution !== undefined) await insertAttribution(tx, draftId, updateSeq, attribution);
    }
    return { seq, updateSeq };
  };

  // A hold keeps its pooled connection while its judging reads on others: holds that took the
  // whole pool would wait for ever on each other (and appends queued behind their locks with
  // them). A quarter of the pool at most; the rest wait here, in order.
  const holds = new Slots(Math.max(1, Math.floor(db.poolSize / 4)));

  /** A recorder of decisions in `tx` that commits each at once (`commit`). */
  const recorderIn = (tx: Queryable, commit: () => Promise<void>, held?: string): DecisionRecorder => {
    let recorded = false;
    const once = (draftId: string) => {
      if (held !== undefined && draftId !== held) throw new Error(`Draft ${held} is held, not ${draftId}.`);
      if (recorded) throw new Error(`A hold of draft ${draftId} records one decision.`);
      recorded = true;
    };
    return {
      async recordDecision(draftId, effect, audit, version, judgedOn) {
        once(draftId);
        const { seq } = await recordIn(tx, draftId, effect, audit, version, undefined, undefined, judgedOn);
        await commit();
        return { ...audit, seq };
      },
      async recordStructureDecision(draftId, effect, audit, documentUpdate, version, attribution, judgedOn) {
        once(draftId);
        const recorded = await recordIn(tx, draftId, effect, audit, version, documentUpdate, attribution, judgedOn);
        await commit();
        return { entry: { ...audit, seq: recorded.seq }, updateSeq: recorded.updateSeq };
      },
    };
  };

  const recordText = async (sql: string, draftId: string): Promise<string | null> => {
    const { rows } = await db.query(sql, [draftId]);
    return rows.length === 0 ? null : RecordRow.parse(rows[0]).record;
  };

  return {
    async loadDecisions(draftId) {
      return db.transaction((tx) => loadDecisionsIn(tx, draftId), { readOnly: true });
    },
    async recordDecision(draftId, effect, audit, version, judgedOn): Promise<AuditEntry> {
      return db.transaction((tx, commit) =>
        recorderIn(tx, commit).recordDecision(draftId, effect, audit, version, judgedOn),
      );
    },
    async recordStructureDecision(draftId, effect, audit, documentUpdate, version, attribution, judgedOn) {
      return db.transaction((tx, commit) =>
        recorderIn(tx, commit).recordStructureDecision(
          draftId,
          effect,
          audit,
          documentUpdate,
          version,
          attribution,
          judgedOn,
        ),
      );
    },
    async holdDraft(draftId, task) {
      await holds.acquire();
      try {
        return await db.transaction(async (tx, commit) => {
          // Appends and decisions of other instances take this row first: they wait for the hold.
          const held = await tx.query('SELECT 1 FROM draft_heads WHERE draft_id = $1 FOR UPDATE', [draftId]);
          if (held.rows.length === 0) throw new Error(`There is no draft ${draftId} to hold.`);
          return task(recorderIn(tx, commit, draftId));
        });
      } finally {
        holds.release();
      }
    },
    async listVersions(draftId) {
      const { rows } = await db.query(`SELECT ${VERSION_COLUMNS} FROM versions WHERE draft_id = $1 ORDER BY n`, [
        draftId,
      ]);
      return rows.map(summaryOf);
    },
    async getVersion(draftId, n) {
      const { rows } = await db.query(
        `SELECT ${VERSION_COLUMNS}, clauses FROM versions WHERE draft_id = $1 AND n = $2`,
        [draftId, n],
      );
      if (rows.length === 0) return null;
      const json = z.object({ clauses: z.string() }).parse(rows[0]).clauses;
      const clauses = z.array(VersionClause).parse(JSON.parse(json));
      return Version.parse({ ...summaryOf(rows[0]), clauses });
    },
    async getAdoptionRecord(draftId) {
      return recordText('SELECT record FROM adoptions WHERE draft_id = $1', draftId);
    },
    async getChairStatement(draftId) {
      return recordText('SELECT record FROM chair_statements WHERE draft_id = $1', draftId);
    },
    async listRunningSilences() {
      const { rows } = await db.query(
        "SELECT draft_id, record FROM silences WHERE state = 'running' ORDER BY deadline",
      );
      return rows.map((row) => {
        const r = z.object({ draft_id: z.string(), record: z.string() }).parse(row);
        return { draftId: r.draft_id, silence: SilenceRecord.parse(JSON.parse(r.record)) };
      });
    },
    async getClauseText(draftId, textHash) {
      const { rows } = await db.query('SELECT text FROM clause_texts WHERE draft_id = $1 AND text_hash = $2', [
        draftId,
        textHash,
      ]);
      return rows.length === 0
        ? null
        : z
            .object({ text: z.instanceof(Buffer) })
            .parse(rows[0])
            .text.toString('utf8');
    },
    async listAudit(draftId, afterSeq = 0): Promise<AuditEntry[]> {
      const { rows } = await db.query(
        `SELECT seq, at, actor_session, actor_role, actor_delegation, command, clause_id, text_hash, details
           FROM audit_log WHERE draft_id = $1 AND seq > $2 ORDER BY seq`,
        [draftId, afterSeq],
      );
      return rows.map((row) => {
        const r = AuditRow.parse(row);
        return auditEntryOfRow(r.seq, r);
      });
    },
  };
}

/** At most `size` at once; the others wait in the order they came. */
class Slots {
  private taken = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.taken < this.size) {
      this.taken++;
      return;
    }
    // The slot passes straight from the releaser, so `taken` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.taken--;
    else next();
  }
}
