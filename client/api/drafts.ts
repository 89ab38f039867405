import { DraftSummary, ReplacedLink, type ReplaceLinkRequest } from '../../shared/schemas/draft.ts';
import { fetchJson } from './fetch-json.ts';

export function getDraftSummary(draftId: string): Promise<DraftSummary> {
  return fetchJson(DraftSummary, `/api/drafts/${encodeURIComponent(draftId)}`);
}

/** The chair replaces one link: the old one stops working and its sessions end at once. */
export function replaceLink(draftId: string, request: ReplaceLinkRequest): Promise<ReplacedLink> {
  return fetchJson(ReplacedLink, `/api/drafts/${encodeURIComponent(draftId)}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}
