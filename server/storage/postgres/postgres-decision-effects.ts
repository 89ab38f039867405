import type { DecisionEffect } from '../../../shared/consensus/decide.ts';
import { SilenceNotRunningError } from '../decision-store.ts';
import type { Queryable } from './postgres-database.ts';

const UPSERT_POSITION = `
  INSERT INTO positions (draft_id, clause_id, delegation, stance, reason, text_hash, at, number, numbered,
    ad_referendum, ad_referendum_expected_by, reservation_kind)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (draft_id, clause_id, delegation) DO UPDATE SET
    stance = excluded.stance, reason = excluded.reason, text_hash = excluded.text_hash, at = excluded.at,
    number = excluded.number, numbered = excluded.numbered, ad_referendum = excluded.ad_referendum,
    ad_referendum_expected_by = excluded.ad_referendum_expected_by, reservation_kind = excluded.reservation_kind`;
const INSERT_CLAUSE_TEXT =
  'INSERT INTO clause_texts (draft_id, text_hash, text) VALUES ($1, $2, $3) ON CONFLICT (draft_id, text_hash) DO NOTHING';

/** A clause's words as stored: UTF-8 bytes, which U+0000 cannot break (postgres-migrations.ts). */
function wordsOf(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
const INSERT_FROZEN =
  'INSERT INTO frozen_clauses (draft_id, clause_id, text_hash, frozen_by, at) VALUES ($1, $2, $3, $4, $5)';
const INSERT_ADOPTION = 'INSERT INTO adoptions (draft_id, record, text_hash, at) VALUES ($1, $2, $3, $4)';
const UPSERT_BRACKET = `
  INSERT INTO brackets (draft_id, clause_id, bracket_id, kind, note, holders, start_anchor, end_anchor, quote, placed_at, lifted_at, lifted_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (draft_id, clause_id, bracket_id) DO UPDATE SET
    holders = excluded.holders, lifted_at = excluded.lifted_at, lifted_by = excluded.lifted_by`;
const UPSERT_ALTERNATIVE = `
  INSERT INTO alternatives (draft_id, clause_id, n, proposed_by, sponsors, state, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (draft_id, clause_id, n) DO UPDATE SET sponsors = excluded.sponsors, state = excluded.state`;
const UPSERT_ALTERNATIVE_POSITION = `
  INSERT INTO alternative_positions (draft_id, clause_id, n, delegation, stance, reason, text_hash, at, number, numbered)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (draft_id, clause_id, n, delegation) DO UPDATE SET
    stance = excluded.stance, reason = excluded.reason, text_hash = excluded.text_hash, at = excluded.at,
    number = excluded.number, numbered = excluded.numbered`;
const SET_ALTERNATIVE_STATE = 'UPDATE alternatives SET state = $1 WHERE draft_id = $2 AND clause_id = $3 AND n = $4';

/**
 * Writes what one accepted command changes in the decisions' tables, inside the decision's
 * transaction (which holds the draft's head row). A refused statement (a clause frozen twice,
 * a second adoption) throws, and the transaction rolls back whole.
 */
export async function applyDecisionEffect(tx: Queryable, draftId: string, effect: DecisionEffect): Promise<void> {
  switch (effect.type) {
    case 'set-position': {
      const p = effect.position;
      await tx.query(UPSERT_POSITION, [
        draftId,
        effect.clauseId,
        p.delegation,
        p.stance,
        p.reason,
        p.textHash,
        p.at,
        p.number ?? null,
        p.number !== undefined,
        p.adReferendum !== undefined,
        p.adReferendum?.expectedBy ?? null,
        p.reservationKind ?? null,
      ]);
      await tx.query(INSERT_CLAUSE_TEXT, [draftId, p.textHash, wordsOf(effect.text)]);
      return;
    }
    case 'withdraw-position':
      await tx.query('DELETE FROM positions WHERE draft_id = $1 AND clause_id = $2 AND delegation = $3', [
        draftId,
        effect.clauseId,
        effect.delegation,
      ]);
      return;
    case 'freeze': {
      const f = effect.frozen;
      await tx.query(INSERT_FROZEN, [draftId, effect.clauseId, f.textHash, f.by, f.at]);
      await tx.query(INSERT_CLAUSE_TEXT, [draftId, f.textHash, wordsOf(effect.text)]);
      return;
    }
    case 'reopen':
      await tx.query('DELETE FROM frozen_clauses WHERE draft_id = $1 AND clause_id = $2', [draftId, effect.clauseId]);
      return;
    case 'bracket': {
      const b = effect.bracket;
      await tx.query(UPSERT_BRACKET, [
        draftId,
        effect.clauseId,
        b.id,
        b.kind,
        b.note,
        b.holders,
        b.start,
        b.end,
        b.quote,
        b.placedAt,
        b.lifted?.at ?? null,
        b.lifted?.by ?? null,
      ]);
      return;
    }
    case 'adopt':
      await tx.query(INSERT_ADOPTION, [
        draftId,
        JSON.stringify(effect.record),
        effect.record.textHash,
        effect.record.adoptedAt,
      ]);
      return;
    case 'circulate-silence': {
      const { silence } = effect;
      // Numbered under the head row's lock that the decision holds: no two silences share one.
      await tx.query(
        `INSERT INTO silences (draft_id, id, ordinal, state, deadline, record)
         VALUES ($1, $2, (SELECT COUNT(*) + 1 FROM silences WHERE draft_id = $1), $3, $4, $5)`,
        [draftId, silence.id, silence.state, silence.deadline, JSON.stringify(silence)],
      );
      for (const { textHash, text } of effect.texts) {
        await tx.query(INSERT_CLAUSE_TEXT, [draftId, textHash, wordsOf(text)]);
      }
      return;
    }
    case 'break-silence':
    case 'withdraw-silence':
    case 'conclude-silence': {
      const { silence } = effect;
      // Conditioned on the silence still running: a second ending changes nothing, and fails here.
      const ended = await tx.query(
        "UPDATE silences SET state = $1, record = $2 WHERE draft_id = $3 AND id = $4 AND state = 'running'",
        [silence.state, JSON.stringify(silence), draftId, silence.id],
      );
      if (ended.rowCount !== 1) throw new SilenceNotRunningError(draftId, silence.id);
      if (effect.type !== 'conclude-silence') return;
      for (const { clauseId, frozen, text } of effect.freezes) {
        await tx.query(INSERT_FROZEN, [draftId, clauseId, frozen.textHash, frozen.by, frozen.at]);
        await tx.query(INSERT_CLAUSE_TEXT, [draftId, frozen.textHash, wordsOf(text)]);
      }
      const { adoption } = effect;
      if (adoption !== null) {
        await tx.query(INSERT_ADOPTION, [draftId, JSON.stringify(adoption), adoption.textHash, adoption.adoptedAt]);
      }
      return;
    }
    case 'issue-chair-statement':
      await tx.query('INSERT INTO chair_statements (draft_id, record, text_hash, at) VALUES ($1, $2, $3, $4)', [
        draftId,
        JSON.stringify(effect.record),
        effect.record.textHash,
        effect.record.issuedAt,
      ]);
      return;
    case 'alternative': {
      const a = effect.alternative;
      await tx.query(UPSERT_ALTERNATIVE, [draftId, effect.clauseId, a.n, a.proposedBy, a.sponsors, a.state, a.at]);
      return;
    }
    case 'set-alternative-position': {
      const p = effect.position;
      await tx.query(UPSERT_ALTERNATIVE_POSITION, [
        draftId,
        effect.clauseId,
        effect.n,
        p.delegation,
        p.stance,
        p.reason,
        p.textHash,
        p.at,
        p.number ?? null,
        p.number !== undefined,
      ]);
      await tx.query(INSERT_CLAUSE_TEXT, [draftId, p.textHash, wordsOf(effect.text)]);
      return;
    }
    case 'withdraw-alternative-position':
      await tx.query(
        'DELETE FROM alternative_positions WHERE draft_id = $1 AND clause_id = $2 AND n = $3 AND delegation = $4',
        [draftId, effect.clauseId, effect.n, effect.delegation],
      );
      return;
    case 'freeze-alternative': {
      // The clause's own part: frozen on the retained words, with the positions taken on them.
      const { clauseId, frozen, text } = effect;
      await applyDecisionEffect(tx, draftId, { type: 'freeze', clauseId, frozen, text });
      for (const position of effect.carried) {
        await applyDecisionEffect(tx, draftId, { type: 'set-position', clauseId, position, text });
      }
      await tx.query(SET_ALTERNATIVE_STATE, ['retained', draftId, clauseId, effect.n]);
      for (const n of effect.notRetained) await tx.query(SET_ALTERNATIVE_STATE, ['not-retained', draftId, clauseId, n]);
      return;
    }
    default:
      // The clause list lives in the document (its update is stored beside the entry); naming a
      // version or restoring words is recorded by the audit entry and the version alone.
      return;
  }
}
