import { z } from 'zod';
import type { DecisionEffect } from '../../../shared/consensus/decide.ts';
import type { DraftDecisionRecords } from '../../../shared/consensus/decision-records.ts';
import type { AlternativeRecord } from '../../../shared/schemas/alternatives.ts';
import type { AuditEntry, AuditEntryInput } from '../../../shared/schemas/audit.ts';
import type { BracketRecord } from '../../../shared/schemas/brackets.ts';
import { type FrozenRecord, type PositionRecord, ReservationKind, Stance } from '../../../shared/schemas/decisions.ts';
import { SilenceRecord } from '../../../shared/schemas/silence.ts';
import type { VersionInput } from '../../../shared/schemas/versions.ts';
import { auditColumns, auditEntryOfRow, auditRowValues, bracketColumns, bracketOfRow } from '../decision-rows.ts';
import { type DecisionStore, SilenceNotRunningError } from '../decision-store.ts';
import type { UpdateAttribution } from '../document-store.ts';
import { createSqliteAlternatives } from './sqlite-alternatives.ts';
import { createAttributionRows } from './sqlite-attribution-rows.ts';
import { guarded, type SqliteDatabase } from './sqlite-database.ts';
import { createSqliteVersions } from './sqlite-versions.ts';

const PositionRow = z.object({
  clause_id: z.string(),
  delegation: z.string(),
  stance: Stance,
  reason: z.string().nullable(),
  text_hash: z.string(),
  at: z.string(),
  number: z.string().nullable(),
  numbered: z.number(),
  ad_referendum: z.number(),
  ad_referendum_expected_by: z.string().nullable(),
  reservation_kind: ReservationKind.nullable(),
});
const FrozenRow = z.object({ clause_id: z.string(), text_hash: z.string(), frozen_by: z.string(), at: z.string() });
const BracketRow = z.object({
  ...bracketColumns,
  holders: z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s))),
});
const AdoptionRow = z.object({ text_hash: z.string(), at: z.string() });
const AuditRow = z.object({ draft_seq: z.number(), ...auditColumns });

