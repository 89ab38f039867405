import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { AuditEntryInput } from '../../shared/schemas/audit.ts';
import type { BracketRecord } from '../../shared/schemas/brackets.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { SERVER_AUTHOR, type StoredAuthor } from '../storage/document-store.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import type { Stores } from '../storage/stores.ts';
import { commentContractCases } from './comment-store-contract.ts';
import { silenceContractCases } from './silence-store-contract.ts';
import { versionContractCases } from './version-store-contract.ts';

/** How a contract run gets an adapter: a fresh, empty set of stores, and the same data reopened. */
export interface StoreHarness {
  open(): Promise<Stores>;
  /** Closes `stores` and opens the same data again, as a restarted server would. */
  reopen(stores: Stores): Promise<Stores>;
  /** Removes what `open` created. */
  cleanup(): Promise<void>;
}

const AT = '2026-11-22T10:00:00.000Z';
const CHAIR: Actor = { session: 'chair-session', role: 'chair', delegation: null };
const MYS: Actor = { session: 'mys-session', role: 'delegation', delegation: 'MYS' };

function draftRecord(id: string): DraftRecord {
  return {
    id,
    title: `Draft ${id}`,
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    consensus: { rule: 'unanimous' },
    createdAt: AT,
  };
}

function endorsement(clauseId: string, delegation = 'MYS', textHash = 'h1'): DecisionEffect {
  return {
    type: 'set-position',
    clauseId,
    position: { delegation, stance: 'endorsed', reason: null, textHash, at: AT },
    text: `the words of ${clauseId}`,
  };
}

function audit(command: string, clauseId: string | null, actor: Actor = MYS): AuditEntryInput {
  return { at: AT, actor, command, clauseId, textHash: 'h1', details: { stance: 'endorsed' } };
}

/**
 * The contract every adapter of the stores must keep, written against the interfaces only: the
 * embedded SQLite adapter runs it, and so must any other (PostgreSQL).
 */
