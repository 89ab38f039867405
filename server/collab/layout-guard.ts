import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { alternativeOfRoot, CLAUSES_ROOT, clauseIdOfRoot, ORDER_ROOT, orderArray } from '../../shared/doc-layout.ts';
import {
  allowedEntry,
  DocumentLimits,
  isClauseIdEntry,
  isClauseMeta,
  PARAGRAPH_ATTRIBUTES,
  TEXT_NODE_PROPERTIES,
} from '../../shared/doc-schema.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { ClauseId } from '../../shared/schemas/draft.ts';
import { docStruct } from './doc-struct.ts';
import type { GuardRefusal, TextLocks, UpdateGuard } from './update-guard.ts';
import {
  IncomingItems,
  type ParentPlace,
  type ParentRef,
  parentOfDocItem,
  parentOfNewItem,
  RootNames,
} from './update-places.ts';

/** What a type is in the layout: a root, a clause's paragraph, or a text node's properties. */
type RoleName = 'order' | 'clauses' | 'clause' | 'paragraph' | 'text-node';

/**
 * A role, and for a clause text and what lies in it, the root it belongs to: a clause's own
 * (`clause/<id>`) or one of its alternatives' (`clause/<id>/alt/<n>`), laid out alike.
 */
interface Role {
  name: RoleName;
  textRoot: string | null;
}

/**
 * Refuses, before it is applied, any update that writes something the editor never writes: a
 * root outside the layout, a node type Mufakat's editor does not register, a style or an attribute
 * beyond `shared/doc-schema.ts`, a clause id that is not one, metadata that is not `{ kind }`.
 * It also refuses (4413) an update that would make a clause longer than the API allows or the
 * draft hold more clauses. What is accepted is thus exactly what every client renders, every
 * hash covers and every export prints.
 */
export const guardLayout: UpdateGuard = (doc, update, locks) => {
  const roots = RootNames.of(doc);
  const incoming = new IncomingItems(update.structs);
  const roles = new Map<Y.Item, Role | null>();
  const growth = new Growth();

  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const known = Y.getState(doc.store, struct.id.client);
    // What Yjs already has it skips, so it is not judged.
    if (struct.id.clock + struct.length <= known) continue;
    const place = placeOf(struct, known, incoming, doc, roots);
    // Held back (the room refuses it) or dropped by Yjs: it can write nothing.
    if (place === 'discarded' || place === 'unknown') continue;
    const role = roleOf(place.parent, incoming, doc, roots, roles, locks);
    const refusal = checkContent(role?.name ?? null, place, struct);
    if (refusal !== null) return refusal;
    if (role !== null) growth.add(role, struct, known);
  }
  for (const [client, deletions] of update.ds.clients) {
    const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC> | undefined;
    if (structs === undefined) continue;
    growth.subtractDeletions(
      structs,
      deletions,
      (place) => roleOf(place.parent, incoming, doc, roots, roles, locks),
      roots,
    );
  }
  return growth.check(doc);
};

/**
 * Where an incoming struct goes. The unknown rest of a struct that overlaps what the doc has is
 * integrated right after the doc's own item at `known - 1`, whatever origin it declares.
 */
function placeOf(
  item: Y.Item,
  known: number,
  incoming: IncomingItems,
  doc: Y.Doc,
  roots: RootNames,
): ParentPlace | 'discarded' | 'unknown' {
  if (item.id.clock < known) {
    const left = docStruct(doc, Y.createID(item.id.client, known - 1));
    return left instanceof Y.Item ? (parentOfDocItem(left, roots) ?? 'unknown') : 'discarded';
  }
  return parentOfNewItem(item, incoming, doc, roots);
}

/** At most this many nested types between a root and an item: a paragraph's text node. */
const MAX_DEPTH = 3;

function roleOf(
  parent: ParentRef,
  incoming: IncomingItems,
  doc: Y.Doc,
  roots: RootNames,
  memo: Map<Y.Item, Role | null>,
  locks: TextLocks,
  depth = 0,
): Role | null {
  if ('root' in parent) {
    if (parent.root === ORDER_ROOT) return { name: 'order', textRoot: null };
    if (parent.root === CLAUSES_ROOT) return { name: 'clauses', textRoot: null };
    const clauseId = clauseIdOfRoot(parent.root);
    if (clauseId !== null)
      return ClauseId.safeParse(clauseId).success ? { name: 'clause', textRoot: parent.root } : null;
    // An alternative's root is laid out as a clause text, once the server has it on record:
    // no client can make one up (the server writes it when the alternative is proposed).
    const alternative = alternativeOfRoot(parent.root);
    return alternative !== null && locks.alternatives?.has(parent.root) === true
      ? { name: 'clause', textRoot: parent.root }
      : null;
  }
  const { typeItem } = parent;
  const memoised = memo.get(typeItem);
  if (memoised !== undefined) return memoised;
  let role: Role | null = null;
  if (depth < MAX_DEPTH && typeItem.content instanceof Y.ContentType) {
    const place = parent.inDoc ? parentOfDocItem(typeItem, roots) : parentOfNewItem(typeItem, incoming, doc, roots);
    if (place !== null && place !== 'discarded' && place !== 'unknown' && place.parentSub === null) {
      const outer = roleOf(place.parent, incoming, doc, roots, memo, locks, depth + 1);
      const type = typeItem.content.type;
      if (outer?.name === 'clause' && type instanceof Y.XmlText) role = { name: 'paragraph', textRoot: outer.textRoot };
      else if (outer?.name === 'paragraph' && type instanceof Y.Map)
        role = { name: 'text-node', textRoot: outer.textRoot };
    }
  }
  memo.set(typeItem, role);
  return role;
}

