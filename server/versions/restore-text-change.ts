import { $createParagraphNode, $createTextNode, $getRoot, type TextFormatType } from 'lexical';
import * as Y from 'yjs';
import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';
import { copyContent } from '../consensus/alternative-changes.ts';
import { writeThroughLexical } from '../drafts/seed-clause-text.ts';

const FORMATS: Record<string, TextFormatType> = { b: 'bold', i: 'italic', u: 'underline' };

/**
 * The runs as paragraphs of Lexical text nodes, written through a headless Lexical editor into a
 * fresh doc (the layout a browser writes, which hashes as the runs), then copied into the
 * clause's root item for item, replacing its words: one server edit, logged and broadcast as any.
 */
export function writeClauseRuns(doc: Y.Doc, clauseId: string, runs: readonly ClauseRun[]): void {
  const scratch = new Y.Doc();
  writeThroughLexical(scratch, clauseId, () => {
    let paragraph = $createParagraphNode();
    const root = $getRoot();
    for (const run of runs) {
      const lines = run.text.split('\n');
      lines.forEach((line, i) => {
        if (i > 0) {
          root.append(paragraph);
          paragraph = $createParagraphNode();
        }
        if (line === '') return;
        const node = $createTextNode(line);
        for (const letter of run.format) {
          const format = FORMATS[letter];
          if (format !== undefined) node.toggleFormat(format);
        }
        paragraph.append(node);
      });
    }
    root.append(paragraph);
  });
  copyContent(clauseTextRoot(scratch, clauseId), clauseTextRoot(doc, clauseId));
  scratch.destroy();
}

/** The document change of a restore, or null for any other effect. */
export function restoreTextChange(effect: DecisionEffect): ((doc: Y.Doc) => void) | null {
  if (effect.type !== 'restore-version-text') return null;
  return (doc) => writeClauseRuns(doc, effect.clauseId, effect.runs);
}
