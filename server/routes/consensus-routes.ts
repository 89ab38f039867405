import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import { decisionEventOf } from '../../shared/consensus/decision-audit.ts';
import { draftStateOf } from '../../shared/consensus/draft-state.ts';
import { ErrorCode } from '../../shared/errors.ts';
import type { AuditEntry } from '../../shared/schemas/audit.ts';
import { Command } from '../../shared/schemas/commands.ts';
import { TextHash } from '../../shared/schemas/decisions.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import type { ClauseTextRecord, DraftState } from '../../shared/schemas/state.ts';
import type { SessionLimits } from '../auth/session-limits.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { handleCommand } from '../consensus/command-handler.ts';
import type { DecisionEvents } from '../consensus/decision-events.ts';
import { roomDecisionFacts } from '../consensus/room-facts.ts';
import { HttpError, parseOr400, readJson } from '../http-error.ts';
import type { DecisionStore } from '../storage/decision-store.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { participant } from './api-routes.ts';

export interface ConsensusRouteDeps {
  stores: { drafts: DraftStore; decisions: DecisionStore };
  registry: RoomRegistry;
  events: DecisionEvents;
  sessionLimits: SessionLimits;
  now: () => Date;
  /** Told of every stored decision (the silence clock). */
  afterDecision?: (draftId: string, effect: DecisionEffect) => void;
}

/** A comment line this often keeps proxies from closing a quiet events channel. */
const EVENTS_HEARTBEAT_MS = 25_000;

const limitCommandBody = bodyLimit({
  // Room for a silence circulating a whole draft of 1,000 clauses, each id with its hash.
  maxSize: 160 * 1024,
  onError: () => {
    throw new HttpError(413, ErrorCode.payloadTooLarge, 'A command is at most 160 KiB.');
  },
});

/** The decisions of a draft: commands, the live state, the audit log and the adoption record. */
export function registerConsensusRoutes(app: Hono, deps: ConsensusRouteDeps): void {
  const context = {
    decisions: deps.stores.decisions,
    registry: deps.registry,
    events: deps.events,
    now: deps.now,
    ...(deps.afterDecision === undefined ? {} : { afterDecision: deps.afterDecision }),
  };

  app.post('/api/drafts/:id/commands', limitCommandBody, async (c) => {
    const { draft, actor, session } = await participant(c, deps);
    const command = parseOr400(Command, await readJson(c), 'command');
    const entry = await handleCommand(context, draft, actor, command, session.idHash);
    return c.json({ accepted: true, seq: entry.seq, at: entry.at }, 200);
  });

  /**
   * The whole state, as of a decision `seq`. Read from the stored decisions and the room's cached
   * clause hashes, outside the room's exclusive section: it never waits behind anyone's typing,
   * and nobody's typing waits behind it.
   */
  app.get('/api/drafts/:id/state', async (c) => {
    const { draft } = await participant(c, deps);
    const state = await deps.registry.withRoom(draft.id, async (room): Promise<DraftState> => {
      const records = await deps.stores.decisions.loadDecisions(draft.id);
      return draftStateOf(roomDecisionFacts(draft, room, records, deps.now()), records.seq);
    });
    return c.json(state);
  });

  app.get('/api/drafts/:id/audit', async (c) => {
    const { draft } = await participant(c, deps);
    const entries = await deps.stores.decisions.listAudit(draft.id);
    if (c.req.query('format') === 'csv') {
      c.header('Content-Disposition', `attachment; filename="mufakat-${draft.id}-audit.csv"`);
      return c.body(auditCsv(entries), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json({ draftId: draft.id, entries });
  });

  /**
   * Server-Sent Events: each accepted command as a `DecisionEvent`, its SSE id its `seq`. A client
   * that connects with `?after=<seq>` (the `seq` of the state it loaded) or reconnects with
   * `Last-Event-ID` first receives, from the audit log, every event it missed.
   */
  app.get('/api/drafts/:id/events', async (c) => {
    const { draft, session } = await participant(c, deps);
    const after = parseOr400(
      z.coerce.number().int().min(0).default(0),
      c.req.header('last-event-id') ?? c.req.query('after'),
      'last event id',
    );
    let abort: () => void = () => {};
    const lease = deps.sessionLimits.openStream(session.idHash, {
      linkId: session.linkId,
      expiresAt: session.expiresAt,
      close: () => abort(),
    });
    if (lease === null) {
      throw new HttpError(
        429,
        ErrorCode.tooManyRequests,
        'This session has too many events channels open: close other tabs of this draft, then reload.',
      );
    }
    return streamSSE(c, async (stream) => {
      abort = () => stream.abort();
      let lastSent = after;
      const live: DecisionEvent[] = [];
      let catchingUp = true;
      const write = async (event: DecisionEvent) => {
        if (event.seq <= lastSent) return;
        lastSent = event.seq;
        await stream.writeSSE({ event: 'decision', id: String(event.seq), data: JSON.stringify(event) });
      };
      // One event at a time, in order. With several instances an event decided here may pass
      // one decided on another instance that is not relayed yet: the log fills the gap first.
      let sending: Promise<void> = Promise.resolve();
      const send = (event: DecisionEvent): Promise<void> => {
        sending = sending.then(async () => {
          if (event.seq > lastSent + 1) {
            for (const entry of await deps.stores.decisions.listAudit(draft.id, lastSent)) {
              if (entry.seq < event.seq) await write(decisionEventOf(entry));
            }
          }
          await write(event);
        });
        return sending;
      };
      // Listen before reading the log, so that nothing decided in between is missed.
      const unsubscribe = deps.events.subscribe(draft.id, (event) => {
        if (catchingUp) live.push(event);
        else void send(event);
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), EVENTS_HEARTBEAT_MS);
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      try {
        for (const entry of await deps.stores.decisions.listAudit(draft.id, after)) await send(decisionEventOf(entry));
        for (const event of live.splice(0)) await send(event);
        catchingUp = false;
        await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        lease.release();
      }
    });
  });

  /**
   * A clause text a position or a freeze was taken on, by its hash: what a delegation with a
   * stale position compares with the current words. Texts are immutable, so the answer is too.
   */
  app.get('/api/drafts/:id/texts/:hash', async (c) => {
    const { draft } = await participant(c, deps);
    const textHash = parseOr400(TextHash, c.req.param('hash'), 'text hash');
    const text = await deps.stores.decisions.getClauseText(draft.id, textHash);
    if (text === null) {
      throw new HttpError(404, ErrorCode.notFound, 'No position or freeze of this draft was taken on that text.');
    }
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    return c.json({ textHash, text } satisfies ClauseTextRecord);
  });

  app.get('/api/drafts/:id/adoption', async (c) => {
    const { draft } = await participant(c, deps);
    const record = await deps.stores.decisions.getAdoptionRecord(draft.id);
    if (record === null) throw new HttpError(404, ErrorCode.notFound, 'This draft has not been adopted.');
    return c.body(record, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}

const CSV_COLUMNS = ['seq', 'at', 'role', 'delegation', 'session', 'command', 'clause', 'text_hash', 'details'];

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = entries.map((e) =>
    [
      e.seq,
      e.at,
      e.actor.role,
      e.actor.delegation,
      e.actor.session,
      e.command,
      e.clauseId,
      e.textHash,
      JSON.stringify(e.details),
    ]
      .map(cell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
