import { z } from 'zod';
import type { ClusterLink, Room } from '../collab/room.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { AppliedSeqs } from './applied-seqs.ts';
import { type DraftBus, draftChannelOf } from './redis-bus.ts';
import { MAX_ANNOUNCED_BYTES, parseUpdateAnnouncement, type UpdateAnnouncement } from './update-announcement.ts';

/**
 * How often an instance with a draft's room loaded says so on the draft's presence channel, with
 * its people's presences, while another instance has it loaded too (`BEATS_ALONE`); after 3
 * silent beats the others take it (and its people) for gone.
 */
export const PRESENCE_HEARTBEAT_MS = 2000;
const PRESENCE_GONE_AFTER_MS = 3 * PRESENCE_HEARTBEAT_MS;
/**
 * While no other instance has the room loaded, it says so only every this many beats: a newcomer
 * says hello when it loads the room, and that hello is answered at once. The rare beat is for a
 * hello Redis lost without a reconnect.
 */
const BEATS_ALONE = 5;

/** Presence on Redis: lossy by design, each instance's whole state repeated at every heartbeat. */
const PresenceMessage = z.object({
  instance: z.string().min(1).max(64),
  /** Its people's presences, an awareness update in base64; absent: nobody of its is in the room. */
  update: z
    .string()
    .max(512 * 1024)
    .optional(),
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
 * numbers it took (with the bytes when small), while another instance has the room loaded; it
 * applies what others announce strictly in the log's order, reading any gap from the log, and
 * reads the log after a Redis reconnect or a quiet spell while people are connected. Nothing here
 * is stored: it was stored by whoever announced it, before it was announced.
 *
 * Which instances have the room loaded each one says on the presence channel: when it starts
 * listening (a hello) and at every heartbeat. A room that meets another instance answers with its
 * head, the highest number it holds, so that the newcomer reads from the log whatever was
 * committed here before it was heard, and with its own hello, so that the newcomer announces to
 * it in turn. A draft served by one instance alone costs no Redis message per commit.
 */
export class DraftFollower implements ClusterLink {
  private readonly applied: AppliedSeqs;
  private lastHeard = 0;
  private readonly stopFollowing: () => void;
  private readonly stopPresence: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  /** The other instances with the room loaded, by when each was last heard on the presence channel. */
  private readonly othersHeard = new Map<string, number>();
  private beats = 0;
  /** The channels not yet listened to; the hello waits for both. */
  private unsubscribedChannels = 2;
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
      () => {
        // What was committed between the room's load and its subscription.
        this.catchUp();
        this.channelSubscribed();
      },
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
      () => this.channelSubscribed(),
    );
    this.heartbeat = setInterval(() => {
      this.beats += 1;
      if (this.othersHeard.size > 0 || this.beats % BEATS_ALONE === 0) this.sayPresent();
      const now = Date.now();
      for (const [instance, heard] of this.othersHeard) {
        if (now - heard < PRESENCE_GONE_AFTER_MS) continue;
        this.othersHeard.delete(instance);
        this.room.dropRelayedPresence(instance);
      }
    }, PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  presenceChanged(update: Uint8Array): void {
    // Nobody else has the room loaded: nobody to show it to (a newcomer gets the heartbeat).
    if (this.othersHeard.size > 0) this.announcePresence(update);
  }

  /** Redis is back: whatever was said meanwhile is gone, on both sides. */
  reconnected(): void {
    this.catchUp();
    // The others may have taken this instance for gone: they announce to it again once they hear it.
    this.sayPresent();
  }

  /** Says on the presence channel that the room is loaded here, with its people's presences. */
  private sayPresent(): void {
    this.announcePresence(this.room.connectionCount > 0 ? this.room.encodeOwnPresence() : null);
  }

  private announcePresence(update: Uint8Array | null): void {
    const message = {
      instance: this.options.bus.instanceId,
      ...(update === null ? {} : { update: Buffer.from(update).toString('base64') }),
    };
    this.options.bus.announce(draftChannelOf(this.room.draftId, 'presence'), JSON.stringify(message));
  }

  /** Once both channels are listened to, the hello: from now on the others announce to this room. */
  private channelSubscribed(): void {
    this.unsubscribedChannels -= 1;
    if (this.unsubscribedChannels === 0) this.sayPresent();
  }

  /**
   * Another instance has the room loaded and was not heard before (it just loaded it, or came
   * back). What this room committed before now was not announced to it, and it may have read the
   * log before those commits: the head says up to where to read. The hello makes it announce its
   * own commits here from now on, rather than after its next heartbeat.
   */
  private met(): void {
    const head = this.applied.highest;
    if (head > 0) this.announce({ firstSeq: head, lastSeq: head });
    this.sayPresent();
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
    const known = this.othersHeard.has(message.instance);
    this.othersHeard.set(message.instance, Date.now());
    if (!known) this.met();
    try {
      if (message.update === undefined) this.room.dropRelayedPresence(message.instance);
      else this.room.applyRelayedPresence(message.instance, Buffer.from(message.update, 'base64'));
    } catch (_malformed: unknown) {
      // Not an awareness update as our instances send them: dropped (presence is lossy anyway).
    }
  }

  get appliedThrough(): number {
    return this.applied.contiguous;
  }

  committed(firstSeq: number, lastSeq: number, update: Uint8Array): void {
    this.applied.add(firstSeq, lastSeq);
    // Nobody else has the room loaded: one that loads it reads the log, and hears the head.
    if (this.othersHeard.size === 0) return;
    const bytes = update.byteLength <= MAX_ANNOUNCED_BYTES ? Buffer.from(update).toString('base64') : undefined;
    this.announce({ firstSeq, lastSeq, ...(bytes === undefined ? {} : { bytes }) });
  }

  private announce(numbers: Pick<UpdateAnnouncement, 'firstSeq' | 'lastSeq' | 'bytes'>): void {
    const announcement: UpdateAnnouncement = {
      draft: this.room.draftId,
      instance: this.options.bus.instanceId,
      ...numbers,
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
