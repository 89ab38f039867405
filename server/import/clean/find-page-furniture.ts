import type { DroppedReason } from '../../../shared/schemas/import.ts';
import { isDateLine } from '../parse/parse-english-date.ts';
import { isOperativeOpener, isPreambleOpener } from './clause-openers.ts';
import { readParagraphNumber } from './line-markers.ts';
import type { SourceLine } from './source-line.ts';

/** "Page 3", "Page 3 of 10", "3 of 10", "3/10", "- 3 -", "[3]"; a bare "3" only between blank lines. */
const PAGE_NUMBER =
  /^(?:page\s+\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|\[\d{1,4}\])$/i;
const BARE_NUMBER = /^\d{1,4}$/;
/** A UN job number ("24-12345", "25-18769 (E)") or the bar code under it ("*2518769*"). */
const JOB_NUMBER = /^(?:\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{1,4}\s*\/\s*\d{1,4})?|\*\d{6,9}\*)$/;
/** A document symbol: "A/RES/79/123", "S/RES/2719 (2023)", "A/80/L.7", "E/CN.6/2024/L.3". */
const SYMBOL = String.raw`(?:[A-Z]{1,8}(?:\.\d{1,3})?\/(?:[A-Za-z0-9.()\-]+\/)*[A-Za-z0-9.\-]+(?:\s*\(\d{4}\))?(?:\/Rev\.\d{1,2})?)`;
const SYMBOL_ALONE = new RegExp(`^${SYMBOL}$`);
/** A running header that is a symbol and a title, in either order: "A/RES/80/4 Necessity of …". */
const SYMBOL_AND_TITLE = new RegExp(`^(?:${SYMBOL}\\s+\\S.*|.*\\S\\s+${SYMBOL})$`);
/** A line of nothing but punctuation and symbols: "###", "* * *", "—". */
const PUNCTUATION_ONLY = /^[\p{P}\p{S}\s]+$/u;

const DRAFT_BANNER = /^DRAFT\b.*\bnot adopted\b/i;
const ADOPTION_HASH = /^(?:adoption hash|adopted text sha-256)\b|\bsha-256:\s*[0-9a-f]{64}\b/i;

const RESOLUTION_TITLE_LINE = /^\d{1,3}\/\d{1,4}\.\s+\S/;

/** How often a line must repeat before it can be a running header or footer. */
const MIN_REPEATS = 2;

/**
 * Finds the lines a paginated document prints on every page and a paste keeps: page numbers in
 * their usual forms, UN job numbers and bar codes, document symbols standing alone or beside
 * the running title, separators ("###"), an export's "DRAFT — not adopted" and hash lines, and
 * running headers and footers: a line that repeats, where at least once it stands beside
 * other page furniture or another repeated line, or interrupts a sentence (the text before it
 * does not end one and the text after it goes on in lower case). A heading that merely recurs
 * ("Closing Remarks") stands beside different lines each time and ends no broken sentence: it
 * stays. The first occurrence of a repeated line at the very top is the title: it stays.
 * `skip` are lines already taken (footnotes). Answers line index → reason.
 */
export function findPageFurniture(lines: readonly SourceLine[], skip: ReadonlySet<number>): Map<number, DroppedReason> {
  const found = new Map<number, DroppedReason>();
  const candidates: number[] = [];
  lines.forEach((line, i) => {
    if (skip.has(i) || line.separator || line.heading > 0) return;
    const reason = fixedFurniture(lines, i);
    if (reason !== null) found.set(i, reason);
    else candidates.push(i);
  });

  const keys = new Map<number, string>();
  const counts = new Map<string, number[]>();
  for (const i of candidates) {
    const key = headerKey(lines[i]?.text ?? '');
    if (key === null) continue;
    keys.set(i, key);
    const indices = counts.get(key);
    if (indices === undefined) counts.set(key, [i]);
    else indices.push(i);
  }
  const neighbours = (i: number): [number | null, number | null] => [
    neighbour(lines, skip, i, -1),
    neighbour(lines, skip, i, 1),
  ];

  // A symbol-and-title header too long for its line goes on, with the rest of the title, on the next ones.
  const title = documentTitle(lines, skip);
  for (const [i, reason] of [...found]) {
    const rest = symbolHeaderTitle(lines[i]?.text ?? '');
    if (reason !== 'running-header' || rest === null || title === null || !title.startsWith(rest) || rest === title)
      continue;
    let sofar = rest;
    for (let j = i + 1; j < lines.length && !lines[j]?.blankBefore; j++) {
      sofar = `${sofar} ${lines[j]?.text ?? ''}`;
      if (!title.startsWith(sofar)) break;
      found.set(j, 'running-header');
    }
  }
  const fixed = new Set(found.keys());
  const isHeaderAt = (i: number) => {
    const [before, after] = neighbours(i);
    const besideFurniture = [before, after].some((n) => n !== null && fixed.has(n));
    const text = lines[i]?.text ?? '';
    return (
      besideFurniture || (standsAlone(lines, i) && !opensParagraph(text) && interruptsSentence(lines, before, after))
    );
  };
  // A header of several lines: each repeats three times or more, beside another such line at least twice.
  const inHeaderGroup = (indices: readonly number[]) =>
    indices.length >= 3 &&
    indices.filter((i) => neighbours(i).some((n) => n !== null && (counts.get(keys.get(n) ?? '')?.length ?? 0) >= 3))
      .length >= 2;
  for (const indices of counts.values()) {
    // A header stands where headers do on most of the pages it is printed on; a sentence the text repeats, seldom.
    const printed = indices.filter((i) => !RESOLUTION_TITLE_LINE.test(lines[i]?.text ?? ''));
    const where = printed.filter(isHeaderAt).length;
    if (
      indices.length < MIN_REPEATS ||
      !((where > 0 && where >= Math.ceil(printed.length / 2)) || inHeaderGroup(indices))
    ) {
      continue;
    }
    // A running header is printed from the second page on: its first occurrence is the title,
    // unless it too stands where a header does.
    // A resolution's numbered title line ("80/7. Report of …") is the title, never the header.
    const [first, ...later] = indices.filter((i) => !RESOLUTION_TITLE_LINE.test(lines[i]?.text ?? ''));
    const firstIsHeader = isHeaderAt(first ?? -1) || inHeaderGroup(indices);
    if (first !== undefined && firstIsHeader && !isTitleAtTop(lines, skip, first)) found.set(first, 'running-header');
    for (const i of later) found.set(i, 'running-header');
  }
  return found;
}

