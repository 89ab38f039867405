import type { Socket } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import { ErrorCode } from '../../shared/errors.ts';
import { CloseCode, CloseReason, MessageType } from '../../shared/protocol.ts';
import { canEditText } from '../../shared/roles.ts';
import { DraftId } from '../../shared/schemas/draft.ts';
import { originAllowed } from '../auth/request-origin.ts';
import type { LiveConnection, SessionLease, SessionLimits } from '../auth/session-limits.ts';
import { lookupSession, sessionCookieName } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { errorResponse, HttpError } from '../http-error.ts';
import type { Logger } from '../logger.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import type { PresenceIdentity } from './awareness-relay.ts';
import type { Room, RoomConnection } from './room.ts';
import type { RoomRegistry } from './room-registry.ts';
import { canFrameDirectly, sendBinary } from './socket-frames.ts';

export interface CollabRouteDeps {
  drafts: DraftStore;
  registry: RoomRegistry;
  logger: Logger;
  upgradeWebSocket: UpgradeWebSocket<unknown>;
  maxMessageBytes: number;
  /** What may wait unsent on one socket before it is dropped (a client that stopped reading). */
  maxUnsentBytes: number;
  /** Caps and budgets per session, shared with the events channels. */
  sessionLimits: SessionLimits;
  /** Origins besides the server's own that may open the socket (a dev server, a proxy). */
  allowedOrigins: readonly string[];
  /** The server's public address, when configured: its origin is the server's own. */
  publicUrl: string | undefined;
  now: () => Date;
}

/** The close reason when a session opens more sockets than it may (at most 123 bytes). */
const TOO_MANY_SOCKETS = 'Too many connections: this draft is open in too many tabs. Close some, then reload.';

/** A client needs only a handful of messages to open a sync; more before the room loads is abuse. */
const MAX_EARLY_MESSAGES = 64;

type Admission =
  | {
      ok: true;
      draftId: string;
      canEditText: boolean;
      presence: PresenceIdentity;
      author: RoomConnection['author'];
      sessionIdHash: string;
      live: Omit<LiveConnection, 'close'>;
    }
  | { ok: false; code: CloseCode; why: string };

/**
 * `GET /collab/:draftId`: the y-websocket endpoint. Every upgrade is accepted and a refused one is
 * closed at once with a 44xx code, because the y-websocket client retries forever after an HTTP
 * error but stops on 4400-4499.
 */
export function registerCollabRoute(app: Hono, deps: CollabRouteDeps): void {
  app.get(
    '/collab/:draftId',
    // A session that spent its budget is turned away before the upgrade, at the cost of a hash:
    // no socket, no frame read. A y-websocket client retries after a pause, by when it has refilled.
    async (c, next) => {
      const cookie = getCookie(c, sessionCookieName(c.req.param('draftId') ?? ''));
      if (cookie !== undefined && deps.sessionLimits.isSpent(hashToken(cookie))) {
        return errorResponse(
          c,
          new HttpError(
            429,
            ErrorCode.tooManyRequests,
            'This session sent too much too fast: wait a moment, then reload.',
          ),
        );
      }
      return next();
    },
    deps.upgradeWebSocket(async (c) => {
      const admission = await admit(c, deps);
      if (!admission.ok) return refuseConnection(admission, deps);
      // The socket the upgrade came on, which `ws` goes on writing to (@hono/node-ws passes the
      // request as node-server's `incoming`).
      const socket: Socket | undefined = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
      return openConnection(admission, deps, socket);
    }),
  );
}

async function admit(c: Context, deps: CollabRouteDeps): Promise<Admission> {
  const parsedId = DraftId.safeParse(c.req.param('draftId'));
  if (!parsedId.success) return { ok: false, code: CloseCode.unknownDraft, why: 'malformed draft id' };
  const draftId = parsedId.data;
  if (!originAllowed(c, deps)) return { ok: false, code: CloseCode.forbidden, why: 'origin not allowed' };
  if ((await deps.drafts.getDraft(draftId)) === null) {
    return { ok: false, code: CloseCode.unknownDraft, why: 'unknown draft' };
  }
  const session = await lookupSession(c, deps.drafts, draftId, deps.now());
  if (session.status === 'none') return { ok: false, code: CloseCode.notAuthenticated, why: 'no session' };
  if (session.status === 'other-draft') {
    return { ok: false, code: CloseCode.forbidden, why: 'session of another draft' };
  }
  const { role, delegation, id: linkId } = session.link;
  return {
    ok: true,
    draftId,
    canEditText: canEditText(role),
    presence: { name: delegation ?? role, role },
    author: { sessionIdHash: session.sessionIdHash, role, delegation },
    sessionIdHash: session.sessionIdHash,
    live: { linkId, expiresAt: session.expiresAt },
  };
}

