import * as Y from 'yjs';
import type { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { clauseIdOfRoot, clauseTextRoot } from '../../shared/doc-layout.ts';

/** Who made one change, as far as this screen could tell. */
export type ChangeAuthor = { who: 'you' } | { who: 'named'; name: string } | { who: 'unknown' };

/** Who changed a clause since it last read as a position's text. */
export interface ChangesSince {
  /** Names as presence announces them (a delegation code, `chair`, `secretariat`), in order of first change. */
  names: string[];
  /** This screen made some of the changes. */
  byYou: boolean;
  /** Some change could not be attributed (a deletion with nobody's caret in the clause). */
  unknown: boolean;
}

interface Presence {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
}

interface Watch {
  /** The text the position was taken on. */
  hash: string;
  /** The clause's hash after the last change this screen saw. */
  last: string;
  changes: ChangesSince | null;
}

/** How many clauses are watched at most: a delegation's own positions. */
const MAX_WATCHED = 2000;

/**
 * Who changed the words of the clauses a delegation holds positions on, as this screen saw it
 * happen. The server does not attribute text edits (its audit log records decisions only), so
 * this is what the room can honestly say: a change that inserted text is its writer's (each Yjs
 * item carries its creator's client id, which is also that person's presence id); a change that
 * only deleted is attributed to whoever's caret was in the clause at that moment, if anyone's.
 * A change made before this screen opened, or before the position was watched, is not known:
 * `since` answers null and the room says only that the text changed.
 */
export class TextChangeAuthors {
  private readonly watched = new Map<string, Watch>();
  private rootNames = new WeakMap<object, string>();

  constructor(
    private readonly texts: ClauseTextCache,
    private readonly presence: Presence,
    /** The names of the presences whose caret is in a clause now. */
    private readonly caretsIn: (clauseId: string) => string[],
  ) {
    texts.doc.on('afterTransaction', this.onTransaction);
  }

  /**
   * The positions to follow: clause id → the hash of the text the position was taken on. A clause
   * already watched for the same hash keeps what was seen; a new one starts from its text now.
   */
  watch(positions: ReadonlyMap<string, string>): void {
    for (const clauseId of this.watched.keys()) if (!positions.has(clauseId)) this.watched.delete(clauseId);
    for (const [clauseId, hash] of positions) {
      if (this.watched.get(clauseId)?.hash === hash) continue;
      if (this.watched.size >= MAX_WATCHED) break;
      this.watched.set(clauseId, { hash, last: this.texts.get(clauseId).hash, changes: null });
    }
  }

  /** Who changed the clause since it read as `hash`; null when this screen did not see it change. */
  since(clauseId: string, hash: string): ChangesSince | null {
    const watch = this.watched.get(clauseId);
    return watch?.hash === hash ? watch.changes : null;
  }

  destroy(): void {
    this.texts.doc.off('afterTransaction', this.onTransaction);
    this.watched.clear();
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (this.watched.size === 0) return;
    const touched = new Set<string>();
    for (const type of transaction.changed.keys()) {
      let root = type;
      while (root._item !== null && root._item.parent instanceof Y.AbstractType) root = root._item.parent;
      const name = this.nameOf(root);
      const clauseId = name === null ? null : clauseIdOfRoot(name);
      if (clauseId !== null && this.watched.has(clauseId)) touched.add(clauseId);
    }
    for (const clauseId of touched) this.record(clauseId, transaction);
  };

  private record(clauseId: string, transaction: Y.Transaction): void {
    const watch = this.watched.get(clauseId);
    if (watch === undefined) return;
    const now = this.texts.get(clauseId).hash;
    const before = watch.last;
    watch.last = now;
    if (now === watch.hash) {
      // Back to the words of the position: it counts again, and nothing needs explaining.
      watch.changes = null;
      return;
    }
    // The text left the position's words before this screen watched it: who did is not known.
    if (watch.changes === null && before !== watch.hash) return;
    const changes = watch.changes ?? { names: [], byYou: false, unknown: false };
    for (const author of this.authorsOf(clauseId, transaction)) {
      if (author.who === 'you') changes.byYou = true;
      else if (author.who === 'unknown') changes.unknown = true;
      else if (!changes.names.includes(author.name)) changes.names.push(author.name);
    }
    watch.changes = { ...changes };
  }

  private authorsOf(clauseId: string, transaction: Y.Transaction): ChangeAuthor[] {
    if (transaction.local) return [{ who: 'you' }];
    const states = this.presence.getStates();
    const writers = new Set<number>();
    const root = clauseTextRoot(this.texts.doc, clauseId);
    // The items this transaction created, client by client: each names its writer.
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0;
      const structs = this.texts.doc.store.clients.get(client);
      if (before >= after || structs === undefined) continue;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i];
        if (struct === undefined || struct.id.clock >= after) break;
        if (struct instanceof Y.Item && rootOf(struct) === root) {
          writers.add(client);
          break;
        }
      }
    }
    const authors: ChangeAuthor[] = [...writers].map((client) => {
      const name = states.get(client)?.name;
      return typeof name === 'string' && name !== '' ? { who: 'named', name } : { who: 'unknown' };
    });
    if (authors.length > 0) return authors;
    // Only deletions: they carry no author; whoever is editing the clause now most likely made them.
    const carets = this.caretsIn(clauseId);
    return carets.length > 0 ? carets.map((name) => ({ who: 'named', name })) : [{ who: 'unknown' }];
  }

  private nameOf(root: object): string | null {
    let name = this.rootNames.get(root);
    if (name === undefined) {
      this.rootNames = new WeakMap();
      for (const [rootName, type] of this.texts.doc.share) this.rootNames.set(type, rootName);
      name = this.rootNames.get(root);
    }
    return name ?? null;
  }
}

/** The top-level type an item stands in. */
function rootOf(item: Y.Item): unknown {
  let parent = item.parent;
  while (parent instanceof Y.AbstractType && parent._item !== null) parent = parent._item.parent;
  return parent;
}
