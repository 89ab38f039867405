import { findRunningHeaders } from './drop-running-headers.ts';
import { isSubItem, isTableRow, readParagraphNumber, startsLowercase } from './line-markers.ts';
import { normaliseText } from './normalise-text.ts';
import { stripMarkdownLine } from './strip-markdown.ts';
import { TextBuilder, wrapSeparator } from './text-builder.ts';

/** One line of the text to import, cleaned, with what its layout says. */
export interface SourceLine {
  text: string;
  /** Markdown heading level (1-6), 0 for none. */
  heading: number;
  /** One or more blank lines (or a page break, or a dropped running header) come before it. */
  blankBefore: boolean;
  /** Opened with a bullet marker, now removed. */
  bullet: boolean;
  /** Leading spaces: an exported list item's continuation lines are indented. */
  indent: number;
  /** Escaped in Markdown: text, never a number, bullet or heading. */
  literal: boolean;
}

export interface ReadLines {
  lines: SourceLine[];
  warnings: string[];
}

const DRAFT_BANNER = /^DRAFT\b.*\bnot adopted\b/i;
const ADOPTION_HASH = /^(?:adoption hash|adopted text sha-256)\b|\bsha-256:\s*[0-9a-f]{64}\b/i;
const PAGE_NUMBER =
  /^(?:page\s+\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])$/i;

/**
 * Splits a pasted or uploaded text into clean lines for the parsers: normalised, Markdown read
 * off, and the noise left out: footnote definitions, an export's "DRAFT — not adopted" and
 * adoption-hash lines (each with a warning), thematic breaks, page numbers and running page
 * headers. Lines that a word processor or PDF wrapped are joined again when the wrap is plain:
 * a line ending in a word such as "of" or "and", or a next line starting in lower case.
 */
export function readLines(raw: string): ReadLines {
  const warnings: string[] = [];
  const lines: SourceLine[] = [];
  let blank = true;
  let inFootnote = false;
  // The last line, still open to wrapped lines; a table row is never joined.
  let open: { line: SourceLine; text: TextBuilder; table: boolean } | null = null;
  const close = () => {
    if (open !== null) open.line.text = open.text.toString();
    open = null;
  };

  for (const rawLine of normaliseText(raw).split('\n')) {
    const md = stripMarkdownLine(rawLine);
    const previous = lines.at(-1);
    const end = open?.text.tail() ?? '';
    if (md.footnote !== null) {
      warnings.push(`Left out footnote [^${md.footnote}] (“${preview(md.text)}”): footnotes are not clauses.`);
      inFootnote = true;
      continue;
    }
    if (inFootnote && md.indent >= 2 && md.text !== '') continue;
    inFootnote = false;
    if (/^=+$/.test(rawLine.trim()) && previous !== undefined && !blank) {
      previous.heading = 1;
      continue;
    }
    if (md.rule || md.text === '' || PAGE_NUMBER.test(md.text) || PAGE_NUMBER.test(rawLine.trim())) {
      blank = true;
      continue;
    }
    if (DRAFT_BANNER.test(md.text) || ADOPTION_HASH.test(md.text)) {
      warnings.push(`Left out “${preview(md.text)}”: it marks an exported copy and is not part of the text.`);
      blank = true;
      continue;
    }
    const line: SourceLine = {
      text: md.text,
      heading: md.heading,
      blankBefore: blank,
      bullet: md.bullet,
      indent: md.indent,
      literal: md.literal,
    };
    blank = false;
    if (open !== null && !open.table && isWrapped(open.line, end, line)) {
      open.text.append(wrapSeparator(end) + line.text);
    } else {
      close();
      lines.push(line);
      open = { line, text: new TextBuilder(line.text), table: isTableRow(line.text) };
    }
  }
  close();

  return { lines: dropRunningHeaders(lines, warnings), warnings };
}

/** Ends in a word that cannot end a line of its own: the line was wrapped. */
const OPEN_ENDING =
  /(?:,|&|\b(?:of|and|or|the|for|in|on|to|by|with|at|from|a|an|its|their|as|between|under|into|upon|that|which|whose))$/i;
/** "...; and" ends a clause: the next one starts on the next line. */
const CLAUSE_ENDING = /[;:.]\s+(?:and|or)$/i;

function isWrapped(previous: SourceLine, previousEnd: string, line: SourceLine): boolean {
  if (line.blankBefore || line.heading > 0 || previous.heading > 0 || line.bullet) return false;
  if (line.indent >= 2 || isTableRow(line.text)) return false;
  if (!line.literal && (readParagraphNumber(line.text)?.bare === false || isSubItem(line.text))) return false;
  if (startsLowercase(line.text)) return true;
  const end = previousEnd.slice(-20);
  return OPEN_ENDING.test(end) && !CLAUSE_ENDING.test(end);
}

function dropRunningHeaders(lines: SourceLine[], warnings: string[]): SourceLine[] {
  const drop = findRunningHeaders(
    lines.map((line) => ({
      text: line.text,
      fixed: line.literal || readParagraphNumber(line.text) !== null || isSubItem(line.text) || isTableRow(line.text),
    })),
  );
  if (drop.size === 0) return lines;
  const distinct = [...new Set([...drop].map((i) => lines[i]?.text ?? ''))];
  warnings.push(
    `Left out ${drop.size} lines of running page headers: ${distinct.map((t) => `“${preview(t)}”`).join(', ')}.`,
  );
  const kept: SourceLine[] = [];
  let afterDropped = false;
  lines.forEach((line, i) => {
    if (drop.has(i)) {
      afterDropped = true;
      return;
    }
    kept.push(afterDropped ? { ...line, blankBefore: true } : line);
    afterDropped = false;
  });
  return kept;
}

/** The start of a long text, for a warning. */
export function preview(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
