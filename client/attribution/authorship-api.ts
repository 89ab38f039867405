import { ClauseHistory, DraftAuthors } from '../../shared/schemas/attribution.ts';
import { fetchJson } from '../api/fetch-json.ts';

/** Every client id of the draft with the delegation (or role) it writes for. */
export function getDraftAuthors(draftId: string): Promise<DraftAuthors> {
  return fetchJson(DraftAuthors, `/api/drafts/${encodeURIComponent(draftId)}/authors`);
}

/** A clause's runs by author and its edits grouped by author and minute, newest first. */
export function getClauseHistory(draftId: string, clauseId: string): Promise<ClauseHistory> {
  return fetchJson(
    ClauseHistory,
    `/api/drafts/${encodeURIComponent(draftId)}/clauses/${encodeURIComponent(clauseId)}/history`,
  );
}
