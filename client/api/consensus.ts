import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import { ClauseTextRecord, CommandAccepted, DraftState } from '../../shared/schemas/state.ts';
import { ApiError, fetchJson } from './fetch-json.ts';

export function getDraftState(draftId: string): Promise<DraftState> {
  return fetchJson(DraftState, `/api/drafts/${encodeURIComponent(draftId)}/state`);
}

/** A command that could not reach the server is sent again for this long at most... */
export const RETRY_COMMAND_FOR_MS = 10 * 60_000;
/** ...at once when the browser is back online, and otherwise after these waits (the last repeats). */
const RETRY_WAITS_MS = [1000, 2000, 5000, 10_000];

/**
 * Sends a command; a refusal arrives as an ApiError with the server's code and message. A
 * position, a freeze or a re-open that cannot reach the server (offline) is sent again when the
 * connection is back, on the text hash it was taken on: the server refuses it if the text changed
 * meanwhile, as it would have then. Adoption is not: the chair decides it again in its dialog.
 */
export async function sendCommand(draftId: string, command: Command) {
  const send = () =>
    fetchJson(CommandAccepted, `/api/drafts/${encodeURIComponent(draftId)}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(command),
    });
  // Decided again by the person, not resent: an adoption, a circulation (its deadline), a statement.
  if (command.type === 'adopt' || command.type === 'circulate-silence' || command.type === 'issue-chair-statement') {
    return send();
  }
  const giveUpAt = Date.now() + RETRY_COMMAND_FOR_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error: unknown) {
      if (!(error instanceof ApiError) || error.code !== 'offline') throw error;
      if (Date.now() >= giveUpAt) {
        throw new ApiError(
          0,
          'offline',
          `Not sent: the server could not be reached for ${RETRY_COMMAND_FOR_MS / 60_000} minutes. Check your connection and try again.`,
        );
      }
      await backOnline(RETRY_WAITS_MS[Math.min(attempt, RETRY_WAITS_MS.length - 1)] ?? 10_000);
    }
  }
}

/** Resolves when the browser says it is online again, or after `waitMs`, whichever comes first. */
function backOnline(waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('online', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    globalThis.addEventListener?.('online', done);
  });
}

export function getAdoption(draftId: string): Promise<AdoptionRecord> {
  return fetchJson(AdoptionRecord, `/api/drafts/${encodeURIComponent(draftId)}/adoption`);
}

/** The clause text a position or a freeze was taken on, by its hash. */
export function getClauseText(draftId: string, textHash: string): Promise<ClauseTextRecord> {
  return fetchJson(
    ClauseTextRecord,
    `/api/drafts/${encodeURIComponent(draftId)}/texts/${encodeURIComponent(textHash)}`,
  );
}
