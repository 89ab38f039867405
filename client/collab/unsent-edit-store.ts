import * as Y from 'yjs';
import { z } from 'zod';

/**
 * A browser's record of the edits its tabs made to a draft and the server has not acknowledged
 * yet: one IndexedDB database per draft and participant, holding rows of Yjs updates.
 *
 * Not y-indexeddb's `IndexeddbPersistence`: it stores every change of its doc, the server's
 * included, appends the whole document at every construction and trims by writing the whole
 * document again; a store of unsent edits must hold only what the server does not have. What its
 * traps teach is kept: one database per name (so the name says whose edits they are), no error
 * event on some failures (so opening times out), and nothing lists databases (so a registry in
 * localStorage names those this browser created, to clear them).
 */

const ROWS = 'edits';
const DATABASE_PREFIX = 'mufakat-unsent-edits';
const REGISTRY_KEY = 'mufakat.unsent-edits';
/** Opening waits behind anything that blocks the database; past this it counts as unusable. */
export const OPEN_TIMEOUT_MS = 3000;

/** One row: a tab's edits, merged into one update. */
export const StoredEdits = z.object({
  /** The tab (one connection of one page) that wrote it. */
  owner: z.string().min(1).max(64),
  /** The tab's count of its own changes at the last one in the row. */
  seq: z.number().int().nonnegative(),
  /** How many changes the row holds: what the room counts as unsent. */
  edits: z.number().int().positive(),
  update: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'a Yjs update'),
});
export type StoredEdits = z.infer<typeof StoredEdits>;
export type StoredRow = StoredEdits & { key: number };

/** The database of one participant's unsent edits of one draft. */
export function unsentEditsDatabaseName(draftId: string, participant: string): string {
  return `${DATABASE_PREFIX}/${encodeURIComponent(draftId)}/${encodeURIComponent(participant)}`;
}

/** The open stores of this page, by database name: forgetting a draft closes them first. */
const openStores = new Map<string, UnsentEditStore>();

export class UnsentEditStore {
  private closed = false;

  private constructor(
    private readonly db: IDBDatabase,
    readonly name: string,
  ) {
    // Another tab deleting the database (the draft adopted, the session ended) must not wait
    // for this one to close.
    db.onversionchange = () => this.close();
  }

