import type { ClauseRun } from '../schemas/clause-run.ts';
import type { Command } from '../schemas/commands.ts';
import type { SilenceRecord } from '../schemas/silence.ts';
import { DecisionErrorCode } from './decision-error.ts';

/**
 * Restoring a clause to the words a version holds: a new edit, written by the server into the
 * clause's text (so that it is attributed and logged as any other), never a rewind of the log.
 * Refused while the clause is frozen, under silence or once the draft is adopted (that is
 * checked before every command), and when the sender did not see the current words.
 */
export type RestoreTextEffect = {
  type: 'restore-version-text';
  clauseId: string;
  version: number;
  label: string;
  /** The hash of the words replaced, and the words and runs written. */
  textHash: string;
  text: string;
  runs: ClauseRun[];
  restoredHash: string;
};

type RestoreCommand = Extract<Command, { type: 'restore-version-text' }>;

/** The clause as a version holds it, read by the server before deciding; null: the version has no such clause. */
export interface VersionTextFact {
  text: string;
  runs: readonly ClauseRun[];
  textHash: string;
}

interface RestoreFacts {
  clauses: readonly { id: string; label: string; textHash: string; text: string; frozen: unknown }[];
  silences?: readonly SilenceRecord[];
  versionText?: (n: number, clauseId: string) => VersionTextFact | null;
}

type Refusal = { ok: false; error: { code: DecisionErrorCode; message: string; details?: unknown } };

export function decideRestoreText(
  facts: RestoreFacts,
  command: RestoreCommand,
): { ok: true; effect: RestoreTextEffect } | Refusal {
  const fail = (code: DecisionErrorCode, message: string, details?: unknown): Refusal => ({
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  });
  const clause = facts.clauses.find((c) => c.id === command.clauseId);
  if (clause === undefined) {
    return fail(DecisionErrorCode.unknownClause, 'This clause is not in the draft (it may have been deleted). Reload.');
  }
  if (clause.frozen !== null) {
    return fail(DecisionErrorCode.frozen, 'This clause is frozen: its text is locked until the chair re-opens it.');
  }
  const running = facts.silences?.find((s) => s.state === 'running');
  if (running !== undefined && (running.clauseIds === null || running.clauses.some((c) => c.id === clause.id))) {
    return fail(DecisionErrorCode.silence, 'This text is under silence: it is locked until silence ends.');
  }
  if (command.textHash !== clause.textHash) {
    return fail(
      DecisionErrorCode.textChanged,
      'The text of this clause changed since you read it. Read the current text, then try again.',
      { currentTextHash: clause.textHash, currentText: clause.text },
    );
  }
  const earlier = facts.versionText?.(command.version, clause.id) ?? null;
  if (earlier === null) {
    return fail(DecisionErrorCode.unknownClause, `Version ${command.version} does not have ${clause.label}.`);
  }
  if (earlier.textHash === clause.textHash) {
    return fail(DecisionErrorCode.textChanged, `${clause.label} already has the words of version ${command.version}.`);
  }
  return {
    ok: true,
    effect: {
      type: 'restore-version-text',
      clauseId: clause.id,
      version: command.version,
      label: clause.label,
      textHash: clause.textHash,
      text: earlier.text,
      runs: [...earlier.runs],
      restoredHash: earlier.textHash,
    },
  };
}
