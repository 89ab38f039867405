import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ErrorCode } from '../../shared/errors.ts';
import { RateLimiter } from '../collab/rate-limiter.ts';
import { HttpError } from '../http-error.ts';
import { hashToken } from './tokens.ts';

/** Drafts started (created or imported) per minute, and the burst above it, whoever starts them. */
const STARTS_PER_MINUTE = 30;
const START_BURST = 60;

/**
 * Starting a draft (reading a text to import, creating the draft) is the operator's: whoever holds
 * the operator token, `MUFAKAT_OPERATOR_TOKEN` (or the one `npm start` generates and prints when
 * it is unset), sent as `Authorization: Bearer <token>`. Even with it, starts are rate-limited,
 * so that a leaked token cannot fill the store or hold up the server.
 */
export function requireOperator(operatorToken: string): MiddlewareHandler {
  const expected = Buffer.from(hashToken(operatorToken), 'hex');
  const starts = new RateLimiter(STARTS_PER_MINUTE / 60, START_BURST);
  return async (c, next) => {
    const sent = bearerToken(c);
    const matches = sent !== null && timingSafeEqual(Buffer.from(hashToken(sent), 'hex'), expected);
    if (!matches) {
      throw new HttpError(
        401,
        ErrorCode.notAuthenticated,
        sent === null
          ? 'Starting a draft needs the operator token: the one set in MUFAKAT_OPERATOR_TOKEN, or the one the server printed when it started. Ask whoever runs this Mufakat for it.'
          : 'This operator token is not the server’s: check it with whoever runs this Mufakat (a restarted server without MUFAKAT_OPERATOR_TOKEN prints a new one).',
      );
    }
    if (!starts.take()) {
      throw new HttpError(
        429,
        ErrorCode.tooManyRequests,
        'Too many drafts started in a short time: wait a minute and try again.',
      );
    }
    return next();
  };
}

function bearerToken(c: Context): string | null {
  const match = /^Bearer\s+(\S{16,256})$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1] ?? null;
}
