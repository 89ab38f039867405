import type { Socket } from 'node:net';

/**
 * Binary WebSocket frames from the server, framed once per message for every socket it goes to.
 *
 * A room sends each update to everyone in it; through `ws` every send frames the message anew and
 * writes header and payload as two chunks (cork, two writes, uncork: one `writev`). Framed here,
 * the frame is built at the first send of a message and written whole by every later one: one
 * buffer, one `write`. In the 200-writer benchmark the sends are half of the server's CPU, most
 * of it the kernel's; this takes the JavaScript part of it down. (The `ws` maintainers made
 * `Sender.frame` static for this use, websockets/ws#1016; its types are not published, so the
 * few lines of RFC 6455 §5.2 are written out here.)
 *
 * Writing to the socket beside `ws` keeps the order of every frame only while `ws` writes each
 * of its own frames at once, which it does unless it compresses (or sends a Blob, which this
 * server never does): `canFrameDirectly` checks that no extension was negotiated.
 */

/** Above this a message is sent through `ws`: its framing costs nothing beside the payload, and a cached copy of a large message (a whole document for a joiner) would double its memory. */
const MAX_DIRECTLY_FRAMED_BYTES = 16 * 1024;

const frames = new WeakMap<Uint8Array, Buffer>();

/** FIN set, opcode 2 (binary); the server never masks. */
const FIN_BINARY = 0x82;

/** The whole frame of one unmasked binary message. */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerBytes = length < 126 ? 2 : length <= 0xffff ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = FIN_BINARY;
  if (length < 126) {
    frame[1] = length;
  } else if (length <= 0xffff) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, headerBytes);
  return frame;
}

/** The frame of `payload`, built at its first send and kept as long as the message is. */
function frameOf(payload: Uint8Array): Buffer {
  let frame = frames.get(payload);
  if (frame === undefined) {
    frame = encodeBinaryFrame(payload);
    frames.set(payload, frame);
  }
  return frame;
}

/** Whether frames may be written to this connection's socket beside `ws`: no extension negotiated. */
export function canFrameDirectly(extensions: string): boolean {
  return extensions === '';
}

/**
 * Sends `payload` as one binary message on `socket`, framed directly when it is small, else by
 * `sendThroughWs`. The caller checks that the WebSocket is open and `canFrameDirectly`.
 */
export function sendBinary(socket: Socket, payload: Uint8Array, sendThroughWs: (payload: Uint8Array) => void): void {
  if (payload.byteLength > MAX_DIRECTLY_FRAMED_BYTES) sendThroughWs(payload);
  else socket.write(frameOf(payload));
}
