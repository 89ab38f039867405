import * as Y from 'yjs';
import { runsText } from './clause-runs.ts';
import { readClauseRuns } from './clause-text.ts';
import { hashClauseRuns } from './consensus/clause-hash.ts';
import type { RemovedClause } from './consensus/decide.ts';
import type { DocumentClause } from './consensus/decision-records.ts';
import {
  alternativeOfRoot,
  alternativeRootName,
  alternativeTextRoot,
  clauseIdOfRoot,
  clauseKind,
  clauseMetaMap,
  clauseOrder,
  clauseProposer,
  clauseTextRoot,
} from './doc-layout.ts';
import type { ClauseRun } from './schemas/clause-run.ts';

/** A clause's plain text, its emphasis, and what a position is taken on: the SHA-256 of both. */
export interface ClauseText {
  text: string;
  /** The text in runs of one emphasis each (`readClauseRuns`); they spell `text` exactly. */
  runs: ClauseRun[];
  hash: string;
}

/**
 * Every clause's text and hash, kept current as the doc changes. A transaction only marks the
 * clauses it touched (a few map lookups); a clause is read and hashed again when it is next asked
 * for. So the state of a 200-clause draft costs one hash per edited clause, not 200 per request,
 * and nothing is added to the path of an edit but the marking. Marks are made before any
 * observer of the transaction runs, so an observer already reads the new text.
 */
export class ClauseTextCache {
  private readonly texts = new Map<string, ClauseText>();
  private rootNames = new WeakMap<object, string>();

  constructor(readonly doc: Y.Doc) {
    doc.on('beforeObserverCalls', this.onTransaction);
  }

  /** The clause's current text and hash. */
  get(clauseId: string): ClauseText {
    let cached = this.texts.get(clauseId);
    if (cached === undefined) {
      const runs = readClauseRuns(clauseTextRoot(this.doc, clauseId));
      cached = { text: runsText(runs), runs, hash: hashClauseRuns(runs) };
      this.texts.set(clauseId, cached);
    }
    return cached;
  }

  /** Alternative `n` of the clause: its current text and hash (cached by its root's name). */
  alternative(clauseId: string, n: number): ClauseText {
    const key = alternativeRootName(clauseId, n);
    let cached = this.texts.get(key);
    if (cached === undefined) {
      const runs = readClauseRuns(alternativeTextRoot(this.doc, clauseId, n));
      cached = { text: runsText(runs), runs, hash: hashClauseRuns(runs) };
      this.texts.set(key, cached);
    }
    return cached;
  }

  destroy(): void {
    this.doc.off('beforeObserverCalls', this.onTransaction);
    this.texts.clear();
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    for (const type of transaction.changed.keys()) {
      // Up to the top-level type: a paragraph or a text run is nested in its clause's root.
      let root = type;
      while (root._item !== null && root._item.parent instanceof Y.AbstractType) root = root._item.parent;
      const name = this.nameOf(root);
      const clauseId = name === null ? null : clauseIdOfRoot(name);
      if (clauseId !== null) this.texts.delete(clauseId);
      else if (name !== null && alternativeOfRoot(name) !== null) this.texts.delete(name);
    }
  };

  private nameOf(root: object): string | null {
    let name = this.rootNames.get(root);
    if (name === undefined) {
      // A root the doc did not have when the names were last read: read them again.
      this.rootNames = new WeakMap();
      for (const [rootName, type] of this.doc.share) this.rootNames.set(type, rootName);
      name = this.rootNames.get(root);
    }
    return name ?? null;
  }
}

/** The clauses of the doc in reading order, each with its kind, proposer, cached text, emphasis and hash. */
export function documentClauses(texts: ClauseTextCache): DocumentClause[] {
  const { doc } = texts;
  return clauseOrder(doc).map((id) => {
    const { text, runs, hash } = texts.get(id);
    return { id, kind: clauseKind(doc, id), text, runs, textHash: hash, proposedBy: clauseProposer(doc, id) };
  });
}

/** The clauses deleted from the order: their metadata and text stay in the doc, to be restored. */
export function removedClauses(doc: Y.Doc): RemovedClause[] {
  const inOrder = new Set(clauseOrder(doc));
  const removed: RemovedClause[] = [];
  for (const id of clauseMetaMap(doc).keys()) {
    if (!inOrder.has(id)) removed.push({ id, kind: clauseKind(doc, id), proposedBy: clauseProposer(doc, id) });
  }
  return removed;
}
