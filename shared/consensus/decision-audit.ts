import { z } from 'zod';
import type { AuditEntry, AuditEntryInput } from '../schemas/audit.ts';
import { PositionStance } from '../schemas/commands.ts';
import type { Actor } from '../schemas/decisions.ts';
import type { DecisionEvent } from '../schemas/events.ts';
import type { DecisionEffect } from './decide.ts';

/**
 * The audit entry of an accepted command: who, when, on which text, and what the command said.
 * Stored with the effect in one transaction; every pushed event is read back from it.
 */
export function auditEntryOf(effect: DecisionEffect, actor: Actor, at: string): AuditEntryInput {
  const entry = { at, actor };
  switch (effect.type) {
    case 'set-position': {
      const { stance, reason, textHash } = effect.position;
      const details = reason === null ? { stance } : { stance, reason };
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
  }
}

const PositionDetails = z.object({ stance: PositionStance, reason: z.string().optional() });
const ReopenDetails = z.object({ reason: z.string() });

/**
 * The event a stored audit entry stands for: what the command changed. Live events and the
 * catch-up of a reconnecting client both come from here, so they can never differ.
 */
export function decisionEventOf(entry: AuditEntry): DecisionEvent {
  const { seq, at, actor, command } = entry;
  const event = { seq, at, actor, command };
  const clauseId = entry.clauseId ?? '';
  const textHash = entry.textHash ?? '';
  switch (command) {
    case 'position': {
      const { stance, reason } = PositionDetails.parse(entry.details);
      const delegation = actor.delegation ?? '';
      const position = stance === 'withdrawn' ? null : { delegation, stance, reason: reason ?? null, textHash, at };
      return { ...event, change: { type: 'position', clauseId, delegation, position } };
    }
    case 'freeze':
      return { ...event, change: { type: 'freeze', clauseId, frozen: { at, by: actor.session, textHash } } };
    case 'reopen':
      return { ...event, change: { type: 'reopen', clauseId, reason: ReopenDetails.parse(entry.details).reason } };
    case 'adopt':
      return { ...event, change: { type: 'adopt', adoption: { at, textHash } } };
    default:
      throw new Error(`Audit entry ${seq} records an unknown command "${command}".`);
  }
}
