import type { Command } from '../../shared/schemas/commands.ts';
import { AdoptionSummary, CommandAccepted, DraftState } from '../../shared/schemas/state.ts';
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

export function getAdoption(draftId: string): Promise<AdoptionSummary> {
  return fetchJson(AdoptionSummary, `/api/drafts/${encodeURIComponent(draftId)}/adoption`);
}
