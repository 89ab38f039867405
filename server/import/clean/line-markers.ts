/** A paragraph number at the start of a line: "12. text", "12) text", "(12) text", "12 text". */
export interface ParagraphNumber {
  number: number;
  /** The text after the number ('' when the number stands alone on its line). */
  rest: string;
  /** Written without a dot or bracket ("12 text"): only a number in sequence counts. */
  bare: boolean;
}

const MARKED_NUMBER = /^(?:\((\d{1,4})\)|(\d{1,4})[.)])(?:\s+|$)/;
const BARE_NUMBER = /^(\d{1,4})\s+(?=\S)/;
/** After a bare number, these start a date or a range, not a paragraph: "17 June", "4 – 7 ...". */
const NOT_AFTER_BARE =
  /^(?:[-–—/:.,%]|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:st|nd|rd|th)\b|per\s?cent\b)/i;

export function readParagraphNumber(text: string): ParagraphNumber | null {
  const marked = MARKED_NUMBER.exec(text);
  if (marked !== null) {
    return { number: Number(marked[1] ?? marked[2]), rest: text.slice(marked[0].length).trim(), bare: false };
  }
  const bare = BARE_NUMBER.exec(text);
  if (bare === null) return null;
  const rest = text.slice(bare[0].length);
  if (NOT_AFTER_BARE.test(rest)) return null;
  return { number: Number(bare[1]), rest: rest.trim(), bare: true };
}

/**
 * A sub-item marker at the start of a line: "a.", "a)", "(a)", "aa.", "i.", "(iv)", or a decimal
 * "1.1"; the marker is part of the text and stays in it. Two letters count only doubled ("aa.")
 * or as a roman numeral ("iv."): "it." and "in." open no item.
 */
const SUB_ITEM =
  /^(?:\((?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh|[ivxlc]{1,6})\)|(?:[a-z]|aa|bb|cc|dd|ee|ff|gg|hh|[ivxlc]{1,6})[.)]|\d{1,3}(?:\.\d{1,3})+\.?)(?:\s+|$)/;

export function isSubItem(text: string): boolean {
  return SUB_ITEM.test(text);
}

/** A row of a table pasted as text: cells separated by tabs, or a Markdown `| a | b |` row. */
export function isTableRow(text: string): boolean {
  return text.includes('\t') || /^\|.*\|$/.test(text);
}

/** Ends a sentence or a clause: ".", ";", ":", "?", "!", possibly before a closing quote or bracket. */
export function endsSentence(text: string): boolean {
  // Only the end matters; a regex anchored at the end still scans a long text from its start.
  return /[.;:?!…][”"’')\]]*$/.test(text.slice(-12));
}

export function startsLowercase(text: string): boolean {
  return /^[\p{Ll}]/u.test(text);
}
