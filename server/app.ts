import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { isSilenceChange, silencedClauseIds } from '../shared/consensus/silence.ts';
import { ErrorCode } from '../shared/errors.ts';
import { CloseCode, CloseReason } from '../shared/protocol.ts';
import { requireOperator } from './auth/operator.ts';
import { SessionLimits } from './auth/session-limits.ts';
import { guardUnsafeRequests } from './auth/unsafe-requests.ts';
import type { Cluster } from './cluster/cluster.ts';
import { registerCollabRoute } from './collab/collab-route.ts';
import { RoomRegistry } from './collab/room-registry.ts';
import type { TextLocks } from './collab/update-guard.ts';
import { CommentEvents } from './comments/comment-events.ts';
import type { ServerConfig } from './config.ts';
import { alternativeLocksOf } from './consensus/alternative-changes.ts';
import { DecisionEvents } from './consensus/decision-events.ts';
import { SilenceClock } from './consensus/silence-clock.ts';
import { registerTestClockRoute, type TestClock } from './consensus/test-clock.ts';
import { errorResponse, HttpError } from './http-error.ts';
import { ImportParser } from './import/import-parser.ts';
import type { Logger } from './logger.ts';
import { registerApiRoutes } from './routes/api-routes.ts';
import { registerAttributionRoutes } from './routes/attribution-routes.ts';
import { registerClientRoutes } from './routes/client-routes.ts';
import { registerCommentRoutes } from './routes/comment-routes.ts';
import { registerConsensusRoutes } from './routes/consensus-routes.ts';
import { registerExportRoutes } from './routes/export-routes.ts';
import { registerImportRoutes } from './routes/import-routes.ts';
import { registerJoinRoute } from './routes/join-route.ts';
import { registerLinkRoutes } from './routes/link-routes.ts';
import { securityHeaders } from './routes/security-headers.ts';
import { registerSilenceRoutes } from './routes/silence-routes.ts';
import { registerVersionRoutes } from './routes/version-routes.ts';
import { StorageFault } from './storage/storage-fault.ts';
import type { Stores } from './storage/stores.ts';

export interface AppDeps {
  stores: Stores;
  logger: Logger;
  config: Pick<
    ServerConfig,
    | 'publicUrl'
    | 'allowedOrigins'
    | 'maxMessageBytes'
    | 'messagesPerSecond'
    | 'messageBurst'
    | 'bytesPerSecond'
    | 'byteBurst'
    | 'maxSocketsPerSession'
    | 'maxStreamsPerSession'
    | 'compactAfterUpdates'
    | 'maxDocumentBytes'
    | 'maxUnsentBytes'
    | 'idleUnloadMs'
    | 'clientDir'
  > & {
    /** The token that starts drafts (see `requireOperator`); the server has resolved it by now. */
    operatorToken: string;
  };
  now?: () => Date;
  /** Tests only: a clock they move forward, with its route (`MUFAKAT_TEST_CLOCK_OFFSET_MS`). */
  testClock?: TestClock;
  /** Several instances share the drafts (`MUFAKAT_REDIS_URL`); unset, this one alone serves them. */
  cluster?: Cluster;
}

export interface MufakatApp {
  app: Hono;
  registry: RoomRegistry;
  /** Concludes silences at their deadlines; `start` concludes the overdue ones. */
  silenceClock: SilenceClock;
  /** Attaches the WebSocket upgrade handling to the server returned by `serve()`. */
  injectWebSocket(server: Server): void;
  /** Stores what is pending and closes every collaboration socket (code 1001). */
  close(): Promise<void>;
}

/**
 * Ws itself refuses frames above this before buffering them (close 1009); frames between the
 * configured limit and this one get Mufakat's 4413, which stops the client from retrying. Kept
 * small: it bounds what one socket can make the server buffer.
 */
const HARD_FRAME_LIMIT_FACTOR = 4;
/** A session's rate budget outlives its sockets this long: reconnecting does not refill it. */
const SESSION_BUDGET_KEPT_MS = 60_000;
const SESSION_EXPIRY_CHECK_MS = 60_000;
/** How often, with several instances, each silence clock reads every running silence again. */
const SILENCE_REFRESH_MS = 15_000;

