import type { MiddlewareHandler } from 'hono';
import { ErrorCode } from '../../shared/errors.ts';
import { HttpError } from '../http-error.ts';
import { type OriginPolicy, originAllowed } from './request-origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request body other than JSON is expected: an uploaded file, the join confirmation. */
const NON_JSON_BODIES: ReadonlyArray<{ path: RegExp; type: string }> = [
  { path: /^\/api\/import$/, type: 'multipart/form-data' },
  { path: /^\/join\/[^/]+$/, type: 'application/x-www-form-urlencoded' },
];

/**
 * Every request that changes something comes from the server's own pages or from a program:
 * its `Origin`, when sent, is the server's own or an allowed one; its body is JSON, which no
 * form of another page can send without the server's consent (CORS), except where a file or the
 * join confirmation is expected. Refused with 403 (`forbidden`) or 415 (`unsupported_file`).
 */
export function guardUnsafeRequests(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (!originAllowed(c, policy)) {
      throw new HttpError(
        403,
        ErrorCode.forbidden,
        'This request came from another site. Use Mufakat from its own address; if it is served under several, the operator lists them in MUFAKAT_ALLOWED_ORIGINS.',
      );
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const path = new URL(c.req.url).pathname;
    const expected = NON_JSON_BODIES.find((body) => body.path.test(path));
    if (type !== 'application/json' && type !== expected?.type) {
      throw new HttpError(
        415,
        ErrorCode.unsupportedFile,
        `Send this request with Content-Type: application/json${expected === undefined ? '' : ` or ${expected.type}`}.`,
      );
    }
    return next();
  };
}
