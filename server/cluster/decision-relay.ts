import { decisionEventOf } from '../../shared/consensus/decision-audit.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import type { DecisionEvents } from '../consensus/decision-events.ts';
import type { Logger } from '../logger.ts';
import type { DecisionStore } from '../storage/decision-store.ts';
import { LogRelay } from './log-relay.ts';
import type { DraftBus } from './redis-bus.ts';

export interface DecisionRelayOptions {
  bus: DraftBus;
  events: DecisionEvents;
  decisions: DecisionStore;
  logger: Logger;
  quietMs: number;
  /** Another instance decided on this draft: the room here, if loaded, must take its locks. */
  decidedElsewhere: (draftId: string) => Promise<void>;
  /** Each decision another instance recorded, once, after this instance's listeners got it. */
  relayed?: (draftId: string, event: DecisionEvent) => void;
}

/**
 * Decisions across instances, through the audit log (log-relay.ts): every instance that
 * follows the draft (it has an events listener or a loaded room) delivers each decision of the
 * others to its listeners once and in order, and its room takes the new locks.
 */
export class DecisionRelay {
  private readonly relay: LogRelay;

  constructor(private readonly options: DecisionRelayOptions) {
    this.relay = new LogRelay({
      bus: options.bus,
      logger: options.logger,
      quietMs: options.quietMs,
      topic: 'decisions',
      readAfter: (draftId, after, announced, delivered) => this.readAfter(draftId, after, announced, delivered),
    });
    this.relay.carry(options.events);
  }

  /** Follows a draft's decisions until as many `release` calls. */
  hold(draftId: string): void {
    this.relay.hold(draftId);
  }

  release(draftId: string): void {
    this.relay.release(draftId);
  }

  close(): void {
    this.relay.close();
  }

  private async readAfter(
    draftId: string,
    after: number,
    announced: boolean,
    delivered: (seq: number) => void,
  ): Promise<void> {
    const entries = await this.options.decisions.listAudit(draftId, after);
    if (entries.length > 0 || announced) await this.options.decidedElsewhere(draftId);
    for (const entry of entries) {
      delivered(entry.seq);
      const event = decisionEventOf(entry);
      this.options.events.deliver(draftId, event);
      this.options.relayed?.(draftId, event);
    }
  }
}
