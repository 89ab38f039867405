import { z } from 'zod';
import { AlternativeMark, type AlternativeRecord, type AlternativeView } from '../schemas/alternatives.ts';
import type { AuditEntry, AuditEntryInput } from '../schemas/audit.ts';
import { PositionStance } from '../schemas/commands.ts';
import type { Actor, FrozenRecord, PositionRecord } from '../schemas/decisions.ts';
import type { DecisionChange, DecisionEvent } from '../schemas/events.ts';
import type { ClauseState } from '../schemas/state.ts';
import { type AlternativeEffect, type AlternativeFacts, isStaleOnAlternative } from './alternatives.ts';
import { hashClauseText } from './clause-hash.ts';

/** What is decided on a clause, as far as its alternatives go (a `ClauseDecisionRecord` is one). */
interface AlternativeHolder {
  positions: readonly PositionRecord[];
  frozen: FrozenRecord | null;
  alternatives?: readonly AlternativeRecord[];
}

/**
 * Alternatives in the decision records, the audit log, the events and `/state`: how each of
 * their commands is kept and replayed, so that the server's store, a loaded state and a client
 * that applied the events since all hold the same alternatives.
 */

/** The words an alternative's root holds now, as the doc's reader gives them. */
export interface AlternativeText {
  text: string;
  runs?: AlternativeFacts['runs'];
  hash: string;
}

/** Reads alternative `n` of a clause from the document. */
export type AlternativeTextReader = (clauseId: string, n: number) => AlternativeText;

/** The clause's alternatives on record, each with the words the document holds for it now. */
export function alternativeFactsOf(
  clauseId: string,
  record: Pick<AlternativeHolder, 'alternatives'>,
  read: AlternativeTextReader | undefined,
): AlternativeFacts[] | undefined {
  if (record.alternatives === undefined || record.alternatives.length === 0) return undefined;
  return record.alternatives.map((alternative) => {
    const words = read?.(clauseId, alternative.n) ?? EMPTY;
    return {
      ...alternative,
      text: words.text,
      ...(words.runs === undefined ? {} : { runs: words.runs }),
      textHash: words.hash,
    };
  });
}

// What an alternative reads as where no document is read (the structure rights' wordless facts).
const EMPTY: AlternativeText = { text: '', hash: hashClauseText('') };

/** The clause's alternatives as `/state` shows them. */
export function alternativeViewsOf(
  clause: { alternatives?: readonly AlternativeFacts[]; number: string | null },
  delegations: readonly string[],
): ClauseState['alternatives'] {
  if (clause.alternatives === undefined) return undefined;
  return clause.alternatives.map((alternative): AlternativeView => {
    const positions = alternative.positions.map((p) => ({
      ...p,
      stale: isStaleOnAlternative(p, alternative, clause),
    }));
    const { n, proposedBy, sponsors, state, at, textHash } = alternative;
    const endorsedCount = positions.filter(
      (p) => !p.stale && p.stance === 'endorsed' && delegations.includes(p.delegation),
    ).length;
    return { n, proposedBy, sponsors, state, at, textHash, endorsedCount, positions };
  });
}

/** The records' alternatives of a clause as a loaded `/state` holds them. */
export function alternativeRecordsOfState(clause: ClauseState): AlternativeRecord[] | undefined {
  if (clause.alternatives === undefined || clause.alternatives.length === 0) return undefined;
  return clause.alternatives.map(({ textHash: _hash, endorsedCount: _count, positions, ...mark }) => ({
    ...mark,
    positions: positions.map(({ stale: _stale, ...position }) => position),
  }));
}

type AlternativeDecisionChange = Extract<DecisionChange, { type: 'alternative' | 'alternative-position' }>;

/** A clause's record after an alternative event. */
export function applyAlternativeChange<R extends AlternativeHolder>(before: R, change: AlternativeDecisionChange): R {
  const alternatives = before.alternatives ?? [];
  if (change.type === 'alternative') {
    const { alternative } = change;
    const existing = alternatives.find((a) => a.n === alternative.n);
    const next: AlternativeRecord = { ...alternative, positions: existing?.positions ?? [] };
    return {
      ...before,
      alternatives:
        existing === undefined ? [...alternatives, next] : alternatives.map((a) => (a.n === alternative.n ? next : a)),
    };
  }
  return {
    ...before,
    alternatives: alternatives.map((a) => {
      if (a.n !== change.alternative) return a;
      const others = a.positions.filter((p) => p.delegation !== change.delegation);
      return { ...a, positions: change.position === null ? others : [...others, change.position] };
    }),
  };
}

