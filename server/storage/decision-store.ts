import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { DraftDecisionRecords } from '../../shared/consensus/decision-records.ts';
import type { AuditEntry, AuditEntryInput } from '../../shared/schemas/audit.ts';

/**
 * What the drafting room decided: positions, frozen clauses, the adoption, the texts they were
 * taken on, and the audit log of every command. Each command's effect and its audit entry are
 * one write.
 */
export interface DecisionStore {
  /** The draft's decisions as of its last audit entry, read in one consistent view. */
  loadDecisions(draftId: string): Promise<DraftDecisionRecords>;
  /**
   * Applies one accepted command's effect and appends its audit entry in one transaction: the
   * record of decisions and the log can never disagree. The entry gets the draft's next `seq`.
   */
  recordDecision(draftId: string, effect: DecisionEffect, audit: AuditEntryInput): Promise<AuditEntry>;
  /**
   * Records a change to the clause list with its audit entry and the document update that makes
   * it, appended to the draft's update log, all in one transaction: the text and the record of
   * who changed its structure never disagree, whatever fails when. Answers the entry and the
   * update's place in the log (as `DocumentStore.appendUpdates` would).
   */
  recordStructureDecision(
    draftId: string,
    effect: DecisionEffect,
    audit: AuditEntryInput,
    documentUpdate: Uint8Array,
  ): Promise<{ entry: AuditEntry; updateSeq: number }>;
  /** The adoption record as JSON, byte for byte as adopted; null before adoption. */
  getAdoptionRecord(draftId: string): Promise<string | null>;
  /**
   * The clause text whose hash is `textHash`, if a position or a freeze was ever taken on it in
   * this draft: what a stale position's delegation compares the current words with.
   */
  getClauseText(draftId: string, textHash: string): Promise<string | null>;
  /** The audit log of a draft after `afterSeq` (default: all), oldest first. Never changed. */
  listAudit(draftId: string, afterSeq?: number): Promise<AuditEntry[]>;
}
