import type { AdoptionRecord } from '../schemas/adoption.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';
import type { Command } from '../schemas/commands.ts';
import type { Actor, AdoptionMark, FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { ConsensusRule, DraftKind } from '../schemas/draft.ts';
import { adoptionReadiness, describeBlocker } from './adoption-readiness.ts';
import { buildAdoptionRecord } from './adoption-record.ts';
import { type DecisionError, DecisionErrorCode } from './decision-error.ts';
import type { ClauseFacts } from './positions.ts';

/** A clause as a decision sees it: the rules' facts and the words they hash. */
export interface ClauseDecisionFacts extends ClauseFacts {
  text: string;
  /** The words with their emphasis (`readClauseRuns`), which `textHash` covers; absent: `text`, unformatted. */
  runs?: readonly ClauseRun[];
}

/** Everything a command is decided on. The server builds it from storage and the room's doc. */
export interface DecisionFacts {
  draft: { id: string; title: string; kind: DraftKind; delegations: readonly string[]; consensus: ConsensusRule };
  /** Set once the draft is adopted: then nothing can change. */
  adoption: AdoptionMark | null;
  /** In reading order. */
  clauses: readonly ClauseDecisionFacts[];
  /** The time the decision is taken, ISO: what it is recorded with. */
  now: string;
}

/** What an accepted command changes: applied to the stored decisions with its audit entry. */
export type DecisionEffect =
  /** `text` is the clause text the position was taken on (its hash is the position's). */
  | { type: 'set-position'; clauseId: string; position: PositionRecord; text: string }
  | { type: 'withdraw-position'; clauseId: string; delegation: string; textHash: string }
  | { type: 'freeze'; clauseId: string; frozen: FrozenRecord; text: string }
  | { type: 'reopen'; clauseId: string; reason: string; textHash: string }
  | { type: 'adopt'; record: AdoptionRecord };

export type Decision = { ok: true; effect: DecisionEffect } | { ok: false; error: DecisionError };

/**
 * Whether this actor's role may send this command at all, before any fact is looked at: a
 * delegation takes positions, the chair freezes, re-opens and adopts, nobody else decides.
 */
export function authorise(actor: Actor, command: Command): DecisionError | null {
  if (command.type === 'position') {
    if (actor.role === 'delegation' && actor.delegation !== null) return null;
    return refusal(
      DecisionErrorCode.forbidden,
      actor.role === 'chair'
        ? 'The chair takes no positions as chair: your delegation takes its position through its own link.'
        : 'Only a delegation takes positions on clauses.',
    );
  }
  if (actor.role === 'chair') return null;
  return refusal(
    DecisionErrorCode.forbidden,
    `Only the chair can ${command.type} ${command.type === 'adopt' ? 'the draft' : 'a clause'}.`,
  );
}

/**
 * Every rule of every command, as one pure function: the effect to store, or why not. The server
 * calls it with the stored facts inside the draft's exclusive section; the client calls the
 * predicates below, built on it, with the facts it holds, to show only what would be accepted.
 */
export function decide(facts: DecisionFacts, actor: Actor, command: Command): Decision {
  const forbidden = authorise(actor, command);
  if (forbidden !== null) return { ok: false, error: forbidden };
  if (facts.adoption !== null) {
    return fail(DecisionErrorCode.adopted, 'The draft is adopted: its text and positions can no longer change.');
  }
  if (command.type === 'adopt') return adopt(facts, actor, command);
  const clause = facts.clauses.find((c) => c.id === command.clauseId);
  if (clause === undefined) {
    return fail(DecisionErrorCode.unknownClause, 'This clause is not in the draft (it may have been deleted). Reload.');
  }
  switch (command.type) {
    case 'position': {
      if (clause.frozen !== null) return frozen();
      const changed = textChanged(clause, command.textHash);
      if (changed !== null) return { ok: false, error: changed };
      const delegation = actor.delegation ?? '';
      if (command.stance === 'withdrawn') {
        return {
          ok: true,
          effect: { type: 'withdraw-position', clauseId: clause.id, delegation, textHash: clause.textHash },
        };
      }
      const reason = command.stance === 'reserved' ? (command.reason ?? '') : null;
      const position = { delegation, stance: command.stance, reason, textHash: clause.textHash, at: facts.now };
      return { ok: true, effect: { type: 'set-position', clauseId: clause.id, position, text: clause.text } };
    }
    case 'freeze': {
      if (clause.frozen !== null) return frozen();
      const changed = textChanged(clause, command.textHash);
      if (changed !== null) return { ok: false, error: changed };
      if (clause.text === '') {
        return fail(DecisionErrorCode.emptyClause, 'An empty clause cannot be frozen. Delete it or give it text.');
      }
      const record = { at: facts.now, by: actor.session, textHash: clause.textHash };
      return { ok: true, effect: { type: 'freeze', clauseId: clause.id, frozen: record, text: clause.text } };
    }
    case 'reopen':
      if (clause.frozen === null) return fail(DecisionErrorCode.notFrozen, 'This clause is not frozen.');
      return {
        ok: true,
        effect: { type: 'reopen', clauseId: clause.id, reason: command.reason, textHash: clause.textHash },
      };
  }
}

function adopt(facts: DecisionFacts, actor: Actor, command: Extract<Command, { type: 'adopt' }>): Decision {
  const readiness = adoptionReadiness({
    clauses: facts.clauses,
    delegations: facts.draft.delegations,
    consensus: facts.draft.consensus,
    adopted: false,
  });
  if (!readiness.ready) {
    const messages = readiness.blockers.map(describeBlocker);
    return fail(DecisionErrorCode.adoptionBlocked, `The draft cannot be adopted yet: ${messages.join(' ')}`, {
      blockers: readiness.blockers.map((blocker, i) => ({ ...blocker, message: messages[i] })),
    });
  }
  const record = buildAdoptionRecord({
    draft: facts.draft,
    clauses: facts.clauses,
    footnotes: readiness.footnotes,
    place: command.place,
    date: command.date,
    at: facts.now,
    by: actor,
  });
  return { ok: true, effect: { type: 'adopt', record } };
}

/** Whether a delegation's position on the clause's current text would be accepted. */
export function canTakePosition(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  const textHash = currentHash(facts, clauseId);
  return textHash !== null && decide(facts, actor, { type: 'position', clauseId, stance: 'endorsed', textHash }).ok;
}

/** Whether the chair's freeze of the clause at its current text would be accepted. */
export function canFreeze(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  const textHash = currentHash(facts, clauseId);
  return textHash !== null && decide(facts, actor, { type: 'freeze', clauseId, textHash }).ok;
}

/** Whether the chair's re-opening of the clause would be accepted. */
export function canReopen(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  return decide(facts, actor, { type: 'reopen', clauseId, reason: 'asked' }).ok;
}

/** Whether the chair's adoption would be accepted now, wherever and whenever it is said to be. */
export function canAdopt(facts: DecisionFacts, actor: Actor): boolean {
  return decide(facts, actor, { type: 'adopt', place: 'here', date: facts.now.slice(0, 10) }).ok;
}

function currentHash(facts: DecisionFacts, clauseId: string): string | null {
  return facts.clauses.find((c) => c.id === clauseId)?.textHash ?? null;
}

function textChanged(clause: ClauseDecisionFacts, seenHash: string): DecisionError | null {
  if (seenHash === clause.textHash) return null;
  return refusal(
    DecisionErrorCode.textChanged,
    'The text of this clause changed since you read it. Read the current text, then try again.',
    { currentTextHash: clause.textHash, currentText: clause.text },
  );
}

function frozen(): Decision {
  return fail(
    DecisionErrorCode.frozen,
    'This clause is frozen: its text and positions are locked until the chair re-opens it.',
  );
}

function fail(code: DecisionErrorCode, message: string, details?: unknown): Decision {
  return { ok: false, error: refusal(code, message, details) };
}

function refusal(code: DecisionErrorCode, message: string, details?: unknown): DecisionError {
  return details === undefined ? { code, message } : { code, message, details };
}
