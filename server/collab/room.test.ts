import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol.ts';
import { createLogger } from '../logger.ts';
import { createSqliteStores } from '../storage/sqlite/sqlite-stores.ts';
import type { Stores } from '../storage/stores.ts';
import { craftedBaseDoc, UNAPPLICABLE_UPDATE } from '../testing/crafted-updates.ts';
import { Room, type RoomConnection } from './room.ts';
import { encodeUpdateMessage } from './sync-messages.ts';

/** A participant's socket as the room sees it: what it was sent, and how it was closed. */
function connection(): RoomConnection & { sent: Uint8Array[]; closed: number | null } {
  const conn = {
    canEditText: true,
    presence: { name: 'secretariat', role: 'secretariat' as const },
    author: { sessionIdHash: 'secretariat-session', role: 'secretariat' as const, delegation: null },
    takeMessage: () => true,
    sent: [] as Uint8Array[],
    closed: null as number | null,
    send: (message: Uint8Array) => conn.sent.push(message),
    close: (code: number) => {
      conn.closed = code;
    },
  };
  return conn;
}

let stores: Stores;
const draftId = 'draft-0001';

beforeEach(async () => {
  stores = createSqliteStores({ file: ':memory:' });
  await stores.drafts.createDraft(
    {
      id: draftId,
      title: 'T',
      kind: 'joint-statement',
      delegations: ['MYS'],
      consensus: { rule: 'unanimous' },
      createdAt: '2026-11-22T00:00:00.000Z',
    },
    [],
  );
  await stores.documents.createDocument(draftId, Y.encodeStateAsUpdate(craftedBaseDoc()));
});

afterEach(async () => {
  await stores.close();
});

/** A room with no guards: what lies behind them, should one ever let an update through. */
function loadUnguarded(): Promise<Room> {
  return Room.load({
    draftId,
    documents: stores.documents,
    locks: { frozen: new Set(), adopted: false },
    logger: createLogger('silent'),
    compactAfterUpdates: 1000,
    maxDocumentBytes: 64 * 1024 * 1024,
    onPoisoned: () => {
      throw new Error('the room was poisoned');
    },
    guards: [],
  });
}

describe('a room behind its guards', () => {
  it('refuses an update that decodes but cannot be applied with 4400, and the others notice nothing', async () => {
    const room = await loadUnguarded();
    const attacker = connection();
    const honest = connection();
    room.join(attacker);
    room.join(honest);
    room.receive(attacker, encodeUpdateMessage(UNAPPLICABLE_UPDATE));
    await room.drain();
    expect(attacker.closed).toBe(CloseCode.malformed);

    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(editor);
    editor.getText('t').insert(0, 'still ');
    room.receive(honest, encodeUpdateMessage(Y.encodeStateAsUpdate(editor, before)));
    await room.drain();
    expect(honest.closed).toBeNull();
    expect(room.doc.getText('t').toString()).toBe('still hello world');

    const stored = new Y.Doc();
    const { snapshot, updates } = await stores.documents.loadDocument(draftId);
    for (const part of [snapshot, ...updates]) if (part !== null) Y.applyUpdate(stored, part);
    expect(stored.getText('t').toString()).toBe('still hello world');
    expect(JSON.stringify(stored.getMap('m').toJSON())).toBe(JSON.stringify(craftedBaseDoc().getMap('m').toJSON()));
    room.destroy(1000, 'done');
  });
});
