import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { clauseTextRoot } from '../../shared/doc-layout.ts';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes this client's sockets received, in order. */
  closeCodes: number[];
  synced: Promise<void>;
  destroy(): void;
}

/**
 * A real y-websocket client in Node. Browsers send the session cookie by themselves; here a
 * `ws` subclass sends it as a header, exactly as a non-browser participant would.
 */
export function connectClient(
  baseUrl: string,
  draftId: string,
  cookie: string | null,
  options: { doc?: Y.Doc; origin?: string } = {},
): CollabClient {
  const headers: Record<string, string> = {};
  if (cookie !== null) headers.cookie = cookie;
  if (options.origin !== undefined) headers.origin = options.origin;
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, draftId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event !== null) closeCodes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once('sync', () => resolve());
  });
  const destroy = () => {
    provider.destroy();
    // The provider made this awareness but does not destroy it: its three-second check interval
    // would keep the awareness, and through it the whole doc, alive for as long as the process.
    provider.awareness.destroy();
  };
  return { doc, provider, closeCodes, synced, destroy };
}

/** The text root of a clause in a client's doc. */
export function clauseRoot(doc: Y.Doc, clauseId: string): Y.XmlText {
  return clauseTextRoot(doc, clauseId);
}

/** Polls `check` until it returns true, or fails after `timeoutMs` with `what`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw WebSocket to the collaboration endpoint, for sending what no well-behaved client would. */
export function openRawSocket(
  baseUrl: string,
  draftId: string,
  cookie: string | null,
): Promise<{ socket: WebSocket; closed: Promise<number>; messages: Uint8Array[] }> {
  const headers: Record<string, string> = cookie === null ? {} : { cookie };
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${draftId}`, { headers });
  const messages: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, closed, messages }));
    socket.once('error', reject);
  });
}

/** Deletes `length` characters from `from` in a clause's first paragraph, as an editor would. */
export function deleteFromClause(doc: Y.Doc, clauseId: string, from: number, length: number): void {
  const first = clauseRoot(doc, clauseId).toDelta()[0] as { insert: unknown } | undefined;
  if (first === undefined || !(first.insert instanceof Y.XmlText)) {
    throw new Error(`clause ${clauseId} has no paragraph to delete from`);
  }
  // Offset 1 is right after the text node's property map that precedes its characters.
  first.insert.delete(1 + from, length);
}

/** Types `text` at the end of a clause's first paragraph, as a Lexical editor would store it. */
export function typeIntoClause(doc: Y.Doc, clauseId: string, text: string, at: 'end' | 'start' = 'end'): void {
  const first = clauseRoot(doc, clauseId).toDelta()[0] as { insert: unknown } | undefined;
  if (first === undefined || !(first.insert instanceof Y.XmlText)) {
    throw new Error(`clause ${clauseId} has no paragraph to type into`);
  }
  const paragraph = first.insert;
  // Offset 1 is right after the text node's property map that precedes its characters.
  paragraph.insert(at === 'end' ? paragraph.length : 1, text);
}