/** Whether the struct's content is what the editor writes at this place. */
function checkContent(role: RoleName | null, place: ParentPlace, item: Y.Item): GuardRefusal | null {
  const { content } = item;
  // Content Yjs has already collected: a length, no words, nothing to render.
  if (content instanceof Y.ContentDeleted)
    return role === null ? refuse('an update outside the document layout') : null;
  switch (role) {
    case null:
      return refuse('an update outside the document layout');
    case 'order':
      return place.parentSub === null && values(content)?.every(isClauseIdEntry) === true
        ? null
        : refuse('the clause order holds something that is not a clause id');
    case 'clauses': {
      const entries = values(content);
      return place.parentSub !== null &&
        ClauseId.safeParse(place.parentSub).success &&
        entries?.length === 1 &&
        isClauseMeta(entries[0])
        ? null
        : refuse('clause metadata that is not { kind }');
    }
    case 'clause':
      return place.parentSub === null && content instanceof Y.ContentType && content.type instanceof Y.XmlText
        ? null
        : refuse('a clause holds something that is not a paragraph');
    case 'paragraph':
      if (place.parentSub !== null) return checkEntry(PARAGRAPH_ATTRIBUTES, place.parentSub, content, 'paragraph');
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentType && content.type instanceof Y.Map) return null;
      return refuse('a paragraph holds a node the editor does not write');
    case 'text-node':
      return place.parentSub === null
        ? refuse('a text node holds content')
        : checkEntry(TEXT_NODE_PROPERTIES, place.parentSub, content, 'text node');
  }
}

function checkEntry(
  table: typeof PARAGRAPH_ATTRIBUTES,
  key: string,
  content: Y.Item['content'],
  what: string,
): GuardRefusal | null {
  const entries = values(content);
  if (entries?.length === 1 && allowedEntry(table, key, entries[0])) return null;
  return refuse(`a ${what} property the editor does not write: ${key.slice(0, 40)}`);
}

/** The JSON values an item holds, or null for any other content. */
function values(content: Y.Item['content']): unknown[] | null {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  return null;
}

function refuse(reason: string): GuardRefusal {
  return { code: CloseCode.forbidden, reason };
}

/**
 * How much an update grows each clause's text and the order, less what it deletes, so that a
 * replacement within the limits passes and a flood does not.
 */
class Growth {
  private orderDelta = 0;
  private readonly clauseDelta = new Map<string, number>();

  add(role: Role, item: Y.Item, known: number): void {
    if (item.content instanceof Y.ContentDeleted) return;
    const length = item.id.clock + item.length - Math.max(item.id.clock, known);
    if (role.name === 'order') this.orderDelta += length;
    if (role.name === 'paragraph' && item.content instanceof Y.ContentString) this.grow(role.textRoot, length);
  }

  subtractDeletions(
    structs: Array<Y.Item | Y.GC>,
    deletions: Array<{ clock: number; len: number }>,
    roleOfPlace: (place: ParentPlace) => Role | null,
    roots: RootNames,
  ): void {
    for (const { clock, len } of deletions) {
      const end = clock + len;
      const last = structs.at(-1);
      if (last === undefined || clock >= last.id.clock + last.length) continue;
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index];
        if (struct === undefined || struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted || !struct.countable) continue;
        const covered = Math.min(end, struct.id.clock + struct.length) - Math.max(clock, struct.id.clock);
        const place = parentOfDocItem(struct, roots);
        const role = place === null ? null : roleOfPlace(place);
        if (role?.name === 'order') this.orderDelta -= covered;
        if (role?.name === 'paragraph' && struct.content instanceof Y.ContentString) this.grow(role.textRoot, -covered);
      }
    }
  }

  check(doc: Y.Doc): GuardRefusal | null {
    if (this.orderDelta > 0 && orderArray(doc).length + this.orderDelta > DocumentLimits.maxClauses) {
      return tooLarge(`A draft holds at most ${DocumentLimits.maxClauses.toLocaleString('en')} clauses.`);
    }
    for (const [rootName, delta] of this.clauseDelta) {
      if (delta <= 0) continue;
      const root = doc.get(rootName, Y.XmlText) as Y.XmlText;
      // The paragraphs' lengths bound the text from above (each run's properties count one);
      // only a clause near the limit is read exactly. The paragraphs are read off the root's
      // items rather than its delta, which builds every run's insert and attributes per keystroke.
      let bound = delta;
      for (let item = root._start; item !== null; item = item.right) {
        if (!item.deleted && item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText) {
          bound += item.content.type.length;
        }
      }
      if (bound <= DocumentLimits.clauseTextMaxLength) continue;
      if (readClauseText(root).length + delta > DocumentLimits.clauseTextMaxLength) {
        return tooLarge(
          `A clause holds at most ${DocumentLimits.clauseTextMaxLength.toLocaleString('en')} characters.`,
        );
      }
    }
    return null;
  }

  private grow(textRoot: string | null, by: number): void {
    if (textRoot !== null) this.clauseDelta.set(textRoot, (this.clauseDelta.get(textRoot) ?? 0) + by);
  }
}

function tooLarge(reason: string): GuardRefusal {
  return { code: CloseCode.tooLarge, reason };
}
