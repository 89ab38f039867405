import { randomInt } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import {
  alternativeOfRoot,
  alternativeRootName,
  CLAUSES_ROOT,
  clauseIdOfRoot,
  ORDER_ROOT,
} from '../../shared/doc-layout.ts';
import { CloseCode, CloseReason, MessageType, SyncMessageType } from '../../shared/protocol.ts';
import type { AlternativeState } from '../../shared/schemas/alternatives.ts';
import type { Logger } from '../logger.ts';
import {
  type ClientBinding,
  ClientsBoundElsewhereError,
  type DocumentStore,
  LocksMovedError,
  SERVER_AUTHOR,
  type StoredAuthor,
  type StoredDocument,
  type TextEdit,
  type UpdateAttribution,
} from '../storage/document-store.ts';
import { AwarenessRelay, type PresenceIdentity } from './awareness-relay.ts';
import { clauseEditsOf } from './clause-edits.ts';
import { ClientBindings, checkClientIds } from './client-binding-guard.ts';
import { CompactionSchedule } from './compaction.ts';
import { guardDecisions } from './decision-guard.ts';
import { guardIntegration } from './integration-guard.ts';
import { guardLayout } from './layout-guard.ts';
import { guardStructure } from './structure-guard.ts';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage } from './sync-messages.ts';
import { hasNewChanges, type TextLocks, type UpdateGuard } from './update-guard.ts';

/** One participant's socket as a room sees it. */
export interface RoomConnection {
  /** Whether this session may change the document at all (observers may not). */
  readonly canEditText: boolean;
  /** Who the session is: its presence is shown under this name and role, whatever it claims. */
  readonly presence: PresenceIdentity;
  /** The session as the author of what it sends: its Yjs client ids are bound to it. */
  readonly author: StoredAuthor & { sessionIdHash: string };
  /**
   * Charges one message to the session's budget; false when it is spent. Presence messages are
   * charged here, once they are read, only when they carry the sender's own presence: a stock
   * y-websocket client echoes everyone else's, and those cost it nothing but their bytes.
   */
  takeMessage(): boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  draftId: string;
  documents: DocumentStore;
  /** Frozen clauses and adoption as the decisions on record stand when the room loads. */
  locks: TextLocks;
  /**
   * Reads the locks on record again: when an append is refused because another instance
   * recorded a decision that locks text (`TextLocks.version`), the room judges the batch anew.
   */
  loadLocks?: () => Promise<TextLocks>;
  logger: Logger;
  /** Compact the update log into a snapshot once it holds this many updates. */
  compactAfterUpdates: number;
  /**
   * What the stored document (snapshot and log) may grow to; an update that would pass it is
   * refused with 4413. The log is compacted once it holds a quarter of this.
   */
  maxDocumentBytes: number;
  /** The guards every update must pass; tests of what lies behind them run with fewer. */
  guards?: readonly UpdateGuard[];
  /** Called when the room can no longer be trusted in memory and must be dropped. */
  onPoisoned: (room: Room) => void;
  /** The time edits are recorded at; the system clock by default. */
  now?: () => Date;
  /**
   * Several instances share the draft (server/cluster/): makes the room's link to the others,
   * given the number of the last update the loaded document holds. Unset: this room alone
   * writes the draft.
   */
  follow?: (room: Room, loadedThrough: number) => ClusterLink;
}

/**
 * A room's link to the other instances serving its draft. Its calls come from the room's queue.
 */
export interface ClusterLink {
  /**
   * The room committed updates `firstSeq`..`lastSeq` (`update` is them merged), and sends them
   * to its own connections right after this returns.
   */
  committed(firstSeq: number, lastSeq: number, update: Uint8Array): void;
  /** The doc holds every update of the log up to this number: what a compaction may fold. */
  readonly appliedThrough: number;
  /** The doc was rebuilt from storage, which held every update up to `lastSeq`. */
  reloaded(lastSeq: number): void;
  /** The presence of this instance's connections changed (an awareness update), for the others. */
  presenceChanged(update: Uint8Array): void;
  /** Applies whatever the log holds that the doc lacks, now. Call it inside the room's queue. */
  readMissed(): Promise<void>;
  close(): void;
}

/** What a connection may send before its sync step 2 that builds on it (`holdUntilStep2`). */
const HELD_UPDATES = 64;
const HELD_BYTES = 1024 * 1024;
const HELD_FOR_MS = 5000;

/** How often one batch is judged again by locks that moved before the room gives up on it. */
const MAX_REJUDGEMENTS = 5;

/**
 * Every incoming update passes each of these before it is applied; the first refusal wins. The
 * layout first: the others may then take the document's shapes for granted.
 */
export const GUARDS: readonly UpdateGuard[] = [guardLayout, guardStructure, guardDecisions, guardIntegration];

/** The origin of the server's own changes to the document (see `applyServerChange`). */
const SERVER_CHANGE = Symbol('server-change');
/** The origin of updates another instance stored (see `applyStoredElsewhere`). */
const STORED_ELSEWHERE = Symbol('stored-elsewhere');

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
  /** Who sent it, the client ids it binds and its clause edits: stored with it. */
  attribution: UpdateAttribution;
}

