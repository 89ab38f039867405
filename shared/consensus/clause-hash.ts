import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import { readClauseText } from '../clause-text.ts';

/**
 * The SHA-256 (hex) of a clause's normalized plain text: what a position is taken on. Pure JS
 * rather than Web Crypto, which browsers offer only on secure origins and only asynchronously;
 * a delegation on a plain-HTTP meeting-room network must hash exactly as the server does.
 */
export function hashClauseText(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text.normalize('NFC').trim())));
}

/** The hash of the text held in a clause's `clause/<id>` root. */
export function hashClauseRoot(root: Y.XmlText): string {
  return hashClauseText(readClauseText(root));
}
