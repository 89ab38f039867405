import { Comparison, VersionList } from '../../shared/schemas/versions.ts';
import { sendCommand } from '../api/consensus.ts';
import { fetchJson } from '../api/fetch-json.ts';

const base = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;

export function fetchVersions(draftId: string) {
  return fetchJson(VersionList, `${base(draftId)}/versions`);
}

/** The compare of version `from` with version `to` or the current text. */
export function fetchComparison(draftId: string, from: number, to: number | 'current') {
  return fetchJson(Comparison, compareUrl(draftId, from, to));
}

export function compareUrl(draftId: string, from: number, to: number | 'current', format?: 'docx' | 'html'): string {
  const query = `from=${from}&to=${to}${format === undefined ? '' : `&format=${format}`}`;
  return `${base(draftId)}/compare${format === undefined ? '' : '/export'}?${query}`;
}

/** The chair names a version of the whole draft; a refusal arrives as an ApiError. */
export function nameVersion(draftId: string, label: string) {
  return sendCommand(draftId, { type: 'name-version', label });
}

/** The number of the latest version recorded at or before `at` (ISO), or null if none was. */
export async function versionAtOrBefore(draftId: string, at: string): Promise<number | null> {
  const { versions } = await fetchVersions(draftId);
  const earlier = versions.filter((v) => v.at <= at);
  return earlier.at(-1)?.n ?? null;
}

/** Sets a clause back to the words of version `version`, as a new edit the server writes. */
export function restoreVersionText(draftId: string, clauseId: string, version: number, textHash: string) {
  return sendCommand(draftId, { type: 'restore-version-text', clauseId, version, textHash });
}
