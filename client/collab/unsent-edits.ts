import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';
import {
  forgetUnsentEdits,
  isForgotten,
  type StoredEdits,
  type StoredRow,
  UnsentEditStore,
  unsentEditsDatabaseName,
} from './unsent-edit-store.ts';

/** Where this person's unsent edits are kept: nowhere yet, in this browser, or only in this tab. */
export type EditStorage = 'opening' | 'kept' | 'unavailable' | 'none';

export interface UnsentEdits {
  /** This person's changes the server has not acknowledged yet, restored ones included. */
  readonly unsent: number;
  readonly storage: EditStorage;
  /** Edits are being written to the browser's store: closing the tab now could lose the last. */
  readonly saving: boolean;
  /** The server refused what this tab sent (the room shows it to copy): keep none of it. */
  dropRefused(): void;
  /** The session ended: forget every edit of the draft this browser keeps. */
  forgetAll(): void;
  destroy(): void;
}

export interface UnsentEditsOptions {
  draftId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Whose edits these are ("delegation-MYS", "chair"); null for a role that cannot edit. */
  participant: Promise<string | null>;
  /** Called whenever `unsent` or `storage` changes. */
  onChange: () => void;
  /** For tests: the IndexedDB to use. */
  indexedDB?: IDBFactory | null;
}

/** Ask the server for an acknowledgement this long after the last edit... */
const ACKNOWLEDGE_AFTER_MS = 300;
/** ...and at least this often while a person keeps typing. */
const ACKNOWLEDGE_AT_LEAST_EVERY_MS = 2000;
/** Offline, a tab's rows are merged into one beyond this many. */
const COMPACT_AT_ROWS = 64;

/** The origin of restored edits applied to the doc: already stored, so not stored again. */
const RESTORED = Symbol('restored unsent edits');

/**
 * Keeps this person's edits of a draft in the browser until the server has them, restores what
 * an earlier tab left unsent, and warns before the tab closes with edits unsent (offline).
 *
 * The server never says it stored an update, but it handles a connection's messages in order and
 * answers a sync step 1 only after storing everything before it. So after its edits this tab
 * sends a step 1 and, at the answering step 2, drops from the store every edit it had sent by
 * then: the store holds only what the server may not have. Restored edits are applied once the
 * doc has synced with the server, so that they go out as ordinary edits; if the server refuses
 * them (the clause was frozen meanwhile), the room shows them to copy and `dropRefused` makes
 * sure they are not replayed at the next open.
 */
