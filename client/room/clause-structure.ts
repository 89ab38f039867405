import type { ClauseKind } from '../../shared/schemas/draft.ts';
import { sendCommand } from '../api/consensus.ts';

/**
 * Changes to the clause list, as commands: the server decides who may make them, records who did,
 * and writes them into the document itself (a client that touches the list directly is refused).
 * Each names the clause a change is to follow, so that one made on a list that moved meanwhile
 * is refused rather than landing in the wrong place.
 */

/** A new clause id: 96 random bits, in the alphabet of the server's ids. */
export function newClauseId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
}

/** Adds an empty clause of `kind` at `index` of `order`; resolves to its id once the server took it. */
export async function addClause(
  draftId: string,
  order: readonly string[],
  index: number,
  kind: ClauseKind,
): Promise<string> {
  const clauseId = newClauseId();
  await sendCommand(draftId, { type: 'add-clause', clauseId, kind, after: order[index - 1] ?? null });
  return clauseId;
}

/** Moves a clause one place up (-1) or down (+1) in `order`. */
export async function moveClause(
  draftId: string,
  order: readonly string[],
  clauseId: string,
  step: -1 | 1,
): Promise<void> {
  const index = order.indexOf(clauseId);
  // `after` is read on the list without the clause: up, the one two places before; down, the next.
  const after = step === -1 ? (order[index - 2] ?? null) : (order[index + 1] ?? null);
  if (index === -1 || (step === 1 && index === order.length - 1) || (step === -1 && index === 0)) return;
  await sendCommand(draftId, { type: 'move-clause', clauseId, after });
}

/** Takes a clause out of the text. Its words and the positions on it are kept: it can be restored. */
export async function deleteClause(draftId: string, clauseId: string): Promise<void> {
  await sendCommand(draftId, { type: 'delete-clause', clauseId });
}

/** Puts a deleted clause back after `after` (null: first). */
export async function restoreClause(draftId: string, clauseId: string, after: string | null): Promise<void> {
  await sendCommand(draftId, { type: 'restore-clause', clauseId, after });
}

/** The chair takes a delegation's proposal into the text. */
export async function takeUpClause(draftId: string, clauseId: string): Promise<void> {
  await sendCommand(draftId, { type: 'take-up-clause', clauseId });
}
