import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import { isPlain, runsText } from '../clause-runs.ts';
import { readClauseRuns } from '../clause-text.ts';
import type { ClauseRun } from '../schemas/clause-run.ts';

/**
 * The SHA-256 (hex) of a clause's normalized plain text: what a position is taken on. Pure JS
 * rather than Web Crypto, which browsers offer only on secure origins and only asynchronously;
 * a delegation on a plain-HTTP meeting-room network must hash exactly as the server does.
 */
export function hashClauseText(text: string): string {
  return sha256Hex(text.normalize('NFC').trim());
}

/**
 * The canonical form of a clause's words and their emphasis, from its runs in the shape of
 * `normaliseClauseRuns`:
 * - no run formatted: the plain text itself, so that a clause without emphasis hashes exactly as
 *   it did before emphasis was hashed;
 * - otherwise a line feed, then the JSON (`JSON.stringify`, no spaces) of an array of
 *   `[format, text]` pairs, one per run in order, `format` the run's letters (`"b"`, `"iu"`, `""`…),
 *   e.g. `\n[["","We "],["b","commit"],[""," to peace."]]`. A plain text is trimmed, so it never
 *   starts with a line feed: no plain text and no formatted text share a form.
 */
export function canonicalClauseText(runs: readonly ClauseRun[]): string {
  if (isPlain(runs)) return runsText(runs);
  return `\n${JSON.stringify(runs.map((run) => [run.format, run.text]))}`;
}

/** What a position is taken on: the SHA-256 of the clause's canonical form (`canonicalClauseText`). */
export function hashClauseRuns(runs: readonly ClauseRun[]): string {
  return isPlain(runs) ? hashClauseText(runsText(runs)) : sha256Hex(canonicalClauseText(runs));
}

/** The hash of the text and emphasis held in a clause's `clause/<id>` root. */
export function hashClauseRoot(root: Y.XmlText): string {
  return hashClauseRuns(readClauseRuns(root));
}

function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
