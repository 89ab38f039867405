import { parseClosing } from '../parse/parse-closing.ts';
import { type HeadingLine, splitHeadings } from '../parse/split-headings.ts';
import type { Assembled } from './assemble-statement.ts';
import { ClauseList, type Item } from './clause-list.ts';
import { isTitleLike } from './document-kind.ts';
import { oneLine, readFrontMatter } from './front-matter.ts';
import type { ParagraphFeatures } from './paragraph-features.ts';

export const PLAIN_TEXT_NOTICE =
  'No joint statement, resolution or report was recognised (no preambular clauses, lead-in, numbered paragraphs or title): each block of text became one paragraph. Check the clauses and their kinds before creating the draft.';

/** Each break in the numbering is worth a warning, up to this many. */
const MAX_NUMBERING_WARNINGS = 10;
/** A number this far past the expected one is a year or a figure, not a paragraph number. */
const MAX_NUMBER_GAP = 20;

const REPORT_TITLE =
  /\b(?:chair(?:man|person|woman)?|co-chairs?)['’]?s?['’]?\s+(?:summary\s+)?(?:report|statement|summary)\b|\b(?:report|summary)\s+of\b/i;

/**
 * Assembles a numbered report, communiqué or chair's statement (`numbered`), a text of prose
 * paragraphs under a title (`prose`), or a text with no structure at all (`plain`, with a
 * notice). Numbered paragraphs are paragraphs; their lettered sub-items, bullets and table rows
 * stay inside them, one line each; short unnumbered lines between them are headings (a
 * presenter's name and post form one heading); unnumbered prose is kept as a paragraph of its
 * own, unless it goes on from the paragraph above without a blank line. Lines before a report's
 * title are a cover page, left out.
 */
