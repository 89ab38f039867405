import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/** What a draft's channels on the bus carry: one channel per draft and topic. */
export type DraftTopic = 'updates' | 'presence' | 'decisions' | 'comments';

/** The Redis channel of a draft's `topic`. */
export function draftChannelOf(draftId: string, topic: DraftTopic): string {
  return `mufakat:draft:${draftId}:${topic}`;
}

/**
 * How the instances sharing one PostgreSQL tell each other what they committed: Redis pub/sub,
 * one channel per draft. At most once, and nothing while Redis is away; the log is the truth,
 * and every receiver reads what it missed from it (draft-follower.ts).
 */
export interface DraftBus {
  /** This process's name on the bus, random per start. */
  readonly instanceId: string;
  /** Says `message` on `channel`; dropped, not queued, while Redis cannot be reached. */
  announce(channel: string, message: string): void;
  /**
   * Listens to a channel; `subscribed` is called once the subscription holds. Answers the
   * function that stops. Messages are the announcer's to parse: they are not trusted here.
   */
  follow(channel: string, listener: (message: string) => void, subscribed: () => void): () => void;
  /** Called each time the bus is back after it was lost: whatever was said meanwhile is gone. */
  onReconnect(listener: () => void): void;
  /** Whether this process both hears and says on Redis now (nothing said here was dropped lately). */
  readonly healthy: boolean;
  close(): Promise<void>;
}

/**
 * Every message on the bus is framed as the sender's instance id, this character, then the
 * message (JSON, in which a raw line feed never occurs).
 */
const SENDER_END = '\n';

/** A message without its sender's frame; one without a frame (another version's) as it is. */
function withoutSender(framed: string): string {
  const end = framed.indexOf(SENDER_END);
  return end === -1 ? framed : framed.slice(end + 1);
}

/** An announcement above this is no announcement of ours: ignored (the log is read instead). */
const MAX_MESSAGE_CHARS = 512 * 1024;

/** Connects to Redis (`MUFAKAT_REDIS_URL`); it does not wait for it: PostgreSQL alone serves meanwhile. */
export function createRedisBus(url: string, logger: Logger): DraftBus {
  const instanceId = randomUUID();
  // Announcements are worth nothing late: a publish while disconnected fails at once.
  const publisher = new Redis(url, { enableOfflineQueue: false, connectionName: `mufakat-pub-${instanceId}` });
  // Subscriptions wait for the connection however long it takes, and ioredis renews them on
  // each reconnect.
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectionName: `mufakat-sub-${instanceId}` });
  const ownPrefix = `${instanceId}${SENDER_END}`;
  const listeners = new Map<string, Set<(message: string) => void>>();
  const reconnectListeners: Array<() => void> = [];
  let everReady = false;
  let lost = false;

  const onError = (which: string) => (error: Error) => {
    // Said once per outage: ioredis retries every few seconds and would repeat it each time.
    if (lost) return;
    lost = true;
    logger.warn('Redis cannot be reached; instances share drafts through PostgreSQL alone until it is back', {
      connection: which,
      error: error.message,
    });
  };
  publisher.on('error', onError('publisher'));
  subscriber.on('error', onError('subscriber'));
  subscriber.on('close', () => {
    if (everReady) lost = true;
  });
  subscriber.on('ready', () => {
    const wasLost = everReady && lost;
    everReady = true;
    lost = false;
    if (!wasLost) return;
    logger.info('Redis is back; reading what was missed from PostgreSQL');
    for (const listener of reconnectListeners) listener();
  });
  subscriber.on('message', (channel: string, framed: string) => {
    const wanted = listeners.get(channel);
    if (wanted === undefined || framed.length > MAX_MESSAGE_CHARS) return;
    // Redis hands every subscriber its own messages too: those are dropped here, unread, rather
    // than parsed and validated by each listener first (a busy instance says hundreds a second).
    const message = framed.startsWith(ownPrefix) ? null : withoutSender(framed);
    if (message === null) return;
    for (const listener of wanted) listener(message);
  });

  return {
    instanceId,
    get healthy() {
      return subscriber.status === 'ready' && publisher.status === 'ready';
    },
    announce(channel, message) {
      publisher.publish(channel, `${ownPrefix}${message}`).catch(() => {
        // Redis is away (said by the error listener): the others read this from the log.
      });
    },
    follow(channel, listener, subscribed) {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
        subscriber.subscribe(channel).then(subscribed, (error: unknown) => {
          logger.warn('could not subscribe on Redis', {
            channel,
            error: error instanceof Error ? error.message : String(error),
          });
        });
      } else {
        subscribed();
      }
      set.add(listener);
      return () => {
        const current = listeners.get(channel);
        if (current === undefined || !current.delete(listener) || current.size > 0) return;
        listeners.delete(channel);
        subscriber.unsubscribe(channel).catch(() => {
          // Gone with the connection anyway; a channel without listeners is not listened to.
        });
      };
    },
    onReconnect(listener) {
      reconnectListeners.push(listener);
    },
    async close() {
      listeners.clear();
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
