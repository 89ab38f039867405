import * as encoding from 'lib0/encoding';
import { MessageType, SyncMessageType } from '../../shared/protocol.ts';

/** A y-websocket `sync / update` message carrying one Yjs update. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncMessageType.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
