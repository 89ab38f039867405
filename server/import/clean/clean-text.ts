import type { DroppedReason } from '../../../shared/schemas/import.ts';
import { findFootnotes, removeFootnoteMarkers } from './find-footnotes.ts';
import { findPageFurniture, fixedFurniture } from './find-page-furniture.ts';
import { joinWrappedLines, type KeptLine, type Paragraph } from './join-wrapped-lines.ts';
import { normaliseText } from './normalise-text.ts';
import { readSourceLines } from './source-line.ts';
import { textVocabulary } from './undo-hyphenation.ts';
import { untabNumbers } from './untab-numbers.ts';

/** The cleaned text, in order: its paragraphs, and the lines left out where they stood. */
export type Piece =
  | { kind: 'paragraph'; paragraph: Paragraph }
  | { kind: 'dropped'; text: string; reason: DroppedReason };

/**
 * The clean-up before recognition, each step its own function: line ends, odd spaces and
 * mis-decoded quotes (`normaliseText`); the tab Word puts after a number (`untabNumbers`);
 * Markdown read off (`readSourceLines`); footnotes found and moved out, their markers taken out
 * of the words they follow (`findFootnotes`, `removeFootnoteMarkers`); page numbers, job
 * numbers, symbols and running headers and footers left out (`findPageFurniture`); wrapped
 * lines joined and words broken at line ends mended (`joinWrappedLines`). Every line left out
 * is kept as a dropped piece where it stood, so that the person can restore it.
 */
export function cleanText(raw: string): Piece[] {
  const text = untabNumbers(normaliseText(raw));
  const lines = readSourceLines(text);
  const footnotes = findFootnotes(lines, (i) => fixedFurniture(lines, i) !== null);
  const furniture = findPageFurniture(lines, new Set(footnotes.lines.keys()));

  const kept: KeptLine[] = [];
  const keptAt: number[] = [];
  const dropped: Array<{ at: number; text: string; reason: DroppedReason }> = [];
  let afterFurniture = false;
  lines.forEach((line, i) => {
    const note = footnotes.lines.get(i);
    if (note === 'footnote') {
      const last = dropped.at(-1);
      const continues =
        last !== undefined &&
        last.reason === 'footnote' &&
        last.at === i - 1 &&
        !startsFootnote(line.text, line.footnote);
      if (continues) {
        last.text = `${last.text} ${line.text}`;
        last.at = i;
      } else
        dropped.push({
          at: i,
          text: line.footnote === null ? line.text : `[^${line.footnote}]: ${line.text}`,
          reason: 'footnote',
        });
      afterFurniture = true;
      return;
    }
    const reason = furniture.get(i);
    if (note === 'separator' || line.separator) {
      afterFurniture = afterFurniture || note === 'separator';
      return;
    }
    if (reason !== undefined) {
      dropped.push({ at: i, text: line.raw, reason });
      afterFurniture = true;
      return;
    }
    kept.push({ line, afterFurniture });
    keptAt.push(i);
    afterFurniture = false;
  });

  const paragraphs = joinWrappedLines(kept, textVocabulary(text));
  const texts = removeFootnoteMarkers(
    paragraphs.map((p) => p.text),
    footnotes.numbers,
  );
  paragraphs.forEach((p, i) => {
    p.text = texts[i]?.trim() ?? p.text;
  });

  // Each dropped line goes after the paragraph that holds the last kept line before it.
  const paragraphOf: number[] = [];
  paragraphs.forEach((paragraph, p) => {
    const end = paragraphs[p + 1]?.firstLine ?? kept.length;
    for (let k = paragraph.firstLine; k < end; k++) paragraphOf[k] = p;
  });
  const after = new Map<number, Piece[]>();
  let k = -1;
  for (const entry of dropped) {
    while (k + 1 < keptAt.length && (keptAt[k + 1] ?? 0) < entry.at) k += 1;
    const p = k === -1 ? -1 : (paragraphOf[k] ?? -1);
    const piece: Piece = { kind: 'dropped', text: entry.text, reason: entry.reason };
    const pieces = after.get(p);
    if (pieces === undefined) after.set(p, [piece]);
    else pieces.push(piece);
  }
  const pieces: Piece[] = [...(after.get(-1) ?? [])];
  paragraphs.forEach((paragraph, p) => {
    pieces.push({ kind: 'paragraph', paragraph });
    for (const piece of after.get(p) ?? []) pieces.push(piece);
  });
  return pieces;
}

function startsFootnote(text: string, label: string | null): boolean {
  return label !== null || /^\d{1,3}\s+\S/.test(text);
}
