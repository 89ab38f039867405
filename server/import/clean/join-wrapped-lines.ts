import { isDateLine } from '../parse/parse-english-date.ts';
import { isClosingLine, isOperativeOpener, isPreambleOpener } from './clause-openers.ts';
import { endsSentence, isSubItem, isTableRow, readParagraphNumber, startsLowercase } from './line-markers.ts';
import type { SourceLine } from './source-line.ts';
import { TextBuilder } from './text-builder.ts';
import { joinHyphenated } from './undo-hyphenation.ts';

/** A paragraph of the text: its lines joined again, with what its first line's layout said. */
export interface Paragraph {
  text: string;
  /** Markdown heading level (1-6), 0 for none. */
  heading: number;
  /** Opened with a bullet marker, now removed. */
  bullet: boolean;
  /** Escaped in Markdown: text, never a number, bullet or heading. */
  literal: boolean;
  /** A blank line (or a page break between finished sentences) comes before it. */
  blankBefore: boolean;
  /** The index of its first line in the lines joined. */
  firstLine: number;
}

/** A kept line of the text, and whether page furniture was left out just before it. */
export interface KeptLine {
  line: SourceLine;
  afterFurniture: boolean;
}

interface OpenParagraph {
  paragraph: Paragraph;
  text: TextBuilder;
  /** The last physical line joined into it, for the wrap-width test. */
  lastLine: string;
  lines: number;
  /** Opened as a numbered, lettered or bulleted item: its indented lines belong to it. */
  listItem: boolean;
}

/** Ends in a word that cannot end a paragraph: the line was wrapped. */
const OPEN_ENDING =
  /(?:,|&|\b(?:of|and|or|the|for|in|on|to|by|with|at|from|a|an|its|their|our|as|between|under|into|upon|that|which|whose|including|such|than|is|are|be|been|has|have|will|shall|would|should|entitled|titled|called|named|namely))$/i;
/** "…; and" ends a clause: the next one starts on the next line. */
const CLAUSE_ENDING = /[;:.]\s+(?:and|or)$/i;
/** A paragraph number, letter or bullet alone on its line ("1.", "(a)"): its text is on the next. */
const MARKER_ONLY =
  /^(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-z]{1,2}[.)]|\([a-z]{1,2}\)|\(?[ivxlc]{1,6}[.)]|\([ivxlc]{1,6}\))$/;
/** "The General Assembly,", "The Security Council,": the body a resolution speaks for. */
const BODY_NAME = /^The\s+(?:(?:\p{Lu}[\p{L}-]*|of|the|and|on|for)\s+){0,6}\p{Lu}[\p{L}-]*,?$/u;

/**
 * The width a text was wrapped at, when it was (a PDF's or an e-mail's lines): the length most
 * lines of prose reach. Null for a text of one paragraph per line, whose lines vary widely.
 */
export function wrapWidth(lines: readonly KeptLine[]): number | null {
  const lengths = lines
    .filter(({ line }) => line.heading === 0 && line.text.split(/\s+/).length >= 4)
    .map(({ line }) => line.text.length)
    .sort((a, b) => a - b);
  if (lengths.length < 4) return null;
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  return width <= 130 ? width : null;
}

