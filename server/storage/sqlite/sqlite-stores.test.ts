import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeStoreContract } from '../../testing/store-contract.ts';
import type { Stores } from '../stores.ts';
import { SCHEMA_VERSION } from './sqlite-database.ts';
import { createSqliteStores } from './sqlite-stores.ts';

let dir = '';
const file = () => join(dir, 'mufakat.sqlite');

describeStoreContract('SQLite', {
  async open() {
    dir = mkdtempSync(join(tmpdir(), 'mufakat-stores-'));
    return createSqliteStores({ file: file() });
  },
  async reopen(stores) {
    await stores.close();
    return createSqliteStores({ file: file() });
  },
  async cleanup() {
    rmSync(dir, { recursive: true, force: true });
  },
});

describe('the SQLite database itself', () => {
  let stores: Stores;
  const draft = {
    id: 'draft-0001',
    title: 'T',
    kind: 'joint-statement' as const,
    delegations: ['MYS'],
    consensus: { rule: 'unanimous' as const },
    createdAt: '2026-11-22T00:00:00.000Z',
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mufakat-sqlite-'));
    stores = createSqliteStores({ file: file() });
    await stores.drafts.createDraft(draft, []);
    await stores.documents.createDocument(draft.id, Y.encodeStateAsUpdate(new Y.Doc()));
  });

  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the appends of every draft asked in one turn together, and one draft’s failure fails only it', async () => {
    const others = ['draft-0002', 'draft-0003'];
    for (const id of others) {
      await stores.drafts.createDraft({ ...draft, id }, []);
      await stores.documents.createDocument(id, Y.encodeStateAsUpdate(new Y.Doc()));
    }
    const updateOf = (text: string) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    // Asked in one turn, as the rooms of a hundred drafts flush theirs; one for a draft that
    // does not exist, which the database refuses.
    const appends = [draft.id, ...others, 'no-such-draft'].map((id) =>
      stores.documents.appendUpdates(id, [updateOf(`words of ${id}`)]),
    );
    const outcomes = await Promise.allSettled(appends);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const seqs = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(new Set(seqs).size).toBe(3);
    for (const id of [draft.id, ...others]) {
      const stored = await stores.documents.loadDocument(id);
      const doc = new Y.Doc();
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      expect(doc.getText('t').toString()).toBe(`words of ${id}`);
    }
  });

  it('leaves the log whole when compaction fails half-way', async () => {
    const doc = new Y.Doc();
    let last = 0;
    for (let i = 0; i < 10; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(i, String(i));
      last = await stores.documents.appendUpdates(draft.id, [Y.encodeStateAsUpdate(doc, before)]);
    }
    // Make the second half of the compaction (deleting the log) fail after the snapshot is written.
    const side = new Database(file());
    side.exec(`CREATE TRIGGER fail_delete BEFORE DELETE ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk gone'); END;`);
    side.close();
    await expect(stores.documents.compact(draft.id, Y.encodeStateAsUpdate(new Y.Doc()), last)).rejects.toThrow(
      'disk gone',
    );
    const stored = await stores.documents.loadDocument(draft.id);
    expect(stored.updates).toHaveLength(10);
  });

  it('refuses in the database itself to change or delete the audit log or an adoption', async () => {
    const at = '2026-11-22T10:00:00.000Z';
    const actor = { session: 's', role: 'chair' as const, delegation: null };
    const record = { textHash: 'h', adoptedAt: at } as never;
    await stores.decisions.recordDecision(
      draft.id,
      { type: 'adopt', record },
      { at, actor, command: 'adopt', clauseId: null, textHash: 'h', details: {} },
    );
    const side = new Database(file());
    expect(() => side.prepare("UPDATE audit_log SET command = 'forged'").run()).toThrow(/append-only/);
    expect(() => side.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => side.prepare("UPDATE adoptions SET text_hash = 'x'").run()).toThrow(/immutable/);
    side.close();
    expect((await stores.decisions.listAudit(draft.id)).map((entry) => entry.command)).toEqual(['adopt']);
  });

  it('refuses to open a database written by a newer schema', async () => {
    await stores.close();
    const side = new Database(file());
    side.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    side.close();
    expect(() => createSqliteStores({ file: file() })).toThrow(/newer Mufakat/);
    stores = createSqliteStores({ file: ':memory:' });
  });

  it('brings a database of the first schema up to date, numbering its audit entries per draft', async () => {
    await stores.close();
    // A database as the first schema left it: entries of two drafts, numbered together.
    const side = new Database(file());
    side.exec(`
      DROP INDEX audit_log_by_draft_seq;
      DROP TRIGGER audit_log_no_update;
      ALTER TABLE audit_log DROP COLUMN draft_seq;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      DROP INDEX links_by_draft;
      ALTER TABLE links DROP COLUMN expires_at;
      ALTER TABLE links DROP COLUMN revoked_at;
      ALTER TABLE positions DROP COLUMN number;
      ALTER TABLE positions DROP COLUMN numbered;
      DROP TABLE brackets;
      ALTER TABLE positions DROP COLUMN ad_referendum;
      ALTER TABLE positions DROP COLUMN ad_referendum_expected_by;
      ALTER TABLE positions DROP COLUMN reservation_kind;
      DROP TABLE alternatives;
      DROP TABLE alternative_positions;
    `);
    side.exec(
      `INSERT INTO drafts VALUES ('draft-0002', 'U', 'joint-statement', '["MYS"]', '{"rule":"unanimous"}', 'x')`,
    );
    const insert = side.prepare(
      `INSERT INTO audit_log (draft_id, at, actor_session, actor_role, actor_delegation, command, clause_id, text_hash, details)
       VALUES (?, 'x', 's', 'delegation', 'MYS', 'position', 'c1', 'h', '{"stance":"endorsed"}')`,
    );
    for (const id of ['draft-0001', 'draft-0002', 'draft-0001', 'draft-0001']) insert.run(id);
    side.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    side.close();

    stores = createSqliteStores({ file: file() });
    expect((await stores.decisions.listAudit('draft-0001')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await stores.decisions.listAudit('draft-0002')).map((e) => e.seq)).toEqual([1]);
    expect((await stores.decisions.loadDecisions('draft-0001')).seq).toBe(3);
    const check = new Database(file());
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(
      String(SCHEMA_VERSION),
    );
    expect(() => check.prepare("UPDATE audit_log SET command = 'forged'").run()).toThrow(/append-only/);
    check.close();
  });

  it('reads the positions of a database from before ad referendum as plain endorsements and reservations of no kind', async () => {
    await stores.close();
    const side = new Database(file());
    side.exec(`
      ALTER TABLE positions DROP COLUMN ad_referendum;
      ALTER TABLE positions DROP COLUMN ad_referendum_expected_by;
      ALTER TABLE positions DROP COLUMN reservation_kind;
    `);
    side.exec(
      `INSERT INTO positions (draft_id, clause_id, delegation, stance, reason, text_hash, at, number, numbered) VALUES
        ('draft-0001', 'c1', 'MYS', 'endorsed', NULL, 'h', 'x', '1', 1),
        ('draft-0001', 'c1', 'PHL', 'reserved', 'cannot accept', 'h', 'x', '1', 1)`,
    );
    side.prepare("UPDATE meta SET value = '4' WHERE key = 'schema_version'").run();
    side.close();

    stores = createSqliteStores({ file: file() });
    const positions = (await stores.decisions.loadDecisions('draft-0001')).clauses.get('c1')?.positions ?? [];
    expect([...positions].sort((a, b) => a.delegation.localeCompare(b.delegation))).toEqual([
      { delegation: 'MYS', stance: 'endorsed', reason: null, textHash: 'h', at: 'x', number: '1' },
      { delegation: 'PHL', stance: 'reserved', reason: 'cannot accept', textHash: 'h', at: 'x', number: '1' },
    ]);
  });
});
