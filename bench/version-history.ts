import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { sendCommand } from '../server/testing/commands.ts';
import { createTestDraft, sessionCookieFor } from '../server/testing/test-server.ts';
import { clauseTextRoot, ORDER_ROOT } from '../shared/doc-layout.ts';
import { MessageType, SyncMessageType } from '../shared/protocol.ts';
import { startMufakat } from './server-process.ts';

/** What the bench measures, with the numbers it was built with. */
export interface VersionHistoryResult {
  clauses: number;
  updates: number;
  sessions: number;
  /** Yjs client ids the server bound: a writer reloads (a fresh doc, a fresh id) at each version. */
  clientIds: number;
  versions: number;
  buildSeconds: number;
  /** The first compare after the build (Rev.1 with Rev.2), before the server's compare path is warm. */
  firstCompareMs: number;
  /** Each timing: the median and the slowest of `runs` requests, in ms. */
  runs: number;
  render: Array<{ n: number; label: string; medianMs: number; maxMs: number; bytes: number }>;
  compare: Array<{
    from: number;
    to: number | 'current';
    room: 'loaded' | 'cold';
    medianMs: number;
    maxMs: number;
    changed: number;
  }>;
  /** Bytes on disk by part, at each version (dbstat: pages of each table and its indexes). */
  storage: Array<{ updates: number; parts: StorageParts; snapshotOnlyBytes: number }>;
  /** The database file's size once the server stopped (its WAL checkpointed). */
  fileBytes: number;
}

/** The document's tables as the history splits them. */
export interface StorageParts {
  /** What a draft needs to load either way: its snapshot. */
  snapshot: number;
  /** The update log as compaction leaves it. */
  log: number;
  /** Each update's clause edits and their authors (doc_edits, doc_authors). */
  edits: number;
  /** Client id bindings (doc_clients). */
  bindings: number;
  /** The versions' texts. */
  versions: number;
}

const DELEGATIONS = ['IDN', 'MYS', 'PHL', 'SGP', 'THA', 'VNM'];
const WORDS = ['maritime ', 'security ', 'and ', 'cooperation ', 'ASEAN ', 'including ', 'the ', 'regional '];

/** A writer: one session's socket and its doc, which it replaces at each reload as a browser does. */
interface Writer {
  cookie: string;
  doc: Y.Doc;
  socket: WebSocket;
  /** Resolves once the server answered a sync step 1 sent after every update so far. */
  acknowledged(): Promise<void>;
  close(): void;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A client that sends every local update of its doc, and applies only the sync answers it asks
 * for: the server answers a step 1 once everything sent before it is stored, so the answer is the
 * acknowledgement (as the room's browsers use it), and it brings the others' edits since.
 */
async function openWriter(url: string, draftId: string, cookie: string): Promise<Writer> {
  const doc = new Y.Doc();
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/collab/${draftId}`, {
    headers: { cookie },
    perMessageDeflate: false,
  });
  const waiting: Array<() => void> = [];
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== MessageType.sync) return;
    if (decoding.readVarUint(decoder) !== SyncMessageType.step2) return;
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
    waiting.shift()?.();
  });
  const closed = new Promise<never>((_, reject) =>
    socket.once('close', (code: number) => reject(new Error(`the server closed a writer's socket with ${code}`))),
  );
  closed.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const acknowledged = () => {
    const answered = new Promise<void>((resolve) => waiting.push(resolve));
    socket.send(frame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)));
    return Promise.race([answered, closed]);
  };
  await acknowledged();
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') socket.send(frame((encoder) => syncProtocol.writeUpdate(encoder, update)));
  });
  return { cookie, doc, socket, acknowledged, close: () => socket.close() };
}

/** A small deterministic generator, so that every run makes the same edits. */
function randomSource(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * n);
  };
}

