import { ErrorBody } from '../../shared/errors.ts';
import { DraftState } from '../../shared/schemas/state.ts';

/** Sends a command as the holder of `cookie` (null: no session); returns status and body. */
export async function sendCommand(
  baseUrl: string,
  draftId: string,
  cookie: string | null,
  command: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/drafts/${draftId}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie === null ? {} : { cookie }) },
    body: JSON.stringify(command),
  });
  return { status: response.status, body: await response.json() };
}

/** The error code of a refused command's body. */
export function errorCode(body: unknown): string {
  return ErrorBody.parse(body).error.code;
}

/** `GET /api/drafts/:id/state` as `cookie` sees it. */
export async function fetchState(baseUrl: string, draftId: string, cookie: string): Promise<DraftState> {
  const response = await fetch(`${baseUrl}/api/drafts/${draftId}/state`, { headers: { cookie } });
  if (!response.ok) throw new Error(`state answered ${response.status}`);
  return DraftState.parse(await response.json());
}
