import { z } from 'zod';
import type { ClusterLink, Room } from '../collab/room.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { AppliedSeqs } from './applied-seqs.ts';
import { type DraftBus, draftChannelOf } from './redis-bus.ts';
import { MAX_ANNOUNCED_BYTES, parseUpdateAnnouncement, type UpdateAnnouncement } from './update-announcement.ts';

/** How often an instance with people in a room says who they are; 3 silent beats and they go. */
export const PRESENCE_HEARTBEAT_MS = 2000;
const PRESENCE_GONE_AFTER_MS = 3 * PRESENCE_HEARTBEAT_MS;

/** Presence on Redis: lossy by design, each instance's whole state repeated at every heartbeat. */
const PresenceMessage = z.object({
  instance: z.string().min(1).max(64),
  update: z.string().max(512 * 1024),
});

/**
 * How long a draft may hear nothing before the log is read. While Redis is healthy an
 * announcement is lost only with a connection (and a reconnect reads the log anyway) or when
 * the announcing instance alone lost Redis: then the log is read after a longer spell, so that a
 * draft served by one instance, which never hears from another, does not read the log every few
 * seconds for nothing. While Redis is away, after `quietMs`.
 */
export function quietSpellMs(bus: DraftBus, quietMs: number): number {
  return bus.healthy ? QUIET_WHILE_HEALTHY * quietMs : quietMs;
}

/** How many quiet spells a draft waits before reading the log while Redis is healthy. */
const QUIET_WHILE_HEALTHY = 5;

export interface FollowerOptions {
  bus: DraftBus;
  documents: DocumentStore;
  logger: Logger;
  /**
   * A room with connections that heard nothing from another instance for this long reads the
   * log: what Redis lost, or everything while Redis is down.
   */
  quietMs: number;
  onClose?: (follower: DraftFollower) => void;
}

/**
 * One room's link to the other instances serving its draft. After each commit it announces the
 * numbers it took (with the bytes when small); it applies what others announce strictly in the
 * log's order, reading any gap from the log, and reads the log after a Redis reconnect or a
 * quiet spell while people are connected. Nothing here is stored: it was stored by whoever
 * announced it, before it was announced.
 */
