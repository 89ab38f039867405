import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { type ClusterLink, Room, RoomClosedError } from './room.ts';
import type { TextLocks } from './update-guard.ts';

export interface RoomRegistryOptions {
  documents: DocumentStore;
  /** The frozen clauses and adoption on record, read when a room loads. */
  loadLocks: (draftId: string) => Promise<TextLocks>;
  logger: Logger;
  /** How long a room with no connection stays in memory before it is unloaded. */
  idleUnloadMs: number;
  compactAfterUpdates: number;
  /** The time edits are recorded at (the server's clock, which tests may shift). */
  now?: () => Date;
  maxDocumentBytes: number;
  /** Several instances share the drafts: each loaded room's link to the others. */
  follow?: (room: Room, loadedThrough: number) => ClusterLink;
}

/**
 * Loads each draft's room once, shares the load between concurrent first connections, and
 * unloads rooms some time after their last connection closes.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The same rooms once loaded, so that forgetting one is synchronous. */
  private readonly loaded = new Map<string, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private closing = false;

  constructor(private readonly options: RoomRegistryOptions) {}

  /** The loaded room of a draft; concurrent callers share one load. */
  async acquire(draftId: string): Promise<Room> {
    if (this.closing) throw new RoomClosedError(draftId);
    this.cancelUnload(draftId);
    let loading = this.rooms.get(draftId);
    if (loading === undefined) {
      loading = this.options.loadLocks(draftId).then((locks) =>
        Room.load({
          draftId,
          documents: this.options.documents,
          locks,
          loadLocks: () => this.options.loadLocks(draftId),
          logger: this.options.logger,
          compactAfterUpdates: this.options.compactAfterUpdates,
          maxDocumentBytes: this.options.maxDocumentBytes,
          onPoisoned: (room) => this.forget(room),
          ...(this.options.now === undefined ? {} : { now: this.options.now }),
          ...(this.options.follow === undefined ? {} : { follow: this.options.follow }),
        }),
      );
      this.rooms.set(draftId, loading);
      loading.then(
        (room) => this.loaded.set(draftId, room),
        // A failed load must not be cached: the next connection tries again.
        () => {
          if (this.rooms.get(draftId) === loading) this.rooms.delete(draftId);
        },
      );
    }
    const room = await loading;
    if (!room.isDestroyed) return room;
    // The room was unloaded or dropped while this caller waited: load it afresh.
    if (this.rooms.get(draftId) === loading) this.rooms.delete(draftId);
    return this.acquire(draftId);
  }

  /**
   * Runs `task` with the draft's loaded room, which stays loaded until the task ends. Tasks that
   * must not interleave with edits run `room.exclusive` inside.
   */
  async withRoom<T>(draftId: string, task: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.acquire(draftId);
    try {
      return await task(room);
    } finally {
      this.release(room);
    }
  }

  /** Call after a connection left: schedules the unload of a room that has none left. */
  release(room: Room): void {
    if (room.connectionCount > 0 || room.isDestroyed) return;
    this.cancelUnload(room.draftId);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.draftId);
      void this.unload(room);
    }, this.options.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(room.draftId, timer);
  }

  /** The draft's room if it is loaded now, without loading it. */
  loadedRoom(draftId: string): Room | undefined {
    return this.loaded.get(draftId);
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Waits for every room to store what it has, then closes every connection with `code`. */
  async closeAll(code: number, reason: string): Promise<void> {
    // No room may be loaded behind the shutdown's back.
    this.closing = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    this.rooms.clear();
    this.loaded.clear();
    for (const result of rooms) {
      if (result.status !== 'fulfilled') continue;
      await drainQuietly(result.value);
      result.value.destroy(code, reason);
    }
  }

  private async unload(room: Room): Promise<void> {
    // Every change is stored before it is broadcast, so draining the queue is all that is left.
    await drainQuietly(room);
    if (room.connectionCount > 0 || room.isDestroyed) return;
    this.forget(room);
    room.destroy(1000, 'unloaded');
    this.options.logger.info('unloaded idle room', { draftId: room.draftId });
  }

  private forget(room: Room): void {
    // Only forget the entry if it still is this room, not a newer load of the same draft.
    if (this.loaded.get(room.draftId) !== room) return;
    this.loaded.delete(room.draftId);
    this.rooms.delete(room.draftId);
  }

  private cancelUnload(draftId: string): void {
    const timer = this.unloadTimers.get(draftId);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.unloadTimers.delete(draftId);
    }
  }
}

/** Drains a room whose failure, if any, has already been logged and has dropped the room. */
async function drainQuietly(room: Room): Promise<void> {
  try {
    await room.drain();
  } catch (_alreadyHandled: unknown) {
    // A failed room poisons itself: it is logged, closed and forgotten by then.
  }
}
