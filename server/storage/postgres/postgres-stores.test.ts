import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../../testing/collab-client.ts';
import { type PostgresServer, startPostgresServer } from '../../testing/postgres-server.ts';
import { describeStoreContract } from '../../testing/store-contract.ts';
import { CommentLogMovedError } from '../comment-store.ts';
import { DraftMovedError, SilenceNotRunningError } from '../decision-store.ts';
import { ClientsBoundElsewhereError, LocksMovedError } from '../document-store.ts';
import { StorageFault } from '../storage-fault.ts';
import type { Stores } from '../stores.ts';
import { POSTGRES_SCHEMA_VERSION } from './postgres-migrations.ts';
import { createPostgresStores } from './postgres-stores.ts';

// One private cluster for the file, one database for each test.
let server: PostgresServer;
let url = '';

beforeAll(async () => {
  server = await startPostgresServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describeStoreContract('PostgreSQL', {
  async open() {
    url = await server.createDatabase();
    return createPostgresStores({ url });
  },
  async reopen(stores) {
    await stores.close();
    return createPostgresStores({ url });
  },
  async cleanup() {
    await server.dropDatabase(url);
  },
});

describe('the PostgreSQL database itself', () => {
  const draft = {
    id: 'draft-0001',
    title: 'T',
    kind: 'joint-statement' as const,
    delegations: ['MYS'],
    consensus: { rule: 'unanimous' as const },
    createdAt: '2026-11-22T00:00:00.000Z',
  };
  const at = '2026-11-22T10:00:00.000Z';
  const chair = { session: 's', role: 'chair' as const, delegation: null };
  let opened: Stores[] = [];

  /** Another instance of the server on the same database. */
  async function instance(): Promise<Stores> {
    const stores = await createPostgresStores({ url });
    opened.push(stores);
    return stores;
  }

  async function sql(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query(text, values);
    } finally {
      await client.end();
    }
  }

  beforeEach(async () => {
    url = await server.createDatabase();
    const stores = await instance();
    await stores.drafts.createDraft(draft, []);
    await stores.documents.createDocument(draft.id, Y.encodeStateAsUpdate(new Y.Doc()));
  });

  afterEach(async () => {
    for (const stores of opened) await stores.close();
    opened = [];
    await server.dropDatabase(url);
  });

  it('numbers the appends of two instances to one draft 1, 2, 3… without a gap, each once', async () => {
    const [a, b] = [await instance(), await instance()];
    const writers = [a, b].map((stores, w) => {
      const doc = new Y.Doc();
      return Array.from({ length: 40 }, () => {
        const before = Y.encodeStateVector(doc);
        doc.getText('t').insert(doc.getText('t').length, `${w}`);
        return () =>
          stores.documents.appendUpdates(draft.id, [Y.encodeStateAsUpdate(doc, before), new Uint8Array([0, 0])]);
      });
    });
    const seqs = await Promise.all(writers.flat().map((append) => append()));
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 80 }, (_, i) => 2 * (i + 1)));
    const stored = await a.documents.loadDocument(draft.id);
    expect(stored.lastSeq).toBe(160);
    const { rows } = await sql('SELECT seq FROM doc_updates WHERE draft_id = $1 ORDER BY seq', [draft.id]);
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    const doc = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    expect([...doc.getText('t').toString()].sort().join('')).toBe(`${'0'.repeat(40)}${'1'.repeat(40)}`);
  });

  it('never lets a reader of “after seq N” skip an update that commits late, and answers it from the primary key', async () => {
    const [a, b] = [await instance(), await instance()];
    const writing = Promise.all(
      [a, b].map(async (stores) => {
        for (let i = 0; i < 60; i++) await stores.documents.appendUpdates(draft.id, [new Uint8Array([0, 0])]);
      }),
    );
    let done = false;
    void writing.finally(() => {
      done = true;
    });
    // What another instance will do to catch up: read everything after the last number it saw.
    const reader = new pg.Client({ connectionString: url });
    await reader.connect();
    let last = 0;
    try {
      while (!done || last < 120) {
        const { rows } = await reader.query(
          'SELECT seq FROM doc_updates WHERE draft_id = $1 AND seq > $2 ORDER BY seq',
          [draft.id, last],
        );
        const seqs = rows.map((row) => Number(row.seq));
        expect(seqs).toEqual(seqs.map((_, i) => last + i + 1));
        last = seqs.at(-1) ?? last;
      }
      await reader.query('SET enable_seqscan = off');
      const plan = await reader.query(
        'EXPLAIN SELECT data FROM doc_updates WHERE draft_id = $1 AND seq > $2 ORDER BY seq',
        [draft.id, last],
      );
      expect(JSON.stringify(plan.rows)).toContain('doc_updates_pkey');
    } finally {
      await reader.end();
    }
    await writing;
    expect(last).toBe(120);
  });

  it('keeps words with U+0000 in them exactly, as SQLite does: an edit, a position’s text, a version', async () => {
    const stores = opened[0] as Stores;
    const words = 'nul\u0000 in a clause';
    const author = { sessionIdHash: 'mys', role: 'delegation' as const, delegation: 'MYS' };
    const edit = { clauseId: 'c1', kind: 'insert' as const, offset: 0, text: words };
    await stores.documents.appendUpdates(
      draft.id,
      [new Uint8Array([0, 0])],
      [{ author, newClients: [], edits: [edit], at }],
    );
    expect((await stores.documents.loadClauseEdits(draft.id, 'c1', 5)).edits.map((e) => e.text)).toEqual([words]);
    const position = { delegation: 'MYS', stance: 'endorsed' as const, reason: null, textHash: 'h1', at };
    const version = {
      label: 'Rev.1',
      kind: 'named' as const,
      at,
      actor: chair,
      clauses: [{ id: 'c1', kind: 'operative' as const, label: '1', text: words, runs: [], textHash: 'a'.repeat(64) }],
    };
    await stores.decisions.recordDecision(
      draft.id,
      { type: 'set-position', clauseId: 'c1', position, text: words },
      { at, actor: chair, command: 'position', clauseId: 'c1', textHash: 'h1', details: { words } },
      version,
    );
    expect(await stores.decisions.getClauseText(draft.id, 'h1')).toBe(words);
    expect((await stores.decisions.getVersion(draft.id, 1))?.clauses[0]?.text).toBe(words);
    expect((await stores.decisions.listAudit(draft.id))[0]?.details).toEqual({ words });
  });

  it('refuses an append judged by locks that a decision moved since, and takes it under the new version', async () => {
    const [a, b] = [await instance(), await instance()];
    const doc = new Y.Doc();
    const edit = () => {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(doc.getText('t').length, 'x');
      return Y.encodeStateAsUpdate(doc, before);
    };
    const judgedBy = (await b.decisions.loadDecisions(draft.id)).locksVersion;
    expect(judgedBy).toBe(0);
    expect(await b.documents.appendUpdates(draft.id, [edit()], undefined, judgedBy)).toBe(1);
    const entry = (command: string) => ({ at, actor: chair, command, clauseId: 'c1', textHash: 'h1', details: {} });
    // A position locks no words: the version stays.
    await a.decisions.recordDecision(
      draft.id,
      {
        type: 'set-position',
        clauseId: 'c1',
        position: { delegation: 'MYS', stance: 'endorsed', reason: null, textHash: 'h1', at },
        text: 'words',
      },
      entry('position'),
    );
    expect(await b.documents.appendUpdates(draft.id, [edit()], undefined, judgedBy)).toBe(2);
    await a.decisions.recordDecision(
      draft.id,
      { type: 'freeze', clauseId: 'c1', frozen: { at, by: 's', textHash: 'h1' }, text: 'words' },
      entry('freeze'),
    );
    const refused = edit();
    await expect(b.documents.appendUpdates(draft.id, [refused], undefined, judgedBy)).rejects.toBeInstanceOf(
      LocksMovedError,
    );
    expect((await a.documents.loadDocument(draft.id)).lastSeq).toBe(2);
    const moved = (await b.decisions.loadDecisions(draft.id)).locksVersion;
    expect(moved).toBe(1);
    expect(await b.documents.appendUpdates(draft.id, [refused], undefined, moved)).toBe(3);
    // Without a version (one instance), nothing is checked.
    expect(await b.documents.appendUpdates(draft.id, [edit()])).toBe(4);
  });

  it('refuses whole an append that binds a client id another instance bound already', async () => {
    const [a, b] = [await instance(), await instance()];
    const author = { sessionIdHash: 'mys-session', role: 'delegation' as const, delegation: 'MYS' };
    const binding = { author, newClients: [7], edits: [], at };
    await a.documents.appendUpdates(draft.id, [new Uint8Array([0, 0])], [binding]);
    await expect(
      b.documents.appendUpdates(draft.id, [new Uint8Array([0, 0]), new Uint8Array([0, 0])], [binding, binding]),
    ).rejects.toBeInstanceOf(ClientsBoundElsewhereError);
    expect((await b.documents.loadDocument(draft.id)).lastSeq).toBe(1);
  });

  it('refuses a decision judged on words or decisions another instance stored after, and records nothing', async () => {
    const [a, b] = [await instance(), await instance()];
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'words');
    await a.documents.appendUpdates(draft.id, [Y.encodeStateAsUpdate(doc)]);
    const entry = (command: string) => ({ at, actor: chair, command, clauseId: 'c1', textHash: 'h1', details: {} });
    const freeze = {
      type: 'freeze' as const,
      clauseId: 'c1',
      frozen: { at, by: 's', textHash: 'h1' },
      text: 'words',
    };
    // Judged on no update at all, while the log holds one.
    await expect(
      b.decisions.recordDecision(draft.id, freeze, entry('freeze'), undefined, { updateSeq: 0, auditSeq: 0 }),
    ).rejects.toBeInstanceOf(DraftMovedError);
    const reopen = { type: 'reopen' as const, clauseId: 'c1', reason: 'r', textHash: 'h1' };
    await a.decisions.recordDecision(draft.id, reopen, entry('reopen'));
    // Judged on the words as stored, but not on the decision recorded since.
    await expect(
      b.decisions.recordDecision(draft.id, freeze, entry('freeze'), undefined, { updateSeq: 1, auditSeq: 0 }),
    ).rejects.toBeInstanceOf(DraftMovedError);
    const records = await b.decisions.loadDecisions(draft.id);
    expect([records.seq, records.locksVersion, records.clauses.get('c1')?.frozen ?? null]).toEqual([1, 1, null]);
    await b.decisions.recordDecision(draft.id, freeze, entry('freeze'), undefined, { updateSeq: 1, auditSeq: 1 });
    const after = await a.decisions.loadDecisions(draft.id);
    expect([after.seq, after.locksVersion, after.clauses.get('c1')?.frozen?.textHash]).toEqual([2, 2, 'h1']);
  });

  it('queues an append behind a freeze holding the draft and then refuses it: no edit lands after a freeze unjudged', async () => {
    const [a, b] = [await instance(), await instance()];
    const doc = new Y.Doc();
    const edits = Array.from({ length: 30 }, () => {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(doc.getText('t').length, 'x');
      return Y.encodeStateAsUpdate(doc, before);
    });
    const entry = { at, actor: chair, command: 'freeze', clauseId: 'c1', textHash: 'h1', details: {} };
    const appends = edits.map((update) =>
      b.documents.appendUpdates(draft.id, [update], undefined, 0).then(
        (seq) => ({ seq }),
        (error: unknown) => ({ error }),
      ),
    );
    const frozen = a.decisions.recordDecision(
      draft.id,
      {
        type: 'freeze',
        clauseId: 'c1',
        frozen: { at, by: 's', textHash: 'h1' },
        text: 'words',
      },
      entry,
    );
    const [outcomes, freezeEntry] = await Promise.all([Promise.all(appends), frozen]);
    expect(freezeEntry.seq).toBe(1);
    const stored = outcomes.flatMap((o) => ('seq' in o ? [o.seq] : []));
    const refused = outcomes.flatMap((o) => ('error' in o ? [o.error] : []));
    expect(stored.length + refused.length).toBe(30);
    for (const error of refused) expect(error).toBeInstanceOf(LocksMovedError);
    // Every stored one committed before the freeze: the log ends where the freeze found it.
    expect((await a.documents.loadDocument(draft.id)).lastSeq).toBe(stored.length);
  });

  it('ends a silence once when two instances conclude it at the same moment', async () => {
    const [a, b] = [await instance(), await instance()];
    const silence = {
      id: 'silence-1',
      clauseIds: ['c1'],
      clauses: [{ id: 'c1', label: 'paragraph 1', textHash: 'h1' }],
      textHash: 'a'.repeat(64),
      place: null,
      circulatedAt: at,
      circulatedBy: 's',
      deadline: '2026-11-22T10:10:00.000Z',
      state: 'running' as const,
      endedAt: null,
      broken: null,
    };
    const entry = (command: string) => ({ at, actor: chair, command, clauseId: null, textHash: null, details: {} });
    await a.decisions.recordDecision(
      draft.id,
      { type: 'circulate-silence', silence, texts: [{ textHash: 'h1', text: 'words' }] },
      entry('circulate-silence'),
    );
    const conclude = (stores: Stores) =>
      stores.decisions.recordDecision(
        draft.id,
        {
          type: 'conclude-silence',
          silence: { ...silence, state: 'concluded', endedAt: silence.deadline },
          adoption: null,
          freezes: [{ clauseId: 'c1', frozen: { at, by: 'silence-procedure', textHash: 'h1' }, text: 'words' }],
        },
        entry('conclude-silence'),
      );
    const outcomes = await Promise.allSettled([conclude(a), conclude(b)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(SilenceNotRunningError);
    expect((await a.decisions.listAudit(draft.id)).map((e) => [e.seq, e.command])).toEqual([
      [1, 'circulate-silence'],
      [2, 'conclude-silence'],
    ]);
  });

  it('appends one of two comments checked against the same end of the log, from two instances', async () => {
    const [a, b] = [await instance(), await instance()];
    const comment = (threadId: string) => ({
      at,
      actor: chair,
      threadId,
      command: 'start-thread' as const,
      clauseId: 'c1',
      visibility: 'everyone' as const,
      owner: null,
      span: null,
      commentId: `${threadId}-1`,
      text: 'Why?',
      mentions: [],
    });
    const outcomes = await Promise.allSettled([
      a.comments.appendComment(draft.id, 0, comment('thread-a')),
      b.comments.appendComment(draft.id, 0, comment('thread-b')),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(CommentLogMovedError);
    expect(await a.comments.listComments(draft.id)).toHaveLength(1);
  });

  it('migrates once when three instances start on an empty database at the same moment', async () => {
    const fresh = await server.createDatabase();
    const started = await Promise.all([1, 2, 3].map(() => createPostgresStores({ url: fresh })));
    for (const stores of started) await stores.close();
    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    await server.dropDatabase(fresh);
    // Each migration once, in order.
    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('refuses to open a database written by a newer schema', async () => {
    await sql('INSERT INTO schema_migrations (version) VALUES (99)');
    await expect(createPostgresStores({ url })).rejects.toThrow(/newer Mufakat \(schema 99/);
  });

  it('refuses a database that acknowledges commits before they are written (synchronous_commit = off)', async () => {
    await sql(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET synchronous_commit = off`);
    await expect(createPostgresStores({ url })).rejects.toThrow(/synchronous_commit = off/);
  });

  it('refuses in the database itself to change or delete the audit log or an adoption', async () => {
    const stores = opened[0] as Stores;
    const record = { textHash: 'h', adoptedAt: at } as never;
    await stores.decisions.recordDecision(
      draft.id,
      { type: 'adopt', record },
      { at, actor: chair, command: 'adopt', clauseId: null, textHash: 'h', details: {} },
    );
    await expect(sql("UPDATE audit_log SET command = 'forged'")).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(sql("UPDATE adoptions SET text_hash = 'x'")).rejects.toThrow(/immutable/);
    expect((await stores.decisions.listAudit(draft.id)).map((entry) => entry.command)).toEqual(['adopt']);
  });

  it('reports PostgreSQL gone in problem() before any write, fails writes, and clears it once it is back', async () => {
    const stores = await createPostgresStores({ url, probeIntervalMs: 50 });
    opened.push(stores);
    expect(stores.problem()).toBeNull();
    await server.halt();
    try {
      await waitFor(() => stores.problem() !== null, 'the probe to notice');
      expect(stores.problem()).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+\/mufakat_test_\d+ cannot be reached/);
      await expect(stores.documents.appendUpdates(draft.id, [new Uint8Array([0, 0])])).rejects.toBeInstanceOf(
        StorageFault,
      );
    } finally {
      await server.resume();
    }
    await waitFor(() => stores.problem() === null, 'the probe to see it back');
    expect(await stores.documents.appendUpdates(draft.id, [new Uint8Array([0, 0])])).toBe(1);
  });
});
