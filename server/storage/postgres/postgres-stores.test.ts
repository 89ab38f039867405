import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../../testing/collab-client.ts';
import { type PostgresServer, startPostgresServer } from '../../testing/postgres-server.ts';
import { describeStoreContract } from '../../testing/store-contract.ts';
import { CommentLogMovedError } from '../comment-store.ts';
import { DraftMovedError, SilenceNotRunningError } from '../decision-store.ts';
import { ClientsBoundElsewhereError, type DocumentStore, LocksMovedError } from '../document-store.ts';
import { StorageFault } from '../storage-fault.ts';
import type { Stores } from '../stores.ts';
import { openPostgresDatabase, type PostgresDatabase } from './postgres-database.ts';
import { createPostgresDocumentStore } from './postgres-document-store.ts';
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

  describe('appends of many drafts in one turn (group commit across rooms)', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `draft-g${String(i).padStart(3, '0')}`);
    const author = { sessionIdHash: 'mys-session', role: 'delegation' as const, delegation: 'MYS' };

    /** A document store over its own pool that counts the statements appending to the log. */
    async function countedStore(): Promise<{
      documents: DocumentStore;
      appends: () => number;
      close(): Promise<void>;
    }> {
      const db = await openPostgresDatabase({ url });
      let appends = 0;
      const counted: PostgresDatabase = {
        query: (text, values) => {
          if (text.includes('INSERT INTO doc_updates')) appends++;
          return db.query(text, values);
        },
        queryArrays: (text, values) => db.queryArrays(text, values),
        transaction: (task, options) => db.transaction(task, options),
        get fault() {
          return db.fault;
        },
        poolSize: db.poolSize,
        close: () => db.close(),
      };
      return { documents: createPostgresDocumentStore(counted), appends: () => appends, close: () => db.close() };
    }

    beforeEach(async () => {
      const stores = opened[0] as Stores;
      for (const id of ids) {
        await stores.drafts.createDraft({ ...draft, id }, []);
        await stores.documents.createDocument(id, Y.encodeStateAsUpdate(new Y.Doc()));
      }
    });

    /** One edit of `words` by MYS into a fresh doc, with its client binding and clause edit. */
    function editOf(words: string) {
      const doc = new Y.Doc();
      doc.getText('c1').insert(0, words);
      const attribution = {
        author,
        newClients: [doc.clientID],
        edits: [{ clauseId: 'c1', kind: 'insert' as const, offset: 0, text: words }],
        at,
      };
      return { update: Y.encodeStateAsUpdate(doc), attribution };
    }

    async function wordsOf(stores: Stores, id: string): Promise<string> {
      const stored = await stores.documents.loadDocument(id);
      const doc = new Y.Doc();
      if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      return doc.getText('c1').toString();
    }

    it('stores each draft’s append numbered from its own head, with its bindings and edits, in one statement', async () => {
      const store = await countedStore();
      try {
        const first = await Promise.all(
          ids.map((id) => {
            const { update, attribution } = editOf(`words of ${id}`);
            return store.documents.appendUpdates(id, [update], [attribution]);
          }),
        );
        expect(first).toEqual(ids.map(() => 1));
        // The authors' ids are known now, as they are after anyone's first keystroke: the next
        // appends are made in one turn and go together.
        const before = store.appends();
        const again = {
          author,
          newClients: [],
          edits: [{ clauseId: 'c1', kind: 'delete' as const, offset: 0, text: 'w' }],
          at,
        };
        const second = await Promise.all(
          ids.map((id) =>
            store.documents.appendUpdates(id, [new Uint8Array([0, 0]), new Uint8Array([0, 0])], [again, again]),
          ),
        );
        expect(second).toEqual(ids.map(() => 3));
        expect(store.appends() - before).toBe(1);
        const stores = opened[0] as Stores;
        for (const id of ids) {
          expect(await wordsOf(stores, id)).toBe(`words of ${id}`);
          expect((await stores.documents.loadClientBindings(id)).map((binding) => binding.author)).toContainEqual(
            author,
          );
          const { edits } = await stores.documents.loadClauseEdits(id, 'c1', 10);
          expect(edits.map((edit) => [edit.seq, edit.kind, edit.text, edit.author.delegation])).toEqual([
            [1, 'insert', `words of ${id}`, 'MYS'],
            [2, 'delete', 'w', 'MYS'],
            [3, 'delete', 'w', 'MYS'],
          ]);
        }
      } finally {
        await store.close();
      }
    });

    it('never deadlocks two instances appending to the same drafts in opposite orders, and numbers each gap-free', async () => {
      // Plans that visit the heads in the order the group names them, as a planner may choose
      // for a few drafts: only the ordered lock keeps two such groups from waiting in a circle.
      const database = new URL(url).pathname.slice(1);
      for (const setting of ['enable_hashjoin', 'enable_mergejoin', 'enable_seqscan']) {
        await sql(`ALTER DATABASE "${database}" SET ${setting} = off`);
      }
      const [a, b] = [await countedStore(), await countedStore()];
      try {
        const rounds = 15;
        for (let round = 0; round < rounds; round++) {
          await Promise.all([
            ...ids.map((id) => a.documents.appendUpdates(id, [new Uint8Array([0, 0])])),
            ...[...ids].reverse().map((id) => b.documents.appendUpdates(id, [new Uint8Array([0, 0])])),
          ]);
        }
        expect(a.appends() + b.appends()).toBeLessThan(rounds * ids.length);
        for (const id of ids) {
          const { rows } = await sql('SELECT seq FROM doc_updates WHERE draft_id = $1 ORDER BY seq', [id]);
          expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 2 * rounds }, (_, i) => i + 1));
        }
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      // A deadlock would have been broken by PostgreSQL and the appends made again alone; its
      // count is in the database's statistics once the backends that saw it have ended.
      const { rows } = await sql('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()');
      expect(Number(rows[0]?.deadlocks)).toBe(0);
    });

    it('refuses only the append whose locks moved, and only the one binding a client id bound elsewhere', async () => {
      const stores = opened[0] as Stores;
      const [frozen, bound] = [ids[3] as string, ids[7] as string];
      await stores.decisions.recordDecision(
        frozen,
        { type: 'freeze', clauseId: 'c1', frozen: { at, by: 's', textHash: 'h1' }, text: '' },
        { at, actor: chair, command: 'freeze', clauseId: 'c1', textHash: 'h1', details: {} },
      );
      const taken = editOf('first');
      await stores.documents.appendUpdates(bound, [taken.update], [taken.attribution]);
      // Another session now claims the same client id on `bound`.
      const claim = { ...taken.attribution, author: { ...author, sessionIdHash: 'other-session' } };
      const store = await countedStore();
      try {
        const outcomes = await Promise.allSettled(
          ids.map((id) => {
            if (id === bound) return store.documents.appendUpdates(id, [taken.update], [claim], 0);
            const { update, attribution } = editOf(`words of ${id}`);
            return store.documents.appendUpdates(id, [update], [attribution], 0);
          }),
        );
        const errors = outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : null));
        expect(errors[3]).toBeInstanceOf(LocksMovedError);
        expect(errors[7]).toBeInstanceOf(ClientsBoundElsewhereError);
        for (const [index, id] of ids.entries()) {
          if (id === frozen || id === bound) continue;
          expect(outcomes[index]).toEqual({ status: 'fulfilled', value: 1 });
          expect(await wordsOf(stores, id)).toBe(`words of ${id}`);
        }
        expect((await stores.documents.loadDocument(frozen)).lastSeq).toBe(0);
        expect((await stores.documents.loadDocument(bound)).lastSeq).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('commits two appends to one draft made in the same turn one after the other, in the order made', async () => {
      const store = await countedStore();
      try {
        const id = ids[0] as string;
        const doc = new Y.Doc();
        const appends = ['a', 'b', 'c'].map((letter) => {
          const before = Y.encodeStateVector(doc);
          doc.getText('c1').insert(doc.getText('c1').length, letter);
          return store.documents.appendUpdates(id, [Y.encodeStateAsUpdate(doc, before)]);
        });
        const other = store.documents.appendUpdates(ids[1] as string, [editOf('other').update]);
        expect(await Promise.all(appends)).toEqual([1, 2, 3]);
        expect(await other).toBe(1);
        expect(await wordsOf(opened[0] as Stores, id)).toBe('abc');
      } finally {
        await store.close();
      }
    });
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

  it('holds the draft while a decision is judged: another instance’s append waits, then is judged by what was decided', async () => {
    const [a, b] = [await instance(), await instance()];
    const freeze = { type: 'freeze' as const, clauseId: 'c1', frozen: { at, by: 's', textHash: 'h1' }, text: '' };
    const entry = { at, actor: chair, command: 'freeze', clauseId: 'c1', textHash: 'h1', details: {} };
    let appended: Promise<number> | null = null;
    let settled = false;
    await a.decisions.holdDraft(draft.id, async (recorder) => {
      appended = b.documents.appendUpdates(draft.id, [new Uint8Array([0, 0])], undefined, 0);
      appended.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(settled).toBe(false);
      // Judged on the log and the audit as read inside the hold: nothing came after them.
      await recorder.recordDecision(draft.id, freeze, entry, undefined, { updateSeq: 0, auditSeq: 0 });
    });
    await expect(appended).rejects.toBeInstanceOf(LocksMovedError);
    // A hold whose judging refuses the command records nothing and lets the others go.
    await expect(
      a.decisions.holdDraft(draft.id, async () => {
        throw new Error('refused by the rules');
      }),
    ).rejects.toThrow('refused by the rules');
    expect(await b.documents.appendUpdates(draft.id, [new Uint8Array([0, 0])], undefined, 1)).toBe(1);
    expect((await b.decisions.listAudit(draft.id)).map((e) => e.command)).toEqual(['freeze']);
  });

  it('never lets holds take the whole pool: many commands judged at once on one instance all finish', async () => {
    const small = await createPostgresStores({ url, maxConnections: 4 });
    opened.push(small);
    const drafts = Array.from({ length: 8 }, (_, i) => `draft-h${String(i).padStart(3, '0')}`);
    for (const id of drafts) {
      await small.drafts.createDraft({ ...draft, id }, []);
      await small.documents.createDocument(id, Y.encodeStateAsUpdate(new Y.Doc()));
    }
    // Each judging reads on other connections while its hold keeps one, as a command does.
    const seqs = await Promise.all(
      drafts.map((id) =>
        small.decisions.holdDraft(id, async (recorder) => {
          const { seq } = await small.decisions.loadDecisions(id);
          await small.documents.loadDocument(id);
          const entry = { at, actor: chair, command: 'reopen', clauseId: 'c1', textHash: 'h1', details: {} };
          const reopen = { type: 'reopen' as const, clauseId: 'c1', reason: 'r', textHash: 'h1' };
          return (await recorder.recordDecision(id, reopen, entry, undefined, { updateSeq: 0, auditSeq: seq })).seq;
        }),
      ),
    );
    expect(seqs).toEqual(drafts.map(() => 1));
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
