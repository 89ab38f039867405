import type { DecisionEvent } from '../../shared/schemas/events.ts';
import type { ClusterLink, Room } from '../collab/room.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import type { CommentEvents } from '../comments/comment-events.ts';
import type { DecisionEvents } from '../consensus/decision-events.ts';
import type { Logger } from '../logger.ts';
import type { CommentStore } from '../storage/comment-store.ts';
import type { DecisionStore } from '../storage/decision-store.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { CommentRelay } from './comment-relay.ts';
import { DecisionRelay } from './decision-relay.ts';
import { DraftFollower } from './draft-follower.ts';
import { createRedisBus, type DraftBus } from './redis-bus.ts';

/** Several instances sharing every draft through one PostgreSQL and one Redis. */
export interface Cluster {
  /** The link of a room just loaded (`RoomOptions.follow`). */
  follow(room: Room, loadedThrough: number): ClusterLink;
  /**
   * Carries the decisions recorded here to the other instances and theirs here: to `events`'
   * listeners, and to the room of a draft loaded here (`decidedElsewhere` gives it its locks).
   */
  shareDecisions(options: {
    events: DecisionEvents;
    decisions: DecisionStore;
    decidedElsewhere: (draftId: string) => Promise<void>;
    relayed?: (draftId: string, event: DecisionEvent) => void;
  }): void;
  /** Carries the comment changes made here to the other instances' listeners, and theirs here. */
  shareComments(options: {
    events: CommentEvents;
    comments: CommentStore;
    drafts: DraftStore;
    registry: RoomRegistry;
  }): void;
  close(): Promise<void>;
}

export interface ClusterOptions {
  redisUrl: string;
  documents: DocumentStore;
  logger: Logger;
  quietMs: number;
}

export function createCluster(options: ClusterOptions): Cluster {
  const bus: DraftBus = createRedisBus(options.redisUrl, options.logger);
  const followers = new Set<DraftFollower>();
  let relay: DecisionRelay | null = null;
  let commentRelay: CommentRelay | null = null;
  bus.onReconnect(() => {
    // The subscriptions are renewed as the connection comes back, maybe after this read: the
    // second read, a moment later, takes what was announced in between.
    for (const follower of followers) follower.reconnected();
    setTimeout(() => {
      for (const follower of followers) follower.reconnected();
    }, 1000).unref();
  });
  return {
    follow(room, loadedThrough) {
      const follower = new DraftFollower(room, loadedThrough, {
        bus,
        documents: options.documents,
        logger: options.logger,
        quietMs: options.quietMs,
        onClose: (closed) => {
          followers.delete(closed);
          relay?.release(room.draftId);
        },
      });
      followers.add(follower);
      // A loaded room takes the locks other instances decide even with nobody's events open.
      relay?.hold(room.draftId);
      return follower;
    },
    shareDecisions(shared) {
      relay = new DecisionRelay({ bus, logger: options.logger, quietMs: options.quietMs, ...shared });
    },
    shareComments(shared) {
      commentRelay = new CommentRelay({ bus, logger: options.logger, quietMs: options.quietMs, ...shared });
    },
    async close() {
      relay?.close();
      commentRelay?.close();
      for (const follower of [...followers]) follower.close();
      await bus.close();
    },
  };
}