export function keepUnsentEdits(options: UnsentEditsOptions): UnsentEdits {
  const { draftId, doc, provider, onChange } = options;
  const factory = options.indexedDB === undefined ? (globalThis.indexedDB ?? null) : options.indexedDB;
  const owner = crypto.randomUUID();
  let storage: EditStorage = 'opening';
  let store: UnsentEditStore | null = null;
  let destroyed = false;
  let seq = 0;
  /** This tab's changes and the restored ones, not yet acknowledged. */
  let unacknowledged: Array<{ seq: number; edits: number }> = [];
  /** Rows written before the store opened. */
  let waiting: StoredEdits[] = [];
  /** Rows restored from the store, by key, with the `seq` they were given here. */
  const adopted = new Map<number, number>();
  let restoring: StoredRow[] | null = null;
  let ownRows = 0;
  /** Appends asked of the store and not yet committed. */
  let writing = 0;

  const setStorage = (next: EditStorage) => {
    if (storage === next) return;
    storage = next;
    onChange();
  };
  const unusable = (error: unknown) => {
    if (storage !== 'unavailable') console.warn('Unsent edits can no longer be kept in this browser.', error);
    store = null;
    setStorage('unavailable');
  };

  const write = (row: StoredEdits) => {
    if (store?.isClosed === true) {
      // Forgotten meanwhile (the draft adopted, here or in another tab): nothing is kept any more.
      store = null;
      setStorage('none');
    }
    if (store !== null) {
      writing += 1;
      store.append(row).then(
        () => {
          writing -= 1;
          if (writing === 0) onChange();
        },
        (error: unknown) => {
          writing -= 1;
          unusable(error);
        },
      );
      ownRows += 1;
      if (ownRows >= COMPACT_AT_ROWS) {
        ownRows = 1;
        store.compact(owner).catch(unusable);
      }
    } else if (storage === 'opening') {
      waiting.push(row);
    }
  };

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (destroyed || origin === provider || origin === RESTORED) return;
    seq += 1;
    unacknowledged.push({ seq, edits: 1 });
    write({ owner, seq, edits: 1, update });
    askForAcknowledgement();
    onChange();
  };
  doc.on('update', onUpdate);

  // Acknowledgements: the step 1s this connection sent, in order, each answered by one step 2.
  // `null` is the provider's own step 1 at connecting, which acknowledges nothing of ours.
  let awaitingAnswers: Array<number | null> = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstUnasked: number | null = null;
  const askForAcknowledgement = () => {
    if (!provider.synced || unacknowledged.length === 0) return;
    const now = Date.now();
    firstUnasked ??= now;
    if (timer !== null) clearTimeout(timer);
    const wait = Math.max(0, Math.min(ACKNOWLEDGE_AFTER_MS, firstUnasked + ACKNOWLEDGE_AT_LEAST_EVERY_MS - now));
    timer = setTimeout(sendStep1, wait);
  };
  const sendStep1 = () => {
    timer = null;
    firstUnasked = null;
    const socket = provider.ws;
    if (!provider.synced || socket === null || socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, doc);
    socket.send(encoding.toUint8Array(encoder));
    awaitingAnswers.push(seq);
  };
  const acknowledged = (upTo: number) => {
    const before = unacknowledged.length;
    unacknowledged = unacknowledged.filter((change) => change.seq > upTo);
    waiting = waiting.filter((row) => row.seq > upTo);
    const keys = new Set([...adopted].filter(([, given]) => given <= upTo).map(([key]) => key));
    for (const key of keys) adopted.delete(key);
    store
      ?.removeWhere((row) => (row.owner === owner && row.seq <= upTo) || keys.has(row.key))
      .then((remaining) => {
        ownRows = Math.min(ownRows, remaining);
      })
      .catch(unusable);
    if (unacknowledged.length !== before) onChange();
  };

  const handleSync = provider.messageHandlers[MessageType.sync];
  if (handleSync === undefined) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, ...rest) => {
    const syncType = decoding.peekVarUint(decoder);
    handleSync(encoder, decoder, ...rest);
    if (syncType !== SyncMessageType.step2) return;
    const upTo = awaitingAnswers.shift();
    if (upTo !== undefined && upTo !== null) acknowledged(upTo);
  };
  const onStatus = ({ status }: { status: string }) => {
    // y-websocket sends its step 1 right after announcing the connection.
    awaitingAnswers = status === 'connected' ? [null] : [];
    if (timer !== null && status !== 'connected') {
      clearTimeout(timer);
      timer = null;
      firstUnasked = null;
    }
  };
  const onSync = (synced: boolean) => {
    if (!synced) return;
    restore();
    // What went out in this tab's sync step 2 is acknowledged by the answer to the next step 1.
    if (unacknowledged.length > 0) sendStep1();
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);

  /** Applies the edits an earlier tab left, once the doc holds the server's state. */
  const restore = () => {
    if (restoring === null || !provider.synced) return;
    const rows = restoring;
    restoring = null;
    Y.applyUpdate(doc, Y.mergeUpdates(rows.map((row) => row.update)), RESTORED);
    for (const row of rows) {
      seq += 1;
      unacknowledged.push({ seq, edits: row.edits });
      adopted.set(row.key, seq);
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      console.warn('Some restored edits depend on changes the server does not have; they cannot be sent.');
    }
    onChange();
  };

  void options.participant.then(async (participant) => {
    if (destroyed) return;
    if (participant === null || isForgotten(draftId, factory)) {
      waiting = [];
      setStorage('none');
      return;
    }
    const opened = await UnsentEditStore.open(unsentEditsDatabaseName(draftId, participant), draftId, factory);
    if (destroyed || storage !== 'opening') {
      opened?.close();
      return;
    }
    if (opened === null && isForgotten(draftId, factory)) {
      waiting = [];
      setStorage('none');
      return;
    }
    if (opened === null) {
      waiting = [];
      setStorage('unavailable');
      return;
    }
    store = opened;
    // Read before writing this tab's rows: those are in the doc already.
    const earlier = await opened.all().catch((error: unknown) => {
      unusable(error);
      return [];
    });
    if (destroyed || store === null) return;
    for (const row of waiting.splice(0)) write(row);
    setStorage('kept');
    if (earlier.length > 0) {
      restoring = earlier;
      restore();
      if (provider.synced) sendStep1();
    }
  });

  // Only when the room is not connected: online, an edit is on the wire the moment it is made
  // (and kept here until acknowledged), and asking at every reload after typing would teach
  // people to click the question away.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (unacknowledged.length === 0 || provider.synced) return;
    // The browser asks the person whether to leave; the text of the question is its own.
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);

  return {
    get unsent() {
      return unacknowledged.reduce((sum, change) => sum + change.edits, 0);
    },
    get storage() {
      return storage;
    },
    get saving() {
      return writing > 0 || (storage === 'opening' && waiting.length > 0);
    },
    dropRefused() {
      const keys = new Set(adopted.keys());
      adopted.clear();
      waiting = [];
      unacknowledged = [];
      store?.removeWhere((row) => row.owner === owner || keys.has(row.key)).catch(unusable);
      onChange();
    },
    forgetAll() {
      store = null;
      waiting = [];
      restoring = null;
      setStorage('none');
      void forgetUnsentEdits(draftId, factory);
    },
    destroy() {
      destroyed = true;
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener('beforeunload', onBeforeUnload);
      doc.off('update', onUpdate);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.messageHandlers[MessageType.sync] = handleSync;
      // Closed once its transactions (a drop of refused edits among them) are done.
      store?.close();
    },
  };
}
