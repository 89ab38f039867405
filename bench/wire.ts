import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { connectClient } from '../server/testing/collab-client.ts';
import { MessageType, SyncMessageType } from '../shared/protocol.ts';

/**
 * How the benchmark's clients speak to each server. Mufakat and the stock server speak the
 * y-websocket protocol (one document per socket, named in the path); Hocuspocus puts the
 * document's name in front of every message and wants an authentication message first.
 */
export type ServerKind = 'mufakat' | 'stock' | 'hocuspocus';

export interface RoomAddress {
  kind: ServerKind;
  /** The server's http:// base. */
  url: string;
  /** The draft id (Mufakat), the room name (stock), the document name (Hocuspocus). */
  room: string;
  /** Mufakat's session cookie; null for the references, which admit anyone. */
  cookie: string | null;
}

const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_TOKEN = 0;
/** The provider version the authentication message names, as @hocuspocus/provider 4.7 sends it. */
const HOCUSPOCUS_PROVIDER_VERSION = '4.7.0';

function socketUrl(address: RoomAddress): string {
  const base = address.url.replace(/^http/, 'ws');
  return address.kind === 'hocuspocus' ? base : `${base}/collab/${address.room}`;
}

function frame(address: RoomAddress, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (address.kind === 'hocuspocus') encoding.writeVarString(encoder, address.room);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A client as cheap as a client can be: it receives the document once, then only sends (a
 * writer), or only notes when the document arrived (a joiner). Frames after that are left
 * undecoded, so that hundreds of them in one thread measure the server, not the harness.
 */
export interface LeanClient {
  doc: Y.Doc;
  /** Resolves with the time (ms, shared clock) the server's full sync answer arrived. */
  synced: Promise<number>;
  /** Sends one update of this client's own making. */
  send(update: Uint8Array): void;
  close(): void;
}

/** Milliseconds on a clock shared by every thread of the process. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * Opens a lean client. With `apply`, the sync answer is applied to `doc` (a writer needs the
 * document to edit it); without, only its arrival is noted (a joiner timed to synced). A `seed`
 * is sent before the sync request, so that the answer shows the server has it (how the stock
 * server, which stores nothing, is given the benchmark's draft).
 */
export function openLeanClient(address: RoomAddress, apply: boolean, seed?: Uint8Array): LeanClient {
  const doc = new Y.Doc();
  const headers: Record<string, string> = address.cookie === null ? {} : { cookie: address.cookie };
  const socket = new WebSocket(socketUrl(address), { headers, perMessageDeflate: false });
  const send = (bytes: Uint8Array) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(bytes);
  };
  const synced = new Promise<number>((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (address.kind === 'hocuspocus') decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== MessageType.sync) return;
      if (decoding.readVarUint(decoder) !== SyncMessageType.step2) return;
      const at = now();
      if (apply) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
      socket.off('message', onMessage);
      resolve(at);
    };
    socket.on('message', onMessage);
    socket.once('error', reject);
    socket.once('close', (code: number) => reject(new Error(`${address.kind} closed with ${code} before syncing`)));
  });
  // A rejection after the sync (the socket closed at the end) is nobody's concern.
  synced.catch(() => undefined);
  socket.once('open', () => {
    if (address.kind === 'hocuspocus') {
      send(
        frame(address, (encoder) => {
          encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH);
          encoding.writeVarUint(encoder, HOCUSPOCUS_TOKEN);
          encoding.writeVarString(encoder, '');
          encoding.writeVarString(encoder, HOCUSPOCUS_PROVIDER_VERSION);
        }),
      );
    }
    if (seed !== undefined) {
      send(
        frame(address, (encoder) => {
          encoding.writeVarUint(encoder, MessageType.sync);
          syncProtocol.writeUpdate(encoder, seed);
        }),
      );
    }
    send(
      frame(address, (encoder) => {
        encoding.writeVarUint(encoder, MessageType.sync);
        syncProtocol.writeSyncStep1(encoder, doc);
      }),
    );
  });
  return {
    doc,
    synced,
    send: (update) =>
      send(
        frame(address, (encoder) => {
          encoding.writeVarUint(encoder, MessageType.sync);
          syncProtocol.writeUpdate(encoder, update);
        }),
      ),
    close: () => socket.close(),
  };
}

/**
 * A full client through the server's own provider: y-websocket's `WebsocketProvider` for
 * Mufakat and the stock server, `HocuspocusProvider` for Hocuspocus. It applies everything.
 */
export interface ProviderClient {
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

export function openProviderClient(address: RoomAddress): ProviderClient {
  if (address.kind !== 'hocuspocus') {
    const client = connectClient(address.url, address.room, address.cookie);
    return { doc: client.doc, synced: client.synced, destroy: client.destroy };
  }
  const doc = new Y.Doc();
  // One socket per client, as each browser tab has; Node needs `ws` as its WebSocket.
  const socket = new HocuspocusProviderWebsocket({ url: socketUrl(address), WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: address.room, document: doc });
  // A provider given its socket is attached by hand (it would attach itself to one it made).
  provider.attach();
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    provider.on('synced', () => resolve());
  });
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