/**
 * One draft's live state: its Y.Doc, awareness and connections.
 *
 * Every message of every connection runs through one serial queue, and every change to the doc
 * is appended to storage and committed before it is broadcast or reflected in any sync answer.
 * So no client ever sees an edit that the server could still lose.
 */
export class Room {
  readonly draftId: string;
  /** Replaced only when a refused update must be undone: see `recoverFromRefusedUpdate`. */
  private currentDoc: Y.Doc;
  private currentTexts: ClauseTextCache;
  private readonly presence: AwarenessRelay<RoomConnection>;
  private readonly connections = new Set<RoomConnection>();
  private readonly pending: PendingUpdate[] = [];
  private queue: Promise<void> = Promise.resolve();
  private lastSeq: number;
  /** The stored document's size: its snapshot and every update logged after it. */
  private storedBytes = 0;
  private poisoned = false;
  private destroyed = false;
  private flushScheduled = false;
  /** Frozen clauses and adoption, as stored; changed only by `freeze`, `reopen` and `adopt`. */
  private readonly frozen: Set<string>;
  private adopted: boolean;
  /** Alternatives on record by root name, as stored; changed only by `setAlternative`. */
  private readonly alternatives: Map<string, AlternativeState>;
  /** Clauses under a running silence; changed only by `lockSilenced` and `unlockSilenced`. */
  private silenced: ReadonlySet<string>;
  /** What the guards see: frozen and silenced clauses together, rebuilt when either changes. */
  private locked: ReadonlySet<string>;
  private readonly compaction: CompactionSchedule;
  /** The update of the server's own change being made, caught here rather than queued. */
  private serverChange: Uint8Array | null = null;
  /**
   * The sync answer to a client that has nothing (an empty state vector: every joiner without
   * a kept copy), encoded once per document version. A hundred people opening the draft at the
   * start of a session would otherwise encode the whole document a hundred times.
   */
  private fullStateAnswer: Uint8Array | null = null;
  /** Which session each Yjs client id belongs to (client-binding-guard.ts); reread with the doc. */
  private bindings: ClientBindings;
  /** The store's locks version the locks were read at; undefined on one instance (`TextLocks.version`). */
  private locksVersion: number | undefined;
  /** Whether the current doc's client id is stored as the server's (`applyServerChange`). */
  private serverIdStored = false;
  /** The clause edits of the transaction just applied, taken before Yjs collects deleted content. */
  private transactionEdits: TextEdit[] = [];
  /** The client ids the update being applied binds to its sender. */
  private applyingClients: number[] = [];
  /** Whether the server change being made is written for someone, and its edits recorded. */
  private recordingServerEdits = false;
  /** Set when several instances share the draft (`RoomOptions.follow`). */
  private link: ClusterLink | null = null;
  /** The connections whose sync step 2 (everything they hold that the server lacked) came. */
  private readonly step2Received = new WeakSet<RoomConnection>();
  /** Updates of a connection that came before its step 2 and need what the step 2 brings. */
  private readonly held = new Map<RoomConnection, { updates: Uint8Array[]; bytes: number; timer: NodeJS.Timeout }>();

  private constructor(
    private readonly options: RoomOptions,
    doc: Y.Doc,
    lastSeq: number,
    bindings: ClientBindings,
  ) {
    this.bindings = bindings;
    this.draftId = options.draftId;
    this.frozen = new Set(options.locks.frozen);
    this.adopted = options.locks.adopted;
    this.alternatives = new Map(options.locks.alternatives ?? []);
    this.silenced = new Set(options.locks.silenced ?? []);
    this.locked = this.lockedClauses();
    this.locksVersion = options.locks.version;
    this.currentDoc = doc;
    this.currentTexts = new ClauseTextCache(doc);
    this.lastSeq = lastSeq;
    this.compaction = new CompactionSchedule(options.compactAfterUpdates, options.maxDocumentBytes / 4, () => {
      void this.enqueue(() => this.compact());
    });
    this.presence = new AwarenessRelay(doc, (message, except) => this.broadcast(message, except));
    this.watch(doc);
  }

  private watch(doc: Y.Doc): void {
    this.bindings.reserveUnbound(doc);
    doc.on('afterTransaction', this.onAfterTransaction);
    doc.on('update', this.onDocUpdate);
  }

