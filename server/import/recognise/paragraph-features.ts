import {
  isClosingLine,
  isLeadIn,
  isMeetingLine,
  type OpenerCase,
  operativeOpener,
  preambleOpener,
} from '../clean/clause-openers.ts';
import type { Paragraph } from '../clean/join-wrapped-lines.ts';
import { isSubItem, isTableRow, readParagraphNumber } from '../clean/line-markers.ts';
import { isDateLine } from '../parse/parse-english-date.ts';

/** What a paragraph's own words and layout say about it, before its place in the text is weighed. */
export interface ParagraphFeatures {
  /** The paragraph as cleaned. */
  paragraph: Paragraph;
  /** Its text without a paragraph number ("1. Decides …" → "Decides …"). */
  text: string;
  /** A paragraph number in front of it, and whether it was written without a dot ("1 WE, …"). */
  number: { value: number; bare: boolean } | null;
  /** A lettered or roman sub-item ("(a)", "b.", "iv)"), a bullet, or a table row: part of the paragraph above. */
  subItem: boolean;
  table: boolean;
  /** Markdown heading level, 0 for none. */
  heading: number;
  preamble: OpenerCase | null;
  operative: OpenerCase | null;
  leadIn: boolean;
  closing: boolean;
  meeting: boolean;
  dateLine: boolean;
  /** A line of a resolution's masthead: "Distr.: General", "Agenda item 89", "Resolution adopted by …". */
  documentHeader: boolean;
  /** A resolution's number and title: "80/7. Report of the International Atomic Energy Agency". */
  resolutionTitle: string | null;
  /** The body a resolution speaks for: "The General Assembly,", "The Security Council,". */
  bodyName: boolean;
  /** Opens as a chapeau does: "We, the …", "WE,", "The Twelfth ADMM-Plus, convened …". */
  chapeauLike: boolean;
  /** The last character that ends its text, or '' for none. */
  ending: '.' | ';' | ',' | ':' | '?' | '!' | '';
  words: number;
  /** Short and without a final stop or semicolon: a heading, a name, a field of cooperation. */
  headingLike: boolean;
  /** Its longer words mostly capitalised, as a name, a post or a title is written. */
  titleCase: boolean;
}

const DOCUMENT_HEADER = [
  /^(?:United Nations|General Assembly|Security Council|Economic and Social Council|Human Rights Council)(?:\s+(?:Distr\.|A\/|S\/|E\/).*)?$/,
  /^Distr\.?\s*:/i,
  /^(?:\p{Lu}\p{Ll}+(?:-\p{Ll}+)?\s+(?:session|special session|emergency special session))\b/u,
  /^Agenda items?\s+\d/i,
  /^Resolution\s+(?:adopted\s+by|\d{1,5}\s*\(\d{4}\))/i,
  /^Adopted by the\s+.{3,80}\s+at its\b/i,
  /^\[(?:on the report of|without reference to)\b/i,
  /^on\s+\d{1,2}\s+\p{L}+\s+\d{4}$/u,
];
const RESOLUTION_TITLE = /^(\d{1,3}\/\d{1,4}|\d{1,5}\s*\(\d{4}\))\.\s+(\S.*)$/s;
const BODY_NAME = /^The\s+(?:(?:\p{Lu}[\p{L}-]*|of|the|and|on|for)\s+){0,6}\p{Lu}[\p{L}-]*,?$/u;
const CHAPEAU_OPENING = /^(?:We|WE)\b\s*[,—–-]|^The\s+\S.*\b(?:convened|met|meeting|gathered|assembled)\b/u;

/** Reads what a paragraph says about itself: its number, opener, final punctuation, length, layout. */
export function readFeatures(paragraph: Paragraph): ParagraphFeatures {
  const raw = paragraph.text;
  const number = paragraph.literal || paragraph.heading > 0 || paragraph.bullet ? null : readParagraphNumber(raw);
  // A bare number is a paragraph number only before a capital, and no year ("2030 Agenda for …").
  const counts =
    number !== null &&
    number.rest !== '' &&
    (!number.bare || (number.number <= 300 && /^[\p{Lu}"“‘(]/u.test(number.rest)));
  const text = counts ? number.rest : raw;
  const firstLine = text.split('\n', 1)[0] ?? '';
  const ending = (/[.;,:?!](?=[”"’')\]]*$)/.exec(text.slice(-6))?.[0] ?? '') as ParagraphFeatures['ending'];
  const words = text.split(/\s+/).filter((w) => w !== '').length;
  const resolutionTitle = RESOLUTION_TITLE.exec(raw)?.[2] ?? null;
  return {
    paragraph,
    text,
    number: counts ? { value: number.number, bare: number.bare } : null,
    subItem: paragraph.bullet || (!paragraph.literal && !counts && isSubItem(raw)),
    table: isTableRow(raw),
    heading: paragraph.heading,
    preamble: preambleOpener(text),
    operative: operativeOpener(text),
    leadIn: isLeadIn(text),
    closing: isClosingLine(text),
    meeting: isMeetingLine(text),
    dateLine: isDateLine(firstLine) && !text.includes('\n') ? true : isDateLine(text),
    documentHeader: DOCUMENT_HEADER.some((pattern) => pattern.test(raw)),
    resolutionTitle,
    bodyName: BODY_NAME.test(raw) && words <= 8,
    chapeauLike: CHAPEAU_OPENING.test(text),
    ending,
    words,
    titleCase: isTitleCase(text),
    headingLike:
      words <= 20 && ending !== '.' && ending !== ';' && ending !== ',' && !/\n/.test(text.trim())
        ? true
        : headingLines(text),
  };
}

/** Every line short and without a final stop: a heading of several lines (a speaker's name and post). */
function headingLines(text: string): boolean {
  const lines = text.split('\n');
  return lines.length > 1 && lines.every((line) => line.split(/\s+/).length <= 20 && !/[.;,]$/.test(line));
}

/** Three in four of its words of four letters or more start with a capital: "Welcome Remarks by Lieutenant General …". */
function isTitleCase(text: string): boolean {
  const long = text.split(/\s+/).filter((word) => /\p{L}{4}/u.test(word));
  if (long.length === 0) return false;
  const capitalised = long.filter((word) => /^[^\p{L}]*\p{Lu}/u.test(word)).length;
  return capitalised / long.length >= 0.75;
}
