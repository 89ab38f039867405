import { $createParagraphNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import type { AlternativeEffect } from '../../shared/consensus/alternatives.ts';
import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { ClauseDecisionRecord } from '../../shared/consensus/decision-records.ts';
import { alternativeRootName, alternativeTextRoot, clauseTextRoot } from '../../shared/doc-layout.ts';
import type { AlternativeState } from '../../shared/schemas/alternatives.ts';
import { writeThroughLexical } from '../drafts/seed-clause-text.ts';

/**
 * The server's own writes for alternatives, made in the same transaction as their record (as
 * `structure-changes.ts` does for the clause list): the new alternative's root, and, when the
 * chair freezes a clause on an alternative, its words into the clause's root. No client can
 * create an alternative's root: the guards accept one only once it is on record.
 */

/** The document change an alternative effect makes, or null for one the document does not see. */
export function alternativeDocumentChange(effect: DecisionEffect): ((doc: Y.Doc) => void) | null {
  if (effect.type === 'alternative' && effect.change === 'proposed') {
    return (doc) => writeNewAlternative(doc, effect);
  }
  if (effect.type === 'freeze-alternative') {
    return (doc) =>
      copyContent(alternativeTextRoot(doc, effect.clauseId, effect.n), clauseTextRoot(doc, effect.clauseId));
  }
  return null;
}

function writeNewAlternative(doc: Y.Doc, effect: Extract<AlternativeEffect, { type: 'alternative' }>): void {
  const { clauseId, alternative } = effect;
  const root = alternativeTextRoot(doc, clauseId, alternative.n);
  if (root.length > 0) throw new Error(`Alternative ${alternative.n} of ${clauseId} has words already.`);
  if (effect.copyText && clauseTextRoot(doc, clauseId).length > 0) {
    copyContent(clauseTextRoot(doc, clauseId), root);
    return;
  }
  // Its first, empty paragraph, as the editor writes it, so that whoever opens it can type.
  writeThroughLexical(
    doc,
    clauseId,
    () => $getRoot().append($createParagraphNode()),
    alternativeRootName(clauseId, alternative.n),
  );
}

/**
 * Replaces `to`'s content with a copy of `from`'s, item for item: paragraphs (embedded
 * Y.XmlText with their attributes), text nodes' properties (Y.Map) and words. The copy is the
 * layout Lexical wrote, so it hashes and renders as the original.
 */
export function copyContent(from: Y.XmlText, to: Y.XmlText): void {
  if (to.length > 0) to.delete(0, to.length);
  let index = 0;
  for (const op of from.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    const { insert } = op;
    if (typeof insert === 'string') {
      to.insert(index, insert, op.attributes ?? {});
      index += insert.length;
    } else if (insert instanceof Y.XmlText) {
      const paragraph = new Y.XmlText();
      to.insertEmbed(index, paragraph, op.attributes ?? {});
      for (const [key, value] of Object.entries(insert.getAttributes())) paragraph.setAttribute(key, value);
      copyContent(insert, paragraph);
      index += 1;
    } else if (insert instanceof Y.Map) {
      const node = new Y.Map<unknown>();
      to.insertEmbed(index, node, op.attributes ?? {});
      for (const [key, value] of insert.entries()) node.set(key, value);
      index += 1;
    } else {
      throw new Error('A clause text holds content the layout does not allow; it is not copied.');
    }
  }
}

/** The alternatives on record of every clause, by root name, as the room's guards need them. */
export function alternativeLocksOf(clauses: ReadonlyMap<string, ClauseDecisionRecord>): Map<string, AlternativeState> {
  const locks = new Map<string, AlternativeState>();
  for (const [clauseId, record] of clauses) {
    for (const alternative of record.alternatives ?? []) {
      locks.set(alternativeRootName(clauseId, alternative.n), alternative.state);
    }
  }
  return locks;
}