  /**
   * Opens (creating it if need be) and registers the database, or answers null when this browser
   * cannot keep anything: no IndexedDB, a private window that refuses it, a database that stays
   * blocked past {@link OPEN_TIMEOUT_MS}.
   */
  static async open(
    name: string,
    draftId: string,
    factory: IDBFactory | null = globalThis.indexedDB ?? null,
    timeoutMs = OPEN_TIMEOUT_MS,
  ): Promise<UnsentEditStore | null> {
    if (factory === null) return null;
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, 1);
    } catch (error: unknown) {
      console.warn('Unsent edits cannot be kept in this browser.', error);
      return null;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(ROWS, { autoIncrement: true });
    const opened = new Promise<IDBDatabase | null>((resolve) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        console.warn('Unsent edits cannot be kept in this browser.', request.error);
        resolve(null);
      };
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const db = await Promise.race([opened, timedOut]);
    clearTimeout(timer);
    if (db === 'timeout') {
      console.warn(`Unsent edits cannot be kept in this browser: opening ${name} took over ${timeoutMs} ms.`);
      // Should it open after all, it is not used: close it so that it blocks nothing.
      void opened.then((late) => late?.close());
      return null;
    }
    if (db === null) return null;
    if (isForgotten(draftId, factory)) {
      // Forgotten while it opened (the draft adopted, the session ended): keep nothing, and leave
      // no empty database behind.
      db.close();
      await deleteDatabase(factory, name);
      return null;
    }
    register(name, draftId);
    const store = new UnsentEditStore(db, name);
    openStores.set(name, store);
    return store;
  }

  append(row: StoredEdits): Promise<void> {
    return this.write((rows) => {
      rows.add(row);
    });
  }

  /** Every valid row, oldest first; a row that does not parse is removed (it can be no one's edit). */
  async all(): Promise<StoredRow[]> {
    const found: StoredRow[] = [];
    const invalid: number[] = [];
    await this.run('readonly', (rows) => {
      const request = rows.openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor === null) return;
        const parsed = StoredEdits.safeParse(cursor.value);
        if (parsed.success) found.push({ ...parsed.data, key: Number(cursor.key) });
        else invalid.push(Number(cursor.key));
        cursor.continue();
      };
    });
    if (invalid.length > 0) {
      await this.write((rows) => {
        for (const key of invalid) rows.delete(key);
      });
    }
    return found;
  }

  /** Removes, in one transaction, every row `remove` picks; resolves with how many remain. */
  removeWhere(remove: (row: StoredRow) => boolean): Promise<number> {
    let remaining = 0;
    return this.write((rows) => {
      const request = rows.openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor === null) return;
        const parsed = StoredEdits.safeParse(cursor.value);
        if (!parsed.success || remove({ ...parsed.data, key: Number(cursor.key) })) cursor.delete();
        else remaining += 1;
        cursor.continue();
      };
    }).then(() => remaining);
  }

  /**
   * Merges every row of `owner` into one, in one transaction: offline, a row per key press would
   * otherwise grow without end. The merged row keeps the last `seq` and the sum of `edits`.
   */
  compact(owner: string): Promise<void> {
    return this.write((rows) => {
      const merged: StoredEdits[] = [];
      const request = rows.openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor !== null) {
          const parsed = StoredEdits.safeParse(cursor.value);
          if (parsed.success && parsed.data.owner === owner) {
            merged.push(parsed.data);
            cursor.delete();
          }
          cursor.continue();
          return;
        }
        if (merged.length === 0) return;
        rows.add({
          owner,
          seq: Math.max(...merged.map((row) => row.seq)),
          edits: merged.reduce((sum, row) => sum + row.edits, 0),
          update: Y.mergeUpdates(merged.map((row) => row.update)),
        } satisfies StoredEdits);
      };
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (openStores.get(this.name) === this) openStores.delete(this.name);
    this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private write(work: (rows: IDBObjectStore) => void): Promise<void> {
    return this.run('readwrite', work);
  }

  /** Runs `work` in one transaction; resolves once it is committed, rejects if it aborts (quota). */
  private run(mode: IDBTransactionMode, work: (rows: IDBObjectStore) => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.name} is closed`));
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction(ROWS, mode);
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error ?? new Error(`a transaction on ${this.name} aborted`));
      transaction.onerror = () => reject(transaction.error ?? new Error(`a transaction on ${this.name} failed`));
      work(transaction.objectStore(ROWS));
    });
  }
}

/**
 * Deletes every unsent edit this browser keeps of a draft, whoever made them: once the draft is
 * adopted nothing can be sent to it, and once the session ended nothing may be sent for it.
 */
export async function forgetUnsentEdits(
  draftId: string,
  factory: IDBFactory | null = globalThis.indexedDB ?? null,
): Promise<void> {
  if (factory !== null) forgottenDrafts(factory).add(draftId);
  const names = Object.entries(readRegistry())
    .filter(([, draft]) => draft === draftId)
    .map(([name]) => name);
  await Promise.all(
    names.map(async (name) => {
      openStores.get(name)?.close();
      if (factory !== null) await deleteDatabase(factory, name);
      unregister(name);
    }),
  );
}

/**
 * Drafts this page forgot, by IndexedDB: it keeps nothing for them again until it is reloaded, so
 * that a connection opening after the forgetting (the room reconnects after adoption) does not
 * create the database anew.
 */
const forgotten = new WeakMap<IDBFactory, Set<string>>();

function forgottenDrafts(factory: IDBFactory): Set<string> {
  let drafts = forgotten.get(factory);
  if (drafts === undefined) {
    drafts = new Set();
    forgotten.set(factory, drafts);
  }
  return drafts;
}

/** Whether this page forgot the draft's unsent edits (see {@link forgetUnsentEdits}). */
export function isForgotten(draftId: string, factory: IDBFactory | null = globalThis.indexedDB ?? null): boolean {
  return factory !== null && (forgotten.get(factory)?.has(draftId) ?? false);
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => {
      console.warn(`Could not delete ${name}.`, request.error);
      resolve();
    };
  });
}

/** Database name → draft id, for every database of unsent edits this browser created. */
const Registry = z.record(z.string(), z.string());

/** The databases this browser created, by name, with their drafts. */
export function registeredDatabases(): Record<string, string> {
  return readRegistry();
}

function readRegistry(): Record<string, string> {
  try {
    const raw = globalThis.localStorage?.getItem(REGISTRY_KEY);
    if (raw == null) return {};
    const parsed = Registry.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch (error: unknown) {
    // No localStorage (a private window may refuse it), or what it holds is not JSON.
    console.warn('The list of stored unsent edits cannot be read.', error);
    return {};
  }
}

function writeRegistry(registry: Record<string, string>): void {
  try {
    if (Object.keys(registry).length === 0) globalThis.localStorage?.removeItem(REGISTRY_KEY);
    else globalThis.localStorage?.setItem(REGISTRY_KEY, JSON.stringify(registry));
  } catch (error: unknown) {
    console.warn('The list of stored unsent edits cannot be written.', error);
  }
}

function register(name: string, draftId: string): void {
  const registry = readRegistry();
  if (registry[name] === draftId) return;
  writeRegistry({ ...registry, [name]: draftId });
}

function unregister(name: string): void {
  const { [name]: _gone, ...rest } = readRegistry();
  writeRegistry(rest);
}
