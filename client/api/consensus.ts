import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import { ClauseTextRecord, CommandAccepted, DraftState } from '../../shared/schemas/state.ts';
import { fetchJson } from './fetch-json.ts';

export function getDraftState(draftId: string): Promise<DraftState> {
  return fetchJson(DraftState, `/api/drafts/${encodeURIComponent(draftId)}/state`);
}

/** Sends a command; a refusal arrives as an ApiError with the server's code and message. */
export function sendCommand(draftId: string, command: Command) {
  return fetchJson(CommandAccepted, `/api/drafts/${encodeURIComponent(draftId)}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(command),
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
