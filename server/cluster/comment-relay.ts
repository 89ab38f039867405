import { foldComments } from '../../shared/comments/comment-threads.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import type { CommentEvents } from '../comments/comment-events.ts';
import { commentChangeOf } from '../comments/comment-handler.ts';
import type { Logger } from '../logger.ts';
import type { CommentStore } from '../storage/comment-store.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { LogRelay } from './log-relay.ts';
import type { DraftBus } from './redis-bus.ts';

export interface CommentRelayOptions {
  bus: DraftBus;
  events: CommentEvents;
  comments: CommentStore;
  drafts: DraftStore;
  registry: RoomRegistry;
  logger: Logger;
  quietMs: number;
}

/**
 * Comments across instances, through the comment log (log-relay.ts): an instance with comment
 * listeners on a draft delivers each change another instance made, once and in order, as the
 * handler there pushed it (each listener's route then filters what its session may see; a
 * private note never reaches a session that may not read it, on any instance).
 */
export class CommentRelay {
  private readonly relay: LogRelay;
  /**
   * Where each newly followed draft's log ended when its first listener came: that listener
   * reads the whole state after subscribing, so only entries after this are changes to it.
   */
  private readonly starts = new Map<string, Promise<number>>();

  constructor(private readonly options: CommentRelayOptions) {
    this.relay = new LogRelay({
      bus: options.bus,
      logger: options.logger,
      quietMs: options.quietMs,
      topic: 'comments',
      readAfter: (draftId, after, _announced, delivered) => this.readAfter(draftId, after, delivered),
    });
    // Registered before the relay's own watcher: the start is read before the draft is followed.
    options.events.watchListeners(
      (draftId) => {
        const start = options.comments.listComments(draftId).then((entries) => entries.at(-1)?.seq ?? 0);
        // A failed read starts from the log's beginning: a listener keeps the later view of a thread.
        start.catch(() => undefined);
        this.starts.set(draftId, start);
      },
      (draftId) => this.starts.delete(draftId),
    );
    this.relay.carry(options.events);
  }

  close(): void {
    this.relay.close();
  }

  private async readAfter(draftId: string, after: number, delivered: (seq: number) => void): Promise<void> {
    let from = after;
    const start = this.starts.get(draftId);
    if (start !== undefined) {
      this.starts.delete(draftId);
      from = Math.max(from, await start.catch(() => 0));
      if (from > after) delivered(from);
    }
    const entries = await this.options.comments.listComments(draftId);
    if ((entries.at(-1)?.seq ?? 0) <= from) return;
    const draft = await this.options.drafts.getDraft(draftId);
    if (draft === null) return;
    const facts = foldComments(entries.filter((entry) => entry.seq <= from));
    // Each thread's quote is read in the draft's text, as the handler that made the change did.
    await this.options.registry.withRoom(draftId, async (room) => {
      for (const entry of entries) {
        if (entry.seq <= from) continue;
        const change = commentChangeOf(facts, entry, draft.delegations, room.doc);
        delivered(entry.seq);
        this.options.events.deliver(draftId, change);
      }
    });
  }
}