export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`${name}: the store contract`, () => {
    let stores: Stores;
    const draft = draftRecord('draft-0001');

    beforeEach(async () => {
      stores = await harness.open();
      await stores.drafts.createDraft(draft, []);
      await stores.documents.createDocument(draft.id, Y.encodeStateAsUpdate(new Y.Doc()));
    });

    afterEach(async () => {
      await stores.close();
      await harness.cleanup();
    });

    /** Loads a stored document into a fresh Y.Doc, as a room does. */
    async function storedText(): Promise<string> {
      const stored = await stores.documents.loadDocument(draft.id);
      const doc = new Y.Doc();
      for (const part of [stored.snapshot, ...stored.updates]) if (part !== null) Y.applyUpdate(doc, part);
      return doc.getText('t').toString();
    }

    /** Makes `count` one-character edits, each appended on its own as a room would. */
    async function appendEdits(doc: Y.Doc, count: number): Promise<number[]> {
      const seqs: number[] = [];
      for (let i = 0; i < count; i++) {
        const before = Y.encodeStateVector(doc);
        doc.getText('t').insert(doc.getText('t').length, String(i % 10));
        seqs.push(await stores.documents.appendUpdates(draft.id, [Y.encodeStateAsUpdate(doc, before)]));
      }
      return seqs;
    }

    describe('documents', () => {
      it('returns the snapshot and every update after it, in order, with rising sequence numbers', async () => {
        const doc = new Y.Doc();
        const seqs = await appendEdits(doc, 25);
        expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(25);
        const stored = await stores.documents.loadDocument(draft.id);
        expect(stored.updates).toHaveLength(25);
        expect(stored.lastSeq).toBe(seqs.at(-1));
        expect(await storedText()).toBe(doc.getText('t').toString());
      });

      it('appends a group of updates in order in one call', async () => {
        const doc = new Y.Doc();
        const group: Uint8Array[] = [];
        doc.on('update', (update: Uint8Array) => group.push(update));
        for (let i = 0; i < 7; i++) doc.getText('t').insert(i, String(i));
        const last = await stores.documents.appendUpdates(draft.id, group);
        const stored = await stores.documents.loadDocument(draft.id);
        expect(stored.updates).toHaveLength(7);
        expect(stored.lastSeq).toBe(last);
        expect(await storedText()).toBe('0123456');
      });

      it('loses no update that was appended after the snapshot being compacted was taken', async () => {
        const doc = new Y.Doc();
        const seqs = await appendEdits(doc, 30);
        const snapshot = Y.encodeStateAsUpdate(doc);
        await appendEdits(doc, 5);
        await stores.documents.compact(draft.id, snapshot, seqs.at(-1) ?? 0);
        const stored = await stores.documents.loadDocument(draft.id);
        expect(stored.updates).toHaveLength(5);
        expect(await storedText()).toBe(doc.getText('t').toString());
      });

      it('refuses to create a second document for a draft, keeping the first', async () => {
        const doc = new Y.Doc();
        await appendEdits(doc, 3);
        await expect(stores.documents.createDocument(draft.id, Y.encodeStateAsUpdate(new Y.Doc()))).rejects.toThrow();
        expect(await storedText()).toBe('012');
      });

      it('answers the updates logged after a number with their numbers, and the snapshot first when they were compacted', async () => {
        const doc = new Y.Doc();
        const seqs = await appendEdits(doc, 6);
        const after = await stores.documents.loadUpdatesAfter(draft.id, seqs[2] ?? 0);
        expect(after.snapshot).toBeNull();
        expect(after.updates.map(({ seq }) => seq)).toEqual(seqs.slice(3));
        const reader = new Y.Doc();
        const upToThird = await stores.documents.loadUpdatesAfter(draft.id, 0);
        for (const { data } of upToThird.updates) Y.applyUpdate(reader, data);
        expect(reader.getText('t').toString()).toBe('012345');

        await stores.documents.compact(draft.id, Y.encodeStateAsUpdate(doc), seqs[4] ?? 0);
        const compacted = await stores.documents.loadUpdatesAfter(draft.id, seqs[1] ?? 0);
        expect(compacted.snapshot?.uptoSeq).toBe(seqs[4]);
        expect(compacted.updates.map(({ seq }) => seq)).toEqual(seqs.slice(5));
        expect((await stores.documents.loadUpdatesAfter(draft.id, seqs[5] ?? 0)).updates).toEqual([]);
      });

      it('keeps the further compaction when an earlier one arrives after it', async () => {
        const doc = new Y.Doc();
        const seqs = await appendEdits(doc, 4);
        const early = new Y.Doc();
        for (const { data } of (await stores.documents.loadUpdatesAfter(draft.id, 0)).updates.slice(0, 2)) {
          Y.applyUpdate(early, data);
        }
        await stores.documents.compact(draft.id, Y.encodeStateAsUpdate(doc), seqs[3] ?? 0);
        // Another instance that had applied only the first two compacts late: nothing is lost.
        await stores.documents.compact(draft.id, Y.encodeStateAsUpdate(early), seqs[1] ?? 0);
        expect(await storedText()).toBe('0123');
      });

      it('keeps every appended update when the store is reopened', async () => {
        const doc = new Y.Doc();
        await appendEdits(doc, 12);
        stores = await harness.reopen(stores);
        expect(await storedText()).toBe(doc.getText('t').toString());
      });
    });

    describe('attribution', () => {
      const mys: StoredAuthor = { sessionIdHash: 'mys-session', role: 'delegation', delegation: 'MYS' };
      const phl: StoredAuthor = { sessionIdHash: 'phl-session', role: 'delegation', delegation: 'PHL' };
      const at = AT;

      it('binds the initial document’s client ids to the server', async () => {
        const other = draftRecord('draft-0002');
        await stores.drafts.createDraft(other, []);
        const seed = new Y.Doc();
        seed.getText('t').insert(0, 'seed');
        await stores.documents.createDocument(other.id, Y.encodeStateAsUpdate(seed));
        expect(await stores.documents.loadClientBindings(other.id)).toEqual([
          { client: seed.clientID, author: SERVER_AUTHOR },
        ]);
      });

      it('stores bindings and edits with their update, keeps them through compaction and a reopen', async () => {
        const seq = await stores.documents.appendUpdates(
          draft.id,
          [new Uint8Array([0, 0]), new Uint8Array([0, 0])],
          [
            { author: mys, newClients: [11], edits: [{ clauseId: 'c1', kind: 'insert', offset: 3, text: 'abc' }], at },
            { author: phl, newClients: [22], edits: [{ clauseId: 'c1', kind: 'delete', offset: 0, text: 'x' }], at },
          ],
        );
        await stores.documents.compact(draft.id, Y.encodeStateAsUpdate(new Y.Doc()), seq);
        stores = await harness.reopen(stores);
        expect(await stores.documents.loadClientBindings(draft.id)).toEqual([
          { client: 11, author: mys },
          { client: 22, author: phl },
        ]);
        const { edits, more } = await stores.documents.loadClauseEdits(draft.id, 'c1', 10);
        expect(more).toBe(false);
        expect(edits).toEqual([
          { clauseId: 'c1', kind: 'insert', offset: 3, text: 'abc', author: mys, at, seq: seq - 1 },
          { clauseId: 'c1', kind: 'delete', offset: 0, text: 'x', author: phl, at, seq },
        ]);
      });

      it('refuses an update that binds a client id already bound, and stores nothing of it', async () => {
        await stores.documents.appendUpdates(
          draft.id,
          [new Uint8Array([0, 0])],
          [{ author: mys, newClients: [7], edits: [], at }],
        );
        const edit = { clauseId: 'c1', kind: 'insert' as const, offset: 0, text: 'forged' };
        await expect(
          stores.documents.appendUpdates(
            draft.id,
            [new Uint8Array([0, 0])],
            [{ author: phl, newClients: [7], edits: [edit], at }],
          ),
        ).rejects.toThrow();
        expect((await stores.documents.loadDocument(draft.id)).updates).toHaveLength(1);
        expect(await stores.documents.loadClientBindings(draft.id)).toEqual([{ client: 7, author: mys }]);
        expect((await stores.documents.loadClauseEdits(draft.id, 'c1', 10)).edits).toEqual([]);
      });

      it('keeps each edit its author’s after an append that failed once an author was first seen', async () => {
        await stores.documents.appendUpdates(
          draft.id,
          [new Uint8Array([0, 0])],
          [{ author: mys, newClients: [7], edits: [], at }],
        );
        const edit = (text: string) => ({ clauseId: 'c1', kind: 'insert' as const, offset: 0, text });
        // PHL's first edit, then a binding of a taken client id: the whole append is rolled back.
        await expect(
          stores.documents.appendUpdates(
            draft.id,
            [new Uint8Array([0, 0]), new Uint8Array([0, 0])],
            [
              { author: phl, newClients: [], edits: [edit('lost')], at },
              { author: phl, newClients: [7], edits: [], at },
            ],
          ),
        ).rejects.toThrow();
        await stores.documents.appendUpdates(
          draft.id,
          [new Uint8Array([0, 0]), new Uint8Array([0, 0])],
          [
            { author: mys, newClients: [], edits: [edit('m')], at },
            { author: phl, newClients: [], edits: [edit('p')], at },
          ],
        );
        const { edits } = await stores.documents.loadClauseEdits(draft.id, 'c1', 10);
        expect(edits.map(({ text, author }) => [text, author])).toEqual([
          ['m', mys],
          ['p', phl],
        ]);
      });

      it('answers the most recent edits of a clause, oldest first, and says when there are more', async () => {
        const updates = [1, 2, 3].map(() => new Uint8Array([0, 0]));
        const attribution = ['a', 'b', 'c'].map((text, offset) => ({
          author: mys,
          newClients: [],
          edits: [{ clauseId: 'c1', kind: 'insert' as const, offset, text }],
          at,
        }));
        await stores.documents.appendUpdates(draft.id, updates, attribution);
        const { edits, more } = await stores.documents.loadClauseEdits(draft.id, 'c1', 2);
        expect(edits.map((edit) => edit.text)).toEqual(['b', 'c']);
        expect(more).toBe(true);
        expect((await stores.documents.loadClauseEdits(draft.id, 'c2', 2)).edits).toEqual([]);
      });

      it('names each author of a clause’s edits within a window once, officials of one delegation as one, in order of first edit', async () => {
        const mysOther: StoredAuthor = { sessionIdHash: 'mys-second-session', role: 'delegation', delegation: 'MYS' };
        const times = ['2026-11-22T10:00:00.000Z', '2026-11-22T10:01:00.000Z', '2026-11-22T10:02:00.000Z'];
        const edit = (clauseId: string) => ({ clauseId, kind: 'insert' as const, offset: 0, text: 'w' });
        const writes: Array<[StoredAuthor, string, string]> = [
          [mys, 'c1', times[0] ?? ''],
          [phl, 'c1', times[1] ?? ''],
          [mysOther, 'c1', times[1] ?? ''],
          [phl, 'c2', times[1] ?? ''],
          [mys, 'c2', times[2] ?? ''],
        ];
        await stores.documents.appendUpdates(
          draft.id,
          writes.map(() => new Uint8Array([0, 0])),
          writes.map(([author, clauseId, when]) => ({ author, newClients: [], edits: [edit(clauseId)], at: when })),
        );
        const authors = (after: string, upTo: string) =>
          stores.documents.loadClauseAuthors(draft.id, ['c1', 'c2', 'c3'], { after, upTo });
        expect(await authors('2026-11-22T09:00:00.000Z', times[2] ?? '')).toEqual([
          { clauseId: 'c1', author: { role: 'delegation', delegation: 'MYS' }, firstAt: times[0] },
          { clauseId: 'c1', author: { role: 'delegation', delegation: 'PHL' }, firstAt: times[1] },
          { clauseId: 'c2', author: { role: 'delegation', delegation: 'PHL' }, firstAt: times[1] },
          { clauseId: 'c2', author: { role: 'delegation', delegation: 'MYS' }, firstAt: times[2] },
        ]);
        // After the first minute and up to the second: MYS's first edit of c1 is outside.
        expect(await authors(times[0] ?? '', times[1] ?? '')).toEqual([
          { clauseId: 'c1', author: { role: 'delegation', delegation: 'PHL' }, firstAt: times[1] },
          { clauseId: 'c1', author: { role: 'delegation', delegation: 'MYS' }, firstAt: times[1] },
          { clauseId: 'c2', author: { role: 'delegation', delegation: 'PHL' }, firstAt: times[1] },
        ]);
      });

      it('stores a server-written edit’s attribution with its decision: the binding and edits are its author’s', async () => {
        const doc = new Y.Doc();
        doc.getText('t').insert(0, 'restored');
        const restore: DecisionEffect = {
          type: 'restore-version-text',
          clauseId: 'c1',
          version: 1,
          label: 'paragraph 1',
          textHash: 'h1',
          text: 'restored',
          runs: [{ text: 'restored', format: '' }],
          restoredHash: 'h2',
        };
        const { updateSeq } = await stores.decisions.recordStructureDecision(
          draft.id,
          restore,
          audit('restore-version-text', 'c1', CHAIR),
          Y.encodeStateAsUpdate(doc),
          undefined,
          {
            author: phl,
            newClients: [doc.clientID],
            edits: [{ clauseId: 'c1', kind: 'insert', offset: 0, text: 'restored' }],
            at,
          },
        );
        stores = await harness.reopen(stores);
        expect(await stores.documents.loadClientBindings(draft.id)).toEqual([{ client: doc.clientID, author: phl }]);
        expect((await stores.documents.loadClauseEdits(draft.id, 'c1', 10)).edits).toEqual([
          { clauseId: 'c1', kind: 'insert', offset: 0, text: 'restored', author: phl, at, seq: updateSeq },
        ]);
      });

      it('binds the server’s own client ids without replacing a binding', async () => {
        await stores.documents.appendUpdates(
          draft.id,
          [new Uint8Array([0, 0])],
          [{ author: mys, newClients: [5], edits: [], at }],
        );
        await stores.documents.bindClients(draft.id, [5, 6], SERVER_AUTHOR);
        expect(await stores.documents.loadClientBindings(draft.id)).toEqual([
          { client: 5, author: mys },
          { client: 6, author: SERVER_AUTHOR },
        ]);
      });
    });

    describe('drafts and access', () => {
      it('keeps a draft, finds a link only by its token’s hash and a session only until it expires', async () => {
        expect(await stores.drafts.getDraft(draft.id)).toEqual(draft);
        expect(await stores.drafts.getDraft('draft-0002')).toBeNull();
        const link = {
          id: 'link-1',
          draftId: draft.id,
          role: 'observer' as const,
          delegation: null,
          tokenHash: 'h1',
          createdAt: AT,
          expiresAt: null,
          revokedAt: null,
        };
        await stores.drafts.addLinks([link]);
        expect(await stores.drafts.findLinkByTokenHash('h1')).toEqual(link);
        expect(await stores.drafts.findLinkByTokenHash('h2')).toBeNull();
        await stores.drafts.createSession({
          idHash: 's1',
          linkId: 'link-1',
          createdAt: AT,
          expiresAt: '2026-12-22T00:00:00.000Z',
        });
        expect((await stores.drafts.findSession('s1', new Date('2026-11-23T00:00:00Z')))?.link).toEqual(link);
        expect(await stores.drafts.findSession('s1', new Date('2026-12-23T00:00:00Z'))).toBeNull();
      });

      it('ends the sessions of a link that expired or was revoked, and revokes only live links of one role', async () => {
        const link = (id: string, delegation: string, expiresAt: string | null) => ({
          id,
          draftId: draft.id,
          role: 'delegation' as const,
          delegation,
          tokenHash: `hash-${id}`,
          createdAt: AT,
          expiresAt,
          revokedAt: null,
        });
        await stores.drafts.addLinks([
          link('mys-1', 'MYS', null),
          link('mys-2', 'MYS', '2026-11-30T00:00:00.000Z'),
          link('phl-1', 'PHL', null),
        ]);
        for (const id of ['mys-1', 'mys-2', 'phl-1']) {
          await stores.drafts.createSession({
            idHash: `s-${id}`,
            linkId: id,
            createdAt: AT,
            expiresAt: '2027-01-01T00:00:00.000Z',
          });
        }
        const now = new Date('2026-12-01T00:00:00Z');
        expect(await stores.drafts.findSession('s-mys-2', now)).toBeNull();
        expect(await stores.drafts.findSession('s-mys-1', now)).not.toBeNull();
        const revoked = await stores.drafts.revokeLinks(draft.id, { role: 'delegation', delegation: 'MYS' }, AT);
        expect(revoked.sort()).toEqual(['mys-1', 'mys-2']);
        expect(await stores.drafts.findSession('s-mys-1', now)).toBeNull();
        expect(await stores.drafts.findSession('s-phl-1', now)).not.toBeNull();
        expect((await stores.drafts.findLinkByTokenHash('hash-mys-1'))?.revokedAt).toBe(AT);
        expect(await stores.drafts.revokeLinks(draft.id, { role: 'delegation', delegation: 'MYS' }, AT)).toEqual([]);
        expect((await stores.drafts.listLinks(draft.id)).map((l) => l.id)).toEqual(['mys-1', 'mys-2', 'phl-1']);
      });

      it('creates a draft with its links all at once or not at all', async () => {
        const again = {
          id: 'link-2',
          draftId: draft.id,
          role: 'chair' as const,
          delegation: null,
          tokenHash: 'h2',
          createdAt: AT,
          expiresAt: null,
          revokedAt: null,
        };
        await expect(stores.drafts.createDraft(draft, [again])).rejects.toThrow();
        expect(await stores.drafts.findLinkByTokenHash('h2')).toBeNull();
      });

      it('keeps installation settings', async () => {
        expect(await stores.drafts.getMeta('demo_draft_id')).toBeNull();
        await stores.drafts.setMeta('demo_draft_id', draft.id);
        await stores.drafts.setMeta('demo_draft_id', 'draft-0002');
        expect(await stores.drafts.getMeta('demo_draft_id')).toBe('draft-0002');
      });
    });

    describe('decisions', () => {
      it('records each effect with its audit entry and loads the decisions back as of that entry', async () => {
        const { seq, adoption, clauses } = await stores.decisions.loadDecisions(draft.id);
        expect({ seq, adoption, clauses }).toEqual({ seq: 0, adoption: null, clauses: new Map() });
        const first = await stores.decisions.recordDecision(draft.id, endorsement('c1'), audit('position', 'c1'));
        const freeze: DecisionEffect = {
          type: 'freeze',
          clauseId: 'c1',
          frozen: { at: AT, by: 'chair-session', textHash: 'h1' },
          text: 'the words of c1',
        };
        await stores.decisions.recordDecision(draft.id, freeze, audit('freeze', 'c1', CHAIR));
        const decisions = await stores.decisions.loadDecisions(draft.id);
        expect(decisions.seq).toBe(2);
        expect(decisions.clauses.get('c1')).toEqual({
          positions: [{ delegation: 'MYS', stance: 'endorsed', reason: null, textHash: 'h1', at: AT }],
          frozen: { at: AT, by: 'chair-session', textHash: 'h1' },
        });
        expect(first).toEqual({ ...audit('position', 'c1'), seq: 1 });
        expect(await stores.decisions.listAudit(draft.id)).toEqual([
          first,
          { ...audit('freeze', 'c1', CHAIR), seq: 2 },
        ]);
      });

      it('keeps a bracket as its commands change it, lifted ones too, in the order placed', async () => {
        const bracket: BracketRecord = {
          id: 'b1',
          clauseId: 'c1',
          kind: 'contested',
          note: 'awaiting capital',
          holders: ['MYS'],
          start: 'AQID',
          end: 'BAUG',
          quote: 'freedom of navigation',
          placedAt: AT,
          lifted: null,
        };
        const effect = (b: BracketRecord): DecisionEffect => ({
          type: 'bracket',
          command: 'place-bracket',
          clauseId: 'c1',
          bracket: b,
          textHash: null,
        });
        const deletion: BracketRecord = { ...bracket, id: 'b2', kind: 'deletion', note: null, start: null, end: null };
        await stores.decisions.recordDecision(draft.id, effect(bracket), audit('place-bracket', 'c1'));
        await stores.decisions.recordDecision(draft.id, effect(deletion), audit('propose-deletion', 'c1'));
        const joined = { ...bracket, holders: ['MYS', 'PHL'] };
        await stores.decisions.recordDecision(draft.id, effect(joined), audit('join-bracket', 'c1'));
        const lifted = { ...joined, lifted: { at: AT, by: 'chair' } };
        await stores.decisions.recordDecision(draft.id, effect(lifted), audit('lift-bracket', 'c1', CHAIR));
        stores = await harness.reopen(stores);
        const decisions = await stores.decisions.loadDecisions(draft.id);
        expect(decisions.seq).toBe(4);
        expect(decisions.clauses.get('c1')).toEqual({ positions: [], frozen: null, brackets: [lifted, deletion] });
      });

      it('replaces a delegation’s position and removes it when withdrawn', async () => {
        await stores.decisions.recordDecision(draft.id, endorsement('c1'), audit('position', 'c1'));
        await stores.decisions.recordDecision(draft.id, endorsement('c1', 'MYS', 'h2'), audit('position', 'c1'));
        const positions = (await stores.decisions.loadDecisions(draft.id)).clauses.get('c1')?.positions;
        expect(positions?.map((p) => p.textHash)).toEqual(['h2']);
        const withdraw: DecisionEffect = {
          type: 'withdraw-position',
          clauseId: 'c1',
          delegation: 'MYS',
          textHash: 'h2',
        };
        await stores.decisions.recordDecision(draft.id, withdraw, audit('position', 'c1'));
        expect((await stores.decisions.loadDecisions(draft.id)).clauses.get('c1')?.positions ?? []).toEqual([]);
      });

      it('keeps an endorsement ad referendum with its date, and a reservation’s kind', async () => {
        const adRef: DecisionEffect = {
          type: 'set-position',
          clauseId: 'c1',
          position: {
            delegation: 'MYS',
            stance: 'endorsed',
            reason: null,
            textHash: 'h1',
            at: AT,
            number: '1',
            adReferendum: { expectedBy: '2025-11-20' },
          },
          text: 'the words of c1',
        };
        const undated: DecisionEffect = {
          ...adRef,
          clauseId: 'c2',
          position: { ...adRef.position, adReferendum: { expectedBy: null } },
        };
        const scrutiny: DecisionEffect = {
          type: 'set-position',
          clauseId: 'c1',
          position: {
            delegation: 'PHL',
            stance: 'reserved',
            reason: null,
            textHash: 'h1',
            at: AT,
            number: '1',
            reservationKind: 'scrutiny',
          },
          text: 'the words of c1',
        };
        for (const effect of [adRef, undated, scrutiny]) {
          await stores.decisions.recordDecision(draft.id, effect, audit('position', effect.clauseId));
        }
        const { clauses } = await stores.decisions.loadDecisions(draft.id);
        const byDelegation = (id: string) =>
          [...(clauses.get(id)?.positions ?? [])].sort((a, b) => a.delegation.localeCompare(b.delegation));
        expect(byDelegation('c1')).toEqual([adRef.position, scrutiny.position]);
        expect(byDelegation('c2')).toEqual([undated.position]);
      });

      it('replaces an ad referendum endorsement by its confirmation, a plain one', async () => {
        const adRef: DecisionEffect = {
          type: 'set-position',
          clauseId: 'c1',
          position: {
            delegation: 'MYS',
            stance: 'endorsed',
            reason: null,
            textHash: 'h1',
            at: AT,
            adReferendum: { expectedBy: null },
          },
          text: 'the words of c1',
        };
        await stores.decisions.recordDecision(draft.id, adRef, audit('position', 'c1'));
        await stores.decisions.recordDecision(draft.id, endorsement('c1'), audit('position', 'c1'));
        const positions = (await stores.decisions.loadDecisions(draft.id)).clauses.get('c1')?.positions;
        expect(positions).toEqual([{ delegation: 'MYS', stance: 'endorsed', reason: null, textHash: 'h1', at: AT }]);
      });

      it('writes an effect that fails and its audit entry not at all', async () => {
        const freeze: DecisionEffect = {
          type: 'freeze',
          clauseId: 'c1',
          frozen: { at: AT, by: 'chair-session', textHash: 'h1' },
          text: 'the words',
        };
        await stores.decisions.recordDecision(draft.id, freeze, audit('freeze', 'c1', CHAIR));
        const before = await stores.decisions.loadDecisions(draft.id);
        // A clause cannot be frozen twice: the second freeze fails in the store, and with it its entry.
        await expect(stores.decisions.recordDecision(draft.id, freeze, audit('freeze', 'c1', CHAIR))).rejects.toThrow();
        expect(await stores.decisions.loadDecisions(draft.id)).toEqual(before);
        expect(await stores.decisions.listAudit(draft.id)).toHaveLength(1);
      });

      it('keeps the adoption record byte for byte, once, and the mark of it in the decisions', async () => {
        const record = adoptionRecord(draft);
        const adopt: DecisionEffect = { type: 'adopt', record };
        await stores.decisions.recordDecision(draft.id, adopt, audit('adopt', null, CHAIR));
        expect(await stores.decisions.getAdoptionRecord(draft.id)).toBe(JSON.stringify(record));
        expect((await stores.decisions.loadDecisions(draft.id)).adoption).toEqual({
          at: AT,
          textHash: record.textHash,
        });
        await expect(stores.decisions.recordDecision(draft.id, adopt, audit('adopt', null, CHAIR))).rejects.toThrow();
        expect(await stores.decisions.listAudit(draft.id)).toHaveLength(1);
      });

      it('numbers each draft’s entries 1, 2, 3… on their own, and never changes an entry', async () => {
        const other = draftRecord('draft-0002');
        await stores.drafts.createDraft(other, []);
        const written = [];
        for (let i = 0; i < 6; i++) {
          const target = i % 3 === 0 ? other.id : draft.id;
          written.push(await stores.decisions.recordDecision(target, endorsement(`c${i}`), audit('position', `c${i}`)));
        }
        const mine = await stores.decisions.listAudit(draft.id);
        expect(mine.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect((await stores.decisions.listAudit(other.id)).map((e) => e.seq)).toEqual([1, 2]);
        expect(mine).toEqual(written.filter((_, i) => i % 3 !== 0));
        expect(await stores.decisions.listAudit(draft.id, 2)).toEqual(mine.slice(2));
        await stores.decisions.recordDecision(draft.id, endorsement('c9'), audit('position', 'c9'));
        expect((await stores.decisions.listAudit(draft.id)).slice(0, 4)).toEqual(mine);
      });

      it('keeps the text each position was taken on, once per hash, for its draft only', async () => {
        await stores.decisions.recordDecision(draft.id, endorsement('c1', 'MYS'), audit('position', 'c1'));
        await stores.decisions.recordDecision(draft.id, endorsement('c1', 'PHL'), audit('position', 'c1'));
        expect(await stores.decisions.getClauseText(draft.id, 'h1')).toBe('the words of c1');
        expect(await stores.decisions.getClauseText(draft.id, 'unknown')).toBeNull();
        expect(await stores.decisions.getClauseText('draft-0002', 'h1')).toBeNull();
      });

      it('keeps alternatives with their sponsors, states and positions, and the clause’s part of a freeze on one', async () => {
        const mark = (n: number, sponsors: string[]) =>
          ({ n, proposedBy: 'MYS', sponsors, state: 'open', at: AT }) as const;
        const propose = (n: number): DecisionEffect => ({
          type: 'alternative',
          clauseId: 'c1',
          change: 'proposed',
          alternative: mark(n, ['MYS']),
          copyText: false,
        });
        const update = (doc: Y.Doc) => {
          const before = Y.encodeStateVector(doc);
          doc.getText('t').insert(0, 'a');
          return Y.encodeStateAsUpdate(doc, before);
        };
        const doc = new Y.Doc();
        await stores.decisions.recordStructureDecision(
          draft.id,
          propose(1),
          audit('propose-alternative', 'c1'),
          update(doc),
        );
        await stores.decisions.recordStructureDecision(
          draft.id,
          propose(2),
          audit('propose-alternative', 'c1'),
          update(doc),
        );
        const sponsored: DecisionEffect = {
          type: 'alternative',
          clauseId: 'c1',
          change: 'sponsored',
          alternative: mark(1, ['MYS', 'PHL']),
          copyText: false,
        };
        await stores.decisions.recordDecision(draft.id, sponsored, audit('sponsor-alternative', 'c1'));
        const position = {
          delegation: 'PHL',
          stance: 'endorsed' as const,
          reason: null,
          textHash: 'h7',
          at: AT,
          number: '1',
        };
        const onAlt = (n: number): DecisionEffect => ({
          type: 'set-alternative-position',
          clauseId: 'c1',
          n,
          position,
          text: 'Alt words',
        });
        await stores.decisions.recordDecision(draft.id, onAlt(1), audit('position', 'c1'));
        await stores.decisions.recordDecision(draft.id, onAlt(2), audit('position', 'c1'));
        await stores.decisions.recordDecision(
          draft.id,
          { type: 'withdraw-alternative-position', clauseId: 'c1', n: 2, delegation: 'PHL', textHash: 'h7' },
          audit('position', 'c1'),
        );
        expect(await stores.decisions.getClauseText(draft.id, 'h7')).toBe('Alt words');
        const frozen = { at: AT, by: 'chair-session', textHash: 'h7' };
        const freeze: DecisionEffect = {
          type: 'freeze-alternative',
          clauseId: 'c1',
          n: 1,
          frozen,
          text: 'Alt words',
          notRetained: [2],
          carried: [position],
        };
        await stores.decisions.recordStructureDecision(draft.id, freeze, audit('freeze', 'c1', CHAIR), update(doc));
        stores = await harness.reopen(stores);
        const clause = (await stores.decisions.loadDecisions(draft.id)).clauses.get('c1');
        expect(clause).toEqual({
          positions: [position],
          frozen,
          alternatives: [
            { ...mark(1, ['MYS', 'PHL']), state: 'retained', positions: [position] },
            { ...mark(2, ['MYS']), state: 'not-retained', positions: [] },
          ],
        });
      });

      it('keeps every decision when the store is reopened', async () => {
        await stores.decisions.recordDecision(draft.id, endorsement('c1'), audit('position', 'c1'));
        const before = await stores.decisions.loadDecisions(draft.id);
        stores = await harness.reopen(stores);
        expect(await stores.decisions.loadDecisions(draft.id)).toEqual(before);
      });

      silenceContractCases(() => ({ stores, draftId: draft.id }));
    });

    versionContractCases(
      () => ({ stores, draftId: draft.id }),
      async () => {
        stores = await harness.reopen(stores);
        return stores;
      },
    );

    commentContractCases(
      () => ({ stores, draftId: draft.id }),
      async () => {
        stores = await harness.reopen(stores);
        return stores;
      },
    );
  });
}

function adoptionRecord(draft: DraftRecord) {
  return {
    draftId: draft.id,
    title: draft.title,
    kind: draft.kind,
    consensus: draft.consensus,
    delegations: draft.delegations,
    place: 'Kuala Lumpur, Malaysia',
    date: '2025-11-01',
    adoptedAt: AT,
    adoptedBy: CHAIR,
    clauses: [],
    footnotes: [],
    textHash: 'a'.repeat(64),
  };
}