  private unwatch(doc: Y.Doc): void {
    doc.off('afterTransaction', this.onAfterTransaction);
    doc.off('update', this.onDocUpdate);
  }

  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    const { origin } = transaction;
    // Another instance recorded the edits of what it stored.
    const unrecorded = (origin === SERVER_CHANGE && !this.recordingServerEdits) || origin === STORED_ELSEWHERE;
    this.transactionEdits = unrecorded ? [] : clauseEditsOf(transaction);
  };

  /** The draft's document, complete and stored up to what is pending in this room. */
  get doc(): Y.Doc {
    return this.currentDoc;
  }

  /** Each clause's current text and hash, kept current with the doc. */
  get clauseTexts(): ClauseTextCache {
    return this.currentTexts;
  }

  /**
   * The chair froze a clause: from now on the guard refuses every update touching it. Call it
   * inside `exclusive`, once the freeze is stored, so that no edit slips in between.
   */
  freeze(clauseId: string): void {
    this.frozen.add(clauseId);
    this.locked = this.lockedClauses();
  }

  /** The chair re-opened a clause: its text can be edited again. */
  reopen(clauseId: string): void {
    this.frozen.delete(clauseId);
    this.locked = this.lockedClauses();
  }

  /**
   * The chair circulated these clauses under silence: the guard refuses every update touching
   * them until `unlockSilenced`. Call it inside `exclusive`, once the silence is stored.
   */
  lockSilenced(clauseIds: Iterable<string>): void {
    this.silenced = new Set(clauseIds);
    this.locked = this.lockedClauses();
  }

  /** The silence ended: its clauses are as editable as their freezes leave them. */
  unlockSilenced(): void {
    this.silenced = new Set();
    this.locked = this.lockedClauses();
  }

  private lockedClauses(): ReadonlySet<string> {
    return this.silenced.size === 0 ? this.frozen : new Set([...this.frozen, ...this.silenced]);
  }

  /**
   * An alternative was proposed or changed state: from now on the guards accept edits to its
   * root while it is open (and its clause is not frozen), and refuse them otherwise. Call it
   * inside `exclusive`, once the change is stored.
   */
  setAlternative(clauseId: string, n: number, state: AlternativeState): void {
    this.alternatives.set(alternativeRootName(clauseId, n), state);
  }

  /**
   * Replaces every lock by the decisions on record: another instance decided. Call it inside
   * `exclusive`, with locks read there, so that no decision of this instance is undone.
   */
  setLocks(locks: TextLocks): void {
    this.frozen.clear();
    for (const clauseId of locks.frozen) this.frozen.add(clauseId);
    this.adopted = locks.adopted;
    this.alternatives.clear();
    for (const [root, state] of locks.alternatives ?? []) this.alternatives.set(root, state);
    this.silenced = new Set(locks.silenced ?? []);
    this.locked = this.lockedClauses();
    this.locksVersion = locks.version;
  }

  /**
   * This instance recorded a decision that locks text (shared/consensus/text-lock-changes.ts)
   * and locked the room to match: the stored locks version moved by one with it. If another
   * instance's decision moved it too and this room has not taken that one yet, the versions
   * differ and the next append is refused and judged again, never accepted by stale locks.
   */
  lockChangeRecorded(): void {
    if (this.locksVersion !== undefined) this.locksVersion += 1;
  }

  /** The current locks, as the guards see them before silence is merged in. */
  private get textLocks(): TextLocks {
    return { frozen: this.frozen, adopted: this.adopted, alternatives: this.alternatives, silenced: this.silenced };
  }

  /**
   * The number of the last update of the log this doc holds every update up to, when several
   * instances share the draft: what a decision judged on this doc was judged on. Undefined on
   * one instance.
   */
  get appliedThrough(): number | undefined {
    return this.link?.appliedThrough;
  }

  /**
   * Applies what other instances stored and this doc lacks. Call it inside `exclusive`, before
   * judging a decision again that the store refused because the log moved.
   */
  async readMissed(): Promise<void> {
    await this.link?.readMissed();
  }

  /** The draft is adopted: from now on every update is refused. */
  adopt(): void {
    this.adopted = true;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateAnswer = null;
    if (origin === SERVER_CHANGE) {
      this.serverChange = update;
      return;
    }
    if (origin === STORED_ELSEWHERE) {
      // Stored by another instance already: sent to everyone here, never stored again.
      this.storedBytes += update.byteLength;
      this.compaction.appended(1, update.byteLength);
      this.broadcast(encodeUpdateMessage(update), null);
      return;
    }
    const edits = this.transactionEdits;
    this.transactionEdits = [];
    const newClients = this.applyingClients;
    this.applyingClients = [];
    const author = isConnection(origin) ? origin.author : SERVER_AUTHOR;
    const at = (this.options.now?.() ?? new Date()).toISOString();
    this.pending.push({ update, origin, attribution: { author, newClients, edits, at } });
  };

  /**
   * A change the server itself makes to the document: a command's change to the clause list.
   * Call it inside `exclusive`. `change` runs in one transaction; `store` must commit its update
   * durably (with the decision that made it, in one transaction) and answer the update's place
   * in the log. Only then is it sent to every connection. If storing fails the room is dropped,
   * so that it reloads what was stored; nobody saw the change.
   *
   * With `writer`, the server writes the change for that participant (a clause restored to a
   * version's words, at their request): under a fresh client id bound to them, with its clause
   * edits, both handed to `store` as the update's attribution to be stored with it, so that the
   * clause's history and its authorship name them, not the server.
   */
  async applyServerChange(
    change: (doc: Y.Doc) => void,
    store: (update: Uint8Array, attribution: UpdateAttribution | undefined) => Promise<number>,
    writer?: StoredAuthor,
  ): Promise<void> {
    this.serverChange = null;
    if (writer !== undefined) {
      await this.applyChangeFor(writer, change, store);
      return;
    }
    // The room's own client id is the server's: bound durably before anything written with it.
    if (!this.serverIdStored) {
      try {
        await this.options.documents.bindClients(this.draftId, [this.doc.clientID], SERVER_AUTHOR);
      } catch (error: unknown) {
        this.poison(error);
        throw error;
      }
      this.bindings.bind(this.doc.clientID, SERVER_AUTHOR.sessionIdHash);
      this.serverIdStored = true;
    }
    this.doc.transact(() => change(this.doc), SERVER_CHANGE);
    const update = this.serverChange as Uint8Array | null;
    this.serverChange = null;
    if (update === null) return;
    await this.storeServerChange(update, () => store(update, undefined));
  }

  /** `applyServerChange` for `writer`: see there. */
  private async applyChangeFor(
    writer: StoredAuthor,
    change: (doc: Y.Doc) => void,
    store: (update: Uint8Array, attribution: UpdateAttribution) => Promise<number>,
  ): Promise<void> {
    const doc = this.doc;
    const own = doc.clientID;
    const client = this.freeClientId();
    // Yjs writes a transaction's new items under `doc.clientID` (it changes the id itself when
    // it meets a clash), so the change is made under the writer's id and the server's restored.
    doc.clientID = client;
    this.recordingServerEdits = true;
    try {
      doc.transact(() => change(doc), SERVER_CHANGE);
    } finally {
      doc.clientID = own;
      this.recordingServerEdits = false;
    }
    const update = this.serverChange as Uint8Array | null;
    const edits = this.transactionEdits;
    this.serverChange = null;
    this.transactionEdits = [];
    if (update === null) return;
    const at = (this.options.now?.() ?? new Date()).toISOString();
    await this.storeServerChange(update, () => store(update, { author: writer, newClients: [client], edits, at }));
    this.bindings.bind(client, writer.sessionIdHash);
  }

  /** A client id nobody has written with or holds: what the server writes a change for someone under. */
  private freeClientId(): number {
    for (;;) {
      const client = randomInt(2 ** 32);
      if (!this.doc.store.clients.has(client) && this.bindings.sessionOf(client) === undefined) return client;
    }
  }

  /** Stores a server change's update, then sends it to everyone; poisons the room if storing fails. */
  private async storeServerChange(update: Uint8Array, store: () => Promise<number>): Promise<void> {
    let seq: number;
    try {
      seq = await store();
    } catch (error: unknown) {
      this.poison(error);
      throw error;
    }
    this.lastSeq = seq;
    this.storedBytes += update.byteLength;
    this.link?.committed(seq, seq, update);
    this.broadcast(encodeUpdateMessage(update), null);
    this.compaction.appended(1, update.byteLength);
  }

  /**
   * Loads a draft's document completely from storage. The room exists only once this resolves,
   * so no connection is ever served a half-loaded document.
   */
  static async load(options: RoomOptions): Promise<Room> {
    const started = performance.now();
    const stored = await options.documents.loadDocument(options.draftId);
    const bindings = new ClientBindings(await options.documents.loadClientBindings(options.draftId));
    const doc = buildDoc(stored);
    const room = new Room(options, doc, stored.lastSeq, bindings);
    room.link = options.follow?.(room, stored.lastSeq) ?? null;
    const { link } = room;
    if (link !== null) room.presence.shareChanges((update) => link.presenceChanged(update));
    options.logger.info('loaded room', {
      draftId: options.draftId,
      loggedUpdates: stored.updates.length,
      ms: Math.round(performance.now() - started),
    });
    // A long log is compacted at the next quiet moment, after the waiting connections are served.
    room.storedLoaded(stored);
    return room;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Adds a connection and opens the sync: sync step 1 and the current awareness states. */
  join(conn: RoomConnection): void {
    if (this.destroyed) throw new Error(`Room ${this.draftId} is destroyed; acquire it again.`);
    this.connections.add(conn);
    void this.enqueue(async () => {
      await this.flush();
      conn.send(encodeSyncStep1(this.doc));
      const presence = this.presence.encodeAll();
      if (presence !== null) conn.send(presence);
    });
  }

  /** Queues one binary message from a connection; it is handled after everything before it. */
  receive(conn: RoomConnection, message: Uint8Array): void {
    void this.enqueue(() => this.handleMessage(conn, message));
  }

  /** Removes a connection; its awareness entries disappear for everyone at once. */
  leave(conn: RoomConnection): void {
    this.dropHeld(conn);
    this.step2Received.delete(conn);
    if (!this.connections.delete(conn)) return;
    if (!this.destroyed) this.presence.leave(conn);
  }

  /**
   * Runs `task` alone: after every message before it has been handled and stored, and before any
   * later one. A command judges the text it sees here, and no update can slip in between its
   * check and its decision. The task's own failure is returned to the caller, not the room's.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      if (this.destroyed || this.poisoned) throw new RoomClosedError(this.draftId);
      try {
        await this.flush();
      } catch (error: unknown) {
        this.poison(error);
        throw error;
      }
      return task();
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once every queued message has been handled and every change stored. */
  drain(): Promise<void> {
    return this.enqueue(() => this.flush());
  }

  /** Closes every connection with `code` and releases the doc. The room cannot be used again. */
  destroy(code: number, reason: string): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.compaction.stop();
    for (const conn of [...this.held.keys()]) this.dropHeld(conn);
    this.link?.close();
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.connections.clear();
    this.presence.destroy();
    this.currentTexts.destroy();
    this.currentDoc.destroy();
  }

  /**
   * Runs `task` after everything queued before it. A failure poisons the room (it reloads from
   * storage on the next connection) and rejects the returned promise, so a caller that waits
   * learns of it; the queue itself goes on.
   */
  private enqueue(task: () => void | Promise<void>): Promise<void> {
    const result = this.queue.then(async () => {
      if (this.poisoned || this.destroyed) throw new RoomClosedError(this.draftId);
      try {
        await task();
      } catch (error: unknown) {
        this.poison(error);
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async handleMessage(conn: RoomConnection, message: Uint8Array): Promise<void> {
    if (!this.connections.has(conn)) return;
    let messageType: number;
    const decoder = decoding.createDecoder(message);
    try {
      messageType = decoding.readVarUint(decoder);
      switch (messageType) {
        case MessageType.sync:
          return await this.handleSync(conn, decoder);
        case MessageType.awareness: {
          const receipt = this.presence.receive(conn, decoding.readVarUint8Array(decoder));
          if (receipt.refusal !== null) {
            const { code, reason, message: why } = receipt.refusal;
            return this.refuse(conn, code, reason, why);
          }
          if (receipt.own > 0 && !conn.takeMessage()) {
            return this.refuse(conn, CloseCode.tooManyMessages, 'presence faster than the rate limit');
          }
          return;
        }
        case MessageType.queryAwareness: {
          const presence = this.presence.encodeAll();
          if (presence !== null) conn.send(presence);
          return;
        }
        case MessageType.auth:
          // y-websocket's auth message carries nothing we use: sessions come from the cookie.
          return;
        default:
          return this.refuse(conn, CloseCode.malformed, `unknown message type ${messageType}`);
      }
    } catch (error: unknown) {
      if (error instanceof StorageOrApplyFailure) throw error.cause;
      return this.refuse(conn, CloseCode.malformed, error instanceof Error ? error.message : String(error));
    }
  }

  private async handleSync(conn: RoomConnection, decoder: decoding.Decoder): Promise<void> {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case SyncMessageType.step1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        // The answer must not contain a change that is not stored yet.
        await this.flush();
        if (!isEmptyStateVector(stateVector)) {
          conn.send(encodeSyncStep2(this.doc, stateVector));
          return;
        }
        this.fullStateAnswer ??= encodeSyncStep2(this.doc, stateVector);
        conn.send(this.fullStateAnswer);
        return;
      }
      case SyncMessageType.update:
        return this.admit(conn, decoding.readVarUint8Array(decoder));
      case SyncMessageType.step2:
        await this.admit(conn, decoding.readVarUint8Array(decoder));
        return this.sentStep2(conn);
      default:
        return this.refuse(conn, CloseCode.malformed, `unknown sync message type ${syncType}`);
    }
  }

  /**
   * Judges one update of a connection by the size cap, every guard and the client bindings, and
   * applies it, to be stored by the next flush, or refuses it and closes the connection. Also
   * how a batch is judged again when the locks moved before it was stored (`rejudge`).
   */
  private async admit(conn: RoomConnection, update: Uint8Array): Promise<void> {
    // Decoding the whole update first means a malformed one is refused before any of it
    // touches the doc.
    const decoded = Y.decodeUpdate(update);
    if (!hasNewChanges(this.doc, decoded)) return;
    if (!conn.canEditText) return this.refuse(conn, CloseCode.forbidden, 'read-only role sent an update');
    const locks: TextLocks = { frozen: this.locked, adopted: this.adopted, alternatives: this.alternatives };
    if (this.storedBytes + update.byteLength > this.options.maxDocumentBytes) {
      return this.refuse(conn, CloseCode.tooLarge, 'document size cap', DOCUMENT_TOO_LARGE);
    }
    for (const guard of this.options.guards ?? GUARDS) {
      const refusal = guard(this.doc, decoded, locks);
      if (refusal !== null) return this.refuse(conn, refusal.code, refusal.reason, refusal.message);
    }
    const binding = checkClientIds(this.doc, decoded, this.bindings, conn.author.sessionIdHash);
    if (binding.refusal !== null) {
      const { code, reason, message } = binding.refusal;
      return this.refuse(conn, code, reason, message);
    }
    const pendingBefore = this.pending.length;
    let failure: string | null = null;
    this.applyingClients = binding.newClients;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error: unknown) {
      failure = `Yjs could not apply the update: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.applyingClients = [];
    const { pendingStructs, pendingDs } = this.doc.store;
    const missing = failure === null && (pendingStructs !== null || pendingDs !== null);
    if (missing) {
      // Held back for missing dependencies, it would be stored nowhere yet sent in every sync.
      failure = 'the update depends on changes the server does not have';
    }
    if (failure !== null) {
      await this.recoverFromRefusedUpdate(pendingBefore);
      if (missing && this.holdUntilStep2(conn, update)) return;
      return this.refuse(conn, CloseCode.malformed, failure);
    }
    // Bound in memory at once, so that the next update of the same turn is judged by it; if
    // the flush fails the room is dropped and reloads the bindings that were stored.
    for (const client of binding.newClients) this.bindings.bind(client, conn.author.sessionIdHash);
    this.scheduleFlush();
  }

  /**
   * A client reconnecting with edits the server lacks (made offline, or stored by an instance
   * that died) sends them in its sync step 2, one round trip after the socket opens; what the
   * person types meanwhile goes out at once and builds on them. Such an update is held until the
   * step 2 comes (at most HELD_UPDATES per connection, HELD_FOR_MS) and judged after it, rather
   * than refused: y-websocket does not reconnect after a 44xx close. False: not to be held.
   */
  private holdUntilStep2(conn: RoomConnection, update: Uint8Array): boolean {
    if (this.step2Received.has(conn) || !this.connections.has(conn)) return false;
    let held = this.held.get(conn);
    if (held === undefined) {
      const timer = setTimeout(() => {
        void this.enqueue(() => {
          if (!this.held.has(conn)) return;
          this.dropHeld(conn);
          this.refuse(conn, CloseCode.malformed, 'updates that depend on changes the client never sent');
        });
      }, HELD_FOR_MS);
      timer.unref();
      held = { updates: [], bytes: 0, timer };
      this.held.set(conn, held);
    }
    if (held.updates.length >= HELD_UPDATES || held.bytes + update.byteLength > HELD_BYTES) return false;
    held.updates.push(update);
    held.bytes += update.byteLength;
    return true;
  }

  /** The connection's step 2 was judged: what it held back is judged now, in order. */
  private async sentStep2(conn: RoomConnection): Promise<void> {
    this.step2Received.add(conn);
    const held = this.held.get(conn);
    if (held === undefined) return;
    this.dropHeld(conn);
    for (const update of held.updates) {
      if (!this.connections.has(conn)) return;
      await this.admit(conn, update);
    }
  }

  private dropHeld(conn: RoomConnection): void {
    const held = this.held.get(conn);
    if (held === undefined) return;
    clearTimeout(held.timer);
    this.held.delete(conn);
  }

  /**
   * Undoes a refused update that was partly applied or left held back. Nothing of it was stored
   * or sent, so the room stores and sends what came before it, then reloads its doc from storage:
   * every other client stays connected and sees nothing.
   */
  private async recoverFromRefusedUpdate(pendingBefore: number): Promise<void> {
    this.pending.length = pendingBefore;
    await this.flush();
    let stored: StoredDocument;
    try {
      stored = await this.options.documents.loadDocument(this.draftId);
    } catch (error: unknown) {
      throw new StorageOrApplyFailure(error);
    }
    this.replaceDoc(stored);
  }

  /**
   * Another instance recorded a decision that locks text after this batch was judged, or bound
   * a client id the batch binds (`bindingsMoved`: a client that moved here from there), and the
   * store refused it. The locks are read again; if they are the ones the batch was judged by and
   * the bindings did not move, it is simply stored under the new version. Otherwise the doc and
   * the client bindings are read again from storage (the batch was applied here but never stored
   * or sent) and every update of the batch is judged again, in order: a refused one closes its
   * sender as any refused update does, and the others are stored by the flush that goes on.
   */
  private async rejudge(batch: readonly PendingUpdate[], bindingsMoved: boolean): Promise<void> {
    const { loadLocks } = this.options;
    if (loadLocks === undefined) throw new Error(`Room ${this.draftId} cannot read the locks that moved.`);
    let stored: StoredDocument;
    let bindings: ClientBinding[];
    try {
      const locks = await loadLocks();
      const unchanged = sameLocks(this.textLocks, locks);
      this.setLocks(locks);
      if (unchanged && !bindingsMoved) {
        this.pending.unshift(...batch);
        return;
      }
      [stored, bindings] = await Promise.all([
        this.options.documents.loadDocument(this.draftId),
        this.options.documents.loadClientBindings(this.draftId),
      ]);
    } catch (error: unknown) {
      throw new StorageOrApplyFailure(error);
    }
    this.options.logger.info('judging edits again: another instance changed the locks or bound their clients', {
      draftId: this.draftId,
      updates: batch.length,
    });
    // The connections here have the doc as it was before the batch: from each of the batch's
    // clients, what the batch starts with on is theirs to get from the stored doc (another
    // instance may have stored part of it: a client that moved here).
    const before = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const { update } of batch) {
      for (const [client, clock] of Y.parseUpdateMeta(update).from) {
        before.set(client, Math.min(before.get(client) ?? clock, clock));
      }
    }
    this.bindings = new ClientBindings(bindings);
    this.replaceDoc(stored, before);
    // Every update came from a connection (the server's own changes are stored apart). One that
    // left, or was refused just now, sends what it has again when it reconnects.
    for (const { update, origin } of batch) {
      if (isConnection(origin) && this.connections.has(origin)) await this.admit(origin, update);
    }
  }

  /**
   * Replaces the doc by the stored one. With other instances writing too, the stored one may hold
   * what they stored and this doc had not applied yet: the link counts all of it applied from
   * now on, so it is sent to the connections here at once (all they lack of it, given what they
   * have: `connectionsHave`, by default the old doc).
   */
  private replaceDoc(stored: StoredDocument, connectionsHave?: Map<number, number>): void {
    const old = this.currentDoc;
    const fresh = buildDoc(stored);
    const missed =
      this.link === null ? null : Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(connectionsHave ?? old));
    // The awareness keeps the old doc only for its client id; the old doc is not destroyed
    // because destroying it would destroy the awareness with it.
    this.unwatch(old);
    this.currentTexts.destroy();
    this.currentDoc = fresh;
    this.currentTexts = new ClauseTextCache(fresh);
    this.serverIdStored = false;
    this.watch(fresh);
    this.fullStateAnswer = null;
    this.lastSeq = stored.lastSeq;
    this.link?.reloaded(stored.lastSeq);
    this.storedLoaded(stored);
    if (missed !== null) this.broadcast(encodeUpdateMessage(missed), null);
  }

  /**
   * Group commit: the updates applied during one turn of the event loop are stored in one
   * transaction by one flush, queued behind them. Nothing is broadcast before that flush.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.enqueue(() => this.flush());
    });
  }

  /** Commits every pending doc change to storage, then sends each to everyone but its origin. */
  private async flush(): Promise<void> {
    for (let judged = 1; this.pending.length > 0; judged++) {
      const batch = this.pending.splice(0, this.pending.length);
      try {
        this.lastSeq = await this.options.documents.appendUpdates(
          this.draftId,
          batch.map(({ update }) => update),
          batch.map(({ attribution }) => attribution),
          this.locksVersion,
        );
      } catch (error: unknown) {
        if (
          (error instanceof LocksMovedError || error instanceof ClientsBoundElsewhereError) &&
          judged < MAX_REJUDGEMENTS
        ) {
          await this.rejudge(batch, error instanceof ClientsBoundElsewhereError);
          continue;
        }
        throw new StorageOrApplyFailure(error);
      }
      this.stored(batch);
    }
  }

  /** Counts, announces and sends a batch just committed. */
  private stored(batch: readonly PendingUpdate[]): void {
    const bytes = batch.reduce((sum, { update }) => sum + update.byteLength, 0);
    this.storedBytes += bytes;
    const everything = mergedUpdates(batch.map(({ update }) => update));
    // Per draft the log numbers one append's updates one after the other.
    this.link?.committed(this.lastSeq - batch.length + 1, this.lastSeq, everything);
    this.broadcastBatch(batch, everything);
    this.compaction.appended(batch.length, bytes);
  }

  /**
   * Sends a stored batch as one message per connection: everything in the batch but the
   * connection's own changes. One socket write per client per batch instead of per update is
   * most of what a busy room spends its CPU on. (One message for all, own changes included,
   * would save the merges, but an echo of a person's own keystrokes reaches the editor binding
   * as a remote change and moves their caret: e2e/co-typing.spec.ts fails one run in three.)
   */
  private broadcastBatch(batch: readonly PendingUpdate[], merged: Uint8Array): void {
    const everything = encodeUpdateMessage(merged);
    const origins = new Set(batch.map(({ origin }) => origin));
    for (const conn of this.connections) {
      if (!origins.has(conn)) {
        conn.send(everything);
        continue;
      }
      const others = batch.filter(({ origin }) => origin !== conn).map(({ update }) => update);
      if (others.length > 0) conn.send(encodeUpdateMessage(mergedUpdates(others)));
    }
  }

  /** Folds the stored log into a snapshot of the doc as stored, in one transaction. */
  private async compact(): Promise<void> {
    await this.flush();
    if (!this.compaction.due) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    // Shared with other instances, the doc may lack some of their updates numbered before its
    // own last: it folds only what it holds.
    const uptoSeq = this.link?.appliedThrough ?? this.lastSeq;
    await this.options.documents.compact(this.draftId, snapshot, uptoSeq);
    this.options.logger.info('compacted update log', {
      draftId: this.draftId,
      uptoSeq,
      snapshotBytes: snapshot.byteLength,
    });
    this.storedBytes = snapshot.byteLength;
    this.compaction.reset(0, 0);
  }

  /**
   * Applies updates that another instance stored, in the order given: sent to every connection
   * here, never stored or announced again. Call it inside `exclusive`. Client ids first seen in
   * them are bound as the log binds them, so that their sessions may go on writing here. If they
   * cannot all be applied (a dependency missing), the room is dropped and reloads from storage.
   */
  async applyStoredElsewhere(updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const unbound = new Set<number>();
    try {
      let applied!: Y.Transaction;
      this.doc.transact((transaction) => {
        applied = transaction;
        for (const update of updates) Y.applyUpdate(this.doc, update, STORED_ELSEWHERE);
      }, STORED_ELSEWHERE);
      const { pendingStructs, pendingDs } = this.doc.store;
      if (pendingStructs !== null || pendingDs !== null) {
        throw new Error('updates stored by another instance depend on changes this room does not have');
      }
      // The clients that wrote: their clocks moved (the state vectors are set as the transaction
      // ends). Read from the doc rather than by parsing each update a second time.
      for (const [client, clock] of applied.afterState) {
        if (clock > (applied.beforeState.get(client) ?? 0) && this.bindings.sessionOf(client) === undefined) {
          unbound.add(client);
        }
      }
      if (unbound.size === 0) return;
      const stored = await this.options.documents.loadClientBindings(this.draftId);
      for (const { client, author } of stored) {
        if (unbound.delete(client)) this.bindings.bind(client, author.sessionIdHash);
      }
      // Bound nowhere (written before bindings were kept): nobody's to add to.
      for (const client of unbound) this.bindings.bind(client, null);
    } catch (error: unknown) {
      this.poison(error);
      throw error;
    }
  }

  /** Presences another instance relayed (an awareness update): shown to every connection here. */
  applyRelayedPresence(instance: string, update: Uint8Array): void {
    if (!this.destroyed) this.presence.receiveRelayed(instance, update);
  }

  /** Another instance went silent: its people's presences go. */
  dropRelayedPresence(instance: string): void {
    if (!this.destroyed) this.presence.dropRelayed(instance);
  }

  /** The presences of this instance's connections, as one awareness update. */
  encodeOwnPresence(): Uint8Array {
    return this.presence.encodeOwn();
  }

  /** Counts what a load (or reload) of the stored document found. */
  private storedLoaded(stored: StoredDocument): void {
    const logBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    this.storedBytes = (stored.snapshot?.byteLength ?? 0) + logBytes;
    this.compaction.reset(stored.updates.length, logBytes);
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const conn of this.connections) {
      if (conn !== except) conn.send(message);
    }
  }

  private refuse(conn: RoomConnection, code: number, detail: string, message?: string): void {
    this.options.logger.warn('refused collaboration message', { draftId: this.draftId, code, detail });
    this.leave(conn);
    conn.close(code, message ?? closeReasonFor(code));
  }

  private poison(error: unknown): void {
    if (this.poisoned) return;
    this.poisoned = true;
    const cause = error instanceof StorageOrApplyFailure ? error.cause : error;
    this.options.logger.error('room failed; dropping it so that it reloads from storage', {
      draftId: this.draftId,
      error: cause instanceof Error ? cause.message : String(cause),
    });
    this.destroy(CloseCode.internalError, 'server error');
    this.options.onPoisoned(this);
  }
}

function mergedUpdates(updates: readonly Uint8Array[]): Uint8Array {
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates]);
}

function isConnection(origin: unknown): origin is RoomConnection {
  return typeof origin === 'object' && origin !== null && 'author' in origin && 'send' in origin;
}

/** The close reason of an update refused because the draft reached its size cap (≤ 123 bytes). */
const DOCUMENT_TOO_LARGE = 'Too large: this draft has reached its size limit. Your change was not kept; copy it.';

/** The room was unloaded or dropped while a command waited for it; the caller may retry. */
export class RoomClosedError extends Error {
  constructor(draftId: string) {
    super(`The room of draft ${draftId} closed; try again.`);
  }
}

/** Marks a failure after the doc may have changed, which must poison the room, not the socket. */
class StorageOrApplyFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('storage or apply failure');
  }
}

/** A state vector naming no client: the peer has nothing of the document. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 0 || (stateVector.byteLength === 1 && stateVector[0] === 0);
}

function closeReasonFor(code: number): string {
  return (CloseReason as Record<number, string>)[code] ?? 'closed';
}

/**
 * A document from its stored snapshot and log. One transaction for the whole log: 10,000 updates
 * apply in tens of milliseconds this way, where Y.mergeUpdates over them takes seconds.
 */
function buildDoc(stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  typeLayoutRoots(doc);
  return doc;
}

/**
 * Gives every root of the layout its type now. Yjs makes a root that an update names an untyped
 * placeholder, and swaps it for a new typed object at the first `doc.get` with a type (the size
 * guard and the text cache both ask for one). Every cache of root names keyed by the root object
 * (the guards' `RootNames`, the text cache's) then missed and re-read the draft's hundred roots at
 * the first edit of each clause: in a session of many drafts, at most edits. A root that is
 * already typed is left as it is, as is any name outside the layout.
 */
function typeLayoutRoots(doc: Y.Doc): void {
  for (const [name, type] of [...doc.share]) {
    if (type.constructor !== Y.AbstractType) continue;
    if (name === ORDER_ROOT) doc.getArray(name);
    else if (name === CLAUSES_ROOT) doc.getMap(name);
    else if (clauseIdOfRoot(name) !== null || alternativeOfRoot(name) !== null) doc.get(name, Y.XmlText);
  }
}

/** Whether two sets of locks refuse the same updates (their versions aside). */
function sameLocks(a: TextLocks, b: TextLocks): boolean {
  const sameSet = (x: ReadonlySet<string> | undefined, y: ReadonlySet<string> | undefined) =>
    (x?.size ?? 0) === (y?.size ?? 0) && [...(x ?? [])].every((item) => y?.has(item) === true);
  const altA = a.alternatives ?? new Map<string, AlternativeState>();
  const altB = b.alternatives ?? new Map<string, AlternativeState>();
  return (
    a.adopted === b.adopted &&
    sameSet(a.frozen, b.frozen) &&
    sameSet(a.silenced, b.silenced) &&
    altA.size === altB.size &&
    [...altA].every(([root, state]) => altB.get(root) === state)
  );
}
