import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqliteStorage } from './sqlite-storage.ts';
import type { DraftRecord, Storage } from './storage.ts';

let dir: string;
let file: string;
let storage: Storage;

const draft: DraftRecord = {
  id: 'draft-0001',
  title: 'T',
  kind: 'joint-statement',
  delegations: ['MYS'],
  consensus: { rule: 'unanimous' },
  createdAt: '2026-11-22T00:00:00.000Z',
};

/** Loads a stored document into a fresh Y.Doc, as a room does. */
async function loadText(store: Storage): Promise<string> {
  const stored = await store.loadDocument(draft.id);
  const doc = new Y.Doc();
  for (const part of [stored.snapshot, ...stored.updates]) if (part !== null) Y.applyUpdate(doc, part);
  return doc.getText('t').toString();
}

/** Makes `count` one-character edits and appends each to the log, like a room does. */
async function appendEdits(store: Storage, doc: Y.Doc, count: number): Promise<number> {
  let last = 0;
  for (let i = 0; i < count; i++) {
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, String(i % 10));
    last = await store.appendUpdates(draft.id, [Y.encodeStateAsUpdate(doc, before)]);
  }
  return last;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mufakat-storage-'));
  file = join(dir, 'db.sqlite');
  storage = createSqliteStorage({ file });
  await storage.createDraft(draft, [], Y.encodeStateAsUpdate(new Y.Doc()));
});

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sqlite storage', () => {
  it('returns the snapshot and every update after it in order', async () => {
    const doc = new Y.Doc();
    const last = await appendEdits(storage, doc, 25);
    const stored = await storage.loadDocument(draft.id);
    expect(stored.updates).toHaveLength(25);
    expect(stored.lastSeq).toBe(last);
    expect(await loadText(storage)).toBe(doc.getText('t').toString());
  });

  it('compacts the log into a snapshot without losing an update', async () => {
    const doc = new Y.Doc();
    const last = await appendEdits(storage, doc, 30);
    await storage.compact(draft.id, Y.encodeStateAsUpdate(doc), last);
    await appendEdits(storage, doc, 5);
    const stored = await storage.loadDocument(draft.id);
    expect(stored.updates).toHaveLength(5);
    expect(await loadText(storage)).toBe(doc.getText('t').toString());
  });

  it('leaves the log whole when compaction fails half-way', async () => {
    const doc = new Y.Doc();
    const last = await appendEdits(storage, doc, 10);
    const expected = doc.getText('t').toString();
    // Make the second half of the compaction (deleting the log) fail after the snapshot is written.
    const side = new Database(file);
    side.exec(`CREATE TRIGGER fail_delete BEFORE DELETE ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk gone'); END;`);
    side.close();
    const bogusSnapshot = Y.encodeStateAsUpdate(new Y.Doc());
    await expect(storage.compact(draft.id, bogusSnapshot, last)).rejects.toThrow('disk gone');
    const stored = await storage.loadDocument(draft.id);
    expect(stored.updates).toHaveLength(10);
    expect(await loadText(storage)).toBe(expected);
  });

  it('appends a group of updates in order in one commit', async () => {
    const doc = new Y.Doc();
    const group: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => group.push(update));
    for (let i = 0; i < 7; i++) doc.getText('t').insert(i, String(i));
    const last = await storage.appendUpdates(draft.id, group);
    const stored = await storage.loadDocument(draft.id);
    expect(stored.updates).toHaveLength(7);
    expect(stored.lastSeq).toBe(last);
    expect(await loadText(storage)).toBe('0123456');
  });

  it('keeps committed updates when the database is reopened', async () => {
    const doc = new Y.Doc();
    await appendEdits(storage, doc, 12);
    await storage.close();
    storage = createSqliteStorage({ file });
    expect(await loadText(storage)).toBe(doc.getText('t').toString());
  });

  it('finds a link only by the hash of its token and a session only until it expires', async () => {
    await storage.addLinks([
      {
        id: 'link-1',
        draftId: draft.id,
        role: 'observer',
        delegation: null,
        tokenHash: 'h1',
        createdAt: draft.createdAt,
      },
    ]);
    expect((await storage.findLinkByTokenHash('h1'))?.role).toBe('observer');
    expect(await storage.findLinkByTokenHash('h2')).toBeNull();
    await storage.createSession({
      idHash: 's1',
      linkId: 'link-1',
      createdAt: '2026-11-22T00:00:00.000Z',
      expiresAt: '2026-12-22T00:00:00.000Z',
    });
    expect((await storage.findSession('s1', new Date('2026-11-23T00:00:00Z')))?.link.id).toBe('link-1');
    expect(await storage.findSession('s1', new Date('2026-12-23T00:00:00Z'))).toBeNull();
  });

  it('refuses to open a database written by a newer schema', async () => {
    await storage.close();
    const side = new Database(file);
    side.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    side.close();
    expect(() => createSqliteStorage({ file })).toThrow(/newer Mufakat/);
    storage = createSqliteStorage({ file: ':memory:' });
  });

  it('records decisions with their audit entries and loads them back', async () => {
    const actor = { session: 'abc123', role: 'delegation', delegation: 'MYS' };
    const at = '2026-11-22T10:00:00.000Z';
    const position = {
      clauseId: 'c1',
      delegation: 'MYS',
      stance: 'endorsed' as const,
      reason: null,
      textHash: 'h',
      at,
    };
    const first = await storage.recordDecision(
      draft.id,
      { kind: 'set-position', position, text: 'The agreed words.' },
      { at, actor, command: 'position', clauseId: 'c1', textHash: 'h', details: { stance: 'endorsed' } },
    );
    await storage.recordDecision(
      draft.id,
      {
        kind: 'freeze',
        frozen: { clauseId: 'c1', textHash: 'h', frozenBy: 'chair-session', at },
        text: 'The agreed words.',
      },
      {
        at,
        actor: { ...actor, role: 'chair', delegation: null },
        command: 'freeze',
        clauseId: 'c1',
        textHash: 'h',
        details: {},
      },
    );
    const decisions = await storage.loadDecisions(draft.id);
    expect(decisions.positions).toEqual([position]);
    expect(decisions.frozen.map((f) => f.clauseId)).toEqual(['c1']);
    const audit = await storage.listAudit(draft.id);
    expect(audit.map((entry) => entry.command)).toEqual(['position', 'freeze']);
    expect(audit[0]).toEqual(first);
  });

  it('keeps the text each position was taken on, once per hash, for this draft only', async () => {
    const actor = { session: 'abc123', role: 'delegation', delegation: 'MYS' };
    const at = '2026-11-22T10:00:00.000Z';
    for (const delegation of ['MYS', 'PHL']) {
      await storage.recordDecision(
        draft.id,
        {
          kind: 'set-position',
          position: { clauseId: 'c1', delegation, stance: 'endorsed', reason: null, textHash: 'h1', at },
          text: 'COMMEND the work.',
        },
        { at, actor, command: 'position', clauseId: 'c1', textHash: 'h1', details: {} },
      );
    }
    expect(await storage.getClauseText(draft.id, 'h1')).toBe('COMMEND the work.');
    expect(await storage.getClauseText(draft.id, 'unknown')).toBeNull();
    expect(await storage.getClauseText('another-draft', 'h1')).toBeNull();
  });

  it('refuses in the database itself to change or delete the audit log or an adoption', async () => {
    const actor = { session: 's', role: 'chair', delegation: null };
    const at = '2026-11-22T10:00:00.000Z';
    await storage.recordDecision(
      draft.id,
      { kind: 'adopt', adoption: { record: '{}', textHash: 'h', at } },
      { at, actor, command: 'adopt', clauseId: null, textHash: 'h', details: {} },
    );
    const side = new Database(file);
    expect(() => side.prepare("UPDATE audit_log SET command = 'forged'").run()).toThrow(/append-only/);
    expect(() => side.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => side.prepare("UPDATE adoptions SET text_hash = 'x'").run()).toThrow(/immutable/);
    side.close();
    expect((await storage.listAudit(draft.id)).map((entry) => entry.command)).toEqual(['adopt']);
  });
});
