import type { z } from 'zod';
import { ErrorBody } from '../../shared/errors.ts';

/** A failed API call with the server's code and a message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details`, as the server sent them (not yet parsed: each caller knows its shape). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Calls the API and parses the answer with the shared schema; errors become {@link ApiError}. */
export async function fetchJson<T extends z.ZodType>(schema: T, url: string, init?: RequestInit): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'offline', 'The server cannot be reached. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(body);
    if (parsed.success)
      throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
    throw new ApiError(response.status, 'http_error', `The server answered ${response.status}. Try again.`);
  }
  return schema.parse(body);
}
