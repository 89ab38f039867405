import { isDateLine } from '../parse/parse-english-date.ts';
import { isClosingLine, isLeadIn, isOperativeOpener, isPreambleOpener } from './clause-openers.ts';
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
  /** An item of the list a colon introduced ("… drive our work:" / "Strengthening …"): no line goes on from it. */
  listItemAfterColon: boolean;
  text: TextBuilder;
  /** The last physical line joined into it, for the wrap-width test. */
  lastLine: string;
  lines: number;
  /** Opened as a numbered, lettered or bulleted item: its indented lines belong to it. */
  listItem: boolean;
}

/** Ends in a word that cannot end a paragraph: the line was wrapped. */
const OPEN_ENDING =
  /(?:,|&|\s[–—-]|\b(?:of|and|or|the|for|in|on|to|by|with|at|from|a|an|its|their|our|as|between|under|into|upon|that|which|whose|including|such|than|is|are|be|been|has|have|will|shall|would|should|entitled|titled|called|named|namely))$/i;
/** "…; and" ends a clause: the next one starts on the next line. */
const CLAUSE_ENDING = /[;:.]\s+(?:and|or)$/i;
/** A paragraph number, letter or bullet alone on its line ("1.", "(a)"): its text is on the next. */
const MARKER_ONLY =
  /^(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\(?(?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh)[.)]|\((?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh)\)|\(?[ivxlc]{1,6}[.)]|\([ivxlc]{1,6}\))$/;
/** "The General Assembly,", "The Security Council,": the body a resolution speaks for. */
const BODY_NAME = /^The\s+(?:(?:\p{Lu}[\p{L}-]*|of|the|and|on|for)\s+){0,6}\p{Lu}[\p{L}-]*,?$/u;

/**
 * The width a text was wrapped at, when it was (a PDF's or an e-mail's lines): the length most
 * lines of prose reach. Null for a text of one paragraph per line, whose lines vary widely.
 */
export function wrapWidth(lines: readonly KeptLine[]): number | null {
  const lengths = lines
    .filter(({ line }) => line.heading === 0 && !line.text.includes('\t') && line.text.split(/\s+/).length >= 4)
    .map(({ line }) => line.text.length)
    .sort((a, b) => a - b);
  if (lengths.length < 4) return null;
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  return width <= 130 ? width : null;
}

