import type { AdoptionRecord } from '../schemas/adoption.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';
import type { Command, PositionStance } from '../schemas/commands.ts';
import type { Actor, AdoptionMark, FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import { type ClauseKind, type ConsensusRule, type DraftKind, DraftLimits } from '../schemas/draft.ts';
import type { ChairStatementMark, SilenceRecord } from '../schemas/silence.ts';
import { adReferendumRefusal, mayWithdrawOnFrozen, positionQualifiers } from './ad-referendum.ts';
import { adoptionReadiness, describeBlocker } from './adoption-readiness.ts';
import { buildAdoptionRecord } from './adoption-record.ts';
import {
  type AlternativeEffect,
  type AlternativeFacts,
  decideAlternative,
  freezeWithAlternative,
  takeAlternativePosition,
} from './alternatives.ts';
import { type BracketEffect, type BracketSpanReader, bracketedRefusal, decideBracket } from './brackets.ts';
import { type DecisionError, DecisionErrorCode } from './decision-error.ts';
import { nameVersion, type VersionEffect } from './name-version.ts';
import { type NumberedClause, paragraphLabels } from './paragraph-labels.ts';
import type { ClauseFacts } from './positions.ts';
import { decideRestoreText, type RestoreTextEffect, type VersionTextFact } from './restore-text.ts';
import { closedByStatement, decideSilence, type SilenceEffect, silenceLock } from './silence.ts';

/** A clause as a decision sees it: the rules' facts and the words they hash. */
export interface ClauseDecisionFacts extends ClauseFacts {
  text: string;
  /** The words with their emphasis (`readClauseRuns`), which `textHash` covers; absent: `text`, unformatted. */
  runs?: readonly ClauseRun[];
  /** Its alternatives ("Alt 1", …) with their words; absent: none (see alternatives.ts). */
  alternatives?: readonly AlternativeFacts[];
}

/** A clause taken out of the order: its metadata and text stay, so that it can be restored. */
export interface RemovedClause {
  id: string;
  kind: ClauseKind;
  proposedBy: string | null;
}

/** Everything a command is decided on. The server builds it from storage and the room's doc. */
export interface DecisionFacts {
  draft: {
    id: string;
    title: string;
    kind: DraftKind;
    delegations: readonly string[];
    consensus: ConsensusRule;
    /** When the draft was created (ISO): no adoption can be dated before it. */
    createdAt: string;
  };
  /** Set once the draft is adopted: then nothing can change. */
  adoption: AdoptionMark | null;
  /** In reading order. */
  clauses: readonly ClauseDecisionFacts[];
  /** Clauses deleted from the order, which the chair or the secretariat may restore. */
  removed: readonly RemovedClause[];
  /** The time the decision is taken, ISO: what it is recorded with. */
  now: string;
  /** Reads a bracket's anchors in the doc the decision is taken on; absent: brackets cannot be placed. */
  bracketSpan?: BracketSpanReader;
  /** The clause as version `n` holds it (read by the server beforehand); absent: no version is readable. */
  versionText?: (n: number, clauseId: string) => VersionTextFact | null;
  /** Every silence of the draft, oldest first (see `silence.ts`); absent: none. */
  silences?: readonly SilenceRecord[];
  /** Set once the chair issued the text as a Chairman's Statement: then nothing can change. */
  chairStatement?: ChairStatementMark | null;
}

/** Where a clause goes in the order: after this clause, or first (null). */
export type OrderAnchor = string | null;

/**
 * A change to the clause list, as the server applies it to the document in the same step as it
 * records it. `index` is the clause's new place in the order; labels are the clause's formal
 * reference before and after ("paragraph 5" → "paragraph 3"), for the audit log and the notice
 * everyone sees.
 */
export type StructureEffect =
  | { type: 'add-clause'; clauseId: string; kind: ClauseKind; proposedBy: string | null; index: number; label: string }
  | { type: 'move-clause'; clauseId: string; kind: ClauseKind; index: number; from: string; to: string }
  | { type: 'delete-clause'; clauseId: string; kind: ClauseKind; label: string; withdrawnProposal: boolean }
  | { type: 'restore-clause'; clauseId: string; kind: ClauseKind; index: number; label: string }
  | { type: 'take-up-clause'; clauseId: string; kind: ClauseKind; from: string; to: string; proposedBy: string };

/** What an accepted command changes: applied to the stored decisions with its audit entry. */
export type DecisionEffect =
  /** `text` is the clause text the position was taken on (its hash is the position's). */
  | { type: 'set-position'; clauseId: string; position: PositionRecord; text: string }
  | { type: 'withdraw-position'; clauseId: string; delegation: string; textHash: string }
  | { type: 'freeze'; clauseId: string; frozen: FrozenRecord; text: string }
  | { type: 'reopen'; clauseId: string; reason: string; textHash: string }
  | { type: 'adopt'; record: AdoptionRecord }
  | BracketEffect
  | StructureEffect
  | AlternativeEffect
  | SilenceEffect
  | VersionEffect
  | RestoreTextEffect;

export type Decision = { ok: true; effect: DecisionEffect } | { ok: false; error: DecisionError };

/** Whether an effect changes the clause list, which the server then writes into the document. */
export function isStructureEffect(effect: DecisionEffect): effect is StructureEffect {
  return STRUCTURE_TYPES.has(effect.type);
}

const STRUCTURE_TYPES = new Set<DecisionEffect['type']>([
  'add-clause',
  'move-clause',
  'delete-clause',
  'restore-clause',
  'take-up-clause',
]);

/** Who may send each command at all, before any fact is looked at. */
const ROLES_OF: Record<Command['type'], readonly Actor['role'][]> = {
  position: ['delegation'],
  freeze: ['chair'],
  reopen: ['chair'],
  adopt: ['chair'],
  // A delegation adds a clause as its proposal; the chair and the secretariat add to the text.
  'add-clause': ['chair', 'secretariat', 'delegation'],
  'move-clause': ['chair', 'secretariat'],
  // A delegation deletes only its own proposal (withdraws it): see `deleteClause`.
  'delete-clause': ['chair', 'secretariat', 'delegation'],
  'restore-clause': ['chair', 'secretariat'],
  'take-up-clause': ['chair'],
  'place-bracket': ['delegation'],
  'join-bracket': ['delegation'],
  'leave-bracket': ['delegation'],
  'lift-bracket': ['delegation', 'chair'],
  'propose-deletion': ['delegation'],
  'propose-alternative': ['delegation'],
  'sponsor-alternative': ['delegation'],
  'leave-alternative': ['delegation'],
  // Its sponsors or the chair: see `decideAlternative`.
  'withdraw-alternative': ['chair', 'delegation'],
  'circulate-silence': ['chair'],
  'break-silence': ['delegation'],
  'withdraw-silence': ['chair'],
  'issue-chair-statement': ['chair'],
  'name-version': ['chair'],
  'restore-version-text': ['chair', 'secretariat', 'delegation'],
};

const FORBIDDEN_MESSAGE: Record<Command['type'], string> = {
  position: 'Only a delegation takes positions on clauses.',
  freeze: 'Only the chair can freeze a clause.',
  reopen: 'Only the chair can re-open a clause.',
  adopt: 'Only the chair can adopt the draft.',
  'add-clause': 'Observers cannot add clauses.',
  'move-clause': 'Only the chair and the secretariat can move clauses.',
  'delete-clause': 'Only the chair and the secretariat can delete clauses.',
  'restore-clause': 'Only the chair and the secretariat can restore a deleted clause.',
  'take-up-clause': 'Only the chair can take a proposal into the text.',
  'place-bracket': 'Only a delegation places brackets.',
  'join-bracket': 'Only a delegation joins a bracket.',
  'leave-bracket': 'Only a delegation leaves a bracket.',
  'lift-bracket': "Only a bracket's holders or the chair can lift it.",
  'propose-deletion': 'Only a delegation proposes the deletion of a clause.',
  'propose-alternative': 'Only a delegation proposes an alternative formulation.',
  'sponsor-alternative': 'Only a delegation sponsors an alternative.',
  'leave-alternative': 'Only a delegation sponsors or leaves an alternative.',
  'withdraw-alternative': 'Only its sponsors or the chair can withdraw an alternative.',
  'circulate-silence': 'Only the chair can circulate a text under silence.',
  'break-silence': 'Only a delegation can break silence.',
  'withdraw-silence': 'Only the chair can withdraw a silence.',
  'issue-chair-statement': "Only the chair can issue a Chairman's Statement.",
  'name-version': 'Only the chair can name a version of the draft.',
  'restore-version-text': 'Observers cannot change the text.',
};

/**
 * Whether this actor's role may send this command at all, before any fact is looked at: a
 * delegation takes positions and proposes clauses, the chair freezes, re-opens and adopts, the
 * chair and the secretariat arrange the clause list, nobody else decides.
 */
export function authorise(actor: Actor, command: Command): DecisionError | null {
  if (ROLES_OF[command.type].includes(actor.role) && (actor.role !== 'delegation' || actor.delegation !== null)) {
    return null;
  }
  if (command.type === 'position' && actor.role === 'chair') {
    return refusal(
      DecisionErrorCode.forbidden,
      'The chair takes no positions as chair: your delegation takes its position through its own link.',
    );
  }
  return refusal(DecisionErrorCode.forbidden, FORBIDDEN_MESSAGE[command.type]);
}

/**
 * Every rule of every command, as one pure function: the effect to store, or why not. The server
 * calls it with the stored facts inside the draft's exclusive section; the client calls the
 * predicates below, built on it, with the facts it holds, to show only what would be accepted.
 */
export function decide(facts: DecisionFacts, actor: Actor, command: Command): Decision {
  const forbidden = authorise(actor, command);
  if (forbidden !== null) return { ok: false, error: forbidden };
  // Naming a version changes nothing: allowed under silence and after adoption alike.
  if (command.type === 'name-version') return nameVersion(command);
  if (facts.adoption !== null) {
    return fail(DecisionErrorCode.adopted, 'The draft is adopted: its text and positions can no longer change.');
  }
  const closed = closedByStatement(facts);
  if (closed !== null) return closed;
  const silenced = silenceLock(facts, command);
  if (silenced !== null) return { ok: false, error: silenced };
  switch (command.type) {
    case 'circulate-silence':
    case 'break-silence':
    case 'withdraw-silence':
    case 'issue-chair-statement':
      return decideSilence(facts, actor, command);
    case 'adopt':
      return adopt(facts, actor, command);
    case 'add-clause':
      return addClause(facts, actor, command);
    case 'restore-clause':
      return restoreClause(facts, command);
    case 'restore-version-text':
      return decideRestoreText(facts, command);
    default:
      break;
  }
  const clause = facts.clauses.find((c) => c.id === command.clauseId);
  if (clause === undefined) {
    return fail(DecisionErrorCode.unknownClause, 'This clause is not in the draft (it may have been deleted). Reload.');
  }
  switch (command.type) {
    case 'position':
      if (command.alternative !== undefined) {
        return takeAlternativePosition(facts, actor, clause, { ...command, alternative: command.alternative });
      }
      return takePosition(facts, actor, clause, command);
    case 'freeze': {
      if (command.alternative !== undefined) {
        // Clean text first: the chair's choice of an alternative does not lift a delegation's bracket.
        const bracketedFirst = clause.frozen === null ? bracketedRefusal(clause) : null;
        if (bracketedFirst !== null) return { ok: false, error: bracketedFirst };
        return freezeWithAlternative(facts, actor, clause, { ...command, alternative: command.alternative });
      }
      if (clause.frozen !== null) return frozen();
      const changed = textChanged(clause, command.textHash);
      if (changed !== null) return { ok: false, error: changed };
      if (clause.proposedBy !== null) {
        return fail(
          DecisionErrorCode.proposal,
          `${capitalised(clause.label)} is ${clause.proposedBy}'s proposal: take it into the text before freezing it.`,
        );
      }
      const bracketed = bracketedRefusal(clause);
      if (bracketed !== null) return { ok: false, error: bracketed };
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
    case 'move-clause':
      return moveClause(facts, clause, command);
    case 'delete-clause':
      return deleteClause(actor, clause);
    case 'take-up-clause':
      return takeUpClause(facts, clause);
    case 'place-bracket':
    case 'join-bracket':
    case 'leave-bracket':
    case 'lift-bracket':
    case 'propose-deletion':
      return decideBracket(facts, actor, clause, command);
    case 'propose-alternative':
    case 'sponsor-alternative':
    case 'leave-alternative':
    case 'withdraw-alternative':
      return decideAlternative(facts, actor, clause, command);
  }
}

/**
 * A delegation's position. On a frozen clause its text is locked but the record can still be
 * completed: a delegation may endorse the frozen text, or lift its own reservation on it, so
 * that a clause frozen before everyone spoke can still reach adoption without re-opening it. A
 * new reservation on a frozen clause needs the chair to re-open it first. The ad referendum rules
 * (shared/consensus/ad-referendum.ts) add theirs: a confirmation is a plain endorsement, so it is
 * taken on a frozen clause too.
 */
function takePosition(
  facts: DecisionFacts,
  actor: Actor,
  clause: ClauseDecisionFacts,
  command: Extract<Command, { type: 'position' }>,
): Decision {
  const changed = textChanged(clause, command.textHash);
  if (changed !== null) return { ok: false, error: changed };
  const delegation = actor.delegation ?? '';
  const adReferendum = adReferendumRefusal(clause, delegation, command, facts.now);
  if (adReferendum !== null) return { ok: false, error: adReferendum };
  if (clause.frozen !== null) {
    if (command.stance === 'reserved') {
      return fail(
        DecisionErrorCode.frozen,
        'This clause is frozen: you can endorse its text or lift your reservation, but a new reservation needs the chair to re-open it.',
      );
    }
    if (command.stance === 'withdrawn' && !mayWithdrawOnFrozen(clause, delegation)) {
      return fail(
        DecisionErrorCode.frozen,
        'This clause is frozen: you can lift a reservation on it, or withdraw an endorsement agreed ad referendum, but not withdraw a plain endorsement. Ask the chair to re-open it.',
      );
    }
  }
  if (command.stance === 'withdrawn') {
    return {
      ok: true,
      effect: { type: 'withdraw-position', clauseId: clause.id, delegation, textHash: clause.textHash },
    };
  }
  // A scrutiny or linguistic reservation may come without a reason: its kind says it.
  const reason = command.stance === 'reserved' ? (command.reason ?? null) : null;
  const position: PositionRecord = {
    delegation,
    stance: command.stance,
    reason,
    textHash: clause.textHash,
    at: facts.now,
    number: clause.number,
    ...positionQualifiers(command),
  };
  return { ok: true, effect: { type: 'set-position', clauseId: clause.id, position, text: clause.text } };
}

/** The clause list's new order, labelled, after a change: for the labels a notice gives. */
function labelsAfter(
  clauses: readonly NumberedClause[],
  change: (order: NumberedClause[]) => void,
): { order: NumberedClause[]; labels: string[] } {
  const order = [...clauses];
  change(order);
  return { order, labels: paragraphLabels(order) };
}

/** The place after `after` in the order, or why the anchor is no place. */
function placeAfter(order: readonly { id: string }[], after: OrderAnchor): number | DecisionError {
  if (after === null) return 0;
  const index = order.findIndex((c) => c.id === after);
  if (index === -1) {
    return refusal(
      DecisionErrorCode.structureChanged,
      'The clause this was to follow is no longer in the draft (it was deleted or moved meanwhile). Look again and retry.',
    );
  }
  return index + 1;
}

function addClause(facts: DecisionFacts, actor: Actor, command: Extract<Command, { type: 'add-clause' }>): Decision {
  const exists =
    facts.clauses.some((c) => c.id === command.clauseId) || facts.removed.some((c) => c.id === command.clauseId);
  if (exists) return fail(DecisionErrorCode.structureChanged, 'A clause with this id exists already. Reload.');
  if (facts.clauses.length >= DraftLimits.maxClauses) {
    return fail(
      DecisionErrorCode.structureChanged,
      `A draft holds at most ${DraftLimits.maxClauses} clauses: delete one before adding another.`,
    );
  }
  const index = placeAfter(facts.clauses, command.after);
  if (typeof index !== 'number') return { ok: false, error: index };
  const proposedBy = actor.role === 'delegation' ? actor.delegation : null;
  const added = { id: command.clauseId, kind: command.kind, proposedBy };
  const { labels } = labelsAfter(facts.clauses, (order) => order.splice(index, 0, added));
  const label = labels[index] ?? 'a clause';
  return {
    ok: true,
    effect: { type: 'add-clause', clauseId: command.clauseId, kind: command.kind, proposedBy, index, label },
  };
}

function moveClause(
  facts: DecisionFacts,
  clause: ClauseDecisionFacts,
  command: Extract<Command, { type: 'move-clause' }>,
): Decision {
  if (clause.frozen !== null) {
    return fail(DecisionErrorCode.frozen, 'A frozen clause stays where it is: re-open it to move it.');
  }
  if (command.after === clause.id) return fail(DecisionErrorCode.structureChanged, 'A clause cannot follow itself.');
  const rest = facts.clauses.filter((c) => c.id !== clause.id);
  const index = placeAfter(rest, command.after);
  if (typeof index !== 'number') return { ok: false, error: index };
  const from = facts.clauses.indexOf(clause);
  if (index === from) {
    return fail(DecisionErrorCode.structureChanged, `${capitalised(clause.label)} is already there.`);
  }
  const { labels } = labelsAfter(rest, (order) => order.splice(index, 0, clause));
  return {
    ok: true,
    effect: {
      type: 'move-clause',
      clauseId: clause.id,
      kind: clause.kind,
      index,
      from: clause.label,
      to: labels[index] ?? clause.label,
    },
  };
}

/**
 * Deleting takes a clause out of the order; its text and the positions on it are kept, so the
 * chair or the secretariat can restore it. A delegation's proposal is its own: only it (which
 * withdraws it) or the chair may delete it, not the secretariat.
 */
function deleteClause(actor: Actor, clause: ClauseDecisionFacts): Decision {
  if (clause.frozen !== null) {
    return fail(DecisionErrorCode.frozen, 'A frozen clause cannot be deleted: re-open it first.');
  }
  if (actor.role === 'delegation' && clause.proposedBy !== actor.delegation) {
    return fail(
      DecisionErrorCode.forbidden,
      clause.proposedBy === null
        ? 'Only the chair and the secretariat can delete a clause of the text. Propose its deletion to the chair instead.'
        : `Only ${clause.proposedBy} or the chair can withdraw ${clause.proposedBy}'s proposal.`,
    );
  }
  if (actor.role === 'secretariat' && clause.proposedBy !== null) {
    return fail(
      DecisionErrorCode.forbidden,
      `${capitalised(clause.label)} is ${clause.proposedBy}'s proposal: only ${clause.proposedBy} or the chair can withdraw it.`,
    );
  }
  const withdrawnProposal = clause.proposedBy !== null && actor.delegation === clause.proposedBy;
  return {
    ok: true,
    effect: { type: 'delete-clause', clauseId: clause.id, kind: clause.kind, label: clause.label, withdrawnProposal },
  };
}

function restoreClause(facts: DecisionFacts, command: Extract<Command, { type: 'restore-clause' }>): Decision {
  const removed = facts.removed.find((c) => c.id === command.clauseId);
  if (removed === undefined) {
    const inOrder = facts.clauses.some((c) => c.id === command.clauseId);
    return fail(
      inOrder ? DecisionErrorCode.structureChanged : DecisionErrorCode.unknownClause,
      inOrder ? 'This clause is in the draft already.' : 'This clause was never in the draft.',
    );
  }
  if (facts.clauses.length >= DraftLimits.maxClauses) {
    return fail(DecisionErrorCode.structureChanged, `A draft holds at most ${DraftLimits.maxClauses} clauses.`);
  }
  const index = placeAfter(facts.clauses, command.after);
  if (typeof index !== 'number') return { ok: false, error: index };
  const { labels } = labelsAfter(facts.clauses, (order) => order.splice(index, 0, removed));
  return {
    ok: true,
    effect: { type: 'restore-clause', clauseId: removed.id, kind: removed.kind, index, label: labels[index] ?? '' },
  };
}

/** The chair takes a delegation's proposal into the text: it is numbered in place from now on. */
function takeUpClause(facts: DecisionFacts, clause: ClauseDecisionFacts): Decision {
  if (clause.proposedBy === null) {
    return fail(DecisionErrorCode.structureChanged, `${capitalised(clause.label)} is part of the text already.`);
  }
  const index = facts.clauses.indexOf(clause);
  const { labels } = labelsAfter(facts.clauses, (order) => {
    order[index] = { kind: clause.kind, proposedBy: null };
  });
  return {
    ok: true,
    effect: {
      type: 'take-up-clause',
      clauseId: clause.id,
      kind: clause.kind,
      from: clause.label,
      to: labels[index] ?? clause.label,
      proposedBy: clause.proposedBy,
    },
  };
}

function adopt(facts: DecisionFacts, actor: Actor, command: Extract<Command, { type: 'adopt' }>): Decision {
  const created = facts.draft.createdAt.slice(0, 10);
  if (command.date < created) {
    return fail(
      DecisionErrorCode.invalidDate,
      `The adoption date ${command.date} is before the draft was created (${created}). Give the day it is adopted.`,
    );
  }
  // A day's grace: the meeting's calendar day may already be tomorrow in UTC's terms, or not yet.
  if (command.date > addDays(facts.now.slice(0, 10), 1)) {
    return fail(
      DecisionErrorCode.invalidDate,
      `The adoption date ${command.date} is in the future: a text is adopted on the day the chair adopts it.`,
    );
  }
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
  return canTakeStance(facts, actor, clauseId, 'endorsed');
}

/** Whether this stance on the clause's current text would be accepted (a frozen clause takes fewer). */
export function canTakeStance(facts: DecisionFacts, actor: Actor, clauseId: string, stance: PositionStance): boolean {
  const textHash = currentHash(facts, clauseId);
  if (textHash === null) return false;
  const reason = stance === 'reserved' ? { reason: 'asked' } : {};
  return decide(facts, actor, { type: 'position', clauseId, stance, textHash, ...reason }).ok;
}

/** Whether the delegation may endorse the clause's current text ad referendum (with no date named). */
export function canAgreeAdReferendum(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  const textHash = currentHash(facts, clauseId);
  if (textHash === null) return false;
  return decide(facts, actor, { type: 'position', clauseId, stance: 'endorsed', textHash, adReferendum: {} }).ok;
}

/** Whether this actor may add a clause at all (where is not judged). */
export function canAddClause(facts: DecisionFacts, actor: Actor): boolean {
  const after = facts.clauses.at(-1)?.id ?? null;
  return decide(facts, actor, { type: 'add-clause', clauseId: 'probe-id', kind: 'operative', after }).ok;
}

/** Whether the clause may be moved to follow `after` (null: first) by this actor. */
export function canMoveClause(facts: DecisionFacts, actor: Actor, clauseId: string, after: OrderAnchor): boolean {
  return decide(facts, actor, { type: 'move-clause', clauseId, after }).ok;
}

/** Whether this actor may delete the clause (a delegation: withdraw its own proposal). */
export function canDeleteClause(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  return decide(facts, actor, { type: 'delete-clause', clauseId }).ok;
}

/** Whether this actor may restore the deleted clause at the end of the draft. */
export function canRestoreClause(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  const after = facts.clauses.at(-1)?.id ?? null;
  return decide(facts, actor, { type: 'restore-clause', clauseId, after }).ok;
}

/** Whether the chair may take this proposal into the text. */
export function canTakeUpClause(facts: DecisionFacts, actor: Actor, clauseId: string): boolean {
  return decide(facts, actor, { type: 'take-up-clause', clauseId }).ok;
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

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD. */
function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function fail(code: DecisionErrorCode, message: string, details?: unknown): Decision {
  return { ok: false, error: refusal(code, message, details) };
}

function refusal(code: DecisionErrorCode, message: string, details?: unknown): DecisionError {
  return details === undefined ? { code, message } : { code, message, details };
}