/** The first paragraph of a clause and its characters (after the text node's properties). */
function paragraphOf(doc: Y.Doc, clauseId: string): { paragraph: Y.XmlText; text: string } {
  const first = clauseTextRoot(doc, clauseId).toDelta()[0] as { insert: unknown } | undefined;
  if (first === undefined || !(first.insert instanceof Y.XmlText))
    throw new Error(`clause ${clauseId} has no paragraph`);
  const paragraph = first.insert;
  const text = (paragraph.toDelta() as Array<{ insert: unknown }>)
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
  return { paragraph, text };
}

/**
 * A delegate at the keyboard: types words into clauses a keystroke or two per update, at the
 * start of a word, as the room's editor stores them (offset 0 of a paragraph is its text node's
 * properties, the characters follow); now and then deletes a word in one update (a selection and
 * Delete). Clauses stay near their starting length, so the text stays a text.
 */
class Typist {
  private clauseIndex = 0;
  private offset = 0;
  private pending = '';

  constructor(
    private readonly ids: readonly string[],
    private readonly startLengths: readonly number[],
    private readonly random: (n: number) => number,
  ) {}

  /** Makes one edit, one update, in `doc`. */
  edit(doc: Y.Doc): void {
    if (this.pending !== '') {
      this.typeNext(doc);
      return;
    }
    // A new place most of the time in the same clause, now and then another one.
    if (this.random(4) === 0) this.clauseIndex = this.random(this.ids.length);
    const clauseId = this.ids[this.clauseIndex] ?? '';
    const { paragraph, text } = paragraphOf(doc, clauseId);
    const startLength = this.startLengths[this.clauseIndex] ?? 100;
    const starts = [0, ...[...text.matchAll(/ (?=\S)/g)].map((m) => m.index + 1)];
    const at = starts[this.random(starts.length)] ?? 0;
    const deleting = text.length > startLength * 1.3 || (text.length > startLength * 0.7 && this.random(8) === 0);
    if (deleting) {
      const word = /^\S+ ?/.exec(text.slice(at))?.[0] ?? '';
      if (word !== '') {
        paragraph.delete(1 + at, word.length);
        return;
      }
    }
    this.offset = at;
    this.pending = WORDS[this.random(WORDS.length)] ?? 'and ';
    this.typeNext(doc);
  }

  private typeNext(doc: Y.Doc): void {
    const { paragraph, text } = paragraphOf(doc, this.ids[this.clauseIndex] ?? '');
    const keys = this.pending.slice(0, 1 + this.random(2));
    this.pending = this.pending.slice(keys.length);
    // Someone else's deletion may have shortened the clause under the caret.
    const at = Math.min(this.offset, text.length);
    paragraph.insert(1 + at, keys);
    this.offset = at + keys.length;
  }
}

/** Bytes of each table and its indexes, as SQLite's dbstat counts the pages. */
function storageOf(file: string, draftId: string): { parts: StorageParts; snapshotOnlyBytes: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pages = new Map<string, number>();
    for (const row of db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{
      name: string;
      bytes: number;
    }>) {
      pages.set(row.name, row.bytes);
    }
    const tables = db
      .prepare("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
      .all() as Array<{ name: string; tbl_name: string }>;
    const bytesOf = (table: string) =>
      tables.filter((t) => t.tbl_name === table).reduce((sum, t) => sum + (pages.get(t.name) ?? 0), 0);
    // What a draft that keeps no history would store: its document as one compacted snapshot.
    const snapshot = db.prepare('SELECT data FROM doc_snapshots WHERE draft_id = ?').pluck().get(draftId) as Buffer;
    const log = db
      .prepare('SELECT data FROM doc_updates WHERE draft_id = ? ORDER BY seq')
      .pluck()
      .all(draftId) as Buffer[];
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    for (const update of log) Y.applyUpdate(doc, update);
    return {
      parts: {
        snapshot: bytesOf('doc_snapshots'),
        log: bytesOf('doc_updates'),
        edits: bytesOf('doc_edits') + bytesOf('doc_authors'),
        bindings: bytesOf('doc_clients'),
        versions: bytesOf('versions'),
      },
      snapshotOnlyBytes: Y.encodeStateAsUpdate(doc).byteLength,
    };
  } finally {
    db.close();
  }
}

