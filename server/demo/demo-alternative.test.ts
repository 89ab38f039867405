import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ClauseTextCache, documentClauses } from '../../shared/clause-text-cache.ts';
import { decisionFactsOf } from '../../shared/consensus/decision-records.ts';
import { draftStateOf } from '../../shared/consensus/draft-state.ts';
import { createSqliteStores } from '../storage/sqlite/sqlite-stores.ts';
import type { Stores } from '../storage/stores.ts';
import { ensureDemoDraft } from './seed-demo.ts';

let stores: Stores | null = null;
afterEach(async () => {
  await stores?.close();
});

describe('the demo draft', () => {
  it('carries one open alternative, sponsored by USA and JPN, whose endorsements are current', async () => {
    stores = createSqliteStores({ file: ':memory:' });
    const now = new Date('2026-11-20T09:00:00.000Z');
    const { draftId } = await ensureDemoDraft(stores, now);
    const draft = await stores.drafts.getDraft(draftId);
    if (draft === null) throw new Error('no demo draft');
    const stored = await stores.documents.loadDocument(draftId);
    const doc = new Y.Doc();
    for (const part of [stored.snapshot, ...stored.updates]) if (part !== null) Y.applyUpdate(doc, part);
    const texts = new ClauseTextCache(doc);
    const records = await stores.decisions.loadDecisions(draftId);
    const facts = decisionFactsOf(draft, documentClauses(texts), records, now.toISOString(), [], (c, n) =>
      texts.alternative(c, n),
    );
    const withAlternatives = draftStateOf(facts, records.seq).clauses.filter((c) => c.alternatives !== undefined);
    expect(withAlternatives).toHaveLength(1);
    expect(withAlternatives[0]?.alternatives).toEqual([
      expect.objectContaining({ n: 1, sponsors: ['USA', 'JPN'], state: 'open', endorsedCount: 2 }),
    ]);
    expect(texts.alternative(withAlternatives[0]?.id ?? '', 1).text).toMatch(/^STRENGTHEN .*transparency/);
  });
});
