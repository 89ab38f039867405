import type { BracketCommandType, BracketRecord } from '../schemas/brackets.ts';
import { BracketLimits } from '../schemas/brackets.ts';
import type { Command } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import type { BracketSpan } from './bracket-anchors.ts';
import { bracketHolders, openBrackets } from './bracket-count.ts';
import { type DecisionError, DecisionErrorCode } from './decision-error.ts';
import type { ClauseFacts } from './positions.ts';

/** What the bracket rules read of the draft (a part of `DecisionFacts`). */
export interface BracketDecisionFacts {
  now: string;
  bracketSpan?: BracketSpanReader;
}

/** A clause as the bracket rules see it (a part of `ClauseDecisionFacts`). */
export interface BracketClauseFacts extends ClauseFacts {
  text: string;
}

type Decision = { ok: true; effect: BracketEffect } | { ok: false; error: DecisionError };

/** Reads where a bracket's anchors fall in a clause of the doc the decision is taken on. */
export type BracketSpanReader = (clauseId: string, start: string, end: string) => BracketSpan;

export type BracketCommand = Extract<Command, { type: BracketCommandType }>;

/** What a bracket command changes: the bracket as it is after it (placed, joined, left, lifted). */
export interface BracketEffect {
  type: 'bracket';
  command: BracketCommandType;
  clauseId: string;
  bracket: BracketRecord;
  /** The clause text's hash when the bracket was placed; null for the other commands. */
  textHash: string | null;
}

/** The freeze's refusal while the clause has open brackets: it names them and their holders. */
export function bracketedRefusal(clause: ClauseFacts): DecisionError | null {
  const open = openBrackets(clause);
  if (open.length === 0) return null;
  const holders = bracketHolders({ ...clause, proposedBy: null });
  const brackets = open.length === 1 ? 'an open bracket' : `${open.length} open brackets`;
  return {
    code: DecisionErrorCode.bracketed,
    message: `${capitalised(clause.label)} has ${brackets} (held by ${holders.join(', ')}): only clean text can be frozen. Its holders or the chair must lift them first.`,
    details: { brackets: open.map((b) => ({ id: b.id, holders: b.holders, quote: b.quote })) },
  };
}

/**
 * The rules of the bracket commands: a delegation places a bracket over words it selected (the
 * server checks its anchors against its own text), joins or leaves another's, proposes a
 * clause's deletion; a bracket's holders or the chair lift it. A frozen clause takes none.
 */
export function decideBracket(
  facts: BracketDecisionFacts,
  actor: Actor,
  clause: BracketClauseFacts,
  command: BracketCommand,
): Decision {
  if (clause.frozen !== null) {
    return fail(
      DecisionErrorCode.frozen,
      'This clause is frozen: its brackets cannot change until the chair re-opens it.',
    );
  }
  const delegation = actor.delegation ?? '';
  switch (command.type) {
    case 'place-bracket':
      return placeBracket(facts, clause, delegation, command);
    case 'propose-deletion':
      return proposeDeletion(facts, clause, delegation, command.note ?? null);
    default:
      break;
  }
  const bracket = (clause.brackets ?? []).find((b) => b.id === command.bracketId);
  if (bracket === undefined) {
    return fail(DecisionErrorCode.unknownBracket, 'This bracket is not on this clause. Reload.');
  }
  if (bracket.lifted !== null) {
    return fail(DecisionErrorCode.bracketState, 'This bracket was lifted already: it stays only in the history.');
  }
  const holds = bracket.holders.includes(delegation);
  const done = (after: BracketRecord): Decision => ({
    ok: true,
    effect: { type: 'bracket', command: command.type, clauseId: clause.id, bracket: after, textHash: null },
  });
  switch (command.type) {
    case 'join-bracket':
      if (holds) return fail(DecisionErrorCode.bracketState, 'Your delegation holds this bracket already.');
      return done({ ...bracket, holders: [...bracket.holders, delegation] });
    case 'leave-bracket': {
      if (!holds) return fail(DecisionErrorCode.bracketState, 'Your delegation does not hold this bracket.');
      const holders = bracket.holders.filter((h) => h !== delegation);
      // The last holder leaving lifts it: nobody contests the words any more.
      return done({ ...bracket, holders, lifted: holders.length === 0 ? { at: facts.now, by: delegation } : null });
    }
    case 'lift-bracket': {
      if (actor.role !== 'chair' && !holds) {
        return fail(
          DecisionErrorCode.forbidden,
          `Only the bracket's holders (${bracket.holders.join(', ')}) or the chair can lift it.`,
        );
      }
      return done({ ...bracket, lifted: { at: facts.now, by: actor.role === 'chair' ? 'chair' : delegation } });
    }
  }
}

