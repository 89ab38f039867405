import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type ErrorBody, ErrorCode } from '../shared/errors.ts';

/** An expected failure with its HTTP status; the app's error handler turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, error: HttpError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return c.json(body, error.status);
}

/** Parses `value` with `schema`, or throws a 400 that lists the zod issues. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = details[0];
  const summary = first === undefined ? '' : `: ${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  throw new HttpError(400, ErrorCode.invalidRequest, `Invalid ${what}${summary}`, details);
}

/**
 * Reads a JSON body, answering 400 (not 500) when it is not JSON, or when any of its strings
 * holds U+0000: no text of a negotiation needs it, PostgreSQL's text columns refuse it (a 500
 * there), and a C string anywhere downstream would cut the words short.
 */
export async function readJson(c: Context): Promise<unknown> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, ErrorCode.invalidRequest, 'The request body must be JSON.');
  }
  if (holdsNul(body)) {
    throw new HttpError(400, ErrorCode.invalidRequest, 'Text may not contain the NUL character (U+0000).');
  }
  return body;
}

/** Walks with its own stack: a deeply nested body must not overflow the call stack (a 500). */
function holdsNul(body: unknown): boolean {
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        stack.push(item);
      }
    }
  }
  return false;
}
