import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { clauseConsensus, clauseStatus } from '../../shared/consensus/clause-status.ts';
import { paragraphLabels } from '../../shared/consensus/paragraph-labels.ts';
import { isStale } from '../../shared/consensus/positions.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { Command, TextHash } from '../../shared/schemas/commands.ts';
import type { ClauseTextRecord, DraftState } from '../../shared/schemas/state.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { allClauseSnapshots } from '../consensus/clause-facts.ts';
import { handleCommand } from '../consensus/command-handler.ts';
import type { DecisionEvents } from '../consensus/decision-events.ts';
import { HttpError, parseOr400, readJson } from '../http-error.ts';
import type { AuditEntry, Storage } from '../storage/storage.ts';
import { participant } from './api-routes.ts';

export interface ConsensusRouteDeps {
  storage: Storage;
  registry: RoomRegistry;
  events: DecisionEvents;
  now: () => Date;
}

/** A comment line this often keeps proxies from closing a quiet events channel. */
const EVENTS_HEARTBEAT_MS = 25_000;

const limitCommandBody = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new HttpError(413, ErrorCode.payloadTooLarge, 'A command is at most 16 KiB.');
  },
});

/** The decisions of a draft: commands, the live state, the audit log and the adoption record. */
export function registerConsensusRoutes(app: Hono, deps: ConsensusRouteDeps): void {
  app.post('/api/drafts/:id/commands', limitCommandBody, async (c) => {
    const { draft, sender } = await participant(c, deps);
    const command = parseOr400(Command, await readJson(c), 'command');
    const entry = await handleCommand(deps, draft, sender, command);
    return c.json({ accepted: true, seq: entry.seq, at: entry.at }, 200);
  });

  app.get('/api/drafts/:id/state', async (c) => {
    const { draft } = await participant(c, deps);
    const room = await deps.registry.acquire(draft.id);
    try {
      const state = await room.exclusive(async (): Promise<DraftState> => {
        const decisions = await deps.storage.loadDecisions(draft.id);
        const clauses = allClauseSnapshots(room, decisions);
        const labels = paragraphLabels(clauses.map((clause) => clause.kind));
        return {
          draftId: draft.id,
          consensus: draft.consensus,
          delegations: draft.delegations,
          clauses: clauses.map((clause, i) => {
            const consensus = clauseConsensus(clause, draft.delegations);
            const frozen = decisions.frozen.find((f) => f.clauseId === clause.id) ?? null;
            return {
              id: clause.id,
              kind: clause.kind,
              label: labels[i] ?? '',
              textHash: clause.textHash,
              status: clauseStatus(clause, draft.delegations),
              frozen: frozen === null ? null : { at: frozen.at, by: frozen.frozenBy },
              endorsedCount: consensus.endorsed.length,
              positions: decisions.positions
                .filter((p) => p.clauseId === clause.id)
                .map((p) => ({
                  delegation: p.delegation,
                  stance: p.stance,
                  reason: p.reason,
                  textHash: p.textHash,
                  at: p.at,
                  stale: isStale(p, clause),
                })),
            };
          }),
          adoption:
            decisions.adoption === null ? null : { at: decisions.adoption.at, textHash: decisions.adoption.textHash },
        };
      });
      return c.json(state);
    } finally {
      deps.registry.release(room);
    }
  });

  app.get('/api/drafts/:id/audit', async (c) => {
    const { draft } = await participant(c, deps);
    const entries = await deps.storage.listAudit(draft.id);
    if (c.req.query('format') === 'csv') {
      c.header('Content-Disposition', `attachment; filename="mufakat-${draft.id}-audit.csv"`);
      return c.body(auditCsv(entries), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json({ draftId: draft.id, entries });
  });

  /**
   * Server-Sent Events: each accepted command as an event whose id is its audit sequence number.
   * A client that reconnects with `Last-Event-ID` (or `?after=`) first receives what it missed.
   */
  app.get('/api/drafts/:id/events', async (c) => {
    const { draft } = await participant(c, deps);
    const after = parseOr400(
      z.coerce.number().int().min(0).default(0),
      c.req.header('last-event-id') ?? c.req.query('after'),
      'last event id',
    );
    return streamSSE(c, async (stream) => {
      let lastSent = after;
      const live: AuditEntry[] = [];
      let catchingUp = true;
      const send = async (entry: AuditEntry) => {
        if (entry.seq <= lastSent) return;
        lastSent = entry.seq;
        await stream.writeSSE({ event: 'decision', id: String(entry.seq), data: JSON.stringify(entry) });
      };
      // Listen before reading the log, so that nothing decided in between is missed.
      const unsubscribe = deps.events.subscribe(draft.id, (entry) => {
        if (catchingUp) live.push(entry);
        else void send(entry);
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), EVENTS_HEARTBEAT_MS);
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      try {
        for (const entry of await deps.storage.listAudit(draft.id)) await send(entry);
        for (const entry of live.splice(0)) await send(entry);
        catchingUp = false;
        await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
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
    const text = await deps.storage.getClauseText(draft.id, textHash);
    if (text === null) {
      throw new HttpError(404, ErrorCode.notFound, 'No position or freeze of this draft was taken on that text.');
    }
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    return c.json({ textHash, text } satisfies ClauseTextRecord);
  });

  app.get('/api/drafts/:id/adoption', async (c) => {
    const { draft } = await participant(c, deps);
    const { adoption } = await deps.storage.loadDecisions(draft.id);
    if (adoption === null) throw new HttpError(404, ErrorCode.notFound, 'This draft has not been adopted.');
    return c.body(adoption.record, 200, { 'Content-Type': 'application/json; charset=utf-8' });
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
