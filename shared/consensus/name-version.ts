import type { Command } from '../schemas/commands.ts';

/**
 * Versions: points in a draft's history with a label, each holding every clause's words, runs
 * and hash in reading order. The chair names them (`name-version`); the server records one with
 * each freeze, re-opening, circulation under silence and adoption, in the same transaction as
 * that decision (see `versions.ts`). A version is never changed.
 */
export type VersionEffect = { type: 'name-version'; label: string };

/** The chair's `name-version`: the role was checked already, and nothing else stands in its way. */
export function nameVersion(command: Extract<Command, { type: 'name-version' }>): {
  ok: true;
  effect: VersionEffect;
} {
  return { ok: true, effect: { type: 'name-version', label: command.label.trim() } };
}
