import { ClauseId, ClauseKind, DelegationCode, DraftLimits } from './schemas/draft.ts';

/**
 * The only document shapes a draft may hold: exactly what Mufakat's editor writes through
 * Lexical's Yjs binding, and nothing it does not. The server's guard refuses every update that
 * goes beyond it, the client's editor normalises what it writes into it, and the text a clause
 * shows, hashes and exports is read from it alone. Anything else (a style that hides words, a
 * node type the editor cannot render) would let the words people see and the words they agree
 * to part ways.
 *
 * Layout (see doc-layout.ts):
 * - `order`: strings, each a clause id;
 * - `clauses`: clause id -> `{ kind }`;
 * - `clause/<id>` (Y.XmlText): paragraphs only, each an embedded Y.XmlText with the paragraph
 *   attributes below; inside a paragraph, text as strings, each run after a Y.Map of its text
 *   node properties below (a line break is such a map alone).
 */

/** Bits of Lexical's text format that the editor sets (toolbar and Ctrl+B/I/U). */
export const TextFormatBits = { bold: 1, italic: 2, underline: 8 } as const;
/** Every allowed format bit together. */
export const ALLOWED_TEXT_FORMAT = TextFormatBits.bold | TextFormatBits.italic | TextFormatBits.underline;

/** The block node types a clause may hold. */
export const BLOCK_NODE_TYPES: ReadonlySet<string> = new Set(['paragraph']);
/** The inline node types a paragraph may hold: each is a Y.Map of properties in the paragraph. */
export const INLINE_NODE_TYPES: ReadonlySet<string> = new Set(['text', 'tab', 'linebreak']);

type ValueCheck = (value: unknown) => boolean;

const isFormat: ValueCheck = (value) =>
  Number.isInteger(value) && ((value as number) & ~ALLOWED_TEXT_FORMAT) === 0 && (value as number) >= 0;
const isZero: ValueCheck = (value) => value === 0;
const isEmptyString: ValueCheck = (value) => value === '';

/**
 * A paragraph's attributes (on its Y.XmlText) and their allowed values. Alignment, indentation and
 * styles are not offered by the editor: only the defaults are accepted.
 */
export const PARAGRAPH_ATTRIBUTES: Readonly<Record<string, ValueCheck>> = {
  __type: (value) => typeof value === 'string' && BLOCK_NODE_TYPES.has(value),
  __format: isZero,
  __indent: isZero,
  __style: isEmptyString,
  // Lexical sets the direction from the text itself.
  __dir: (value) => value === null || value === 'ltr' || value === 'rtl',
  __textFormat: isFormat,
  __textStyle: isEmptyString,
};

/**
 * A text node's properties (entries of its Y.Map) and their allowed values: no free CSS (a style
 * of `font-size:0` would hide words that are hashed and adopted), no token or segmented modes.
 */
export const TEXT_NODE_PROPERTIES: Readonly<Record<string, ValueCheck>> = {
  __type: (value) => typeof value === 'string' && INLINE_NODE_TYPES.has(value),
  __format: isFormat,
  __style: isEmptyString,
  __mode: isZero,
  // 1: directionless, 2: unmergeable (a tab): how Lexical merges runs, invisible in the text.
  __detail: (value) => value === 0 || value === 1 || value === 2 || value === 3,
};

/** Whether `value` may be stored under `key` by a checker table above. */
export function allowedEntry(table: Readonly<Record<string, ValueCheck>>, key: string, value: unknown): boolean {
  const check = Object.hasOwn(table, key) ? table[key] : undefined;
  return check?.(value) === true;
}

/** Whether `value` may be a clause id in the order. */
export function isClauseIdEntry(value: unknown): boolean {
  return typeof value === 'string' && ClauseId.safeParse(value).success;
}

/**
 * Whether `value` may be a clause's metadata: `{ kind }` with a known kind, and `proposedBy` (a
 * delegation's code) on a proposal; nothing else.
 */
export function isClauseMeta(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kind, proposedBy, ...rest } = value as { kind?: unknown; proposedBy?: unknown };
  if (Object.keys(rest).length > 0 || !ClauseKind.safeParse(kind).success) return false;
  return !Object.hasOwn(value, 'proposedBy') || DelegationCode.safeParse(proposedBy).success;
}

/** Sizes the document may not outgrow; beyond them an update is refused (4413). */
export const DocumentLimits = {
  /** Characters of one clause's text, as the HTTP API caps it. */
  clauseTextMaxLength: DraftLimits.clauseTextMaxLength,
  /** Clauses in the order. */
  maxClauses: DraftLimits.maxClauses,
} as const;