function refuseConnection(admission: Extract<Admission, { ok: false }>, deps: CollabRouteDeps) {
  return {
    onOpen: (_event: Event, ws: WSContext) => {
      deps.logger.warn('refused collaboration socket', { code: admission.code, why: admission.why });
      ws.close(admission.code, CloseReason[admission.code]);
    },
  };
}

function openConnection(
  admission: Extract<Admission, { ok: true }>,
  deps: CollabRouteDeps,
  socket: Socket | undefined,
) {
  let lease: SessionLease | null = null;
  let room: Room | null = null;
  let closed = false;
  /** Messages that arrive while the room loads; handled in order once it is there. */
  const early: Uint8Array[] = [];
  let conn: RoomConnection | null = null;

  const leave = () => {
    closed = true;
    lease?.release();
    if (room !== null && conn !== null) {
      room.leave(conn);
      deps.registry.release(room);
    }
  };
  const closeWith = (ws: WSContext, code: CloseCode, reason: string = CloseReason[code]) => {
    leave();
    ws.close(code, reason);
  };

  return {
    onOpen: (_event: Event, ws: WSContext) => {
      lease = deps.sessionLimits.openSocket(admission.sessionIdHash, {
        ...admission.live,
        close: (code, reason) => closeWith(ws, code as CloseCode, reason),
      });
      if (lease === null) {
        deps.logger.warn('refused collaboration socket', { code: CloseCode.tooManyMessages, why: 'too many sockets' });
        closed = true;
        ws.close(CloseCode.tooManyMessages, TOO_MANY_SOCKETS);
        return;
      }
      // A session that spent its budget and reconnects at once is cut off before it is read from.
      if (lease.budget.spent()) return closeWith(ws, CloseCode.tooManyMessages);
      const { budget } = lease;
      const sendThroughWs = (message: Uint8Array) => ws.send(message as Uint8Array<ArrayBuffer>);
      const raw = ws.raw as WebSocket;
      const direct = socket !== undefined && canFrameDirectly(raw.extensions) ? socket : null;
      if (direct === null) {
        // Correct but slower: every send of a broadcast is framed again. Seen only if the server
        // is set up to compress, or runs under something other than @hono/node-server.
        deps.logger.warn('collaboration socket framed by ws', {
          why: socket === undefined ? 'no socket from the upgrade' : 'an extension was negotiated',
        });
      }
      const write =
        direct === null ? sendThroughWs : (message: Uint8Array) => sendBinary(direct, message, sendThroughWs);
      conn = {
        canEditText: admission.canEditText,
        presence: admission.presence,
        author: admission.author,
        takeMessage: () => budget.takeMessage(),
        send: (message) => {
          if (ws.readyState !== 1) return;
          // Unread frames would otherwise pile up in memory without end. A close frame could not
          // get past them, so the socket is dropped; the client reconnects once it reads again.
          // `bufferedAmount` counts what waits on the socket, so the frames written there too.
          const unsent = raw.bufferedAmount;
          if (unsent > deps.maxUnsentBytes) {
            deps.logger.warn('dropped a collaboration socket that does not read', {
              draftId: admission.draftId,
              unsent,
            });
            raw.terminate();
            return;
          }
          write(message);
        },
        close: (code, reason) => ws.close(code, reason),
      };
      deps.registry.acquire(admission.draftId).then(
        (loaded) => {
          if (closed || conn === null) {
            deps.registry.release(loaded);
            return;
          }
          try {
            loaded.join(conn);
          } catch (_unloadedMeanwhile: unknown) {
            // The room closed between its load and this join: the client reconnects at once.
            ws.close(CloseCode.internalError, CloseReason[CloseCode.internalError]);
            return;
          }
          room = loaded;
          for (const message of early.splice(0)) loaded.receive(conn, message);
        },
        (error: unknown) => {
          deps.logger.error('could not load room', {
            draftId: admission.draftId,
            error: error instanceof Error ? error.message : String(error),
          });
          ws.close(CloseCode.internalError, CloseReason[CloseCode.internalError]);
        },
      );
    },
    onMessage: (event: MessageEvent, ws: WSContext) => {
      if (closed || conn === null) return;
      const data: unknown = event.data;
      if (!(data instanceof ArrayBuffer)) return closeWith(ws, CloseCode.malformed);
      if (data.byteLength > deps.maxMessageBytes) return closeWith(ws, CloseCode.tooLarge);
      const message = new Uint8Array(data);
      const budget = lease?.budget;
      // Presence is charged its message by the room, once it knows whether the sender's own
      // presence is in it; every message is charged its bytes here.
      const counted = message[0] === MessageType.awareness || budget?.takeMessage() === true;
      if (budget === undefined || !counted || !budget.takeBytes(data.byteLength)) {
        return closeWith(ws, CloseCode.tooManyMessages);
      }
      if (room === null && early.length >= MAX_EARLY_MESSAGES) return closeWith(ws, CloseCode.tooManyMessages);
      if (room === null) early.push(message);
      else room.receive(conn, message);
    },
    onClose: () => {
      if (!closed) leave();
    },
  };
}
