import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import { DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import { concludeSilence, SILENCE_PROCEDURE_ACTOR } from '../../shared/consensus/silence.ts';
import type { SilenceRecord } from '../../shared/schemas/silence.ts';
import { HttpError } from '../http-error.ts';
import type { Logger } from '../logger.ts';
import { SilenceNotRunningError } from '../storage/decision-store.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { type CommandContext, handleDecision } from './command-handler.ts';

export interface SilenceClockDeps {
  context: CommandContext;
  drafts: DraftStore;
  logger: Logger;
}

/** setTimeout's longest delay; a later deadline is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const RETRY_MS = 60_000;

/**
 * Concludes each running silence at its deadline, on the server's clock (`context.now`, which
 * tests control). On `start` it reads every running silence from storage and concludes the
 * overdue ones at once: a server that was down at a deadline concludes on coming back. Each
 * conclusion is one transaction conditioned on the silence still running, taken in the room's
 * exclusive section like a command, so it happens once however often it is tried.
 */
export class SilenceClock {
  /** Each draft's running silence: its id, deadline and when this clock learnt of it, in ms. */
  private readonly due = new Map<string, { silenceId: string; deadline: number; learnt: number }>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private checking: Promise<number> | null = null;

  constructor(private readonly deps: SilenceClockDeps) {}

  async start(): Promise<void> {
    await this.refresh();
    await this.checkDue();
  }

  /**
   * Reads the running silences again. With several instances a silence may be circulated, broken
   * or concluded on another one, and every instance's clock must know every deadline, so that a
   * silence still concludes at its deadline when the instance that circulated it is gone; the
   * conclusion happens once whichever instances try (see `conclude`). A silence this clock learnt
   * of while the list was read is kept: the list may predate it.
   */
  async refresh(): Promise<void> {
    const started = Date.now();
    const running = new Map(
      (await this.deps.context.decisions.listRunningSilences()).map(({ draftId, silence }) => [draftId, silence]),
    );
    for (const [draftId, due] of [...this.due]) {
      if (due.learnt >= started) continue;
      if (running.get(draftId)?.id !== due.silenceId) this.due.delete(draftId);
    }
    for (const [draftId, silence] of running) {
      if (!this.due.has(draftId)) this.watch(draftId, silence);
    }
    this.rearm();
  }

  /** Tells the clock of a stored decision: a circulation starts a deadline, an ending clears it. */
  readonly onDecision = (draftId: string, effect: DecisionEffect): void => {
    if (effect.type === 'circulate-silence') this.watch(draftId, effect.silence);
    else if (
      effect.type === 'break-silence' ||
      effect.type === 'withdraw-silence' ||
      effect.type === 'conclude-silence'
    ) {
      this.due.delete(draftId);
      this.rearm();
    }
  };

  watch(draftId: string, silence: SilenceRecord): void {
    this.due.set(draftId, { silenceId: silence.id, deadline: Date.parse(silence.deadline), learnt: Date.now() });
    this.rearm();
  }

  /**
   * Concludes every silence whose deadline has come by the clock's `now`; answers how many it
   * concluded. Runs one at a time: a call during another waits for it, then checks again.
   */
  async checkDue(): Promise<number> {
    while (this.checking !== null) await this.checking;
    this.checking = this.concludeDue();
    try {
      return await this.checking;
    } finally {
      this.checking = null;
      this.rearm();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async concludeDue(): Promise<number> {
    const now = this.deps.context.now().getTime();
    let concluded = 0;
    for (const [draftId, { silenceId, deadline }] of [...this.due]) {
      if (this.stopped || deadline > now) continue;
      try {
        if (await this.conclude(draftId, silenceId)) concluded += 1;
      } catch (error) {
        // Kept due, tried again in a minute (or at the next start): never in a tight loop.
        this.due.set(draftId, { silenceId, deadline: now + RETRY_MS, learnt: Date.now() });
        this.deps.logger.error('silence conclusion failed', {
          draftId,
          silenceId,
          error: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      if (this.due.get(draftId)?.silenceId === silenceId) this.due.delete(draftId);
    }
    return concluded;
  }

  /** True if this call concluded the silence; false if it had ended already (nothing written). */
  private async conclude(draftId: string, silenceId: string): Promise<boolean> {
    const draft = await this.deps.drafts.getDraft(draftId);
    if (draft === null) return false;
    try {
      await handleDecision(this.deps.context, draft, SILENCE_PROCEDURE_ACTOR, (facts) =>
        concludeSilence(facts, silenceId),
      );
      this.deps.logger.info('silence concluded', { draftId, silenceId });
      return true;
    } catch (error) {
      if (error instanceof SilenceNotRunningError) return false;
      if (error instanceof HttpError && error.code === DecisionErrorCode.silenceEnded) return false;
      throw error;
    }
  }

  private rearm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || this.due.size === 0) return;
    const next = Math.min(...[...this.due.values()].map((d) => d.deadline));
    const delay = Math.min(Math.max(0, next - this.deps.context.now().getTime()), MAX_TIMER_MS);
    this.timer = setTimeout(() => void this.checkDue(), delay);
    this.timer.unref();
  }
}