/** Beyond a whole document, what a socket may have waiting unsent by default (`maxUnsentBytes`). */
const UNSENT_MARGIN_BYTES = 8 * 1024 * 1024;

/** Builds the whole server without listening: HTTP API, join links, client and collaboration. */
export function createApp(deps: AppDeps): MufakatApp {
  const now = deps.testClock?.now ?? deps.now ?? (() => new Date());
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // @hono/node-ws creates its WebSocketServer without options; ws reads maxPayload at each upgrade.
  wss.options.maxPayload = deps.config.maxMessageBytes * HARD_FRAME_LIMIT_FACTOR;

  const { stores } = deps;
  const sessionLimits = new SessionLimits({
    maxSockets: deps.config.maxSocketsPerSession,
    maxStreams: deps.config.maxStreamsPerSession,
    messagesPerSecond: deps.config.messagesPerSecond,
    messageBurst: deps.config.messageBurst,
    bytesPerSecond: deps.config.bytesPerSecond,
    byteBurst: deps.config.byteBurst,
    forgetAfterMs: SESSION_BUDGET_KEPT_MS,
  });
  // A session that ends while its sockets are open is closed then, not at its next request.
  const expiry = setInterval(
    () => sessionLimits.closeExpired(now(), CloseCode.notAuthenticated, CloseReason[CloseCode.notAuthenticated]),
    SESSION_EXPIRY_CHECK_MS,
  );
  expiry.unref();
  const loadLocks = async (draftId: string): Promise<TextLocks> => {
    const { clauses, adoption, silences, chairStatement, locksVersion } = await stores.decisions.loadDecisions(draftId);
    const frozen = new Set([...clauses].flatMap(([id, clause]) => (clause.frozen === null ? [] : [id])));
    // A Chairman's Statement closes the text as an adoption does.
    const adopted = adoption !== null || (chairStatement ?? null) !== null;
    const locks: TextLocks = {
      frozen,
      adopted,
      silenced: silencedClauseIds(silences),
      alternatives: alternativeLocksOf(clauses),
    };
    // Appends name the version only where another instance may decide meanwhile.
    if (deps.cluster !== undefined && locksVersion !== undefined) locks.version = locksVersion;
    return locks;
  };
  const registry = new RoomRegistry({
    documents: stores.documents,
    loadLocks,
    logger: deps.logger,
    idleUnloadMs: deps.config.idleUnloadMs,
    compactAfterUpdates: deps.config.compactAfterUpdates,
    maxDocumentBytes: deps.config.maxDocumentBytes,
    now,
    ...(deps.cluster === undefined ? {} : { follow: deps.cluster.follow }),
  });

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, never the path: `/join/:token` must not put a token into the log.
    deps.logger.info('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.use(securityHeaders());
  app.use(guardUnsafeRequests({ publicUrl: deps.config.publicUrl, allowedOrigins: deps.config.allowedOrigins }));

  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error);
    if (error instanceof StorageFault) {
      deps.logger.error('storage fault', { route: c.req.routePath, error: error.message });
      return errorResponse(c, new HttpError(503, ErrorCode.storageUnavailable, error.message));
    }
    deps.logger.error('unhandled error', { route: c.req.routePath, error: error.message, stack: error.stack });
    return errorResponse(c, new HttpError(500, ErrorCode.internal, 'Something went wrong on the server. Try again.'));
  });
  app.notFound((c) =>
    errorResponse(
      c,
      new HttpError(404, ErrorCode.notFound, `Nothing at ${c.req.method} ${new URL(c.req.url).pathname}.`),
    ),
  );

  const operator = requireOperator(deps.config.operatorToken);
  registerApiRoutes(app, { stores, publicUrl: deps.config.publicUrl, now, operator });
  const importParser = new ImportParser({ logger: deps.logger });
  registerImportRoutes(app, { parser: importParser, operator });
  const events = new DecisionEvents();
  const silenceClock: SilenceClock = new SilenceClock({
    context: { decisions: stores.decisions, registry, events, now },
    drafts: stores.drafts,
    logger: deps.logger,
  });
  const refreshSilences = () => {
    silenceClock.refresh().catch((error: unknown) => {
      deps.logger.warn('could not read the running silences', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
  };
  deps.cluster?.shareDecisions({
    events,
    decisions: stores.decisions,
    // Read inside the room's queue, so that no decision of this instance is undone by older locks.
    decidedElsewhere: async (draftId) => {
      const room = registry.loadedRoom(draftId);
      if (room === undefined) return;
      await room.exclusive(async () => room.setLocks(await loadLocks(draftId)));
    },
    // A silence circulated or ended elsewhere: this clock learns its deadline at once.
    relayed: (_draftId, event) => {
      if (isSilenceChange(event.change)) refreshSilences();
    },
  });
  // The relay follows only drafts with people here: every clock reads every running silence now
  // and then, so that a silence concludes when the instance that circulated it has died.
  const silenceRefresh = deps.cluster === undefined ? null : setInterval(refreshSilences, SILENCE_REFRESH_MS);
  silenceRefresh?.unref();
  registerConsensusRoutes(app, {
    stores,
    registry,
    events,
    sessionLimits,
    now,
    afterDecision: silenceClock.onDecision,
  });
  const commentEvents = new CommentEvents();
  deps.cluster?.shareComments({ events: commentEvents, comments: stores.comments, drafts: stores.drafts, registry });
  registerCommentRoutes(app, { stores, registry, events: commentEvents, sessionLimits, now });
  if (deps.testClock !== undefined) registerTestClockRoute(app, deps.testClock, silenceClock);
  registerExportRoutes(app, { stores, registry, now });
  registerAttributionRoutes(app, { stores, registry, now });
  registerVersionRoutes(app, { stores, registry, now });
  registerSilenceRoutes(app, { stores, now });
  registerLinkRoutes(app, { stores, sessionLimits, publicUrl: deps.config.publicUrl, now });
  registerJoinRoute(app, { drafts: stores.drafts, now, publicUrl: deps.config.publicUrl });
  registerCollabRoute(app, {
    drafts: stores.drafts,
    registry,
    logger: deps.logger,
    upgradeWebSocket,
    maxMessageBytes: deps.config.maxMessageBytes,
    maxUnsentBytes: deps.config.maxUnsentBytes ?? deps.config.maxDocumentBytes + UNSENT_MARGIN_BYTES,
    sessionLimits,
    allowedOrigins: deps.config.allowedOrigins,
    publicUrl: deps.config.publicUrl,
    now,
  });
  if (deps.config.clientDir !== '') registerClientRoutes(app, deps.config.clientDir);

  return {
    app,
    registry,
    silenceClock,
    injectWebSocket: (server) => guardUpgrades(server, injectWebSocket, deps.logger),
    close: async () => {
      clearInterval(expiry);
      if (silenceRefresh !== null) clearInterval(silenceRefresh);
      silenceClock.stop();
      await registry.closeAll(CloseCode.goingAway, CloseReason[CloseCode.goingAway]);
      await importParser.close();
      for (const client of wss.clients) client.terminate();
    },
  };
}

/**
 * @hono/node-ws parses each upgrade's URL in an async listener without a catch: one request with
 * an unparsable target (`GET http://[/`) would end the process. Its listener is attached to a
 * relay instead, and every upgrade reaches it only after the URL parses, with failures logged.
 */
function guardUpgrades(server: Server, inject: (server: Server) => void, logger: Logger): void {
  const relay = new EventEmitter();
  inject(relay as unknown as Server);
  const listeners = relay.listeners('upgrade') as Array<
    (request: IncomingMessage, socket: Duplex, head: Buffer) => unknown
  >;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!URL.canParse(request.url ?? '', 'http://localhost')) {
      socket.destroy();
      return;
    }
    for (const listener of listeners) {
      Promise.resolve()
        .then(() => listener(request, socket, head))
        .catch((error: unknown) => {
          logger.error('WebSocket upgrade failed', { error: error instanceof Error ? error.message : String(error) });
          socket.destroy();
        });
    }
  });
}
