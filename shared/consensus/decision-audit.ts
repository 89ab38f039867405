import { z } from 'zod';
import type { AuditEntry, AuditEntryInput } from '../schemas/audit.ts';
import { BracketCommandType, BracketRecord } from '../schemas/brackets.ts';
import { PositionStance } from '../schemas/commands.ts';
import { type Actor, AdReferendum, ReservationKind } from '../schemas/decisions.ts';
import { ClauseKind } from '../schemas/draft.ts';
import type { DecisionEvent } from '../schemas/events.ts';
import { alternativeAuditOf, alternativeEventOf } from './alternative-records.ts';
import type { DecisionEffect } from './decide.ts';
import { silenceAuditEntry, silenceEventOf } from './silence.ts';

/**
 * The audit entry of an accepted command: who, when, on which text, and what the command said.
 * Stored with the effect in one transaction; every pushed event is read back from it.
 */
export function auditEntryOf(effect: DecisionEffect, actor: Actor, at: string): AuditEntryInput {
  const entry = { at, actor };
  switch (effect.type) {
    case 'set-position': {
      const { stance, reason, textHash, number, adReferendum, reservationKind } = effect.position;
      const details = {
        stance,
        ...(reason === null ? {} : { reason }),
        ...(number === undefined ? {} : { number }),
        ...(adReferendum === undefined ? {} : { adReferendum }),
        ...(reservationKind === undefined ? {} : { reservationKind }),
      };
      return { ...entry, command: 'position', clauseId: effect.clauseId, textHash, details };
    }
    case 'withdraw-position':
      return {
        ...entry,
        command: 'position',
        clauseId: effect.clauseId,
        textHash: effect.textHash,
        details: { stance: 'withdrawn' },
      };
    case 'freeze':
      return { ...entry, command: 'freeze', clauseId: effect.clauseId, textHash: effect.frozen.textHash, details: {} };
    case 'reopen':
      return {
        ...entry,
        command: 'reopen',
        clauseId: effect.clauseId,
        textHash: effect.textHash,
        details: { reason: effect.reason },
      };
    case 'adopt':
      return {
        ...entry,
        command: 'adopt',
        clauseId: null,
        textHash: effect.record.textHash,
        details: { place: effect.record.place, date: effect.record.date },
      };
    case 'add-clause': {
      const { clauseId, kind, label, proposedBy, index } = effect;
      return { ...entry, command: effect.type, clauseId, textHash: null, details: { kind, label, proposedBy, index } };
    }
    case 'move-clause': {
      const { clauseId, kind, from, to, index } = effect;
      return { ...entry, command: effect.type, clauseId, textHash: null, details: { kind, from, to, index } };
    }
    case 'delete-clause': {
      const { clauseId, kind, label, withdrawnProposal } = effect;
      return { ...entry, command: effect.type, clauseId, textHash: null, details: { kind, label, withdrawnProposal } };
    }
    case 'restore-clause': {
      const { clauseId, kind, label, index } = effect;
      return { ...entry, command: effect.type, clauseId, textHash: null, details: { kind, label, index } };
    }
    case 'take-up-clause': {
      const { clauseId, kind, from, to, proposedBy } = effect;
      return { ...entry, command: effect.type, clauseId, textHash: null, details: { kind, from, to, proposedBy } };
    }
    case 'bracket':
      return {
        ...entry,
        command: effect.command,
        clauseId: effect.clauseId,
        textHash: effect.textHash,
        details: { bracket: effect.bracket },
      };
    case 'alternative':
    case 'set-alternative-position':
    case 'withdraw-alternative-position':
    case 'freeze-alternative':
      return alternativeAuditOf(effect, actor, at);
    case 'circulate-silence':
    case 'break-silence':
    case 'withdraw-silence':
    case 'conclude-silence':
    case 'issue-chair-statement':
      return silenceAuditEntry(effect, actor, at);
    case 'name-version':
      return { ...entry, command: effect.type, clauseId: null, textHash: null, details: { label: effect.label } };
    case 'restore-version-text':
      return {
        ...entry,
        command: effect.type,
        clauseId: effect.clauseId,
        textHash: effect.textHash,
        details: { version: effect.version, restoredHash: effect.restoredHash },
      };
  }
}

