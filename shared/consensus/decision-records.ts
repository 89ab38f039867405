import type { AlternativeRecord } from '../schemas/alternatives.ts';
import type { BracketRecord } from '../schemas/brackets.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';
import type { AdoptionMark, FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { ClauseKind } from '../schemas/draft.ts';
import type { DecisionEvent } from '../schemas/events.ts';
import type { ChairStatementMark, SilenceRecord } from '../schemas/silence.ts';
import type { DraftState } from '../schemas/state.ts';
import {
  type AlternativeTextReader,
  alternativeFactsOf,
  alternativeRecordsOfState,
  applyAlternativeChange,
  applyFreezeWithAlternative,
} from './alternative-records.ts';
import type { ClauseDecisionFacts, DecisionFacts, RemovedClause } from './decide.ts';
import { withNumbers } from './paragraph-labels.ts';
import { applySilenceChange, isSilenceChange } from './silence.ts';

/** What has been decided on one clause. */
export interface ClauseDecisionRecord {
  /** At most one per delegation: its latest. */
  positions: readonly PositionRecord[];
  frozen: FrozenRecord | null;
  /** Every bracket placed on it, lifted ones too (the history); absent: none. */
  brackets?: readonly BracketRecord[];
  /** Its alternatives ("Alt 1", …), every one ever proposed, in order; absent: none. */
  alternatives?: readonly AlternativeRecord[];
}

/** Whether nothing is decided on a clause: then it has no entry in the records. */
function isUndecided(record: ClauseDecisionRecord): boolean {
  return (
    record.positions.length === 0 &&
    record.frozen === null &&
    (record.alternatives ?? []).length === 0 &&
    (record.brackets ?? []).length === 0
  );
}

/**
 * A draft's decisions as of its decision `seq`: what the server stores, and what a client keeps
 * from the state it loaded and the events it applied since. Immutable: applying an event makes a
 * new value that shares every clause it did not touch, so a screen can tell what changed.
 */
export interface DraftDecisionRecords {
  seq: number;
  adoption: AdoptionMark | null;
  /** By clause id; a clause nobody decided anything on has no entry. */
  clauses: ReadonlyMap<string, ClauseDecisionRecord>;
  /** Every silence, current (`running`) and past, oldest first; absent: none. */
  silences?: readonly SilenceRecord[];
  /** Set once the chair issued the text as a Chairman's Statement. */
  chairStatement?: ChairStatementMark | null;
  /**
   * How many decisions that lock text the store has recorded (text-lock-changes.ts), read with
   * the rest: what an instance's guards judge appends by when several instances share the draft.
   * Only the PostgreSQL store keeps it; never sent to clients.
   */
  locksVersion?: number;
}

const UNDECIDED: ClauseDecisionRecord = { positions: [], frozen: null };

/** A clause's decisions, or none. */
export function clauseRecord(records: DraftDecisionRecords, clauseId: string): ClauseDecisionRecord {
  return records.clauses.get(clauseId) ?? UNDECIDED;
}

/** The records a loaded `/state` holds. */
export function recordsOfState(state: DraftState): DraftDecisionRecords {
  const clauses = new Map<string, ClauseDecisionRecord>();
  for (const clause of state.clauses) {
    const brackets = clause.brackets ?? [];
    const alternatives = alternativeRecordsOfState(clause);
    const record: ClauseDecisionRecord = {
      positions: clause.positions.map(({ stale: _derived, ...position }) => position),
      frozen: clause.frozen,
      ...(brackets.length === 0 ? {} : { brackets }),
      ...(alternatives === undefined ? {} : { alternatives }),
    };
    if (!isUndecided(record)) clauses.set(clause.id, record);
  }
  return {
    seq: state.seq,
    adoption: state.adoption,
    clauses,
    silences: state.silences ?? [],
    chairStatement: state.chairStatement ?? null,
  };
}

/**
 * The records after one more event. Events must come in order: one whose `seq` is not the next
 * answers `'gap'` (the caller loads the state afresh); one already applied changes nothing.
 */
export function applyDecisionEvent(records: DraftDecisionRecords, event: DecisionEvent): DraftDecisionRecords | 'gap' {
  if (event.seq <= records.seq) return records;
  if (event.seq !== records.seq + 1) return 'gap';
  const { change } = event;
  if (change.type === 'adopt') return { ...records, seq: event.seq, adoption: change.adoption };
  if (isSilenceChange(change)) return applySilenceChange(records, change, event.seq);
  // A version is kept apart from the decisions: naming one decides nothing.
  if (change.type === 'version-named' || change.type === 'clause-text-restored') return { ...records, seq: event.seq };
  // The clause list lives in the document; positions stay with their clause, even a deleted one,
  // so that restoring it restores them (as stale or current as its text and number say).
  if (
    change.type === 'clause-added' ||
    change.type === 'clause-moved' ||
    change.type === 'clause-deleted' ||
    change.type === 'clause-restored' ||
    change.type === 'proposal-taken-up'
  ) {
    return { ...records, seq: event.seq };
  }
  const before = clauseRecord(records, change.clauseId);
  let after: ClauseDecisionRecord;
  switch (change.type) {
    case 'position': {
      const others = before.positions.filter((p) => p.delegation !== change.delegation);
      after = { ...before, positions: change.position === null ? others : [...others, change.position] };
      break;
    }
    case 'freeze':
      after =
        change.alternative === undefined
          ? { ...before, frozen: change.frozen }
          : applyFreezeWithAlternative(before, change.frozen, change.alternative);
      break;
    case 'reopen':
      after = { ...before, frozen: null };
      break;
    case 'bracket':
      after = { ...before, brackets: withBracket(before.brackets ?? [], change.bracket) };
      break;
    case 'alternative':
    case 'alternative-position':
      after = applyAlternativeChange(before, change);
      break;
  }
  const clauses = new Map(records.clauses);
  // A clause with nothing decided on it any more has no entry, as in the state the server loads.
  if (isUndecided(after)) clauses.delete(change.clauseId);
  else clauses.set(change.clauseId, after);
  return { ...records, seq: event.seq, clauses };
}

/** The brackets with this one in its place (a new one last). */
function withBracket(brackets: readonly BracketRecord[], bracket: BracketRecord): BracketRecord[] {
  const index = brackets.findIndex((b) => b.id === bracket.id);
  if (index === -1) return [...brackets, bracket];
  return brackets.map((b, i) => (i === index ? bracket : b));
}

/** A clause of the document as whoever holds it reads it: its kind, words and their hash. */
export interface DocumentClause {
  id: string;
  kind: ClauseKind;
  text: string;
  /** The words with their emphasis, which the hash covers too; absent: `text`, unformatted. */
  runs?: readonly ClauseRun[];
  textHash: string;
  /** The delegation whose proposal it is, until the chair takes it into the text. */
  proposedBy: string | null;
}

/**
 * The facts every decision is taken on, from the document (clauses in reading order, as the
 * server's room or the client's doc holds them, and the clauses deleted from it) and the
 * decisions on record. The server and the client build them the same way, so the client's
 * predicates answer as the server will. Each clause is numbered here, once, as footnotes cite it.
 */
export function decisionFactsOf(
  draft: DecisionFacts['draft'],
  clauses: readonly DocumentClause[],
  records: DraftDecisionRecords,
  now: string,
  removed: readonly RemovedClause[] = [],
  /** Reads an alternative's words from the document; absent: alternatives read as empty. */
  alternativeText?: AlternativeTextReader,
): DecisionFacts {
  return {
    draft,
    adoption: records.adoption,
    clauses: withNumbers(clauses).map((clause): ClauseDecisionFacts => {
      const { alternatives: _records, ...record } = clauseRecord(records, clause.id);
      const alternatives = alternativeFactsOf(clause.id, clauseRecord(records, clause.id), alternativeText);
      return { ...clause, ...record, ...(alternatives === undefined ? {} : { alternatives }) };
    }),
    removed,
    now,
    silences: records.silences ?? [],
    chairStatement: records.chairStatement ?? null,
  };
}