export function assembleReport(items: readonly Item[], mode: 'numbered' | 'prose' | 'plain'): Assembled {
  const list = new ClauseList();
  const warnings: string[] = [];
  const paragraphs = items.flatMap((item, index) => (item.kind === 'paragraph' ? [{ f: item.f, index }] : []));
  const firstBody =
    mode === 'numbered'
      ? (paragraphs.find(({ f }) => isParagraphNumber(f, 1, true))?.index ?? items.length)
      : mode === 'prose'
        ? (paragraphs.find(({ f }, n) => n > 0 && !isTitleLike(f) && !(f.dateLine && f.words <= 12))?.index ??
          items.length)
        : 0;
  const front = items.slice(0, firstBody);
  const frontParagraphs = front.flatMap((item, index) => (item.kind === 'paragraph' ? [{ f: item.f, index }] : []));

  // The title: a Markdown title, a report's title line (the longest), or the first line.
  let titleAt = frontParagraphs.find(({ f }) => f.heading === 1)?.index;
  if (titleAt === undefined && mode === 'numbered') {
    const named = frontParagraphs.filter(
      ({ f }) => REPORT_TITLE.test(f.paragraph.text) && f.paragraph.text.length <= 300,
    );
    titleAt = named.sort((a, b) => b.f.paragraph.text.length - a.f.paragraph.text.length)[0]?.index;
  }
  if (titleAt === undefined && mode !== 'plain') titleAt = frontParagraphs.find(({ f }) => isTitleLike(f))?.index;
  let title = '';
  if (titleAt !== undefined) {
    const cover = front.slice(0, titleAt);
    const coverLines = cover.flatMap((item) => (item.kind === 'paragraph' ? [item.f.paragraph.text] : []));
    for (const item of cover) {
      if (item.kind === 'paragraph') list.drop(item.f.paragraph.text, 'cover-page');
      else list.drop(item.text, item.reason);
    }
    if (coverLines.length > 0) {
      warnings.push(
        `Left out ${coverLines.length} line(s) before the title, a cover page: ${coverLines.map((l) => `“${preview(oneLine(l), 60)}”`).join(', ')}.`,
      );
    }
    const titleItem = front[titleAt];
    if (titleItem?.kind === 'paragraph') title = oneLine(titleItem.f.paragraph.text);
  }
  const afterTitle = titleAt === undefined ? front : front.slice(titleAt + 1);
  const matter = readFrontMatter(afterTitle, list, true);

  let pending: HeadingLine[] = matter.rest.map((f) => ({ text: f.paragraph.text, heading: f.heading }));
  const flushHeadings = () => {
    for (const heading of splitHeadings(pending)) list.add('heading', heading);
    pending = [];
  };
  let expected = 1;
  let breaks = 0;
  let lastWasSubItem = false;
  let closingText: string | null = null;
  for (const item of items.slice(firstBody)) {
    if (item.kind === 'dropped') {
      list.drop(item.text, item.reason);
      continue;
    }
    const f = item.f;
    if (mode === 'plain') {
      if (f.heading === 1 && title === '' && list.clauses.length === 0) title = f.paragraph.text;
      else list.add(f.heading > 0 ? 'heading' : 'paragraph', f.paragraph.text);
      continue;
    }
    if (f.closing && closingText === null) {
      flushHeadings();
      closingText = f.paragraph.text;
      continue;
    }
    if (mode === 'numbered' && isParagraphNumber(f, expected, false)) {
      const value = f.number?.value ?? expected;
      if (value !== expected) {
        breaks += 1;
        if (breaks <= MAX_NUMBERING_WARNINGS) {
          warnings.push(
            expected === 1
              ? `The paragraph numbering starts at ${value}, not 1.`
              : `The paragraph numbering goes from ${expected - 1} to ${value}.`,
          );
        }
      }
      expected = value + 1;
      flushHeadings();
      list.add('paragraph', f.text);
      lastWasSubItem = false;
      continue;
    }
    const last = list.last();
    const intoParagraph = last?.kind === 'paragraph' && pending.length === 0;
    if ((f.subItem || f.table || (mode === 'prose' && listsAfterColon(f, last?.text))) && intoParagraph) {
      list.appendToLast(f.paragraph.text, '\n');
      lastWasSubItem = true;
      continue;
    }
    if (f.heading > 0 || isReportHeading(f, mode)) {
      pending.push({ text: f.paragraph.text, heading: f.heading });
      continue;
    }
    if (intoParagraph && (!f.paragraph.blankBefore || /^\p{Ll}/u.test(f.paragraph.text)) && mode === 'numbered') {
      list.appendToLast(f.paragraph.text, lastWasSubItem ? '\n' : ' ');
      continue;
    }
    flushHeadings();
    list.add('paragraph', f.paragraph.text, mode === 'numbered' ? 'no number: kept as a paragraph of its own' : null);
    lastWasSubItem = false;
  }
  flushHeadings();
  if (breaks > MAX_NUMBERING_WARNINGS)
    warnings.push(`The paragraph numbering breaks ${breaks - MAX_NUMBERING_WARNINGS} more times.`);
  const year = Number((matter.date ?? '').slice(0, 4)) || null;
  const closing = closingText === null ? null : { text: closingText, ...parseClosing(closingText, year) };
  if (closing !== null) list.add('closing', closing.text);
  if (mode === 'plain') warnings.unshift(PLAIN_TEXT_NOTICE);
  return {
    title,
    date: matter.date ?? closing?.date ?? null,
    place: matter.place ?? closing?.place ?? null,
    closing,
    list,
    warnings,
  };
}

/** A paragraph number that counts: marked ("12.", "(12)"), or bare in sequence; not a year or figure far past the last. */
function isParagraphNumber(f: ParagraphFeatures, expected: number, first: boolean): boolean {
  const number = f.number;
  if (number === null || f.subItem) return false;
  if (number.bare) return number.value === expected || (first && number.value === 1);
  return number.value < expected + MAX_NUMBER_GAP;
}

/**
 * An unnumbered line that heads what follows: in a numbered report, anything that does not
 * end as a sentence does (a presenter's name, post and institution can be long), or a short
 * line ending in a colon ("Adoption of the agenda:"); in prose, a short line with no final
 * punctuation.
 */
function isReportHeading(f: ParagraphFeatures, mode: 'numbered' | 'prose' | 'plain'): boolean {
  if (f.subItem || f.table) return false;
  if (mode === 'prose') return f.headingLike && f.words <= 12 && f.ending === '';
  if (f.ending === ':') return f.words <= 12;
  if (f.titleCase && f.words <= 40) return true;
  return !['.', ';', '?', '!'].includes(f.ending) && f.words <= 60;
}

/** A short line right after a paragraph that ends in a colon: an item of the list it introduces. */
function listsAfterColon(f: ParagraphFeatures, previous: string | undefined): boolean {
  if (previous === undefined || f.ending === '.' || f.words > 20) return false;
  const lastLine = previous.slice(previous.lastIndexOf('\n') + 1);
  return previous.trimEnd().endsWith(':') || (previous.includes(':\n') && !/[.]$/.test(lastLine));
}

function preview(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
