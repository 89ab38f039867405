import { z } from 'zod';
import { decisionEventOf } from '../../shared/consensus/decision-audit.ts';
import type { AuditEntry } from '../../shared/schemas/audit.ts';
import { DraftId } from '../../shared/schemas/draft.ts';
import type { DecisionEvents } from '../consensus/decision-events.ts';
import type { Logger } from '../logger.ts';
import type { DecisionStore } from '../storage/decision-store.ts';
import type { DraftBus } from './redis-bus.ts';

/** What an instance says after it recorded a decision: the draft and the audit entry's number. */
const DecisionAnnouncement = z.object({ draft: DraftId, instance: z.string().min(1).max(64), seq: z.number().int() });
type DecisionAnnouncement = z.infer<typeof DecisionAnnouncement>;

function decisionChannelOf(draftId: string): string {
  return `mufakat:draft:${draftId}:decisions`;
}

export interface DecisionRelayOptions {
  bus: DraftBus;
  events: DecisionEvents;
  decisions: DecisionStore;
  logger: Logger;
  quietMs: number;
  /** Another instance decided on this draft: the room here, if loaded, must take its locks. */
  decidedElsewhere: (draftId: string) => Promise<void>;
  /** Each decision another instance recorded, once, after this instance's listeners got it. */
  relayed?: (draftId: string, entry: AuditEntry) => void;
}

interface FollowedDraft {
  /** The highest audit number delivered to this instance's listeners, in order. */
  delivered: number;
  lastHeard: number;
  reading: Promise<void> | null;
  /** Read again once the current read ends: something was announced while it ran. */
  again: boolean;
  holders: number;
  stop: () => void;
}

/**
 * Decisions across instances, the same way as the text: each instance announces the audit
 * number of every decision it records, and every instance that follows the draft (it has an
 * events listener or a loaded room) reads the audit log from the last number it delivered, so
 * its listeners get every event once and in order, and its room takes the new locks. It also
 * reads after a Redis reconnect or a quiet spell. The audit log numbers entries per draft
 * without gaps, under the draft's lock.
 */
export class DecisionRelay {
  private readonly followed = new Map<string, FollowedDraft>();
  private readonly poll: NodeJS.Timeout;

  constructor(private readonly options: DecisionRelayOptions) {
    options.events.observe((draftId, event) => {
      const draft = this.followed.get(draftId);
      // Delivered here by `publish` itself, in order: this instance recorded it under the lock.
      if (draft !== undefined && event.seq === draft.delivered + 1) draft.delivered = event.seq;
      const announcement: DecisionAnnouncement = { draft: draftId, instance: options.bus.instanceId, seq: event.seq };
      options.bus.announce(decisionChannelOf(draftId), JSON.stringify(announcement));
    });
    options.events.watchListeners(
      (draftId) => this.hold(draftId),
      (draftId) => this.release(draftId),
    );
    options.bus.onReconnect(() => {
      for (const draftId of this.followed.keys()) this.read(draftId, true);
    });
    this.poll = setInterval(
      () => {
        const now = Date.now();
        for (const [draftId, draft] of this.followed) {
          if (now - draft.lastHeard >= options.quietMs) this.read(draftId, false);
        }
      },
      Math.max(50, Math.floor(options.quietMs / 2)),
    );
    this.poll.unref();
  }

  /** Follows a draft's decisions until as many `release` calls. */
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
      decisionChannelOf(draftId),
      (message) => this.heard(draftId, message),
      // Everything decided before the subscription: listeners drop what they had already.
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
    let announcement: DecisionAnnouncement;
    try {
      const parsed = DecisionAnnouncement.safeParse(JSON.parse(message));
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

  /** Reads the audit log after what was delivered, one read at a time per draft. */
  private read(draftId: string, decided: boolean): void {
    const draft = this.followed.get(draftId);
    if (draft === undefined) return;
    if (draft.reading !== null) {
      draft.again = true;
      return;
    }
    draft.lastHeard = Date.now();
    draft.reading = (async () => {
      const entries = await this.options.decisions.listAudit(draftId, draft.delivered);
      if (entries.length > 0 || decided) await this.options.decidedElsewhere(draftId);
      for (const entry of entries) {
        draft.delivered = entry.seq;
        this.options.events.deliver(draftId, decisionEventOf(entry));
        this.options.relayed?.(draftId, entry);
      }
    })()
      .catch((error: unknown) => {
        this.options.logger.warn('could not read decisions other instances recorded', {
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
