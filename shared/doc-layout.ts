/**
 * The layout of a draft's Y.Doc, shared by the server (seeding, guarding) and the client
 * (binding editors). See the API reference in docs/api.md.
 *
 * - `doc.getArray<string>('order')`: clause ids in reading order.
 * - `doc.getMap('clauses')`: clause id -> metadata `{ kind }` (a plain JSON value).
 * - `doc.get('clause/<id>', Y.XmlText)`: the clause's text, a top-level root so that a Lexical
 *   editor binds to it through `CollaborationPlugin`'s `rootName` before the provider connects.
 */
export const ORDER_ROOT = 'order';
export const CLAUSES_ROOT = 'clauses';
export const CLAUSE_ROOT_PREFIX = 'clause/';

/** The name of the top-level `Y.XmlText` holding a clause's text. */
export function clauseRootName(clauseId: string): string {
  return `${CLAUSE_ROOT_PREFIX}${clauseId}`;
}

/** The clause id of a top-level root name, or null if the root is not a clause text. */
export function clauseIdOfRoot(rootName: string): string | null {
  return rootName.startsWith(CLAUSE_ROOT_PREFIX) ? rootName.slice(CLAUSE_ROOT_PREFIX.length) : null;
}
