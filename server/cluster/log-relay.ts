import { z } from 'zod';
import { DraftId } from '../../shared/schemas/draft.ts';
import type { DraftEvents } from '../draft-events.ts';
import type { Logger } from '../logger.ts';
import { quietSpellMs } from './draft-follower.ts';
import { type DraftBus, draftChannelOf } from './redis-bus.ts';

/** What an instance says after it appended to one of a draft's logs: the draft and the entry's number. */
const LogAnnouncement = z.object({ draft: DraftId, instance: z.string().min(1).max(64), seq: z.number().int() });
type LogAnnouncement = z.infer<typeof LogAnnouncement>;

export interface LogRelayOptions {
  bus: DraftBus;
  logger: Logger;
  quietMs: number;
  /** What the log holds: its announcements' channel (`draftChannelOf`) and its warnings name it. */
  topic: 'decisions' | 'comments';
  /**
   * Delivers to this instance what other instances appended after entry `after`, in order,
   * calling `delivered` with each entry's number once it is delivered (a read that fails midway
   * goes on from there next time). `announced`: an announcement (or a Redis reconnect) says
   * there is something new, rather than a routine check.
   */
  readAfter: (draftId: string, after: number, announced: boolean, delivered: (seq: number) => void) => Promise<void>;
}

interface FollowedDraft {
  /** The highest entry number delivered to this instance, in order. */
  delivered: number;
  lastHeard: number;
  reading: Promise<void> | null;
  /** Read again once the current read ends: something was announced while it ran. */
  again: boolean;
  holders: number;
  stop: () => void;
}

/**
 * One per-draft log (the audit log of decisions, the comment log) carried across instances: an
 * instance announces the number of every entry it appends, and every instance that follows the
 * draft reads the log after the last number it delivered, so that it delivers every entry once
 * and in order. It also reads after a Redis reconnect and after a quiet spell: announcements are
 * lossy, the log is not. Each log numbers its entries per draft without gaps, under the draft's lock.
 */
export class LogRelay {
  private readonly followed = new Map<string, FollowedDraft>();
  private readonly poll: NodeJS.Timeout;

  constructor(private readonly options: LogRelayOptions) {
    options.bus.onReconnect(() => {
      for (const draftId of this.followed.keys()) this.read(draftId, true);
    });
    this.poll = setInterval(
      () => {
        const now = Date.now();
        const quiet = quietSpellMs(options.bus, options.quietMs);
        for (const [draftId, draft] of this.followed) {
          if (now - draft.lastHeard >= quiet) this.read(draftId, false);
        }
      },
      Math.max(50, Math.floor(options.quietMs / 2)),
    );
    this.poll.unref();
  }

  /**
   * Carries `events` across instances: announces each event published here (its entry's number)
   * and follows a draft while it has listeners here.
   */
  carry<E extends { seq: number }>(events: DraftEvents<E>): void {
    events.observe((draftId, event) => this.appendedHere(draftId, event.seq));
    events.watchListeners(
      (draftId) => this.hold(draftId),
      (draftId) => this.release(draftId),
    );
  }

  /** This instance appended entry `seq` (and delivered it here itself): tells the others. */
  appendedHere(draftId: string, seq: number): void {
    const draft = this.followed.get(draftId);
    // Delivered here in order by whoever appended it under the lock.
    if (draft !== undefined && seq === draft.delivered + 1) draft.delivered = seq;
    const announcement: LogAnnouncement = { draft: draftId, instance: this.options.bus.instanceId, seq };
    this.options.bus.announce(draftChannelOf(draftId, this.options.topic), JSON.stringify(announcement));
  }

  /** Follows a draft's log until as many `release` calls. */
  hold(draftId: string): void {
    const known = this.followed.get(draftId);
    if (known !== undefined) {
      known.holders += 1;
      return;
    }
    const draft: FollowedDraft = {
      delivered: 0,
      lastHeard: Date.now(),
      reading: null,
      again: false,
      holders: 1,
      stop: () => {},
    };
    this.followed.set(draftId, draft);
    draft.stop = this.options.bus.follow(
      draftChannelOf(draftId, this.options.topic),
      (message) => this.heard(draftId, message),
      // Everything appended before the subscription: listeners drop what they had already.
      () => this.read(draftId, false),
    );
  }

  release(draftId: string): void {
    const draft = this.followed.get(draftId);
    if (draft === undefined) return;
    draft.holders -= 1;
    if (draft.holders > 0) return;
    this.followed.delete(draftId);
    draft.stop();
  }

  close(): void {
    clearInterval(this.poll);
    for (const draft of this.followed.values()) draft.stop();
    this.followed.clear();
  }

  private heard(draftId: string, message: string): void {
    let announcement: LogAnnouncement;
    try {
      const parsed = LogAnnouncement.safeParse(JSON.parse(message));
      if (!parsed.success || parsed.data.draft !== draftId) return;
      announcement = parsed.data;
    } catch (_notJson: unknown) {
      return;
    }
    const draft = this.followed.get(draftId);
    if (draft === undefined || announcement.instance === this.options.bus.instanceId) return;
    draft.lastHeard = Date.now();
    if (announcement.seq > draft.delivered) this.read(draftId, true);
  }

  /** Reads the log after what was delivered, one read at a time per draft. */
  private read(draftId: string, announced: boolean): void {
    const draft = this.followed.get(draftId);
    if (draft === undefined) return;
    if (draft.reading !== null) {
      draft.again = true;
      return;
    }
    draft.lastHeard = Date.now();
    draft.reading = this.options
      .readAfter(draftId, draft.delivered, announced, (seq) => {
        draft.delivered = seq;
      })
      .catch((error: unknown) => {
        this.options.logger.warn(`could not read the ${this.options.topic} other instances recorded`, {
          draftId,
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        draft.reading = null;
        if (draft.again) {
          draft.again = false;
          this.read(draftId, false);
        }
      });
  }
}
