// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  forgetUnsentEdits,
  isForgotten,
  registeredDatabases,
  type StoredEdits,
  UnsentEditStore,
  unsentEditsDatabaseName,
} from './unsent-edit-store.ts';

let factory: IDBFactory;
const opened: UnsentEditStore[] = [];

beforeEach(() => {
  factory = new IDBFactory();
  localStorage.clear();
});
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  vi.restoreAllMocks();
});

async function open(draftId: string, participant: string): Promise<UnsentEditStore> {
  const store = await UnsentEditStore.open(unsentEditsDatabaseName(draftId, participant), draftId, factory);
  if (store === null) throw new Error('the store did not open');
  opened.push(store);
  return store;
}

/** A clause as the server holds it, and a tab's edits on top of it, one update per key press. */
function serverAndEdits(typed: string) {
  const server = new Y.Doc();
  server.getText('clause').insert(0, 'COMMEND the work');
  const tab = new Y.Doc();
  Y.applyUpdate(tab, Y.encodeStateAsUpdate(server));
  const edits: Uint8Array[] = [];
  tab.on('update', (update: Uint8Array) => edits.push(update));
  for (const character of typed) tab.getText('clause').insert(tab.getText('clause').length, character);
  return { server, tab, edits };
}

function row(owner: string, seq: number, update: Uint8Array): StoredEdits {
  return { owner, seq, edits: 1, update };
}

describe('the store of unsent edits', () => {
  it('keeps one database per draft and participant, each holding only its own rows, and registers them', async () => {
    const mys = await open('draft1', 'delegation-MYS');
    const phl = await open('draft1', 'delegation-PHL');
    await mys.append(row('tab-a', 1, new Uint8Array([1])));
    await phl.append(row('tab-b', 1, new Uint8Array([2])));
    expect((await mys.all()).map((r) => [...r.update])).toEqual([[1]]);
    expect((await phl.all()).map((r) => [...r.update])).toEqual([[2]]);
    expect(registeredDatabases()).toEqual({
      [unsentEditsDatabaseName('draft1', 'delegation-MYS')]: 'draft1',
      [unsentEditsDatabaseName('draft1', 'delegation-PHL')]: 'draft1',
    });
  });

  it('appends nothing when it is opened again: reopening does not grow it', async () => {
    const first = await open('draft1', 'chair');
    await first.append(row('tab-a', 1, new Uint8Array([1])));
    await first.append(row('tab-a', 2, new Uint8Array([2])));
    first.close();
    for (let reload = 0; reload < 3; reload += 1) {
      const again = await open('draft1', 'chair');
      expect(await again.all()).toHaveLength(2);
      again.close();
    }
  });

  it('removes, in one go, only the rows acknowledged for one tab', async () => {
    const store = await open('draft1', 'delegation-MYS');
    for (const [owner, seq] of [
      ['tab-a', 1],
      ['tab-a', 2],
      ['tab-b', 1],
      ['tab-a', 3],
    ] as const) {
      await store.append(row(owner, seq, new Uint8Array([seq])));
    }
    const remaining = await store.removeWhere((r) => r.owner === 'tab-a' && r.seq <= 2);
    expect(remaining).toBe(2);
    expect((await store.all()).map((r) => `${r.owner}:${r.seq}`)).toEqual(['tab-b:1', 'tab-a:3']);
  });

  it('merges a tab’s rows into one that restores the same words, before or after the server’s state arrives', async () => {
    const { server, tab, edits } = serverAndEdits(' of the experts');
    const store = await open('draft1', 'delegation-MYS');
    for (const [index, update] of edits.entries()) await store.append(row('tab-a', index + 1, update));
    await store.append(row('tab-b', 1, new Uint8Array(Y.encodeStateAsUpdate(new Y.Doc()))));
    await store.compact('tab-a');
    const rows = await store.all();
    expect(rows.map((r) => [r.owner, r.seq, r.edits])).toEqual([
      ['tab-b', 1, 1],
      ['tab-a', edits.length, edits.length],
    ]);
    const merged = rows.find((r) => r.owner === 'tab-a')?.update ?? new Uint8Array();
    // Applied after the server's state, as the room does: the edits at once.
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(after, merged);
    expect(after.getText('clause').toString()).toBe(tab.getText('clause').toString());
    // Applied before it: held back until the server's state arrives, then the same words.
    const before = new Y.Doc();
    Y.applyUpdate(before, merged);
    expect(before.getText('clause').toString()).toBe('');
    Y.applyUpdate(before, Y.encodeStateAsUpdate(server));
    expect(before.getText('clause').toString()).toBe('COMMEND the work of the experts');
  });

  it('drops a row that is not one it wrote', async () => {
    const name = unsentEditsDatabaseName('draft1', 'delegation-MYS');
    const store = await open('draft1', 'delegation-MYS');
    await store.append(row('tab-a', 1, new Uint8Array([1])));
    store.close();
    await new Promise<void>((resolve) => {
      const request = factory.open(name, 1);
      request.onsuccess = () => {
        const transaction = request.result.transaction('edits', 'readwrite');
        transaction.objectStore('edits').add({ owner: 'tab-x', update: 'not an update' });
        transaction.oncomplete = () => {
          request.result.close();
          resolve();
        };
      };
    });
    const reopened = await open('draft1', 'delegation-MYS');
    expect((await reopened.all()).map((r) => r.owner)).toEqual(['tab-a']);
    expect(await reopened.removeWhere(() => false)).toBe(1);
  });
});

