import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import JSZip from 'jszip';
import * as encoding from 'lib0/encoding';
import { readClauseText } from '../../shared/clause-text.ts';
import { clauseOrder, clauseTextRoot } from '../../shared/doc-layout.ts';
import { MessageType } from '../../shared/protocol.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { type ChildServer, startChildServer } from '../testing/child-server.ts';
import { type CollabClient, connectClient, openRawSocket, typeIntoClause } from '../testing/collab-client.ts';
import { createTestDraft, sessionCookieFor, TEST_OPERATOR_TOKEN } from '../testing/test-server.ts';

export type FloodKind = 'none' | 'presence' | 'sockets' | 'imports';

export interface FloodResult {
  flood: FloodKind;
  /** Frames or sockets the attacker got out before the server cut it off. */
  attempts: number;
  /** An honest participant's edit propagation, edit made to edit seen by another. */
  honestP50Ms: number;
  honestP99Ms: number;
  honestDisconnects: number;
  /** The harness's own event-loop delay p99 meanwhile: how much of the latency is the measurer's. */
  harnessLagP99Ms: number;
}

/**
 * An honest writer and reader in a room while one participant floods it: presence frames as
 * large as allowed as fast as the socket takes them, hundreds of sockets from many sessions, or
 * (with the operator token) .docx bombs and oversized texts sent to the import, one after another.
 * The honest edits' latency is measured through it, against the same room without a flood.
 */
export async function runFlood(flood: FloodKind, seconds: number): Promise<FloodResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-chaos-flood-'));
  let child: ChildServer | null = null;
  const clients: CollabClient[] = [];
  const sockets: Array<{ close(): void }> = [];
  try {
    child = await startChildServer(dataDir);
    const server = child;
    const draft = await createTestDraft(server.url);
    const join = async (link: string) => {
      const client = connectClient(server.url, draft.id, await sessionCookieFor(server.url, link));
      clients.push(client);
      await client.synced;
      return client;
    };
    const writer = await join(draft.links.chair);
    const reader = await join(draft.links.secretariat);
    const [clauseId = ''] = clauseOrder(writer.doc);

    // Made before the clock starts: a 300 MB bomb takes the harness seconds to deflate.
    const bombs = flood === 'imports' ? await importBombs() : [];
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let stop = false;
    const attempts = flood === 'none' ? Promise.resolve(0) : attack(flood, server, draft, () => stop, sockets, bombs);
    const latencies: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < deadline; i++) {
      const token = ` h${i}.`;
      const made = performance.now();
      typeIntoClause(writer.doc, clauseId, token);
      while (!readClauseText(clauseTextRoot(reader.doc, clauseId)).endsWith(token)) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (performance.now() - made > 10_000) break;
      }
      latencies.push(performance.now() - made);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop = true;
    lag.disable();
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
    return {
      flood,
      attempts: await attempts,
      honestP50Ms: at(50),
      honestP99Ms: at(99),
      honestDisconnects: writer.closeCodes.length + reader.closeCodes.length,
      harnessLagP99Ms: lag.percentile(99) / 1e6,
    };
  } finally {
    for (const socket of sockets) socket.close();
    for (const client of clients) client.destroy();
    if (child !== null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The attacker: an observer (it may not edit) doing all it can until told to stop. */
async function attack(
  flood: Exclude<FloodKind, 'none'>,
  server: ChildServer,
  draft: CreateDraftResponse,
  stopped: () => boolean,
  sockets: Array<{ close(): void }>,
  bombs: FormData[],
): Promise<number> {
  let attempts = 0;
  if (flood === 'imports') {
    while (!stopped()) {
      for (const body of bombs) {
        const response = await fetch(`${server.url}/api/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
          body,
        }).catch(() => null);
        await response?.arrayBuffer().catch(() => undefined);
        attempts += 1;
      }
    }
    return attempts;
  }
  if (flood === 'presence') {
    const cookie = await sessionCookieFor(server.url, draft.links.observer);
    const frame = presenceFrame(250 * 1024);
    while (!stopped()) {
      const raw = await openRawSocket(server.url, draft.id, cookie).catch(() => null);
      // Turned away: a hostile client tries again at once.
      attempts += 1;
      if (raw === null) continue;
      sockets.push(raw.socket);
      let open = true;
      void raw.closed.then(() => {
        open = false;
      });
      while (open && !stopped()) {
        raw.socket.send(frame);
        attempts += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return attempts;
  }
  while (!stopped() && attempts < 2000) {
    const cookie = await sessionCookieFor(server.url, draft.links.observer).catch(() => null);
    if (cookie === null) break;
    for (let i = 0; i < 10; i++) {
      const raw = await openRawSocket(server.url, draft.id, cookie).catch(() => null);
      attempts += 1;
      if (raw !== null) sockets.push(raw.socket);
    }
  }
  return attempts;
}

/**
 * What an attacker with the operator token sends the import: a .docx whose directory declares 40 MB
 * of text, one whose directory lies (it declares 1 KB and inflates to 300 MB), and 3 MB of text.
 */
async function importBombs(): Promise<FormData[]> {
  const form = (name: string, bytes: Uint8Array | string) => {
    const data = new FormData();
    data.append('file', new Blob([bytes]), name);
    return data;
  };
  const declared = new JSZip();
  declared.file('word/document.xml', ' '.repeat(40 * 1024 * 1024));
  const lying = new JSZip();
  lying.file('[Content_Types].xml', '<Types/>');
  lying.file('word/document.xml', new Uint8Array(300 * 1024 * 1024).fill(0x20));
  const lyingBytes = await lying.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  const view = new DataView(lyingBytes.buffer, lyingBytes.byteOffset, lyingBytes.byteLength);
  for (let i = 0; i + 46 < lyingBytes.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && view.getUint32(i + 22, true) > 1024 * 1024) view.setUint32(i + 22, 1024, true);
    if (signature === 0x02014b50 && view.getUint32(i + 24, true) > 1024 * 1024) view.setUint32(i + 24, 1024, true);
  }
  return [
    form('declared.docx', await declared.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })),
    form('lying.docx', lyingBytes),
    form('long.txt', 'A'.repeat(3 * 1024 * 1024)),
  ];
}

/** A presence frame of about `bytes`, made of many entries of the largest allowed size. */
function presenceFrame(bytes: number): Uint8Array {
  const state = JSON.stringify({ name: 'flood', padding: 'p'.repeat(3900) });
  const count = Math.floor(bytes / (state.length + 12));
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(update, 1_000_000 + i);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, state);
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}