function placeBracket(
  facts: BracketDecisionFacts,
  clause: BracketClauseFacts,
  delegation: string,
  command: Extract<BracketCommand, { type: 'place-bracket' }>,
): Decision {
  if (command.textHash !== clause.textHash) {
    return fail(
      DecisionErrorCode.textChanged,
      'The text of this clause changed since you selected the words. Select them again, then bracket them.',
      { currentTextHash: clause.textHash, currentText: clause.text },
    );
  }
  const limit = tooMany(clause);
  if (limit !== null) return { ok: false, error: limit };
  if (facts.bracketSpan === undefined) {
    return fail(DecisionErrorCode.bracketAnchor, 'The text of this clause could not be read to place the bracket.');
  }
  const span = facts.bracketSpan(clause.id, command.start, command.end);
  if (!span.ok) return fail(DecisionErrorCode.bracketAnchor, SPAN_MESSAGE[span.reason]);
  if (span.words.normalize('NFC') !== command.quote.normalize('NFC')) {
    return fail(
      DecisionErrorCode.bracketAnchor,
      `The selected words read "${span.words}" in the server's text, not "${command.quote}". Select the words again.`,
    );
  }
  if (span.words.trim() === '') {
    return fail(DecisionErrorCode.bracketAnchor, 'Select words to bracket, not only spaces.');
  }
  const bracket: BracketRecord = {
    id: nextId(clause),
    clauseId: clause.id,
    kind: command.kind,
    note: command.note ?? null,
    holders: [delegation],
    start: command.start,
    end: command.end,
    quote: span.words,
    placedAt: facts.now,
    lifted: null,
  };
  return {
    ok: true,
    effect: { type: 'bracket', command: 'place-bracket', clauseId: clause.id, bracket, textHash: clause.textHash },
  };
}

function proposeDeletion(
  facts: BracketDecisionFacts,
  clause: BracketClauseFacts,
  delegation: string,
  note: string | null,
): Decision {
  if (clause.proposedBy === delegation) {
    return fail(DecisionErrorCode.bracketState, 'This clause is your own proposal: withdraw it instead.');
  }
  const existing = openBrackets(clause).find((b) => b.kind === 'deletion');
  if (existing !== undefined) {
    return fail(
      DecisionErrorCode.bracketState,
      `${existing.holders.join(', ')} proposed the deletion of this clause already: join that bracket instead.`,
    );
  }
  const limit = tooMany(clause);
  if (limit !== null) return { ok: false, error: limit };
  const bracket: BracketRecord = {
    id: nextId(clause),
    clauseId: clause.id,
    kind: 'deletion',
    note,
    holders: [delegation],
    start: null,
    end: null,
    quote: clause.text,
    placedAt: facts.now,
    lifted: null,
  };
  return {
    ok: true,
    effect: { type: 'bracket', command: 'propose-deletion', clauseId: clause.id, bracket, textHash: clause.textHash },
  };
}

const SPAN_MESSAGE: Record<Extract<BracketSpan, { ok: false }>['reason'], string> = {
  unknown:
    'The server has not received the words you selected yet (or the selection is no place in the text). Wait until your edits are saved, then select the words again.',
  outside: 'Both ends of a bracket must lie in this clause. Select words within it.',
  deleted: 'The selection is empty or its words were deleted meanwhile. Select the words to bracket again.',
};

function tooMany(clause: ClauseFacts): DecisionError | null {
  if (openBrackets(clause).length < BracketLimits.maxOpenPerClause) return null;
  return {
    code: DecisionErrorCode.bracketState,
    message: `A clause carries at most ${BracketLimits.maxOpenPerClause} open brackets: join one of them, or lift some first.`,
  };
}

/** Ids count the clause's brackets, lifted ones too, so an id is never given twice. */
function nextId(clause: ClauseFacts): string {
  return `b${(clause.brackets ?? []).length + 1}`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function fail(code: DecisionErrorCode, message: string, details?: unknown): Decision {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
