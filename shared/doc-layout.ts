import * as Y from 'yjs';
import { ClauseKind } from './schemas/draft.ts';

/**
 * The layout of a draft's Y.Doc, shared by the server (seeding, guarding) and the client
 * (binding editors). See the API reference in docs/api.md.
 *
 * - `doc.getArray<string>('order')`: clause ids in reading order.
 * - `doc.getMap('clauses')`: clause id -> metadata `{ kind, proposedBy? }` (a plain JSON value).
 *   A clause deleted from the order keeps its metadata and text, so that it can be restored.
 * - `doc.get('clause/<id>', Y.XmlText)`: the clause's text, a top-level root so that a Lexical
 *   editor binds to it through `CollaborationPlugin`'s `rootName` before the provider connects.
 * - `doc.get('clause/<id>/alt/<n>', Y.XmlText)`: alternative formulation n ("Alt 1") of the clause,
 *   laid out as a clause text. Only the server creates one, when the alternative is proposed.
 *
 * Read and write the layout through the accessors below, never by root names and casts.
 */
export const ORDER_ROOT = 'order';
export const CLAUSES_ROOT = 'clauses';
export const CLAUSE_ROOT_PREFIX = 'clause/';

/**
 * What the `clauses` map holds for each clause: its kind and, while it is a delegation's proposal
 * not yet taken into the text, the proposing delegation. Only the server writes it (clauses are
 * added, moved and deleted by commands), so who proposed a clause is the server's record.
 */
export interface ClauseMeta {
  kind: ClauseKind;
  proposedBy?: string;
}

/** The name of the top-level `Y.XmlText` holding a clause's text. */
export function clauseRootName(clauseId: string): string {
  return `${CLAUSE_ROOT_PREFIX}${clauseId}`;
}

/** The clause id of a top-level root name, or null if the root is not a clause text (an alternative's is not). */
export function clauseIdOfRoot(rootName: string): string | null {
  if (!rootName.startsWith(CLAUSE_ROOT_PREFIX)) return null;
  const rest = rootName.slice(CLAUSE_ROOT_PREFIX.length);
  return rest.includes('/') ? null : rest;
}

const ALTERNATIVE_INFIX = '/alt/';

/** The name of the top-level `Y.XmlText` holding alternative `n` of a clause. */
export function alternativeRootName(clauseId: string, n: number): string {
  return `${CLAUSE_ROOT_PREFIX}${clauseId}${ALTERNATIVE_INFIX}${n}`;
}

/**
 * The clause and number of an alternative's root name (`clause/<id>/alt/<n>`), or null for any
 * other root, including a malformed one ("clause/x/alt/01", "clause/x/alt/1/2").
 */
export function alternativeOfRoot(rootName: string): { clauseId: string; n: number } | null {
  if (!rootName.startsWith(CLAUSE_ROOT_PREFIX)) return null;
  const rest = rootName.slice(CLAUSE_ROOT_PREFIX.length);
  const at = rest.indexOf(ALTERNATIVE_INFIX);
  if (at <= 0) return null;
  const clauseId = rest.slice(0, at);
  const number = rest.slice(at + ALTERNATIVE_INFIX.length);
  if (clauseId.includes('/') || !/^[1-9][0-9]{0,2}$/.test(number)) return null;
  return { clauseId, n: Number(number) };
}

/** The top-level text of a clause's alternative (created empty if the doc has none yet). */
export function alternativeTextRoot(doc: Y.Doc, clauseId: string, n: number): Y.XmlText {
  return doc.get(alternativeRootName(clauseId, n), Y.XmlText) as Y.XmlText;
}

/** The shared array of clause ids, in reading order. */
export function orderArray(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(ORDER_ROOT);
}

/** The clause ids in reading order. */
export function clauseOrder(doc: Y.Doc): string[] {
  return orderArray(doc).toArray();
}

/** The shared map of clause metadata. */
export function clauseMetaMap(doc: Y.Doc): Y.Map<ClauseMeta> {
  return doc.getMap<ClauseMeta>(CLAUSES_ROOT);
}

/**
 * A clause's kind. Metadata is written by clients, so it is parsed: anything that is not a known
 * kind reads as a plain paragraph rather than breaking whoever reads it.
 */
export function clauseKind(doc: Y.Doc, clauseId: string): ClauseKind {
  const meta: unknown = clauseMetaMap(doc).get(clauseId);
  const kind = ClauseKind.safeParse(
    typeof meta === 'object' && meta !== null ? (meta as { kind?: unknown }).kind : null,
  );
  return kind.success ? kind.data : 'paragraph';
}

/** The delegation whose proposal the clause is, or null for a clause of the text. */
export function clauseProposer(doc: Y.Doc, clauseId: string): string | null {
  const meta: unknown = clauseMetaMap(doc).get(clauseId);
  const proposedBy = typeof meta === 'object' && meta !== null ? (meta as { proposedBy?: unknown }).proposedBy : null;
  return typeof proposedBy === 'string' ? proposedBy : null;
}

/** The top-level text of a clause (created empty if the doc has none yet, as Yjs does). */
export function clauseTextRoot(doc: Y.Doc, clauseId: string): Y.XmlText {
  return doc.get(clauseRootName(clauseId), Y.XmlText) as Y.XmlText;
}
