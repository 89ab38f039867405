import type { AdoptionRecord } from '../schemas/adoption.ts';
import type { AuditEntry, AuditEntryInput } from '../schemas/audit.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';
import type { Command } from '../schemas/commands.ts';
import type { Actor, AdoptionMark, FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { ConsensusRule, DraftKind } from '../schemas/draft.ts';
import type { DecisionChange, DecisionEvent } from '../schemas/events.ts';
import {
  type ChairStatementMark,
  type ChairStatementRecord,
  MAX_SILENCE_MS,
  MIN_SILENCE_MS,
  type SilenceBreak,
  type SilenceRecord,
  SilenceRecord as SilenceRecordSchema,
} from '../schemas/silence.ts';
import { buildAdoptionRecord, canonicalAdoptedText } from './adoption-record.ts';
import { bracketHolders, openBrackets } from './bracket-count.ts';
import { canonicalClauseText, hashClauseText } from './clause-hash.ts';
import { clauseConsensus } from './clause-status.ts';
import { type DecisionError, DecisionErrorCode } from './decision-error.ts';
import type { ClauseFacts } from './positions.ts';

/**
 * The silence procedure and the Chairman's Statement, as pure rules beside `decide`.
 *
 * - The chair circulates the whole draft or named clauses with a deadline (at least 5 minutes
 *   after the server's clock, at most 30 days), fixing each clause's hash and the combined hash.
 *   At most one silence runs per draft. While it runs, the circulated clauses are locked: the
 *   room refuses edits to them, and `silenceLock` refuses positions, freezes and structure
 *   changes touching them (for the whole draft, any change to the clause list).
 * - A delegation breaks silence before the deadline, on circulated paragraphs, with a reason:
 *   it ends at once as broken and the text unlocks. The chair may withdraw it before the deadline.
 * - At the deadline, unbroken, the server concludes it (`concludeSilence`, not a client
 *   command): the whole draft is adopted under silence; named clauses are frozen, "agreed under
 *   silence", and the draft goes on. Concluding is conditioned on the silence still running.
 * - The chair may instead issue the current text as a Chairman's Statement: the draft is then
 *   closed as if adopted, but the record claims no delegation's agreement.
 */

/**
 * The facts these rules read: the shape of `decide`'s `DecisionFacts`, spelled out here so that
 * `decide.ts` can call these rules without an import cycle.
 */
interface ClauseDecisionFacts extends ClauseFacts {
  text: string;
  runs?: readonly ClauseRun[];
}

interface DecisionFacts {
  draft: {
    id: string;
    title: string;
    kind: DraftKind;
    delegations: readonly string[];
    consensus: ConsensusRule;
    createdAt: string;
  };
  adoption: AdoptionMark | null;
  clauses: readonly ClauseDecisionFacts[];
  now: string;
  silences?: readonly SilenceRecord[];
  chairStatement?: ChairStatementMark | null;
}

type Decision = { ok: true; effect: SilenceEffect } | { ok: false; error: DecisionError };

/** The decision records `applySilenceChange` updates (the shape of `DraftDecisionRecords`). */
interface RecordsShape {
  seq: number;
  adoption: AdoptionMark | null;
  clauses: ReadonlyMap<string, { positions: readonly PositionRecord[]; frozen: FrozenRecord | null }>;
  silences?: readonly SilenceRecord[];
  chairStatement?: ChairStatementMark | null;
}

/** The session a system decision is recorded with: the procedure, not a person, concluded. */
export const SILENCE_PROCEDURE_SESSION = 'silence-procedure';
export const SILENCE_PROCEDURE_ACTOR: Actor = { session: SILENCE_PROCEDURE_SESSION, role: 'chair', delegation: null };

export type SilenceEffect =
  | { type: 'circulate-silence'; silence: SilenceRecord; texts: { textHash: string; text: string }[] }
  | { type: 'break-silence'; silence: SilenceRecord }
  | { type: 'withdraw-silence'; silence: SilenceRecord }
  | {
      type: 'conclude-silence';
      silence: SilenceRecord;
      /** The whole draft was circulated: its adoption under silence. */
      adoption: AdoptionRecord | null;
      /** Named clauses: each frozen on its circulated text. */
      freezes: { clauseId: string; frozen: FrozenRecord; text: string }[];
    }
  | { type: 'issue-chair-statement'; record: ChairStatementRecord };

type SilenceCommand = Extract<
  Command,
  { type: 'circulate-silence' | 'break-silence' | 'withdraw-silence' | 'issue-chair-statement' }
>;

/** The silence that runs on the draft, if any. */
export function runningSilence(facts: Pick<DecisionFacts, 'silences'>): SilenceRecord | null {
  return facts.silences?.find((s) => s.state === 'running') ?? null;
}

/** The clause ids a running silence locks. */
export function silencedClauseIds(silences: readonly SilenceRecord[] | undefined): Set<string> {
  const running = silences?.find((s) => s.state === 'running');
  return new Set(running?.clauses.map((c) => c.id) ?? []);
}

/** Whether the silence's deadline has come by `now` (both ISO UTC). */
export function deadlinePassed(silence: Pick<SilenceRecord, 'deadline'>, now: string): boolean {
  return Date.parse(now) >= Date.parse(silence.deadline);
}

/** A draft issued as a Chairman's Statement is closed: nothing changes any more. */
export function closedByStatement(facts: Pick<DecisionFacts, 'chairStatement'>): Decision | null {
  if (facts.chairStatement === undefined || facts.chairStatement === null) return null;
  return fail(
    DecisionErrorCode.adopted,
    "The draft was issued as a Chairman's Statement: its text and positions can no longer change.",
  );
}

/**
 * Why a command that is not itself about silence must wait for the running silence to end, or
 * null. Positions, freezes, re-openings and structure changes touching a circulated clause are
 * refused; for the whole draft, every change to the clause list and the adoption too.
 */
export function silenceLock(facts: DecisionFacts, command: Command): DecisionError | null {
  const silence = runningSilence(facts);
  if (silence === null || SILENCE_COMMANDS.has(command.type)) return null;
  const whole = silence.clauseIds === null;
  const until = `until ${silence.deadline.replace('T', ' ').slice(0, 16)} UTC`;
  switch (command.type) {
    case 'adopt':
      return refusal(
        DecisionErrorCode.silence,
        `The text is under silence ${until}: the draft is adopted if silence is not broken. Withdraw the silence to adopt it now.`,
      );
    case 'add-clause':
    case 'restore-clause':
      if (!whole) return null;
      return refusal(
        DecisionErrorCode.silence,
        `The whole draft is under silence ${until}: no clause can be added or restored meanwhile.`,
      );
    default: {
      const clauseId = 'clauseId' in command ? command.clauseId : null;
      const locked = silence.clauses.some((c) => c.id === clauseId);
      if (!locked) return null;
      return refusal(
        DecisionErrorCode.silence,
        `This clause is under silence ${until}: its text and positions are locked. A delegation that objects breaks silence.`,
      );
    }
  }
}

const SILENCE_COMMANDS = new Set<string>([
  'circulate-silence',
  'break-silence',
  'withdraw-silence',
  'issue-chair-statement',
]);

/** Every rule of the silence commands and the Chairman's Statement. */
export function decideSilence(facts: DecisionFacts, actor: Actor, command: SilenceCommand): Decision {
  switch (command.type) {
    case 'circulate-silence':
      return circulate(facts, actor, command);
    case 'break-silence':
      return breakSilence(facts, actor, command);
    case 'withdraw-silence':
      return withdraw(facts, command);
    case 'issue-chair-statement':
      return issueStatement(facts, actor, command);
  }
}

function circulate(
  facts: DecisionFacts,
  actor: Actor,
  command: Extract<Command, { type: 'circulate-silence' }>,
): Decision {
  const running = runningSilence(facts);
  if (running !== null) {
    return fail(
      DecisionErrorCode.silence,
      `A silence is already running on this draft until ${running.deadline} (UTC). Withdraw it first.`,
    );
  }
  const deadline = Date.parse(command.deadline);
  const now = Date.parse(facts.now);
  if (Number.isNaN(deadline) || deadline - now < MIN_SILENCE_MS) {
    return fail(
      DecisionErrorCode.invalidDate,
      `The deadline must be at least 5 minutes from now (the server's time is ${facts.now.slice(0, 16).replace('T', ' ')} UTC).`,
    );
  }
  if (deadline - now > MAX_SILENCE_MS) {
    return fail(DecisionErrorCode.invalidDate, 'The deadline can be at most 30 days from now.');
  }
  let clauses: ClauseDecisionFacts[];
  if (command.clauseIds === null) {
    clauses = [...facts.clauses];
    if (command.place === undefined) {
      return fail(
        DecisionErrorCode.silence,
        'Give the place of adoption: the whole draft is adopted there if silence is not broken.',
      );
    }
  } else {
    const wanted = new Set(command.clauseIds);
    clauses = facts.clauses.filter((c) => wanted.has(c.id));
    if (clauses.length !== wanted.size) {
      return fail(
        DecisionErrorCode.unknownClause,
        'A clause to circulate is not in the draft (it may have been deleted). Reload.',
      );
    }
  }
  if (clauses.length === 0) return fail(DecisionErrorCode.emptyClause, 'The draft has no clauses to circulate.');
  for (const clause of clauses) {
    if (clause.proposedBy !== null) {
      return fail(
        DecisionErrorCode.proposal,
        `${capitalised(clause.label)} is ${clause.proposedBy}'s proposal: take it into the text or leave it out before circulating.`,
      );
    }
    if (clause.text === '') {
      return fail(
        DecisionErrorCode.emptyClause,
        `${capitalised(clause.label)} is empty: give it text or leave it out.`,
      );
    }
    // Silence ends in agreement (freezing or adopting what was circulated): clean text only.
    if (openBrackets(clause).length > 0) {
      return fail(
        DecisionErrorCode.bracketed,
        `${capitalised(clause.label)} has open brackets (held by ${bracketHolders(clause).join(', ')}): only clean text can be circulated under silence. Lift them, or leave it out.`,
      );
    }
    const seen = command.textHashes[clause.id];
    if (seen !== clause.textHash) {
      return fail(
        DecisionErrorCode.textChanged,
        `The text of ${clause.label} changed since you read it. Read the current text, then circulate again.`,
        { clauseId: clause.id, currentTextHash: clause.textHash, currentText: clause.text },
      );
    }
  }
  const silence: SilenceRecord = {
    id: `silence-${(facts.silences?.length ?? 0) + 1}`,
    clauseIds: command.clauseIds === null ? null : clauses.map((c) => c.id),
    clauses: clauses.map((c) => ({ id: c.id, label: c.label, textHash: c.textHash })),
    textHash: circulatedHash(facts.draft.title, clauses),
    place: command.place ?? null,
    circulatedAt: facts.now,
    circulatedBy: actor.session,
    deadline: new Date(deadline).toISOString(),
    state: 'running',
    endedAt: null,
    broken: null,
  };
  const texts = clauses.map((c) => ({ textHash: c.textHash, text: c.text }));
  return { ok: true, effect: { type: 'circulate-silence', silence, texts } };
}

/** The circulated text's one hash: as an adoption's, over the circulated clauses only. */
function circulatedHash(title: string, clauses: readonly ClauseDecisionFacts[]): string {
  return hashClauseText(
    canonicalAdoptedText(
      title,
      clauses.map((c) => (c.runs === undefined ? c.text : canonicalClauseText(c.runs))),
    ),
  );
}

/** The silence a command names, running and before its deadline, or why not. */
function openSilence(facts: DecisionFacts, silenceId: string, doing: string): SilenceRecord | DecisionError {
  const silence = facts.silences?.find((s) => s.id === silenceId);
  if (silence === undefined) return refusal(DecisionErrorCode.unknownClause, 'There is no such silence on this draft.');
  if (silence.state !== 'running') {
    return refusal(DecisionErrorCode.silenceEnded, `This silence has ended already (${silence.state}).`);
  }
  if (deadlinePassed(silence, facts.now)) {
    return refusal(
      DecisionErrorCode.silenceEnded,
      `The deadline passed at ${silence.deadline.replace('T', ' ').slice(0, 16)} UTC: silence can no longer be ${doing}.`,
    );
  }
  return silence;
}

function breakSilence(
  facts: DecisionFacts,
  actor: Actor,
  command: Extract<Command, { type: 'break-silence' }>,
): Decision {
  const silence = openSilence(facts, command.silenceId, 'broken');
  if (!('state' in silence)) return { ok: false, error: silence };
  const named = new Set(command.clauseIds);
  const circulated = silence.clauses.filter((c) => named.has(c.id));
  if (circulated.length !== named.size) {
    return fail(DecisionErrorCode.silence, 'Silence is broken only on paragraphs that were circulated.');
  }
  const broken: SilenceBreak = {
    delegation: actor.delegation ?? '',
    clauseIds: circulated.map((c) => c.id),
    labels: circulated.map((c) => facts.clauses.find((f) => f.id === c.id)?.label ?? c.label),
    reason: command.reason,
  };
  return {
    ok: true,
    effect: { type: 'break-silence', silence: { ...silence, state: 'broken', endedAt: facts.now, broken } },
  };
}

function withdraw(facts: DecisionFacts, command: Extract<Command, { type: 'withdraw-silence' }>): Decision {
  const silence = openSilence(facts, command.silenceId, 'withdrawn');
  if (!('state' in silence)) return { ok: false, error: silence };
  return {
    ok: true,
    effect: { type: 'withdraw-silence', silence: { ...silence, state: 'withdrawn', endedAt: facts.now } },
  };
}

/**
 * The system decision at the deadline: the silence named, still running, its deadline passed,
 * concludes. The whole draft is adopted under silence, on its circulated text; named clauses
 * are frozen on theirs. Refused if anything else holds: so that it happens once, at most.
 */
export function concludeSilence(facts: DecisionFacts, silenceId: string): Decision {
  if (facts.adoption !== null) return fail(DecisionErrorCode.adopted, 'The draft is adopted already.');
  const closed = closedByStatement(facts);
  if (closed !== null) return closed;
  const silence = facts.silences?.find((s) => s.id === silenceId);
  if (silence === undefined || silence.state !== 'running') {
    return fail(DecisionErrorCode.silenceEnded, 'This silence is not running.');
  }
  if (!deadlinePassed(silence, facts.now)) {
    return fail(DecisionErrorCode.silence, 'The deadline of this silence has not come yet.');
  }
  const clauses = silence.clauses.map((c) => facts.clauses.find((f) => f.id === c.id));
  const intact =
    clauses.every((c, i) => c !== undefined && c.textHash === silence.clauses[i]?.textHash) &&
    (silence.clauseIds !== null || clauses.length === facts.clauses.length);
  if (!intact) {
    // The text is locked while silence runs: this is only a guard against a broken lock.
    return fail(DecisionErrorCode.textChanged, 'The text differs from the text circulated: it cannot be adopted.');
  }
  const present = clauses.filter((c): c is ClauseDecisionFacts => c !== undefined);
  const concluded: SilenceRecord = { ...silence, state: 'concluded', endedAt: facts.now };
  if (silence.clauseIds === null) {
    const footnotes = present.flatMap((clause) =>
      clauseConsensus(clause, facts.draft.delegations).reserved.map(
        ({ delegation, reason }) => `${delegation} reserves its position on ${clause.label}: ${reason}`,
      ),
    );
    const record = buildAdoptionRecord({
      draft: facts.draft,
      clauses: present,
      footnotes,
      place: silence.place ?? '',
      date: silence.deadline.slice(0, 10),
      at: facts.now,
      by: SILENCE_PROCEDURE_ACTOR,
    });
    const adoption: AdoptionRecord = {
      ...record,
      underSilence: { silenceId: silence.id, circulatedAt: silence.circulatedAt, deadline: silence.deadline },
    };
    return { ok: true, effect: { type: 'conclude-silence', silence: concluded, adoption, freezes: [] } };
  }
  const freezes = present
    .filter((c) => c.frozen === null)
    .map((c) => ({
      clauseId: c.id,
      frozen: { at: facts.now, by: SILENCE_PROCEDURE_SESSION, textHash: c.textHash },
      text: c.text,
    }));
  return { ok: true, effect: { type: 'conclude-silence', silence: concluded, adoption: null, freezes } };
}

function issueStatement(
  facts: DecisionFacts,
  actor: Actor,
  command: Extract<Command, { type: 'issue-chair-statement' }>,
): Decision {
  const closed = closedByStatement(facts);
  if (closed !== null) return closed;
  if (runningSilence(facts) !== null) {
    return fail(
      DecisionErrorCode.silence,
      'The text is under silence: withdraw the silence before issuing a statement.',
    );
  }
  if (command.date < facts.draft.createdAt.slice(0, 10) || command.date > addDays(facts.now.slice(0, 10), 1)) {
    return fail(DecisionErrorCode.invalidDate, `Date the statement on the day it is issued, not ${command.date}.`);
  }
  // A delegation's proposal is not part of the text: the statement leaves it out.
  const clauses = facts.clauses.filter((c) => c.proposedBy === null && c.text !== '');
  if (clauses.length === 0) return fail(DecisionErrorCode.emptyClause, 'The draft has no text to issue.');
  const record: ChairStatementRecord = {
    draftId: facts.draft.id,
    title: facts.draft.title,
    kind: facts.draft.kind,
    consensus: facts.draft.consensus,
    delegations: [...facts.draft.delegations],
    place: command.place,
    date: command.date,
    issuedAt: facts.now,
    issuedBy: actor,
    clauses: clauses.map((c) => ({ id: c.id, kind: c.kind, label: c.label, text: c.text, textHash: c.textHash })),
    textHash: circulatedHash(facts.draft.title, clauses),
  };
  return { ok: true, effect: { type: 'issue-chair-statement', record } };
}

/** The audit entry of a silence effect: its details carry everything its event needs. */
export function silenceAuditEntry(effect: SilenceEffect, actor: Actor, at: string): AuditEntryInput {
  const entry = { at, actor, clauseId: null };
  switch (effect.type) {
    case 'circulate-silence':
    case 'break-silence':
    case 'withdraw-silence':
      return {
        ...entry,
        command: effect.type,
        textHash: effect.silence.textHash,
        details: { silence: effect.silence },
      };
    case 'conclude-silence':
      return {
        ...entry,
        command: effect.type,
        textHash: effect.adoption?.textHash ?? effect.silence.textHash,
        details: {
          silence: effect.silence,
          adoption:
            effect.adoption === null ? null : { at: effect.adoption.adoptedAt, textHash: effect.adoption.textHash },
          frozen: effect.freezes.map((f) => ({ clauseId: f.clauseId, frozen: f.frozen })),
        },
      };
    case 'issue-chair-statement':
      return {
        ...entry,
        command: effect.type,
        textHash: effect.record.textHash,
        details: { place: effect.record.place, date: effect.record.date },
      };
  }
}

const CHANGE_OF: Record<string, 'silence-circulated' | 'silence-broken' | 'silence-withdrawn'> = {
  'circulate-silence': 'silence-circulated',
  'break-silence': 'silence-broken',
  'withdraw-silence': 'silence-withdrawn',
};

/** The event of a stored silence entry, or null if the entry is not about silence. */
export function silenceEventOf(entry: AuditEntry): DecisionEvent | null {
  const { seq, at, actor, command } = entry;
  const event = { seq, at, actor, command };
  const changeType = CHANGE_OF[command];
  if (changeType !== undefined) {
    const silence = SilenceRecordSchema.parse(entry.details.silence);
    return { ...event, change: { type: changeType, silence } };
  }
  if (command === 'conclude-silence') {
    const silence = SilenceRecordSchema.parse(entry.details.silence);
    const adoption = (entry.details.adoption ?? null) as AdoptionMark | null;
    const frozen = (entry.details.frozen ?? []) as { clauseId: string; frozen: FrozenRecord }[];
    return { ...event, change: { type: 'silence-concluded', silence, adoption, frozen } };
  }
  if (command === 'issue-chair-statement') {
    return { ...event, change: { type: 'chair-statement', statement: { at, textHash: entry.textHash ?? '' } } };
  }
  return null;
}

type SilenceChange = Extract<
  DecisionChange,
  { type: 'silence-circulated' | 'silence-broken' | 'silence-withdrawn' | 'silence-concluded' | 'chair-statement' }
>;

export function isSilenceChange(change: DecisionChange): change is SilenceChange {
  return (
    change.type === 'silence-circulated' ||
    change.type === 'silence-broken' ||
    change.type === 'silence-withdrawn' ||
    change.type === 'silence-concluded' ||
    change.type === 'chair-statement'
  );
}

/** The records after a silence event (its `seq` already checked to be the next). */
export function applySilenceChange<R extends RecordsShape>(records: R, change: SilenceChange, seq: number): R {
  if (change.type === 'chair-statement') return { ...records, seq, chairStatement: change.statement };
  const before = records.silences ?? [];
  const known = before.some((s) => s.id === change.silence.id);
  // In place: the order stays the order of circulation, as the store keeps it.
  const silences = known
    ? before.map((s) => (s.id === change.silence.id ? change.silence : s))
    : [...before, change.silence];
  if (change.type !== 'silence-concluded') return { ...records, seq, silences };
  const clauses = new Map(records.clauses);
  for (const { clauseId, frozen } of change.frozen) {
    const before = clauses.get(clauseId) ?? { positions: [], frozen: null };
    clauses.set(clauseId, { ...before, frozen });
  }
  return { ...records, seq, silences, clauses, adoption: change.adoption ?? records.adoption };
}

/** The silence break as the letter and the banner say it: "MYS on paragraphs 2 and 3 (reason)". */
export function describeBreak(broken: SilenceBreak): string {
  return `${broken.delegation} on ${joinLabels(broken.labels)} (${broken.reason})`;
}

export function joinLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function fail(code: DecisionErrorCode, message: string, details?: unknown): Decision {
  return { ok: false, error: refusal(code, message, details) };
}

function refusal(code: DecisionErrorCode, message: string, details?: unknown): DecisionError {
  return details === undefined ? { code, message } : { code, message, details };
}
