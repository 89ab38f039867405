import { DraftSummary } from '../../shared/schemas/draft.ts';
import { fetchJson } from './fetch-json.ts';

export function getDraftSummary(draftId: string): Promise<DraftSummary> {
  return fetchJson(DraftSummary, `/api/drafts/${encodeURIComponent(draftId)}`);
}
