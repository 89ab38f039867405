import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveBracketSpan } from '../../shared/consensus/bracket-anchors.ts';
import { createSqliteStores } from '../storage/sqlite/sqlite-stores.ts';
import { DEMO_BRACKETS } from './demo-brackets.ts';
import { ensureDemoDraft } from './seed-demo.ts';

describe('the demo draft', () => {
  it('comes with brackets placed through the rules, anchored on their words, each audited', async () => {
    const stores = createSqliteStores({ file: ':memory:' });
    const { draftId } = await ensureDemoDraft(stores, new Date());
    const stored = await stores.documents.loadDocument(draftId);
    const doc = new Y.Doc();
    if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const brackets = [...(await stores.decisions.loadDecisions(draftId)).clauses.values()].flatMap(
      (clause) => clause.brackets ?? [],
    );
    const placed = brackets.map((b) => {
      const span = resolveBracketSpan(doc, b.clauseId, b.start ?? '', b.end ?? '');
      return [span.ok ? span.words : span.reason, b.holders];
    });
    expect(placed).toEqual(expect.arrayContaining(DEMO_BRACKETS.map((b) => [b.words, [b.by, ...(b.joinedBy ?? [])]])));
    expect(placed).toHaveLength(DEMO_BRACKETS.length);
    const audit = await stores.decisions.listAudit(draftId);
    const bracketCommands = audit.map((e) => e.command).filter((command) => command.endsWith('-bracket'));
    expect(bracketCommands).toEqual(['place-bracket', 'join-bracket', 'place-bracket', 'place-bracket']);
    // A second start finds the demo and records nothing again.
    await ensureDemoDraft(stores, new Date());
    expect(await stores.decisions.listAudit(draftId)).toHaveLength(audit.length);
  });
});