/**
 * What a line is by itself, whatever repeats: a page number, a job number, a document symbol,
 * a symbol-and-title running header, a separator, an export's mark; null for anything else.
 */
export function fixedFurniture(lines: readonly SourceLine[], i: number): DroppedReason | null {
  const line = lines[i];
  if (line === undefined) return null;
  const text = line.text.trim();
  if (PAGE_NUMBER.test(line.raw)) return 'page-number';
  if (JOB_NUMBER.test(line.raw)) return 'job-number';
  if (PUNCTUATION_ONLY.test(line.raw) || PUNCTUATION_ONLY.test(text)) return 'separator';
  if (line.literal) return null;
  if (PAGE_NUMBER.test(text)) return 'page-number';
  const next = lines[i + 1];
  const nextIsFooter = next !== undefined && (JOB_NUMBER.test(next.raw) || SYMBOL_ALONE.test(next.raw));
  if (BARE_NUMBER.test(text) && line.blankBefore && ((next?.blankBefore ?? true) || nextIsFooter)) return 'page-number';
  if (JOB_NUMBER.test(text)) return 'job-number';
  if (SYMBOL_ALONE.test(text)) return 'document-symbol';
  // A symbol beside a title stands apart from the text, and opens no paragraph ("1. NOTE … A/RES/77/248").
  const apart = line.blankBefore || (lines[i + 1]?.blankBefore ?? true);
  if (text.length <= 250 && !/[.;:,]$/.test(text) && apart && SYMBOL_AND_TITLE.test(text) && !opensParagraph(text)) {
    return 'running-header';
  }
  if (DRAFT_BANNER.test(text) || ADOPTION_HASH.test(text)) return 'export-marker';
  return null;
}

/** What makes two lines the same running header; null for a line that cannot be one (a date line, a sentence). */
/** Blank lines (or a page break) before or after it: a header stands apart from the text it interrupts. */
function standsAlone(lines: readonly SourceLine[], i: number): boolean {
  return (lines[i]?.blankBefore ?? false) || (lines[i + 1]?.blankBefore ?? true);
}

/** The title a resolution's numbered title line gives ("80/4. Necessity of …" → "Necessity of …"), or null. */
function documentTitle(lines: readonly SourceLine[], skip: ReadonlySet<number>): string | null {
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    if (skip.has(i) || !RESOLUTION_TITLE_LINE.test(text)) continue;
    let title = text.replace(/^\d{1,3}\/\d{1,4}\.\s+/, '');
    for (let j = i + 1; j < lines.length && !lines[j]?.blankBefore; j++) title = `${title} ${lines[j]?.text ?? ''}`;
    return title;
  }
  return null;
}

/** The title part of a symbol-and-title header line ("A/RES/80/4 Necessity of …" → "Necessity of …"). */
function symbolHeaderTitle(text: string): string | null {
  const match = new RegExp(`^${SYMBOL}\\s+(\\S.*)$`).exec(text);
  return match?.[1] ?? null;
}

function opensParagraph(text: string): boolean {
  return readParagraphNumber(text) !== null || isPreambleOpener(text) || isOperativeOpener(text);
}

function headerKey(text: string): string | null {
  // A resolution's title line ("80/1. Participation by …") is its running header, numbered.
  const key = text
    .replace(/^\d{1,3}\/\d{1,4}\.\s+/, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  // A header starts with a capital or a figure; a line in lower case goes on from the one before.
  if (
    key === '' ||
    key.length > 150 ||
    key.split(' ').length > 20 ||
    /[.;,-]$/.test(key) ||
    !/^[\p{Lu}\d"“]/u.test(text) ||
    isDateLine(text)
  )
    return null;
  return key;
}

/** The next line before (-1) or after (1) that is no footnote or separator. */
function neighbour(lines: readonly SourceLine[], skip: ReadonlySet<number>, i: number, step: -1 | 1): number | null {
  for (let j = i + step; j >= 0 && j < lines.length; j += step) {
    if (!skip.has(j) && !lines[j]?.separator) return j;
  }
  return null;
}

function interruptsSentence(lines: readonly SourceLine[], before: number | null, after: number | null): boolean {
  if (before === null || after === null) return false;
  const previous = lines[before]?.text ?? '';
  const next = lines[after]?.text ?? '';
  if (/[.;:!?”"’)\]]$/.test(previous)) return false;
  return /^\p{Ll}/u.test(next) || /(?:,|\b(?:of|the|and|or|to|in|on|by|for|with|a|an|at|from))$/i.test(previous);
}

function isTitleAtTop(lines: readonly SourceLine[], skip: ReadonlySet<number>, i: number): boolean {
  let before = 0;
  for (let j = 0; j < i && before < 2; j++) if (!skip.has(j) && !lines[j]?.separator) before += 1;
  return before < 2;
}