/** A line that starts a paragraph of its own, whatever the line before it says. */
export function startsParagraph(line: SourceLine): boolean {
  const text = line.text;
  if (line.heading > 0 || line.bullet) return true;
  if (line.literal) return false;
  if (isTableRow(text) || isSubItem(text) || isClosingLine(text) || isDateLine(text) || BODY_NAME.test(text)) {
    return true;
  }
  const number = readParagraphNumber(text);
  return number !== null && (!number.bare || /^[\p{Lu}"“‘(]/u.test(number.rest));
}

/** A line that opens a preambular or operative paragraph; a quotation going on from the line before opens none. */
function opensClause(text: string): boolean {
  return !/^["“‘'(]/.test(text) && (isPreambleOpener(text) || isOperativeOpener(text));
}

/**
 * Joins the lines of a text into its paragraphs. A line break inside a sentence is no paragraph
 * break, whatever punctuation the line ends with, unless the next line starts a numbered,
 * lettered, bulleted or opener-led paragraph (or a heading, date line, closing, table row): in
 * a wrapped text, a line that reaches the wrap width goes on on the next line; a line that
 * stops short ends its paragraph. A text of one paragraph per line keeps each line a paragraph,
 * unless it ends in a word that cannot end one ("of", ",") or the next goes on in lower case;
 * its lines without final punctuation (a heading's name and post) stay lines of one paragraph.
 * A blank line ends a paragraph, unless it only stood around page furniture that was left out
 * in the middle of a sentence. Words broken at line ends are joined again (`joinHyphenated`).
 */
export function joinWrappedLines(lines: readonly KeptLine[], words: ReadonlySet<string>): Paragraph[] {
  const width = wrapWidth(lines);
  const paragraphs: Paragraph[] = [];
  let open: OpenParagraph | null = null;
  const close = () => {
    if (open !== null) open.paragraph.text = open.text.toString();
    open = null;
  };
  lines.forEach(({ line, afterFurniture }, index) => {
    const current = open as OpenParagraph | null;
    const join = current === null ? null : joinOf(current, line, afterFurniture, width);
    if (current !== null && join !== null) {
      const end = current.text.tail();
      if (join === '\n') current.text.append(`\n${line.text}`);
      else if (/\p{L}-$/u.test(end.slice(-2))) {
        if (joinHyphenated(end, line.text, words) !== end + line.text) current.text.dropEnd(1);
        current.text.append(line.text);
      } else current.text.append(` ${line.text}`);
      current.lastLine = line.text;
      current.lines += 1;
      return;
    }
    close();
    const paragraph: Paragraph = {
      text: line.text,
      heading: line.heading,
      bullet: line.bullet,
      literal: line.literal,
      blankBefore: line.blankBefore || paragraphs.length === 0,
      firstLine: index,
    };
    paragraphs.push(paragraph);
    const number = line.literal ? null : readParagraphNumber(line.text);
    open = {
      paragraph,
      text: new TextBuilder(line.text),
      lastLine: line.text,
      lines: 1,
      listItem: line.bullet || (number !== null && !number.bare) || (!line.literal && isSubItem(line.text)),
    };
  });
  close();
  return paragraphs;
}

/** How a line joins the paragraph before it: ' ' (a wrapped line), '\n' (a line of its own in it), or null (a new paragraph). */
function joinOf(
  current: OpenParagraph,
  line: SourceLine,
  afterFurniture: boolean,
  width: number | null,
): ' ' | '\n' | null {
  const previous = current.paragraph;
  if (previous.heading > 0 || line.heading > 0 || line.footnote !== null) return null;
  const end = current.text.tail();
  const lastLine = current.lastLine;
  if (!previous.literal && current.lines === 1 && MARKER_ONLY.test(end.trim())) {
    return line.blankBefore && !afterFurniture ? null : ' ';
  }
  const openEnding = OPEN_ENDING.test(end.slice(-20)) && !CLAUSE_ENDING.test(end.slice(-20));
  const sentenceEnded = endsSentence(end);
  if (startsParagraph(line)) return null;
  if (line.blankBefore) {
    if (isTableRow(lastLine)) return null;
    // A page break in mid-sentence: the page's last line ran to the margin, or cannot end a paragraph.
    const reachedMargin = width === null || isFull(lastLine, line.text, width) || openEnding;
    const pageBreak = afterFurniture && !sentenceEnded && reachedMargin;
    if (!pageBreak && !(startsLowercase(line.text) && !sentenceEnded)) return null;
    return ' ';
  }
  if (opensClause(line.text) && !openEnding) return null;
  if (startsLowercase(line.text) || openEnding || /\p{L}-$/u.test(end.slice(-2))) return ' ';
  if (isDateLine(lastLine) || isClosingLine(lastLine)) return null;
  if (current.listItem && line.indent >= 2) return width !== null && isFull(lastLine, line.text, width) ? ' ' : '\n';
  if (width !== null) return isFull(lastLine, line.text, width) ? ' ' : null;
  return sentenceEnded || /[,;]$/.test(end) ? null : '\n';
}

/** The line reaches the wrap width: the next line's first word would not have fitted on it. */
function isFull(lastLine: string, next: string, width: number): boolean {
  const firstWord = next.split(/\s/, 1)[0] ?? '';
  return lastLine.length + 1 + firstWord.length > width * 0.8;
}
