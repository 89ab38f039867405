import type { ClauseKind } from '../../../shared/schemas/draft.ts';
import type { DroppedLine, DroppedReason, ImportedClause } from '../../../shared/schemas/import.ts';
import type { Piece } from '../clean/clean-text.ts';
import { type ParagraphFeatures, readFeatures } from './paragraph-features.ts';

/** A piece of the cleaned text with its paragraph's features read. */
export type Item =
  | { kind: 'paragraph'; f: ParagraphFeatures }
  | { kind: 'dropped'; text: string; reason: DroppedReason };

export function readItems(pieces: readonly Piece[]): Item[] {
  return pieces.map((piece) =>
    piece.kind === 'paragraph' ? { kind: 'paragraph', f: readFeatures(piece.paragraph) } : piece,
  );
}

/** The clauses recognised so far, in order, and the lines left out where they stood. */
export class ClauseList {
  readonly clauses: ImportedClause[] = [];
  readonly dropped: DroppedLine[] = [];

  add(kind: ClauseKind, text: string, closeCall: string | null = null): void {
    this.clauses.push({ kind, text, closeCall });
  }

  /** Adds a line to the last clause: a sub-item on a line of its own, or a continuation. */
  appendToLast(text: string, separator: '\n' | ' '): boolean {
    const last = this.clauses.at(-1);
    if (last === undefined) return false;
    last.text = `${last.text}${separator}${text}`;
    return true;
  }

  last(): ImportedClause | undefined {
    return this.clauses.at(-1);
  }

  drop(text: string, reason: DroppedReason): void {
    this.dropped.push({ text, reason, before: this.clauses.length });
  }
}
