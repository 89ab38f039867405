import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { alternativeAuditOf } from '../../shared/consensus/alternative-records.ts';
import type { AlternativeEffect } from '../../shared/consensus/alternatives.ts';
import { hashClauseRoot } from '../../shared/consensus/clause-hash.ts';
import { withNumbers } from '../../shared/consensus/paragraph-labels.ts';
import {
  alternativeRootName,
  alternativeTextRoot,
  clauseKind,
  clauseOrder,
  clauseTextRoot,
} from '../../shared/doc-layout.ts';
import type { AlternativeMark } from '../../shared/schemas/alternatives.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { writeThroughLexical } from '../drafts/seed-clause-text.ts';
import type { Stores } from '../storage/stores.ts';

/** The clause of the demo that carries an alternative, found by its opening words. */
const CLAUSE_OPENS = 'STRENGTHEN the ADMM-Plus framework';
const ALTERNATIVE_TEXT =
  'STRENGTHEN the ADMM-Plus framework and deepen practical defence cooperation as a means for confidence-building, transparency and capacity-building;';

/**
 * Gives the new demo draft one alternative, so that a newcomer sees one at once: "Alt 1" of the
 * STRENGTHEN paragraph, proposed by USA and sponsored by JPN, endorsed by both. Recorded as the
 * commands would record it (audit entries, the root written in the same transaction as the
 * proposal); the audit names the demo seed as the session.
 */
export async function seedDemoAlternative(
  stores: Pick<Stores, 'documents' | 'decisions'>,
  draftId: string,
  now: Date,
): Promise<void> {
  const stored = await stores.documents.loadDocument(draftId);
  const doc = new Y.Doc();
  for (const part of [stored.snapshot, ...stored.updates]) if (part !== null) Y.applyUpdate(doc, part);
  const clauseId = clauseOrder(doc).find((id) => readClauseText(clauseTextRoot(doc, id)).startsWith(CLAUSE_OPENS));
  if (clauseId === undefined) throw new Error(`The demo draft has no clause opening "${CLAUSE_OPENS}".`);
  const number = withNumbers(clauseOrder(doc).map((id) => ({ id, kind: clauseKind(doc, id), proposedBy: null }))).find(
    (c) => c.id === clauseId,
  )?.number;
  const at = now.toISOString();
  const actor = (delegation: string): Actor => ({ session: 'demo-seed', role: 'delegation', delegation });

  const before = Y.encodeStateVector(doc);
  writeThroughLexical(
    doc,
    clauseId,
    () => $getRoot().append($createParagraphNode().append($createTextNode(ALTERNATIVE_TEXT))),
    alternativeRootName(clauseId, 1),
  );
  const update = Y.encodeStateAsUpdate(doc, before);
  const textHash = hashClauseRoot(alternativeTextRoot(doc, clauseId, 1));

  const mark: AlternativeMark = { n: 1, proposedBy: 'USA', sponsors: ['USA'], state: 'open', at };
  const proposed: AlternativeEffect = {
    type: 'alternative',
    clauseId,
    change: 'proposed',
    alternative: mark,
    copyText: false,
  };
  await stores.decisions.recordStructureDecision(
    draftId,
    proposed,
    alternativeAuditOf(proposed, actor('USA'), at),
    update,
  );
  const sponsored: AlternativeEffect = {
    type: 'alternative',
    clauseId,
    change: 'sponsored',
    alternative: { ...mark, sponsors: ['USA', 'JPN'] },
    copyText: false,
  };
  await stores.decisions.recordDecision(draftId, sponsored, alternativeAuditOf(sponsored, actor('JPN'), at));
  for (const delegation of ['USA', 'JPN']) {
    const position = { delegation, stance: 'endorsed' as const, reason: null, textHash, at, number: number ?? null };
    const endorsed: AlternativeEffect = {
      type: 'set-alternative-position',
      clauseId,
      n: 1,
      position,
      text: ALTERNATIVE_TEXT,
    };
    await stores.decisions.recordDecision(draftId, endorsed, alternativeAuditOf(endorsed, actor(delegation), at));
  }
}
