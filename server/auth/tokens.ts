import { createHash, randomBytes } from 'node:crypto';

/** A capability or session token: 192 random bits, URL-safe. */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A short random id for drafts, clauses and links (96 bits). */
export function createId(): string {
  return randomBytes(12).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a leaked database grants no access. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