export class DraftFollower implements ClusterLink {
  private readonly applied: AppliedSeqs;
  private lastHeard = 0;
  private readonly stopFollowing: () => void;
  private readonly stopPresence: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  /** When each other instance with people here was last heard on the presence channel. */
  private readonly presenceHeard = new Map<string, number>();
  private readonly poll: NodeJS.Timeout;
  private catchingUp: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly room: Room,
    loadedThrough: number,
    private readonly options: FollowerOptions,
  ) {
    this.applied = new AppliedSeqs(loadedThrough);
    this.stopFollowing = options.bus.follow(
      draftChannelOf(room.draftId, 'updates'),
      (message) => {
        const announcement = parseUpdateAnnouncement(room.draftId, message);
        if (announcement !== null) this.heard(announcement);
      },
      // What was committed between the room's load and its subscription.
      () => this.catchUp(),
    );
    this.poll = setInterval(
      () => {
        if (this.room.connectionCount === 0) return;
        if (Date.now() - this.lastHeard >= quietSpellMs(options.bus, options.quietMs)) this.catchUp();
      },
      Math.max(50, Math.floor(options.quietMs / 2)),
    );
    this.poll.unref();
    this.stopPresence = options.bus.follow(
      draftChannelOf(room.draftId, 'presence'),
      (message) => this.heardPresence(message),
      () => {},
    );
    this.heartbeat = setInterval(() => {
      if (this.room.connectionCount > 0) this.presenceChanged(this.room.encodeOwnPresence());
      const now = Date.now();
      for (const [instance, heard] of this.presenceHeard) {
        if (now - heard < PRESENCE_GONE_AFTER_MS) continue;
        this.presenceHeard.delete(instance);
        this.room.dropRelayedPresence(instance);
      }
    }, PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  presenceChanged(update: Uint8Array): void {
    const message = { instance: this.options.bus.instanceId, update: Buffer.from(update).toString('base64') };
    this.options.bus.announce(draftChannelOf(this.room.draftId, 'presence'), JSON.stringify(message));
  }

  private heardPresence(raw: string): void {
    let message: z.infer<typeof PresenceMessage>;
    try {
      const parsed = PresenceMessage.safeParse(JSON.parse(raw));
      if (!parsed.success) return;
      message = parsed.data;
    } catch (_notJson: unknown) {
      return;
    }
    if (this.closed || message.instance === this.options.bus.instanceId) return;
    this.presenceHeard.set(message.instance, Date.now());
    try {
      this.room.applyRelayedPresence(message.instance, Buffer.from(message.update, 'base64'));
    } catch (_malformed: unknown) {
      // Not an awareness update as our instances send them: dropped (presence is lossy anyway).
    }
  }

  get appliedThrough(): number {
    return this.applied.contiguous;
  }

  committed(firstSeq: number, lastSeq: number, update: Uint8Array): void {
    this.applied.add(firstSeq, lastSeq);
    const bytes = update.byteLength <= MAX_ANNOUNCED_BYTES ? Buffer.from(update).toString('base64') : undefined;
    const announcement: UpdateAnnouncement = {
      draft: this.room.draftId,
      instance: this.options.bus.instanceId,
      firstSeq,
      lastSeq,
      ...(bytes === undefined ? {} : { bytes }),
    };
    this.options.bus.announce(draftChannelOf(this.room.draftId, 'updates'), JSON.stringify(announcement));
  }

  reloaded(lastSeq: number): void {
    this.applied.reset(lastSeq);
  }

  readMissed(): Promise<void> {
    this.lastHeard = Date.now();
    return this.readLog();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poll);
    clearInterval(this.heartbeat);
    this.stopFollowing();
    this.stopPresence();
    this.options.onClose?.(this);
  }

  /** Reads from the log whatever this room may have missed (one read at a time). */
  catchUp(): void {
    if (this.closed || this.catchingUp !== null) return;
    this.lastHeard = Date.now();
    this.catchingUp = this.room
      .exclusive(() => this.readLog())
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.catchingUp = null;
      });
  }

  private heard(announcement: UpdateAnnouncement): void {
    if (this.closed || announcement.instance === this.options.bus.instanceId) return;
    this.lastHeard = Date.now();
    this.room
      .exclusive(async () => {
        const { firstSeq, lastSeq, bytes } = announcement;
        if (this.applied.covers(firstSeq, lastSeq)) return;
        if (bytes !== undefined && firstSeq === this.applied.contiguous + 1) {
          await this.room.applyStoredElsewhere([Buffer.from(bytes, 'base64')]);
          this.applied.add(firstSeq, lastSeq);
          return;
        }
        // A gap (an announcement lost or late) or no bytes: the log has it all, in order.
        await this.readLog();
      })
      .catch((error: unknown) => this.failed(error));
  }

  /** Applies every update logged after what the doc holds that it does not hold. Inside the queue. */
  private async readLog(): Promise<void> {
    const after = this.applied.contiguous;
    const { snapshot, updates } = await this.options.documents.loadUpdatesAfter(this.room.draftId, after);
    const missing: Uint8Array[] = [];
    if (snapshot !== null) missing.push(snapshot.data);
    const fresh = updates.filter(({ seq }) => !this.applied.covers(seq, seq));
    missing.push(...fresh.map(({ data }) => data));
    await this.room.applyStoredElsewhere(missing);
    if (snapshot !== null) this.applied.add(after + 1, snapshot.uptoSeq);
    for (const { seq } of updates) this.applied.add(seq, seq);
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    // The log is read again at the next announcement or quiet spell.
    this.options.logger.warn('could not apply what other instances stored', {
      draftId: this.room.draftId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