/** `request` timed `runs` times, each after `before` (not timed). */
async function timed<T>(
  runs: number,
  request: () => Promise<T>,
  before: () => Promise<unknown> = async () => undefined,
): Promise<{ medianMs: number; maxMs: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    await before();
    const started = performance.now();
    last = await request();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    maxMs: times.at(-1) ?? Number.NaN,
    last: last as T,
  };
}

/**
 * A `clauses`-clause draft edited by several sessions through the collaboration socket, as
 * browsers edit it, until its log has taken `updates` updates, with compaction running as in
 * production and the chair naming a version every `updates / versions` updates (and one before
 * the first edit); then the time to render each version and to compare versions over HTTP, and
 * what the history costs on disk beside a snapshot alone.
 */
export async function runVersionHistory(
  clauses: number,
  updates: number,
  versions: number,
  runs: number,
): Promise<VersionHistoryResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mufakat-versions-'));
  // BENCH_MUFAKAT_PROFILE=<dir> writes a CPU profile of Mufakat's server there when it stops.
  const profileDir = process.env.BENCH_MUFAKAT_PROFILE;
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = await startMufakat(
    {
      // The writers send as fast as the server takes them: far past a person's rate.
      MUFAKAT_MESSAGES_PER_SECOND: '1000000',
      MUFAKAT_MESSAGE_BURST: '1000000',
      MUFAKAT_BYTES_PER_SECOND: String(1 << 30),
      MUFAKAT_BYTE_BURST: String(1 << 30),
      MUFAKAT_IDLE_UNLOAD_MS: '300',
    },
    dataDir,
    nodeArgs,
  );
  const file = join(dataDir, 'mufakat.sqlite');
  try {
    const startText = (i: number) =>
      `ENCOURAGE the continued practical cooperation among the defence establishments in area ${i + 1}, including maritime security and humanitarian assistance;`;
    const draft = await createTestDraft(server.url, {
      title: 'Version history benchmark',
      kind: 'joint-statement',
      delegations: DELEGATIONS,
      clauses: Array.from({ length: clauses }, (_, i) => ({ kind: 'operative' as const, text: startText(i) })),
    });
    const chair = await sessionCookieFor(server.url, draft.links.chair);
    // One session per delegation, a second official of MYS and the secretariat.
    const links = [
      ...DELEGATIONS.map((d) => draft.links.delegations[d] ?? ''),
      draft.links.delegations.MYS ?? '',
      draft.links.secretariat,
    ];
    const cookies = await Promise.all(links.map((link) => sessionCookieFor(server.url, link)));
    const nameVersion = async (label: string) => {
      const named = await sendCommand(server.url, draft.id, chair, { type: 'name-version', label });
      if (named.status !== 200) throw new Error(`naming ${label} answered ${named.status}`);
    };
    const storage: VersionHistoryResult['storage'] = [];
    await nameVersion('Rev.0');
    storage.push({ updates: 0, ...storageOf(file, draft.id) });

    const random = randomSource(14);
    const started = performance.now();
    let clientIds = 0;
    let sent = 0;
    const perVersion = updates / versions;
    for (let v = 1; v <= versions; v++) {
      // A reload at each version: a fresh doc, so a fresh client id bound to the same session.
      const writers = await Promise.all(cookies.map((cookie) => openWriter(server.url, draft.id, cookie)));
      clientIds += writers.length;
      const ids = writers[0]?.doc.getArray<string>(ORDER_ROOT).toArray() ?? [];
      const typists = writers.map(
        () =>
          new Typist(
            ids,
            ids.map((_, i) => startText(i).length),
            random,
          ),
      );
      while (sent < v * perVersion) {
        // A burst from each writer in turn, then every writer's acknowledgement: the socket
        // buffers stay small and each writer sees the others' edits, as a browser does.
        for (let burst = 0; burst < 2000 && sent < v * perVersion; burst++, sent++) {
          const index = sent % writers.length;
          typists[index]?.edit((writers[index] as Writer).doc);
        }
        await Promise.all(writers.map((writer) => writer.acknowledged()));
      }
      for (const writer of writers) writer.close();
      await nameVersion(`Rev.${v}`);
      // The last is measured once the server has stopped, below.
      if (v < versions) storage.push({ updates: sent, ...storageOf(file, draft.id) });
      console.log(
        `  ${sent.toLocaleString('en')} updates, Rev.${v} named, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const buildSeconds = (performance.now() - started) / 1000;

    const get = async (path: string) => {
      const response = await fetch(`${server.url}/api/drafts/${draft.id}${path}`, { headers: { cookie: chair } });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return response.text();
    };
    // The room stays loaded while someone is in it: one idle writer holds it for the warm timings.
    const holder = await openWriter(server.url, draft.id, cookies[0] ?? '');
    // The server compiles its compare path in the first few requests after a start: warmed up
    // here on another pair, so that the figures are the steady state (the first is printed too).
    const firstStarted = performance.now();
    await get('/compare?from=2&to=3');
    const firstCompareMs = performance.now() - firstStarted;
    for (let run = 0; run < 3; run++) await get('/compare?from=2&to=3');
    const render: VersionHistoryResult['render'] = [];
    for (let n = 1; n <= versions + 1; n++) {
      const { medianMs, maxMs, last } = await timed(runs, () => get(`/versions/${n}`));
      render.push({ n, label: `Rev.${n - 1}`, medianMs, maxMs, bytes: last.length });
    }
    const pairs: Array<[number, number | 'current']> = [
      [1, versions + 1],
      [versions, versions + 1],
      [1, 'current'],
      [versions + 1, 'current'],
      [Math.ceil(versions / 2), 'current'],
    ];
    const changedIn = (body: string) =>
      (JSON.parse(body) as { clauses: Array<{ change: string }> }).clauses.filter((c) => c.change !== 'unchanged')
        .length;
    const compare: VersionHistoryResult['compare'] = [];
    for (const [from, to] of pairs) {
      const { medianMs, maxMs, last } = await timed(runs, () => get(`/compare?from=${from}&to=${to}`));
      compare.push({ from, to, room: 'loaded', medianMs, maxMs, changed: changedIn(last) });
    }
    holder.close();
    // With nobody in the room, a compare with now loads it from SQLite first.
    const cold = await timed(
      runs,
      () => get('/compare?from=1&to=current'),
      () => new Promise((resolve) => setTimeout(resolve, 800)),
    );
    compare.push({
      from: 1,
      to: 'current',
      room: 'cold',
      medianMs: cold.medianMs,
      maxMs: cold.maxMs,
      changed: changedIn(cold.last),
    });
    // Stopped, the server has checkpointed its write-ahead log into the file.
    await server.stop();
    storage.push({ updates: sent, ...storageOf(file, draft.id) });
    return {
      clauses,
      updates: sent,
      sessions: cookies.length,
      clientIds,
      versions: versions + 1,
      buildSeconds,
      firstCompareMs,
      runs,
      render,
      compare,
      storage,
      fileBytes: statSync(file).size,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The figures as one table: each beside its target, the history's cost beside a snapshot alone. */
export function printVersionHistory(result: VersionHistoryResult): void {
  const first = result.storage[0];
  const last = result.storage.at(-1);
  if (first === undefined || last === undefined) return;
  const tens = result.updates / 10_000;
  const perTen = (part: keyof StorageParts) => (last.parts[part] - first.parts[part]) / tens;
  const rows: Array<[string, string, string]> = [];
  const oldest = result.render[0];
  const newest = result.render.at(-1);
  const slowest = [...result.render].sort((a, b) => b.maxMs - a.maxMs)[0];
  const timing = (t: { medianMs: number; maxMs: number }) => `${ms(t.medianMs)} / ${ms(t.maxMs)}`;
  if (oldest !== undefined)
    rows.push([`render the oldest version (${oldest.label}, ${kb(oldest.bytes)})`, timing(oldest), 'under 500 ms']);
  if (newest !== undefined) rows.push([`render the newest version (${newest.label})`, timing(newest), 'under 500 ms']);
  if (slowest !== undefined)
    rows.push([
      `render the slowest of all ${result.render.length} (${slowest.label})`,
      timing(slowest),
      'under 500 ms',
    ]);
  const labelOf = (n: number | 'current') => (n === 'current' ? 'now' : `Rev.${n - 1}`);
  for (const c of result.compare) {
    const room = c.to === 'current' ? (c.room === 'cold' ? ', room not loaded' : ', room loaded') : '';
    rows.push([
      `compare ${labelOf(c.from)} with ${labelOf(c.to)} (${c.changed} clauses changed${room})`,
      timing(c),
      'under 500 ms',
    ]);
  }
  rows.push([
    'the first compare after the build (Rev.1 with Rev.2, not warmed up)',
    ms(result.firstCompareMs),
    'under 500 ms',
  ]);
  const logMax = Math.max(...result.storage.map((sample) => sample.parts.log));
  const total = (parts: StorageParts) => Object.values(parts).reduce((sum, bytes) => sum + bytes, 0);
  const both = (atEnd: number, per: number) => `${kb(atEnd).padEnd(12)}${kb(per)}`;
  const storageRows: Array<[string, string, string]> = [
    ['  snapshot (doc_snapshots)', both(last.parts.snapshot, perTen('snapshot')), ''],
    ['  clause edits (doc_edits and index, doc_authors)', both(last.parts.edits, perTen('edits')), ''],
    ['  client id bindings (doc_clients)', both(last.parts.bindings, perTen('bindings')), ''],
    [`  versions (${result.versions}, each every clause's words)`, both(last.parts.versions, perTen('versions')), ''],
    ['  update log (doc_updates), bounded by compaction', `${kb(last.parts.log).padEnd(12)}at most ${kb(logMax)}`, ''],
    [
      'total with history kept',
      both(total(last.parts), (total(last.parts) - total(first.parts)) / tens),
      `${both(last.snapshotOnlyBytes, (last.snapshotOnlyBytes - first.snapshotOnlyBytes) / tens)} without (a snapshot alone)`,
    ],
  ];
  const width = Math.max(...[...rows, ...storageRows].map((r) => r[0].length)) + 2;
  const line = ([what, ours, target]: [string, string, string]) => `  ${what.padEnd(width)}${ours.padEnd(26)}${target}`;
  console.log(
    `\nVersions: a ${result.clauses}-clause draft with ${result.updates.toLocaleString('en')} updates from ${result.sessions} sessions` +
      ` (${result.clientIds} client ids), compacted as in production, a version named every ${(result.updates / (result.versions - 1)).toLocaleString('en')};` +
      ` built through the collaboration socket in ${result.buildSeconds.toFixed(0)} s`,
  );
  console.log(line(['over HTTP, as the chair asks', `median / slowest of ${result.runs}`, 'target']));
  for (const row of rows) console.log(line(row));
  console.log(
    line([
      `on disk (dbstat), at ${result.updates.toLocaleString('en')} updates and per 10,000`,
      `${'total'.padEnd(12)}per 10,000`,
      'reference',
    ]),
  );
  for (const row of storageRows) console.log(line(row));
  console.log(`  the database file after checkpoint: ${kb(result.fileBytes)}`);
}
