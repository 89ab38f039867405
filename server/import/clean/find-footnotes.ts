import type { SourceLine } from './source-line.ts';

/** The footnotes of a text: which lines are footnote bodies (or their separators), and their numbers. */
export interface Footnotes {
  /** Line index → what it is: a footnote's text, or the rule above a page's footnotes. */
  lines: Map<number, 'footnote' | 'separator'>;
  /** The numbers of the footnotes found, in order: their markers can be taken out of the text. */
  numbers: number[];
}

const FOOTNOTE_START = /^(\d{1,3})\s+\S/;

/**
 * Finds the footnotes of a text pasted from a PDF or a web page: after a separator rule, lines
 * that start with a footnote number ("1 See A/80/348.") and their continuation lines; and
 * Markdown footnote definitions (`[^1]: …` and their indented lines). A rule that no numbered
 * line follows is no footnote separator.
 */
export function findFootnotes(
  lines: readonly SourceLine[],
  isFurniture: (index: number) => boolean = () => false,
): Footnotes {
  const found = new Map<number, 'footnote' | 'separator'>();
  const numbers: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    if (line.footnote !== null) {
      found.set(i, 'footnote');
      for (let j = i + 1; j < lines.length && (lines[j]?.indent ?? 0) >= 2 && lines[j]?.footnote === null; j++) {
        found.set(j, 'footnote');
        i = j;
      }
      continue;
    }
    if (!line.separator) continue;
    const first = lines[i + 1];
    if (first === undefined || !isFootnoteStart(first)) continue;
    found.set(i, 'separator');
    let j = i + 1;
    let last = '';
    let apart = false;
    for (; j < lines.length; j++) {
      const next = lines[j];
      if (next === undefined) break;
      // A page's footer and the next page's header can stand among footnotes that run over.
      if (isFurniture(j)) {
        apart = true;
        continue;
      }
      const start = isFootnoteStart(next) ? FOOTNOTE_START.exec(next.text) : null;
      if (start !== null) numbers.push(Number(start[1]));
      else if (next.separator || next.heading > 0) break;
      else if ((next.blankBefore || apart) && (!/^[\p{Ll}(]/u.test(next.text) || /[.;]$/.test(last))) break;
      found.set(j, 'footnote');
      last = next.text;
      apart = false;
    }
    i = j - 1;
  }
  // A PDF's text can lose the rule above a page's footnotes: a numbered line that reads as a
  // footnote does ("3 See A/80/348.", "12 Resolution 70/1.") and whose marker the text before it
  // carries ("… 2024,3") is one, not paragraph 3.
  const text = lines.map((line) => line.text);
  lines.forEach((line, i) => {
    if (found.has(i) || !isFootnoteStart(line)) return;
    const number = Number(FOOTNOTE_START.exec(line.text)?.[1]);
    if (!FOOTNOTE_BODY.test(line.text.replace(/^\d{1,3}\s+/, ''))) return;
    const before = text.slice(Math.max(0, i - 80), i).join(' ');
    if (!markerPattern(number).test(before)) return;
    found.set(i, 'footnote');
    numbers.push(number);
    // Its wrapped lines go with it, up to a blank line.
    for (let j = i + 1; j < lines.length && !lines[j]?.blankBefore && !lines[j]?.separator; j++) {
      found.set(j, 'footnote');
    }
  });
  numbers.sort((a, b) => a - b);
  return { lines: found, numbers };
}

/** How a footnote's text opens: a reference, not a sentence of the text. */
const FOOTNOTE_BODY =
  /^(?:See\b|Ibid\b|Resolution\s+\d|Resolutions\s+\d|Decision\s+\d|[A-Z]{1,6}\/[A-Z0-9./-]+|Official Records\b|United Nations,\s+Treaty Series\b|Available (?:at|from)\b|https?:\/\/|Ibid\.)/;

function isFootnoteStart(line: SourceLine): boolean {
  return line.heading === 0 && !line.bullet && !line.literal && FOOTNOTE_START.test(line.text);
}

/**
 * Takes the footnote markers out of the paragraphs, in order: "for 2024,1" → "for 2024,",
 * "of 20172 and" → "of 2017 and", "Governors”; 3 item" → "Governors”; item". A marker is the
 * next footnote number (or one of the two after it, if a marker could not be told apart) glued
 * to a word or punctuation, or standing after punctuation; only numbers of footnotes that were
 * found count, each once.
 */
export function removeFootnoteMarkers(texts: readonly string[], numbers: readonly number[]): string[] {
  const known = new Set(numbers);
  let expected = Math.min(...numbers);
  if (!Number.isFinite(expected)) return [...texts];
  return texts.map((text) => {
    let out = text;
    let from = 0;
    for (;;) {
      let best: { k: number; index: number; length: number } | null = null;
      for (let k = expected; k <= expected + 2; k++) {
        if (!known.has(k)) continue;
        const match = markerPattern(k).exec(out.slice(from));
        if (match !== null && (best === null || match.index < best.index)) {
          best = { k, index: from + match.index, length: match[0].length };
        }
      }
      if (best === null) break;
      out = out.slice(0, best.index) + out.slice(best.index + best.length);
      from = best.index;
      expected = best.k + 1;
    }
    return out;
  });
}

const patterns = new Map<number, RegExp>();

function markerPattern(k: number): RegExp {
  let pattern = patterns.get(k);
  if (pattern === undefined) {
    pattern = new RegExp(
      `(?:(?<=[\\p{L},;:”’"')\\]])|(?<=\\b(?:19|20)\\d\\d)| (?<=[,.;:”’"')\\]] ))${k}(?=[\\s.,;:]|$)`,
      'u',
    );
    patterns.set(k, pattern);
  }
  return pattern;
}
