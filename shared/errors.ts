import { z } from 'zod';

/** Machine-readable codes of every HTTP error the server answers. */
export const ErrorCode = {
  invalidRequest: 'invalid_request',
  notAuthenticated: 'not_authenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  invalidLink: 'invalid_link',
  payloadTooLarge: 'payload_too_large',
  /** The clause text changed since the sender read it (its hash differs). */
  textChanged: 'text_changed',
  /** The clause is frozen: its text and positions are locked. */
  frozen: 'frozen',
  notFrozen: 'not_frozen',
  /** The draft is adopted: nothing can change any more. */
  adopted: 'adopted',
  emptyClause: 'empty_clause',
  /** Adoption is refused: the response lists what still blocks it. */
  adoptionBlocked: 'adoption_blocked',
  /** An import of a file type Mufakat cannot read (it reads .txt, .md and .docx). */
  unsupportedFile: 'unsupported_file',
  /** An uploaded file that is not what it says: invalid UTF-8, binary, or a broken .docx. */
  unreadableFile: 'unreadable_file',
  /** An import with no text in it. */
  emptyInput: 'empty_input',
  /** The server is reading other imports; the person tries again in a moment. */
  busy: 'busy',
  /** An import whose text took too long to read. */
  tooComplex: 'too_complex',
  /** More requests, or more open channels, than one session or client may have. */
  tooManyRequests: 'too_many_requests',
  /** The server's store cannot be trusted with anything (its database is gone or damaged). */
  storageUnavailable: 'storage_unavailable',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The body of every HTTP error: `{ "error": { "code", "message", "details"? } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