const PositionDetails = z.object({
  stance: PositionStance,
  reason: z.string().optional(),
  number: z.string().nullable().optional(),
  adReferendum: AdReferendum.optional(),
  reservationKind: ReservationKind.optional(),
});
const AddedDetails = z.object({ kind: ClauseKind, label: z.string(), proposedBy: z.string().nullable() });
const MovedDetails = z.object({ kind: ClauseKind, from: z.string(), to: z.string() });
const DeletedDetails = z.object({ kind: ClauseKind, label: z.string(), withdrawnProposal: z.boolean() });
const RestoredDetails = z.object({ kind: ClauseKind, label: z.string() });
const TakenUpDetails = z.object({ kind: ClauseKind, from: z.string(), to: z.string(), proposedBy: z.string() });
const ReopenDetails = z.object({ reason: z.string() });
const BracketDetails = z.object({ bracket: BracketRecord });
const NamedDetails = z.object({ label: z.string() });
const RestoredTextDetails = z.object({ version: z.number(), restoredHash: z.string() });

/**
 * The event a stored audit entry stands for: what the command changed. Live events and the
 * catch-up of a reconnecting client both come from here, so they can never differ.
 */
export function decisionEventOf(entry: AuditEntry): DecisionEvent {
  const { seq, at, actor, command } = entry;
  const event = { seq, at, actor, command };
  const clauseId = entry.clauseId ?? '';
  const textHash = entry.textHash ?? '';
  const onAlternative = alternativeEventOf(entry);
  if (onAlternative !== null) return onAlternative;
  switch (command) {
    case 'position': {
      const { stance, reason, number, adReferendum, reservationKind } = PositionDetails.parse(entry.details);
      const delegation = actor.delegation ?? '';
      const position =
        stance === 'withdrawn'
          ? null
          : {
              delegation,
              stance,
              reason: reason ?? null,
              textHash,
              at,
              ...(number === undefined ? {} : { number }),
              ...(adReferendum === undefined ? {} : { adReferendum }),
              ...(reservationKind === undefined ? {} : { reservationKind }),
            };
      return { ...event, change: { type: 'position', clauseId, delegation, position } };
    }
    case 'freeze':
      return { ...event, change: { type: 'freeze', clauseId, frozen: { at, by: actor.session, textHash } } };
    case 'reopen':
      return { ...event, change: { type: 'reopen', clauseId, reason: ReopenDetails.parse(entry.details).reason } };
    case 'adopt':
      return { ...event, change: { type: 'adopt', adoption: { at, textHash } } };
    case 'add-clause':
      return { ...event, change: { type: 'clause-added', clauseId, ...AddedDetails.parse(entry.details) } };
    case 'move-clause':
      return { ...event, change: { type: 'clause-moved', clauseId, ...MovedDetails.parse(entry.details) } };
    case 'delete-clause':
      return { ...event, change: { type: 'clause-deleted', clauseId, ...DeletedDetails.parse(entry.details) } };
    case 'restore-clause':
      return { ...event, change: { type: 'clause-restored', clauseId, ...RestoredDetails.parse(entry.details) } };
    case 'take-up-clause':
      return { ...event, change: { type: 'proposal-taken-up', clauseId, ...TakenUpDetails.parse(entry.details) } };
    case 'place-bracket':
    case 'join-bracket':
    case 'leave-bracket':
    case 'lift-bracket':
    case 'propose-deletion': {
      const { bracket } = BracketDetails.parse(entry.details);
      return { ...event, change: { type: 'bracket', clauseId, command: BracketCommandType.parse(command), bracket } };
    }
    case 'name-version':
      return { ...event, change: { type: 'version-named', label: NamedDetails.parse(entry.details).label } };
    case 'restore-version-text':
      return {
        ...event,
        change: { type: 'clause-text-restored', clauseId, ...RestoredTextDetails.parse(entry.details) },
      };
    default: {
      const silence = silenceEventOf(entry);
      if (silence !== null) return silence;
      throw new Error(`Audit entry ${seq} records an unknown command "${command}".`);
    }
  }
}
