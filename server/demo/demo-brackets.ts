import * as Y from 'yjs';
import { ClauseTextCache, documentClauses } from '../../shared/clause-text-cache.ts';
import {
  anchorAtOffset,
  encodeAnchor,
  rawClauseText,
  resolveBracketSpan,
} from '../../shared/consensus/bracket-anchors.ts';
import { decide } from '../../shared/consensus/decide.ts';
import { auditEntryOf } from '../../shared/consensus/decision-audit.ts';
import { decisionFactsOf } from '../../shared/consensus/decision-records.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import type { PlacedBracketKind } from '../../shared/schemas/brackets.ts';
import type { Command } from '../../shared/schemas/commands.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import type { Stores } from '../storage/stores.ts';

/** A bracket of the demo: by whom, over which words (their first occurrence), joined by whom. */
interface DemoBracket {
  by: string;
  words: string;
  kind: PlacedBracketKind;
  note?: string;
  joinedBy?: string[];
}

/**
 * What a newcomer sees bracketed in the demo draft: the usual sticking points of such a text, on
 * clauses the e2e tests do not freeze (Operative 4, 6 and 9).
 */
export const DEMO_BRACKETS: readonly DemoBracket[] = [
  {
    by: 'CHN',
    words: 'freedom of navigation and overflight',
    kind: 'contested',
    note: 'prefers the wording agreed in 2024',
    joinedBy: ['RUS'],
  },
  {
    by: 'USA',
    words: 'training and education programmes',
    kind: 'awaiting-instructions',
    note: 'checking with capital',
  },
  { by: 'AUS', words: 'ASEAN Direct Communications Infrastructure (ADI)', kind: 'technical', note: 'check the name' },
];

/**
 * Places the demo's brackets as their delegations would, through the rules and with an audit
 * entry each, on the draft's stored document: a newcomer opening the demo sees brackets at once.
 */
export async function seedDemoBrackets(
  stores: Pick<Stores, 'documents' | 'decisions'>,
  draft: DraftRecord,
  now: Date,
): Promise<void> {
  const stored = await stores.documents.loadDocument(draft.id);
  const doc = new Y.Doc();
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const texts = new ClauseTextCache(doc);
  const at = now.toISOString();
  const send = async (delegation: string, command: Command) => {
    const records = await stores.decisions.loadDecisions(draft.id);
    const facts = {
      ...decisionFactsOf(draft, documentClauses(texts), records, at),
      bracketSpan: (clauseId: string, start: string, end: string) => resolveBracketSpan(doc, clauseId, start, end),
    };
    const actor: Actor = { session: `demo-${delegation.toLowerCase()}`, role: 'delegation', delegation };
    const decision = decide(facts, actor, command);
    if (!decision.ok) throw new Error(`The demo's bracket was refused: ${decision.error.message}`);
    await stores.decisions.recordDecision(draft.id, decision.effect, auditEntryOf(decision.effect, actor, at));
  };
  for (const bracket of DEMO_BRACKETS) {
    const clause = documentClauses(texts).find((c) => c.text.includes(bracket.words));
    if (clause === undefined) throw new Error(`The demo draft has no clause with "${bracket.words}".`);
    const root = clauseTextRoot(doc, clause.id);
    const from = rawClauseText(root).indexOf(bracket.words);
    await send(bracket.by, {
      type: 'place-bracket',
      clauseId: clause.id,
      textHash: clause.textHash,
      start: encodeAnchor(anchorAtOffset(root, from, 0)),
      end: encodeAnchor(anchorAtOffset(root, from + bracket.words.length, -1)),
      quote: bracket.words,
      kind: bracket.kind,
      ...(bracket.note === undefined ? {} : { note: bracket.note }),
    });
    const placed = (await stores.decisions.loadDecisions(draft.id)).clauses.get(clause.id)?.brackets?.at(-1);
    for (const other of bracket.joinedBy ?? []) {
      await send(other, { type: 'join-bracket', clauseId: clause.id, bracketId: placed?.id ?? '' });
    }
  }
}
