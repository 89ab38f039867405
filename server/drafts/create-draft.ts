import * as Y from 'yjs';
import { clauseMetaMap, orderArray } from '../../shared/doc-layout.ts';
import type { ClauseKind, CreateDraftInput } from '../../shared/schemas/draft.ts';
import { createId } from '../auth/tokens.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import type { Stores } from '../storage/stores.ts';
import { type DraftTokens, issueLinks } from './issue-links.ts';
import { seedClauseText } from './seed-clause-text.ts';

/**
 * Creates a draft, one link per role and delegation, and its initial document. The draft and its
 * links are one write and the document a second: should the second fail, the draft exists with
 * no text, and since its links were never handed out, nobody can ever enter it.
 */
export async function createDraft(
  stores: Pick<Stores, 'drafts' | 'documents'>,
  input: CreateDraftInput,
  now: Date,
): Promise<{ draft: DraftRecord; tokens: DraftTokens }> {
  const draft: DraftRecord = {
    id: createId(),
    title: input.title,
    kind: input.kind,
    delegations: input.delegations,
    consensus: input.consensus,
    createdAt: now.toISOString(),
  };
  const { links, tokens } = issueLinks(draft, now);
  await stores.drafts.createDraft(draft, links);
  await stores.documents.createDocument(draft.id, buildInitialDocument(input.clauses));
  return { draft, tokens };
}

/** The document layout of docs/api.md: clause order, clause metadata, one text root per clause. */
export function buildInitialDocument(clauses: ReadonlyArray<{ kind: ClauseKind; text: string }>): Uint8Array {
  const doc = new Y.Doc();
  const order = orderArray(doc);
  const meta = clauseMetaMap(doc);
  const ids = clauses.map(() => createId());
  doc.transact(() => {
    order.push(ids);
    clauses.forEach((clause, index) => {
      const id = ids[index];
      if (id === undefined) return;
      meta.set(id, { kind: clause.kind });
      seedClauseText(doc, id, clause.text);
    });
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
