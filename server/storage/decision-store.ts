import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { DraftDecisionRecords } from '../../shared/consensus/decision-records.ts';
import type { AuditEntry, AuditEntryInput } from '../../shared/schemas/audit.ts';
import type { SilenceRecord } from '../../shared/schemas/silence.ts';
import type { Version, VersionInput, VersionSummary } from '../../shared/schemas/versions.ts';
import type { UpdateAttribution } from './document-store.ts';

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
   * An effect that ends a silence (broken, withdrawn, concluded) is written only while that
   * silence is still running; otherwise the write fails whole: a silence ends once, however
   * many processes or restarts try. With `version`, that version is recorded in the same
   * transaction, numbered next, naming the entry.
   */
  recordDecision(
    draftId: string,
    effect: DecisionEffect,
    audit: AuditEntryInput,
    version?: VersionInput,
    judgedOn?: JudgedOn,
  ): Promise<AuditEntry>;
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
    version?: VersionInput,
    /** Who the server wrote the update for (a restore): stored with it, as `appendUpdates` does. */
    attribution?: UpdateAttribution,
    judgedOn?: JudgedOn,
  ): Promise<{ entry: AuditEntry; updateSeq: number }>;
  /**
   * Runs `task` while no other writer can store anything in the draft: what other instances
   * append or decide in it waits until `task` has recorded its one decision through `recorder`
   * (committed at once, which lets them go) or has ended. A decision judged in `task` on what
   * was read after the hold began is thus recorded on exactly that, however busy the other
   * instances are, instead of being refused (`DraftMovedError`) again and again while people
   * type. PostgreSQL: the draft's head row locked in the decision's own transaction. SQLite has
   * one writer, whose room queue orders everything already: `recorder` is the store itself.
   */
  holdDraft<T>(draftId: string, task: (recorder: DecisionRecorder) => Promise<T>): Promise<T>;
  /** The draft's versions, oldest first, without their clauses. */
  listVersions(draftId: string): Promise<VersionSummary[]>;
  /** One version with every clause as it stood, exactly as recorded; null if there is none of that number. */
  getVersion(draftId: string, n: number): Promise<Version | null>;
  /** The Chairman's Statement as JSON, as issued; null if none was issued. */
  getChairStatement(draftId: string): Promise<string | null>;
  /** Every running silence of every draft, earliest deadline first: what the clock watches. */
  listRunningSilences(): Promise<Array<{ draftId: string; silence: SilenceRecord }>>;
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

/** What records the one decision of a `holdDraft` task. */
export type DecisionRecorder = Pick<DecisionStore, 'recordDecision' | 'recordStructureDecision'>;

/**
 * What a decision was judged on, when several instances write the draft: the number of the last
 * update of the text the judging instance held and of the last audit entry it loaded. The store
 * checks both under the draft's lock, in the decision's transaction, and refuses it with
 * `DraftMovedError` if another instance stored an update or a decision after them: a decision
 * is never recorded on words or decisions its judge had not seen. Absent (one instance, whose
 * room queue orders everything already): not checked.
 */
export interface JudgedOn {
  updateSeq?: number;
  auditSeq?: number;
}

/** Another instance wrote the draft since the decision was judged: nothing was recorded; judge it again. */
export class DraftMovedError extends Error {
  constructor(draftId: string) {
    super(`Draft ${draftId} changed on another instance while a decision was judged; nothing was recorded.`);
    this.name = 'DraftMovedError';
  }
}

/** A silence was to end that had ended already: its transaction is rolled back, nothing written. */
export class SilenceNotRunningError extends Error {
  constructor(draftId: string, silenceId: string) {
    super(`Silence ${silenceId} of draft ${draftId} is not running any more.`);
    this.name = 'SilenceNotRunningError';
  }
}
