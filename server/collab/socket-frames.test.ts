import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { canFrameDirectly, encodeBinaryFrame, sendBinary } from './socket-frames.ts';

let server: Server | null = null;
let client: WebSocket | null = null;

afterEach(async () => {
  client?.terminate();
  client = null;
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

/** A `ws` server whose first connection is handed out with the socket it was upgraded on. */
async function connectPair(options: { perMessageDeflate: boolean }) {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: options.perMessageDeflate });
  server = createServer();
  const accepted = new Promise<{ ws: WebSocket; socket: Socket }>((resolve) => {
    server?.on('upgrade', (request, socket, head) => {
      wss.handleUpgrade(request, socket, head, (ws) => resolve({ ws, socket: request.socket }));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: options.perMessageDeflate });
  const received: Buffer[] = [];
  client.on('message', (data, isBinary) => {
    expect(isBinary).toBe(true);
    received.push(data as Buffer);
  });
  await new Promise((resolve) => client?.once('open', resolve));
  return { ...(await accepted), received };
}

function payload(bytes: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: bytes }, (_, i) => (i * 31 + seed) % 251);
}

describe('binary frames written beside ws', () => {
  it('reach a ws client whole and in order, at every length encoding, between frames ws writes itself', async () => {
    const { ws, socket, received } = await connectPair({ perMessageDeflate: false });
    expect(canFrameDirectly(ws.extensions)).toBe(true);
    // 7-bit, 16-bit and 64-bit lengths and their edges; the largest go through `ws` in sendBinary.
    const sizes = [0, 1, 125, 126, 127, 4096, 16 * 1024, 16 * 1024 + 1, 65_535, 65_536, 200_000];
    const sent: Uint8Array[] = [];
    for (const [i, size] of sizes.entries()) {
      const direct = payload(size, i);
      sendBinary(socket, direct, (message) => ws.send(message));
      const framedHere = payload(size, i + 100);
      socket.write(encodeBinaryFrame(framedHere));
      const throughWs = payload(Math.min(size, 300), i + 200);
      ws.send(throughWs);
      sent.push(direct, framedHere, throughWs);
    }
    // The same message to the same socket twice: the frame built at the first send is reused.
    const twice = payload(50, 7);
    sendBinary(socket, twice, () => expect.unreachable('a small message is framed directly'));
    sendBinary(socket, twice, () => expect.unreachable('a small message is framed directly'));
    sent.push(twice, twice);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(sent.length);
    expect(received.map((data) => Buffer.from(data).toString('hex'))).toEqual(
      sent.map((data) => Buffer.from(data).toString('hex')),
    );
  });

  it('are not written where ws compresses', async () => {
    const { ws } = await connectPair({ perMessageDeflate: true });
    expect(ws.extensions).toContain('permessage-deflate');
    expect(canFrameDirectly(ws.extensions)).toBe(false);
  });
});