describe('forgetting a draft', () => {
  it('deletes every database of the draft, open ones included, and leaves the other drafts', async () => {
    const kept = await open('draft2', 'delegation-MYS');
    await kept.append(row('tab-a', 1, new Uint8Array([1])));
    const mys = await open('draft1', 'delegation-MYS');
    const phl = await open('draft1', 'delegation-PHL');
    await mys.append(row('tab-a', 1, new Uint8Array([1])));
    await phl.append(row('tab-b', 1, new Uint8Array([1])));

    await forgetUnsentEdits('draft1', factory);

    expect(mys.isClosed && phl.isClosed).toBe(true);
    expect((await factory.databases()).map((db) => db.name)).toEqual([
      unsentEditsDatabaseName('draft2', 'delegation-MYS'),
    ]);
    expect(registeredDatabases()).toEqual({ [unsentEditsDatabaseName('draft2', 'delegation-MYS')]: 'draft2' });
    expect(await kept.all()).toHaveLength(1);
  });

  it('keeps nothing for the draft again in this page, even for a store that was opening meanwhile', async () => {
    const opening = UnsentEditStore.open(unsentEditsDatabaseName('draft1', 'delegation-MYS'), 'draft1', factory);
    await forgetUnsentEdits('draft1', factory);
    expect(await opening).toBeNull();
    // The room reconnecting after adoption opens its store again: nothing is created.
    expect(
      await UnsentEditStore.open(unsentEditsDatabaseName('draft1', 'delegation-PHL'), 'draft1', factory),
    ).toBeNull();
    expect(await factory.databases()).toEqual([]);
    expect(registeredDatabases()).toEqual({});
    expect(isForgotten('draft1', factory)).toBe(true);
    expect(isForgotten('draft2', factory)).toBe(false);
  });

  it('reads a registry it cannot parse as empty, and forgets nothing it does not know', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    localStorage.setItem('mufakat.unsent-edits', '{not json');
    expect(registeredDatabases()).toEqual({});
    await expect(forgetUnsentEdits('draft1', factory)).resolves.toBeUndefined();
  });
});

describe('a browser that cannot keep anything', () => {
  it('has no store without IndexedDB', async () => {
    expect(await UnsentEditStore.open('mufakat-unsent-edits/x/y', 'x', null)).toBeNull();
  });

  it('has no store, within the time limit, when its database stays blocked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = unsentEditsDatabaseName('draft1', 'delegation-MYS');
    // Another page holds the database open and never lets go; a deletion waits behind it, and
    // any open waits behind the deletion: no error event, no success, ever.
    const holder = await new Promise<IDBDatabase>((resolve) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('edits', { autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
    });
    factory.deleteDatabase(name);
    expect(await UnsentEditStore.open(name, 'draft1', factory, 50)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('took over 50 ms'));
    expect(registeredDatabases()).toEqual({});
    holder.close();
  });
});
