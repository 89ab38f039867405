import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { clauseTextRoot, ORDER_ROOT } from '../shared/doc-layout.ts';
import { MessageType } from '../shared/protocol.ts';

/**
 * Another delegation in the room, as cheap as it can be for the benchmark's own process: it
 * loads the draft once, then types into its clause and moves its caret as a Lexical editor does,
 * and ignores what the room sends it. A real participant decodes everything on its own machine;
 * decoding 18 participants' traffic here would starve the browser being measured of CPU.
 */
export interface RemoteParticipant {
  /** Types one character at the start of its clause and announces its caret after it. */
  typeOne(): void;
  close(): void;
}

export async function joinAsRemoteParticipant(
  baseUrl: string,
  draftId: string,
  cookie: string,
  name: string,
  clauseIndex: number,
): Promise<RemoteParticipant> {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${draftId}`, { headers: { cookie } });
  const send = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    write(encoder);
    if (socket.readyState === WebSocket.OPEN) socket.send(encoding.toUint8Array(encoder));
  };
  // The first sync answer seeds the local copy; after it, incoming messages are not decoded.
  const loaded = new Promise<void>((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.sync) return;
      const encoder = encoding.createEncoder();
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, 'server');
      if (kind === syncProtocol.messageYjsSyncStep2) {
        socket.off('message', onMessage);
        resolve();
      }
    };
    socket.on('message', onMessage);
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed with ${code} before loading`)));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  send((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, doc);
  });
  await loaded;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'server') return;
    send((encoder) => {
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
    });
  });

  const clauseId = doc.getArray<string>(ORDER_ROOT).get(clauseIndex);
  const root = clauseTextRoot(doc, clauseId);
  const paragraph = (root.toDelta() as Array<{ insert: unknown }>)[0]?.insert;
  if (!(paragraph instanceof Y.XmlText)) throw new Error(`clause ${clauseIndex} has no paragraph`);
  let typed = 0;
  return {
    typeOne() {
      // Offset 1 is just after the text node's property map, where the clause's words start.
      paragraph.insert(1 + typed, 'x');
      typed += 1;
      const caret = Y.createRelativePositionFromTypeIndex(paragraph, 1 + typed);
      awareness.setLocalState({ name, color: '#888888', focusing: true, anchorPos: caret, focusPos: caret });
      send((encoder) => {
        encoding.writeVarUint(encoder, MessageType.awareness);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
      });
    },
    close() {
      awareness.destroy();
      socket.close();
    },
  };
}