/** A line that starts a paragraph of its own, whatever the line before it says. */
export function startsParagraph(line: SourceLine): boolean {
  const text = line.text;
  if (line.heading > 0 || (line.bullet && !isDashContinuation(line))) return true;
  if (line.literal) return false;
  if (isTableRow(text) || isSubItem(text) || isClosingLine(text) || BODY_NAME.test(text)) return true;
  const number = readParagraphNumber(text);
  // "2023." on a line of its own is the end of a date, not paragraph 2023.
  return number !== null && number.number <= 300 && (!number.bare || /^[\p{Lu}"“‘(]/u.test(number.rest));
}

/** "– constraining growth …": a dash that a wrapped line starts with, read as a bullet. */
function isDashContinuation(line: SourceLine): boolean {
  return /^[–—]\s/.test(line.raw) && !line.blankBefore;
}

/** A line that opens a preambular or operative paragraph; a quotation going on from the line before opens none. */
function opensClause(text: string): boolean {
  return !/^["“‘'(]/.test(text) && (isPreambleOpener(text) || isOperativeOpener(text) || isLeadIn(text));
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
  const acronyms = acronymsOf(lines);
  const paragraphs: Paragraph[] = [];
  let open: OpenParagraph | null = null;
  const close = () => {
    if (open !== null) open.paragraph.text = open.text.toString();
    open = null;
  };
  lines.forEach(({ line, afterFurniture }, index) => {
    const current = open as OpenParagraph | null;
    const join = current === null ? null : joinOf(current, line, afterFurniture, width, acronyms);
    if (current !== null && join !== null) {
      const end = current.text.tail();
      const lineText = line.bullet && isDashContinuation(line) ? line.raw : line.text;
      if (join === '\n') current.text.append(`\n${lineText}`);
      else if (/\p{L}-$/u.test(end.slice(-2))) {
        if (joinHyphenated(end, lineText, words) !== end + lineText) current.text.dropEnd(1);
        current.text.append(lineText);
      } else current.text.append(` ${lineText}`);
      current.lastLine = line.text;
      current.lines += 1;
      // A list item that a wrap runs on over lines is prose after all.
      if (join === ' ') current.listItemAfterColon = false;
      return;
    }
    const afterColon = current !== null && (/:$/.test(current.text.tail()) || current.listItemAfterColon);
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
      listItemAfterColon: afterColon && isShortItem(line.text),
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
  acronyms: ReadonlySet<string>,
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
  const clauseEnded = /[.;:,!?…][”"’')\]]*$/.test(end.slice(-4)) || CLAUSE_ENDING.test(end.slice(-20));
  const full = width === null || isFull(lastLine, line.text, width);
  if (line.bullet && isDashContinuation(line) && !sentenceEnded) return ' ';
  // "…including," / "(i) rapid advancements, (ii) …": items listed inside a sentence that a wrap put at a line's start.
  if (width !== null && full && !line.literal && continuesEnumeration(current.text.tail(), line.text, end, openEnding))
    return ' ';
  if (startsParagraph(line)) return null;
  if (line.blankBefore) {
    if (isTableRow(lastLine)) return null;
    // A page break in mid-sentence: the page's last line ran to the margin, or cannot end a paragraph.
    const goesOn = full || openEnding || /^[\p{Ll}\d(]/u.test(line.text);
    const short = (text: string) => text.split(/\s+/).length <= 25;
    const headingOverBreak =
      !openEnding &&
      /^\p{L}/u.test(line.text) &&
      short(lastLine) &&
      short(line.text) &&
      isTitleCase(lastLine) &&
      isTitleCase(line.text);
    const pageBreak = afterFurniture && !sentenceEnded && goesOn && !headingOverBreak;
    const newClause = opensClause(line.text) && clauseEnded;
    if (pageBreak && !newClause) return ' ';
    return startsLowercase(line.text) && !sentenceEnded ? ' ' : null;
  }
  const opens = opensClause(line.text) && !acronyms.has(line.text.split(/[\s,;:]/, 1)[0] ?? '');
  // "… 14 November 1957," / "Taking note of …": a preambular paragraph ends with its comma.
  if (opens && /[,;][”"’')\]]*$/.test(end)) return null;
  if (startsLowercase(line.text) || openEnding || /\p{L}-$/u.test(end.slice(-2))) return ' ';
  // A list item's indented lines belong to it: its own line breaks, or its wrapped lines.
  if (current.listItem && line.indent >= 2) return width !== null && full ? ' ' : '\n';
  // The items of a list a colon introduced: each line that stops short, or opens as the items do, is one.
  if (current.listItemAfterColon && (width === null || !isFull(lastLine, line.text, width / 0.85) || opens)) {
    return null;
  }
  // In a wrapped text a full line without final punctuation goes on, whatever opens the next; so
  // does a sentence of prose that opens with a participle ("… resilience. / Recognizing the …").
  const proseGoesOn = width !== null && full && /\.$/.test(end) && isPreambleOpener(line.text);
  if (opens && !proseGoesOn) {
    if (width === null || clauseEnded || !full) return null;
  }
  if (/^[\p{Lu}\d]/u.test(line.text) && isDateLine(line.text)) return null;
  if (width !== null) return full ? ' ' : null;
  if (isDateLine(line.text) || isDateLine(lastLine) || isClosingLine(lastLine)) return null;
  return sentenceEnded || /[,;]$/.test(end) ? null : '\n';
}

/**
 * The words in capitals that the text also writes inside its sentences ("… the role of ASEAN
 * in …"): names, not the capitalised verbs that open operative clauses ("COMMEND").
 */
function acronymsOf(lines: readonly KeptLine[]): Set<string> {
  const seen = new Map<string, number>();
  for (const { line } of lines) {
    for (const match of line.text.matchAll(/(?<=\p{Ll}[\p{Ll},]* )(\p{Lu}[\p{Lu}\d-]+)(?=[\s,.;:)’']|$)/gu)) {
      if (match[1] !== undefined) seen.set(match[1], (seen.get(match[1]) ?? 0) + 1);
    }
  }
  // A verb in capitals is written inside a sentence now and then ("… and APPLAUD its …"); a name, again and again.
  return new Set([...seen].filter(([, count]) => count >= 3).map(([word]) => word));
}

/**
 * An item of an enumeration that runs inside a sentence, which a wrap put at a line's start:
 * after a comma or "and" ("… including," / "(i) rapid …"), a numbered item in brackets after a
 * semicolon ("…; and" / "5) New …"), or any further item of a series already written inline.
 */
function continuesEnumeration(tail: string, text: string, end: string, openEnding: boolean): boolean {
  if (isSubItem(text) && (/,$/.test(end) || openEnding)) return true;
  if (/^\d{1,2}\)\s/.test(text) && (/[,;:]$/.test(end) || CLAUSE_ENDING.test(end.slice(-20)) || openEnding))
    return true;
  const marker = /^\(([ivxlc]+|[a-z])\)\s/.exec(text);
  return marker !== null && /\S \((?:[ivxlc]+|[a-z])\) /.test(tail);
}

/** Three in four of its longer words capitalised: a heading, a name, a post. */
function isTitleCase(text: string): boolean {
  const long = text.split(/\s+/).filter((word) => /\p{L}{4}/u.test(word) && !MONTH_NAME.test(word));
  return long.length > 0 && long.filter((word) => /^[^\p{L}]*\p{Lu}/u.test(word)).length / long.length >= 0.75;
}

const MONTH_NAME = /^(?:January|February|March|April|June|July|August|September|October|November|December)\b/;

/** A short line without final punctuation: an item of a list ("Building sustainable infrastructure"). */
function isShortItem(text: string): boolean {
  return text.split(/\s+/).length <= 12 && !/[.;,]$/.test(text);
}

/** The line reaches the wrap width: the next line's first word would not have fitted on it. */
function isFull(lastLine: string, next: string, width: number): boolean {
  const firstWord = next.split(/\s/, 1)[0] ?? '';
  return lastLine.length + 1 + firstWord.length > width * 0.85;
}
