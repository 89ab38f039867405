import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AlternativeEffect } from '../../../shared/consensus/alternatives.ts';
import { type AlternativeRecord, AlternativeState } from '../../../shared/schemas/alternatives.ts';
import { Stance } from '../../../shared/schemas/decisions.ts';

const AlternativeRow = z.object({
  clause_id: z.string(),
  n: z.number(),
  proposed_by: z.string(),
  sponsors: z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s))),
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
  numbered: z.number(),
});

/** The alternatives' tables (migration "alternatives"): reading them, and writing one effect. */
export interface SqliteAlternatives {
  /** Every alternative of the draft with its positions, by clause id, in order of number. */
  load(draftId: string): Map<string, AlternativeRecord[]>;
  /** Writes what the effect changes in the alternatives' own tables (the caller writes the clause's part). */
  apply(draftId: string, effect: AlternativeEffect): void;
}

export function createSqliteAlternatives(db: Database.Database): SqliteAlternatives {
  const selectAlternatives = db.prepare('SELECT * FROM alternatives WHERE draft_id = ? ORDER BY clause_id, n');
  const selectPositions = db.prepare('SELECT * FROM alternative_positions WHERE draft_id = ?');
  const upsertAlternative = db.prepare(
    `INSERT INTO alternatives (draft_id, clause_id, n, proposed_by, sponsors, state, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(draft_id, clause_id, n) DO UPDATE SET sponsors = excluded.sponsors, state = excluded.state`,
  );
  const setState = db.prepare('UPDATE alternatives SET state = ? WHERE draft_id = ? AND clause_id = ? AND n = ?');
  const upsertPosition = db.prepare(
    `INSERT INTO alternative_positions (draft_id, clause_id, n, delegation, stance, reason, text_hash, at, number, numbered)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(draft_id, clause_id, n, delegation) DO UPDATE SET
       stance = excluded.stance, reason = excluded.reason, text_hash = excluded.text_hash, at = excluded.at,
       number = excluded.number, numbered = excluded.numbered`,
  );
  const deletePosition = db.prepare(
    'DELETE FROM alternative_positions WHERE draft_id = ? AND clause_id = ? AND n = ? AND delegation = ?',
  );
  const insertClauseText = db.prepare(
    'INSERT OR IGNORE INTO clause_texts (draft_id, text_hash, text) VALUES (?, ?, ?)',
  );

  return {
    load(draftId) {
      const byClause = new Map<string, AlternativeRecord[]>();
      const byKey = new Map<string, AlternativeRecord>();
      for (const row of selectAlternatives.all(draftId)) {
        const a = AlternativeRow.parse(row);
        const record: AlternativeRecord = {
          n: a.n,
          proposedBy: a.proposed_by,
          sponsors: a.sponsors,
          state: a.state,
          at: a.at,
          positions: [],
        };
        byKey.set(`${a.clause_id}/${a.n}`, record);
        byClause.set(a.clause_id, [...(byClause.get(a.clause_id) ?? []), record]);
      }
      for (const row of selectPositions.all(draftId)) {
        const p = AlternativePositionRow.parse(row);
        byKey.get(`${p.clause_id}/${p.n}`)?.positions.push({
          delegation: p.delegation,
          stance: p.stance,
          reason: p.reason,
          textHash: p.text_hash,
          at: p.at,
          ...(p.numbered === 1 ? { number: p.number } : {}),
        });
      }
      return byClause;
    },
    apply(draftId, effect) {
      switch (effect.type) {
        case 'alternative': {
          const a = effect.alternative;
          upsertAlternative.run(draftId, effect.clauseId, a.n, a.proposedBy, JSON.stringify(a.sponsors), a.state, a.at);
          return;
        }
        case 'set-alternative-position': {
          const p = effect.position;
          upsertPosition.run(
            draftId,
            effect.clauseId,
            effect.n,
            p.delegation,
            p.stance,
            p.reason,
            p.textHash,
            p.at,
            p.number ?? null,
            p.number === undefined ? 0 : 1,
          );
          insertClauseText.run(draftId, p.textHash, effect.text);
          return;
        }
        case 'withdraw-alternative-position':
          deletePosition.run(draftId, effect.clauseId, effect.n, effect.delegation);
          return;
        case 'freeze-alternative':
          setState.run('retained', draftId, effect.clauseId, effect.n);
          for (const n of effect.notRetained) setState.run('not-retained', draftId, effect.clauseId, n);
          return;
      }
    },
  };
}