/** Positions, freezes, adoptions and the audit log in the embedded database. */
export function createSqliteDecisionStore(database: SqliteDatabase): DecisionStore {
  const { db } = database;
  const selectPositions = db.prepare('SELECT * FROM positions WHERE draft_id = ?');
  const selectFrozen = db.prepare('SELECT * FROM frozen_clauses WHERE draft_id = ?');
  const selectBrackets = db.prepare('SELECT * FROM brackets WHERE draft_id = ? ORDER BY clause_id, rowid');
  const upsertBracket = db.prepare(
    `INSERT INTO brackets (draft_id, clause_id, bracket_id, kind, note, holders, start_anchor, end_anchor, quote, placed_at, lifted_at, lifted_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(draft_id, clause_id, bracket_id) DO UPDATE SET
       holders = excluded.holders, lifted_at = excluded.lifted_at, lifted_by = excluded.lifted_by`,
  );
  const selectAdoption = db.prepare('SELECT text_hash, at FROM adoptions WHERE draft_id = ?');
  const selectAdoptionRecord = db.prepare('SELECT record FROM adoptions WHERE draft_id = ?').pluck();
  const selectLastSeq = db.prepare('SELECT MAX(draft_seq) FROM audit_log WHERE draft_id = ?').pluck();
  const selectAudit = db.prepare('SELECT * FROM audit_log WHERE draft_id = ? AND draft_seq > ? ORDER BY draft_seq');
  const upsertPosition = db.prepare(
    `INSERT INTO positions (draft_id, clause_id, delegation, stance, reason, text_hash, at, number, numbered,
       ad_referendum, ad_referendum_expected_by, reservation_kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(draft_id, clause_id, delegation) DO UPDATE SET
       stance = excluded.stance, reason = excluded.reason, text_hash = excluded.text_hash, at = excluded.at,
       number = excluded.number, numbered = excluded.numbered, ad_referendum = excluded.ad_referendum,
       ad_referendum_expected_by = excluded.ad_referendum_expected_by, reservation_kind = excluded.reservation_kind`,
  );
  const insertClauseText = db.prepare(
    'INSERT OR IGNORE INTO clause_texts (draft_id, text_hash, text) VALUES (?, ?, ?)',
  );
  const selectClauseText = db.prepare('SELECT text FROM clause_texts WHERE draft_id = ? AND text_hash = ?').pluck();
  const deletePosition = db.prepare('DELETE FROM positions WHERE draft_id = ? AND clause_id = ? AND delegation = ?');
  const insertFrozen = db.prepare(
    'INSERT INTO frozen_clauses (draft_id, clause_id, text_hash, frozen_by, at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteFrozen = db.prepare('DELETE FROM frozen_clauses WHERE draft_id = ? AND clause_id = ?');
  const insertAdoption = db.prepare('INSERT INTO adoptions (draft_id, record, text_hash, at) VALUES (?, ?, ?, ?)');
  const selectSilences = db.prepare('SELECT record FROM silences WHERE draft_id = ? ORDER BY ordinal').pluck();
  const selectRunningSilences = db
    .prepare("SELECT draft_id, record FROM silences WHERE state = 'running' ORDER BY deadline")
    .raw();
  const insertSilence = db.prepare(
    'INSERT INTO silences (draft_id, id, ordinal, state, deadline, record) VALUES (?, ?, (SELECT COUNT(*) + 1 FROM silences WHERE draft_id = ?), ?, ?, ?)',
  );
  // Conditioned on the silence still running: a second ending changes nothing, and fails below.
  const endSilence = db.prepare(
    "UPDATE silences SET state = ?, record = ? WHERE draft_id = ? AND id = ? AND state = 'running'",
  );
  const selectStatement = db.prepare('SELECT text_hash, at FROM chair_statements WHERE draft_id = ?');
  const selectStatementRecord = db.prepare('SELECT record FROM chair_statements WHERE draft_id = ?').pluck();
  const insertStatement = db.prepare(
    'INSERT INTO chair_statements (draft_id, record, text_hash, at) VALUES (?, ?, ?, ?)',
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (draft_id, draft_seq, at, actor_session, actor_role, actor_delegation, command, clause_id, text_hash, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const alternatives = createSqliteAlternatives(db);

  const lastSeqOf = (draftId: string): number => z.number().nullable().parse(selectLastSeq.get(draftId)) ?? 0;

  const loadTx = db.transaction((draftId: string): DraftDecisionRecords => {
    const clauses = new Map<
      string,
      {
        positions: PositionRecord[];
        frozen: FrozenRecord | null;
        brackets?: BracketRecord[];
        alternatives?: AlternativeRecord[];
      }
    >();
    const clause = (id: string) => {
      let found = clauses.get(id);
      if (found === undefined) {
        found = { positions: [], frozen: null };
        clauses.set(id, found);
      }
      return found;
    };
    for (const row of selectPositions.all(draftId)) {
      const p = PositionRow.parse(row);
      clause(p.clause_id).positions.push({
        delegation: p.delegation,
        stance: p.stance,
        reason: p.reason,
        textHash: p.text_hash,
        at: p.at,
        ...(p.numbered === 1 ? { number: p.number } : {}),
        ...(p.ad_referendum === 1 ? { adReferendum: { expectedBy: p.ad_referendum_expected_by } } : {}),
        ...(p.reservation_kind === null ? {} : { reservationKind: p.reservation_kind }),
      });
    }
    for (const row of selectFrozen.all(draftId)) {
      const f = FrozenRow.parse(row);
      clause(f.clause_id).frozen = { at: f.at, by: f.frozen_by, textHash: f.text_hash };
    }
    for (const row of selectBrackets.all(draftId)) {
      const b = BracketRow.parse(row);
      const record = clause(b.clause_id);
      record.brackets = [...(record.brackets ?? []), bracketOfRow(b)];
    }
    for (const [clauseId, records] of alternatives.load(draftId)) clause(clauseId).alternatives = records;
    const adoptionRow = selectAdoption.get(draftId);
    const adoption = adoptionRow === undefined ? null : AdoptionRow.parse(adoptionRow);
    const silences = selectSilences.all(draftId).map((json) => SilenceRecord.parse(JSON.parse(String(json))));
    const statementRow = selectStatement.get(draftId);
    const statement = statementRow === undefined ? null : AdoptionRow.parse(statementRow);
    return {
      seq: lastSeqOf(draftId),
      adoption: adoption === null ? null : { at: adoption.at, textHash: adoption.text_hash },
      clauses,
      // Only when there are any: a draft without them loads as it always did.
      ...(silences.length === 0 ? {} : { silences }),
      ...(statement === null ? {} : { chairStatement: { at: statement.at, textHash: statement.text_hash } }),
    };
  });

  const applyEffect = (draftId: string, effect: DecisionEffect): void => {
    switch (effect.type) {
      case 'set-position': {
        const p = effect.position;
        upsertPosition.run(
          draftId,
          effect.clauseId,
          p.delegation,
          p.stance,
          p.reason,
          p.textHash,
          p.at,
          p.number ?? null,
          p.number === undefined ? 0 : 1,
          p.adReferendum === undefined ? 0 : 1,
          p.adReferendum?.expectedBy ?? null,
          p.reservationKind ?? null,
        );
        insertClauseText.run(draftId, p.textHash, effect.text);
        return;
      }
      case 'withdraw-position':
        deletePosition.run(draftId, effect.clauseId, effect.delegation);
        return;
      case 'freeze': {
        const f = effect.frozen;
        insertFrozen.run(draftId, effect.clauseId, f.textHash, f.by, f.at);
        insertClauseText.run(draftId, f.textHash, effect.text);
        return;
      }
      case 'reopen':
        deleteFrozen.run(draftId, effect.clauseId);
        return;
      case 'bracket': {
        const b = effect.bracket;
        upsertBracket.run(
          draftId,
          effect.clauseId,
          b.id,
          b.kind,
          b.note,
          JSON.stringify(b.holders),
          b.start,
          b.end,
          b.quote,
          b.placedAt,
          b.lifted?.at ?? null,
          b.lifted?.by ?? null,
        );
        return;
      }
      case 'adopt':
        insertAdoption.run(draftId, JSON.stringify(effect.record), effect.record.textHash, effect.record.adoptedAt);
        return;
      case 'circulate-silence': {
        const { silence } = effect;
        insertSilence.run(draftId, silence.id, draftId, silence.state, silence.deadline, JSON.stringify(silence));
        for (const { textHash, text } of effect.texts) insertClauseText.run(draftId, textHash, text);
        return;
      }
      case 'break-silence':
      case 'withdraw-silence':
      case 'conclude-silence': {
        const { silence } = effect;
        const ended = endSilence.run(silence.state, JSON.stringify(silence), draftId, silence.id);
        if (ended.changes !== 1) throw new SilenceNotRunningError(draftId, silence.id);
        if (effect.type !== 'conclude-silence') return;
        for (const { clauseId, frozen, text } of effect.freezes) {
          insertFrozen.run(draftId, clauseId, frozen.textHash, frozen.by, frozen.at);
          insertClauseText.run(draftId, frozen.textHash, text);
        }
        const { adoption } = effect;
        if (adoption !== null) {
          insertAdoption.run(draftId, JSON.stringify(adoption), adoption.textHash, adoption.adoptedAt);
        }
        return;
      }
      case 'issue-chair-statement':
        insertStatement.run(draftId, JSON.stringify(effect.record), effect.record.textHash, effect.record.issuedAt);
        return;
      // The clause list lives in the document: its update is stored beside the entry.
      case 'add-clause':
      case 'move-clause':
      case 'delete-clause':
      case 'restore-clause':
      case 'take-up-clause':
        return;
      case 'alternative':
      case 'set-alternative-position':
      case 'withdraw-alternative-position':
        alternatives.apply(draftId, effect);
        return;
      case 'freeze-alternative': {
        // The clause's own part: frozen on the retained words, with the positions taken on them.
        const { clauseId, frozen, text } = effect;
        applyEffect(draftId, { type: 'freeze', clauseId, frozen, text });
        for (const position of effect.carried) applyEffect(draftId, { type: 'set-position', clauseId, position, text });
        alternatives.apply(draftId, effect);
        return;
      }
    }
  };
  const insertUpdate = db.prepare('INSERT INTO doc_updates (draft_id, data) VALUES (?, ?)');

  const versions = createSqliteVersions(db);
  const recordTx = db.transaction(
    (draftId: string, effect: DecisionEffect, audit: AuditEntryInput, version?: VersionInput): number => {
      applyEffect(draftId, effect);
      const seq = lastSeqOf(draftId) + 1;
      insertAudit.run(draftId, seq, ...auditRowValues(audit));
      if (version !== undefined) versions.insert(draftId, seq, version);
      return seq;
    },
  );
  const attributionRows = createAttributionRows(db);
  const recordStructureTx = db.transaction(
    (
      draftId: string,
      effect: DecisionEffect,
      audit: AuditEntryInput,
      update: Uint8Array,
      version: VersionInput | undefined,
      attribution: UpdateAttribution | undefined,
    ) => {
      const seq = recordTx(draftId, effect, audit, version);
      const info = insertUpdate.run(draftId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      const updateSeq = Number(info.lastInsertRowid);
      // A restore is rare: its author row is looked up, not cached as the document store does.
      if (attribution !== undefined) {
        attributionRows.insert(draftId, updateSeq, attribution, attributionRows.lookUpAuthorId);
      }
      return { seq, updateSeq };
    },
  );

  const store: DecisionStore = guarded(database, {
    async loadDecisions(draftId) {
      return loadTx(draftId);
    },
    async holdDraft(_draftId, task) {
      return task(store);
    },
    async recordDecision(draftId, effect, audit, version): Promise<AuditEntry> {
      return { ...audit, seq: recordTx(draftId, effect, audit, version) };
    },
    async recordStructureDecision(draftId, effect, audit, documentUpdate, version, attribution) {
      const { seq, updateSeq } = recordStructureTx(draftId, effect, audit, documentUpdate, version, attribution);
      return { entry: { ...audit, seq }, updateSeq };
    },
    async listVersions(draftId) {
      return versions.list(draftId);
    },
    async getVersion(draftId, n) {
      return versions.get(draftId, n);
    },
    async getAdoptionRecord(draftId) {
      return z
        .string()
        .nullable()
        .parse(selectAdoptionRecord.get(draftId) ?? null);
    },
    async getChairStatement(draftId) {
      return z
        .string()
        .nullable()
        .parse(selectStatementRecord.get(draftId) ?? null);
    },
    async listRunningSilences() {
      return selectRunningSilences.all().map((row) => {
        const [draftId, json] = z.tuple([z.string(), z.string()]).parse(row);
        return { draftId, silence: SilenceRecord.parse(JSON.parse(json)) };
      });
    },
    async getClauseText(draftId, textHash) {
      return z
        .string()
        .nullable()
        .parse(selectClauseText.get(draftId, textHash) ?? null);
    },
    async listAudit(draftId, afterSeq = 0): Promise<AuditEntry[]> {
      return selectAudit.all(draftId, afterSeq).map((row) => {
        const r = AuditRow.parse(row);
        return auditEntryOfRow(r.draft_seq, r);
      });
    },
  });
  return store;
}
