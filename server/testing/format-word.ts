import * as Y from 'yjs';
import { clauseTextRoot } from '../../shared/doc-layout.ts';

/**
 * Sets `bits` (Lexical's text format) on the first occurrence of `word` in the clause, as
 * Lexical's binding writes it when someone selects the word and presses Ctrl+B: the run is cut
 * around it, the word gets a property map of its own, and the rest of the run one like the old.
 */
export function formatWord(doc: Y.Doc, clauseId: string, word: string, bits: number): void {
  for (const paragraphOp of clauseTextRoot(doc, clauseId).toDelta() as Array<{ insert: unknown }>) {
    const paragraph = paragraphOp.insert;
    if (!(paragraph instanceof Y.XmlText)) continue;
    let offset = 0;
    let properties: Y.Map<unknown> | null = null;
    for (const op of paragraph.toDelta() as Array<{ insert: unknown }>) {
      if (op.insert instanceof Y.Map) properties = op.insert;
      if (typeof op.insert !== 'string') {
        offset += 1;
        continue;
      }
      const at = op.insert.indexOf(word);
      if (at !== -1 && properties !== null) {
        const start = offset + at;
        const rest = op.insert.length - at - word.length;
        const like = properties.toJSON() as Record<string, unknown>;
        doc.transact(() => {
          paragraph.delete(start, word.length);
          const wordProperties = new Y.Map<unknown>();
          paragraph.insertEmbed(start, wordProperties);
          for (const [key, value] of Object.entries({ ...like, __format: bits })) wordProperties.set(key, value);
          paragraph.insert(start + 1, word);
          if (rest > 0) {
            const restProperties = new Y.Map<unknown>();
            paragraph.insertEmbed(start + 1 + word.length, restProperties);
            for (const [key, value] of Object.entries(like)) restProperties.set(key, value);
          }
        });
        return;
      }
      offset += op.insert.length;
    }
  }
  throw new Error(`"${word}" is not in clause ${clauseId}`);
}
