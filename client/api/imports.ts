import { type CreateDraftRequest, CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { ImportResult } from '../../shared/schemas/import.ts';
import { fetchJson } from './fetch-json.ts';
import { operatorHeaders } from './operator-token.ts';

/** Reads a pasted text; answers the structure the server recognised, creating nothing. */
export function importText(text: string): Promise<ImportResult> {
  return fetchJson(ImportResult, '/api/import', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...operatorHeaders() },
    body: JSON.stringify({ text }),
  });
}

/** Reads an uploaded .txt, .md or .docx file the same way. */
export function importFile(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file);
  return fetchJson(ImportResult, '/api/import', { method: 'POST', body: form, headers: operatorHeaders() });
}

/** Creates a draft; whoever creates it is its chair and receives every link. */
export function createDraft(request: CreateDraftRequest): Promise<CreateDraftResponse> {
  return fetchJson(CreateDraftResponse, '/api/drafts', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...operatorHeaders() },
    body: JSON.stringify(request),
  });
}
