import {
  type AlternativeChangeKind,
  AlternativeLimits,
  type AlternativeMark,
  type AlternativeRecord,
  alternativeLabel,
} from '../schemas/alternatives.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';
import type { Command } from '../schemas/commands.ts';
import type { Actor, FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import { type DecisionError, DecisionErrorCode } from './decision-error.ts';

/**
 * The rules of alternative formulations ("Alt 1", "Alt 2") of a clause. A delegation proposes
 * one and is its first sponsor; other delegations sponsor it or leave it; its sponsors or the
 * chair withdraw it. Each is co-edited in its own root of the document and delegations take
 * positions on it as on a clause. The chair freezes the clause on one of them: its words become
 * the clause's, it is retained and every other open one is not. Only an open alternative of a
 * clause that is not frozen changes: a plain freeze locks the open alternatives with the clause
 * until it is re-opened; withdrawn, retained and not-retained ones stay read-only for ever (a
 * re-opened clause does not bring them back: a delegation proposes a new one).
 */

/** An alternative as a decision sees it: its record and the words its root holds now. */
export interface AlternativeFacts extends AlternativeRecord {
  text: string;
  runs?: readonly ClauseRun[];
  textHash: string;
}

/** What an accepted alternative command changes; the server writes the words of the first and last. */
export type AlternativeEffect =
  /** `copyText`: the new root starts with the clause's words (`runs`), else with one empty paragraph. */
  | {
      type: 'alternative';
      clauseId: string;
      change: AlternativeChangeKind;
      alternative: AlternativeMark;
      copyText: boolean;
    }
  | { type: 'set-alternative-position'; clauseId: string; n: number; position: PositionRecord; text: string }
  | { type: 'withdraw-alternative-position'; clauseId: string; n: number; delegation: string; textHash: string }
  /**
   * The chair froze the clause on alternative `n`: `text` is its words, which the server writes
   * into the clause's root; `notRetained` the other open ones; `carried` the positions taken on
   * the retained words, which count for the clause from now on (they were taken on these words).
   */
  | {
      type: 'freeze-alternative';
      clauseId: string;
      n: number;
      frozen: FrozenRecord;
      text: string;
      notRetained: number[];
      carried: PositionRecord[];
    };

/** What these rules read of a clause (a `AlternativeClause` is one). */
export interface AlternativeClause {
  id: string;
  number: string | null;
  proposedBy: string | null;
  frozen: FrozenRecord | null;
  alternatives?: readonly AlternativeFacts[];
}

/** What these rules read of the draft: the time the decision is taken. */
interface AlternativeDraftFacts {
  now: string;
}

/** A decision on an alternative command (a `Decision` of decide.ts). */
export type AlternativeDecision = { ok: true; effect: AlternativeEffect } | { ok: false; error: DecisionError };

type AlternativeCommand = Extract<
  Command,
  { type: 'propose-alternative' | 'sponsor-alternative' | 'leave-alternative' | 'withdraw-alternative' }
>;

/** The clause's alternatives as facts (none: an empty list). */
export function alternativesOf(clause: AlternativeClause): readonly AlternativeFacts[] {
  return clause.alternatives ?? [];
}

/** Proposing, sponsoring, leaving and withdrawing an alternative. */
export function decideAlternative(
  facts: AlternativeDraftFacts,
  actor: Actor,
  clause: AlternativeClause,
  command: AlternativeCommand,
): AlternativeDecision {
  if (clause.frozen !== null) {
    return fail(
      DecisionErrorCode.frozen,
      'This clause is frozen: its alternatives are locked with it until the chair re-opens it.',
    );
  }
  const all = alternativesOf(clause);
  if (command.type === 'propose-alternative') {
    const delegation = actor.delegation ?? '';
    if (all.filter((a) => a.state === 'open').length >= AlternativeLimits.maxOpen) {
      return fail(
        DecisionErrorCode.alternativeRefused,
        `A clause carries at most ${AlternativeLimits.maxOpen} open alternatives: join one of them, or ask the chair to close one.`,
      );
    }
    if (all.length >= AlternativeLimits.maxEver) {
      return fail(
        DecisionErrorCode.alternativeRefused,
        `This clause has had ${AlternativeLimits.maxEver} alternatives already: no more can be proposed.`,
      );
    }
    const n = all.reduce((max, a) => Math.max(max, a.n), 0) + 1;
    const alternative: AlternativeMark = {
      n,
      proposedBy: delegation,
      sponsors: [delegation],
      state: 'open',
      at: facts.now,
    };
    return ok({
      type: 'alternative',
      clauseId: clause.id,
      change: 'proposed',
      alternative,
      copyText: command.copyText === true,
    });
  }
  const found = openAlternative(clause, command.alternative);
  if ('code' in found) return { ok: false, error: found };
  const { n, sponsors } = found;
  const label = alternativeLabel(n);
  const delegation = actor.delegation;
  const mark = (change: AlternativeChangeKind, next: Partial<AlternativeMark>): AlternativeDecision =>
    ok({
      type: 'alternative',
      clauseId: clause.id,
      change,
      alternative: { ...markOf(found), ...next },
      copyText: false,
    });
  switch (command.type) {
    case 'sponsor-alternative':
      if (delegation === null || sponsors.includes(delegation)) {
        return fail(DecisionErrorCode.alternativeRefused, `Your delegation already sponsors ${label}.`);
      }
      return mark('sponsored', { sponsors: [...sponsors, delegation] });
    case 'leave-alternative':
      if (delegation === null || !sponsors.includes(delegation)) {
        return fail(DecisionErrorCode.alternativeRefused, `Your delegation does not sponsor ${label}.`);
      }
      if (sponsors.length === 1) {
        return fail(
          DecisionErrorCode.alternativeRefused,
          `Your delegation is the only sponsor of ${label}: withdraw it instead of leaving it.`,
        );
      }
      return mark('left', { sponsors: sponsors.filter((s) => s !== delegation) });
    case 'withdraw-alternative':
      if (actor.role !== 'chair' && (delegation === null || !sponsors.includes(delegation))) {
        return fail(
          DecisionErrorCode.forbidden,
          `Only the sponsors of ${label} (${sponsors.join(', ')}) or the chair can withdraw it.`,
        );
      }
      return mark('withdrawn', { state: 'withdrawn' });
  }
}

/** A delegation's position on an open alternative, taken on the alternative's text as it saw it. */
export function takeAlternativePosition(
  facts: AlternativeDraftFacts,
  actor: Actor,
  clause: AlternativeClause,
  command: Extract<Command, { type: 'position' }> & { alternative: number },
): AlternativeDecision {
  if (clause.frozen !== null) {
    return fail(DecisionErrorCode.frozen, 'This clause is frozen: positions on its alternatives are locked with it.');
  }
  const found = openAlternative(clause, command.alternative);
  if ('code' in found) return { ok: false, error: found };
  // What an alternative's positions say is which words a delegation could accept: an agreement
  // ad referendum or a kind of reservation is given on the clause's text, whose footnotes print.
  if (command.adReferendum !== undefined || command.reservationKind !== undefined) {
    return fail(
      DecisionErrorCode.alternativeRefused,
      `On ${alternativeLabel(found.n)} a delegation endorses or reserves: agree ad referendum, or give a reservation's kind, on the clause's own text.`,
    );
  }
  const changed = alternativeTextChanged(found, command.textHash);
  if (changed !== null) return { ok: false, error: changed };
  const delegation = actor.delegation ?? '';
  if (command.stance === 'withdrawn') {
    if (!found.positions.some((p) => p.delegation === delegation)) {
      return fail(
        DecisionErrorCode.alternativeRefused,
        `Your delegation has no position on ${alternativeLabel(found.n)} to withdraw.`,
      );
    }
    return ok({
      type: 'withdraw-alternative-position',
      clauseId: clause.id,
      n: found.n,
      delegation,
      textHash: found.textHash,
    });
  }
  const position: PositionRecord = {
    delegation,
    stance: command.stance,
    reason: command.stance === 'reserved' ? (command.reason ?? null) : null,
    textHash: found.textHash,
    at: facts.now,
    number: clause.number,
  };
  return ok({ type: 'set-alternative-position', clauseId: clause.id, n: found.n, position, text: found.text });
}

/** The chair freezes the clause on an open alternative's words, as it saw them (their hash). */
export function freezeWithAlternative(
  facts: AlternativeDraftFacts,
  actor: Actor,
  clause: AlternativeClause,
  command: Extract<Command, { type: 'freeze' }> & { alternative: number },
): AlternativeDecision {
  if (clause.frozen !== null) {
    return fail(DecisionErrorCode.frozen, 'This clause is frozen already: re-open it to freeze it on an alternative.');
  }
  if (clause.proposedBy !== null) {
    return fail(
      DecisionErrorCode.proposal,
      `This clause is ${clause.proposedBy}'s proposal: take it into the text before freezing it.`,
    );
  }
  const found = openAlternative(clause, command.alternative);
  if ('code' in found) return { ok: false, error: found };
  const changed = alternativeTextChanged(found, command.textHash);
  if (changed !== null) return { ok: false, error: changed };
  if (found.text === '') {
    return fail(
      DecisionErrorCode.emptyClause,
      `${alternativeLabel(found.n)} is empty: a clause cannot be frozen on no words.`,
    );
  }
  const notRetained = alternativesOf(clause)
    .filter((a) => a.state === 'open' && a.n !== found.n)
    .map((a) => a.n);
  return ok({
    type: 'freeze-alternative',
    clauseId: clause.id,
    n: found.n,
    frozen: { at: facts.now, by: actor.session, textHash: found.textHash },
    text: found.text,
    notRetained,
    carried: found.positions.filter((p) => p.textHash === found.textHash),
  });
}

/** Whether an alternative's position is stale: taken on other words, or at another number of its clause. */
export function isStaleOnAlternative(
  position: Pick<PositionRecord, 'textHash' | 'number'>,
  alternative: Pick<AlternativeFacts, 'textHash'>,
  clause: Pick<AlternativeClause, 'number'>,
): boolean {
  if (position.textHash !== alternative.textHash) return true;
  return position.number !== undefined && position.number !== clause.number;
}

function openAlternative(clause: AlternativeClause, n: number): AlternativeFacts | DecisionError {
  const found = alternativesOf(clause).find((a) => a.n === n);
  if (found === undefined) {
    return refusal(DecisionErrorCode.unknownAlternative, `This clause has no ${alternativeLabel(n)}. Reload.`);
  }
  if (found.state !== 'open') {
    return refusal(
      DecisionErrorCode.alternativeClosed,
      `${alternativeLabel(n)} is ${STATE_WORDS[found.state]}: it can no longer change.`,
    );
  }
  return found;
}

const STATE_WORDS: Record<AlternativeMark['state'], string> = {
  open: 'open',
  withdrawn: 'withdrawn',
  retained: 'retained in the clause text',
  'not-retained': 'not retained',
};

function alternativeTextChanged(alternative: AlternativeFacts, seenHash: string): DecisionError | null {
  if (seenHash === alternative.textHash) return null;
  return refusal(
    DecisionErrorCode.textChanged,
    `The text of ${alternativeLabel(alternative.n)} changed since you read it. Read the current text, then try again.`,
    { currentTextHash: alternative.textHash, currentText: alternative.text },
  );
}

function markOf(alternative: AlternativeFacts): AlternativeMark {
  const { n, proposedBy, sponsors, state, at } = alternative;
  return { n, proposedBy, sponsors, state, at };
}

function ok(effect: AlternativeEffect): AlternativeDecision {
  return { ok: true, effect };
}

function fail(code: DecisionErrorCode, message: string, details?: unknown): AlternativeDecision {
  return { ok: false, error: refusal(code, message, details) };
}

function refusal(code: DecisionErrorCode, message: string, details?: unknown): DecisionError {
  return details === undefined ? { code, message } : { code, message, details };
}