/**
 * A clause's record after the chair froze it on alternative `n`: retained, the other open ones
 * not retained, and the positions taken on the retained words now the clause's, replacing what
 * those delegations held on the clause before.
 */
export function applyFreezeWithAlternative<R extends AlternativeHolder>(before: R, frozen: FrozenRecord, n: number): R {
  const alternatives = before.alternatives ?? [];
  const retained = alternatives.find((a) => a.n === n);
  const carried = (retained?.positions ?? []).filter((p) => p.textHash === frozen.textHash);
  const carriedBy = new Set(carried.map((p) => p.delegation));
  return {
    ...before,
    frozen,
    positions: [...before.positions.filter((p) => !carriedBy.has(p.delegation)), ...carried],
    alternatives: alternatives.map((a) => {
      if (a.n === n) return { ...a, state: 'retained' as const };
      return a.state === 'open' ? { ...a, state: 'not-retained' as const } : a;
    }),
  };
}

/** The audit entry of an alternative effect. */
export function alternativeAuditOf(effect: AlternativeEffect, actor: Actor, at: string): AuditEntryInput {
  const entry = { at, actor };
  switch (effect.type) {
    case 'alternative': {
      const command = COMMAND_OF[effect.change];
      const details = { alternative: effect.alternative, copyText: effect.copyText };
      return { ...entry, command, clauseId: effect.clauseId, textHash: null, details };
    }
    case 'set-alternative-position': {
      const { stance, reason, textHash, number } = effect.position;
      const details = {
        alternative: effect.n,
        stance,
        ...(reason === null ? {} : { reason }),
        ...(number === undefined ? {} : { number }),
      };
      return { ...entry, command: 'position', clauseId: effect.clauseId, textHash, details };
    }
    case 'withdraw-alternative-position':
      return {
        ...entry,
        command: 'position',
        clauseId: effect.clauseId,
        textHash: effect.textHash,
        details: { alternative: effect.n, stance: 'withdrawn' },
      };
    case 'freeze-alternative':
      return {
        ...entry,
        command: 'freeze',
        clauseId: effect.clauseId,
        textHash: effect.frozen.textHash,
        details: { alternative: effect.n, notRetained: effect.notRetained },
      };
  }
}

const COMMAND_OF = {
  proposed: 'propose-alternative',
  sponsored: 'sponsor-alternative',
  left: 'leave-alternative',
  withdrawn: 'withdraw-alternative',
} as const;

const ALTERNATIVE_COMMANDS: ReadonlySet<string> = new Set(Object.values(COMMAND_OF));

const AlternativeDetails = z.object({ alternative: AlternativeMark });
const AlternativePositionDetails = z.object({
  alternative: z.number(),
  stance: PositionStance,
  reason: z.string().optional(),
  number: z.string().nullable().optional(),
});
const OnAlternative = z.object({ alternative: z.number() });

/**
 * The event of an audit entry about an alternative, or null for an entry that is not: a
 * proposal, sponsorship, leaving or withdrawal, a position on one, or a freeze on one.
 */
export function alternativeEventOf(entry: AuditEntry): DecisionEvent | null {
  const { seq, at, actor, command } = entry;
  const event = { seq, at, actor, command };
  const clauseId = entry.clauseId ?? '';
  const textHash = entry.textHash ?? '';
  if (ALTERNATIVE_COMMANDS.has(command)) {
    const { alternative } = AlternativeDetails.parse(entry.details);
    const change = CHANGE_OF[command as (typeof COMMAND_OF)[keyof typeof COMMAND_OF]];
    return { ...event, change: { type: 'alternative', clauseId, change, alternative } };
  }
  if (!OnAlternative.safeParse(entry.details).success) return null;
  if (command === 'position') {
    const { alternative, stance, reason, number } = AlternativePositionDetails.parse(entry.details);
    const delegation = actor.delegation ?? '';
    const position: PositionRecord | null =
      stance === 'withdrawn'
        ? null
        : { delegation, stance, reason: reason ?? null, textHash, at, ...(number === undefined ? {} : { number }) };
    return { ...event, change: { type: 'alternative-position', clauseId, alternative, delegation, position } };
  }
  if (command === 'freeze') {
    const { alternative } = OnAlternative.parse(entry.details);
    return {
      ...event,
      change: { type: 'freeze', clauseId, frozen: { at, by: actor.session, textHash }, alternative },
    };
  }
  return null;
}

const CHANGE_OF = {
  'propose-alternative': 'proposed',
  'sponsor-alternative': 'sponsored',
  'leave-alternative': 'left',
  'withdraw-alternative': 'withdrawn',
} as const;
