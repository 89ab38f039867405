import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';

/** A y-websocket `sync / step 1` message: the server's state vector, asking what the client has. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encodeSync(SyncMessageType.step1, Y.encodeStateVector(doc));
}

/** A y-websocket `sync / step 2` message: everything `doc` has beyond `stateVector`. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.step2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** A y-websocket `sync / update` message carrying one Yjs update. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return encodeSync(SyncMessageType.update, update);
}

function encodeSync(type: SyncMessageType, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
