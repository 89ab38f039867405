import type { ImportedChairsReport, ImportedSection } from '../../../shared/schemas/import.ts';
import { isClosingLine } from './clause-openers.ts';
import { endsSentence, isSubItem, isTableRow, readParagraphNumber, startsLowercase } from './line-markers.ts';
import { findDate } from './parse-english-date.ts';
import { preview, type SourceLine } from './read-lines.ts';
import { splitHeadings } from './split-headings.ts';
import { TextBuilder, wrapSeparator } from './text-builder.ts';

type Paragraph = { kind: 'paragraph'; text: TextBuilder; lastLine: 'text' | 'sub-item' | 'table'; empty: boolean };
type Item = Paragraph | { kind: 'line'; line: SourceLine };

/** Each break in the numbering is worth a warning, up to this many. */
const MAX_NUMBERING_WARNINGS = 10;

/** A dotted number this far past the expected one is a year or a figure, not a paragraph. */
const MAX_NUMBER_GAP = 20;

const REPORT_TITLE =
  /\b(?:chair(?:man|person|woman)?|co-chairs?)['’]?s?['’]?\s+(?:summary\s+)?(?:report|statement|summary)\b|\b(?:report|summary)\s+of\b/i;

/**
 * Reads a chair's report: the title, then numbered paragraphs ("1.", "1)", "(1)", or "1" in
 * sequence) under their headings. Everything up to the next numbered paragraph or heading
 * belongs to a paragraph: its wrapped lines, its lettered sub-items ("a.", "(a)", "i.") and any
 * table (rows of tab-separated cells), each on a line of its own. Lines before the title (a
 * cover page) are left out with a warning; the lines between the title and paragraph 1 (the
 * theme, dates and venue) become the first heading.
 */
export function parseChairsReport(lines: readonly SourceLine[]): ImportedChairsReport {
  const warnings: string[] = [];
  const items = readItems(lines, warnings);
  const firstParagraph = items.findIndex((item) => item.kind === 'paragraph');
  const frontEnd = firstParagraph === -1 ? items.length : firstParagraph;
  const front = items.slice(0, frontEnd).flatMap((item) => (item.kind === 'line' ? [item.line] : []));
  const { title, rest } = readTitle(front, warnings);

  const sections: ImportedSection[] = splitHeadings(rest);
  let block: SourceLine[] = [];
  const body = items.slice(frontEnd);
  body.forEach((item) => {
    if (item.kind === 'line') {
      block.push(item.line);
      return;
    }
    if (block.length > 0) sections.push(...splitHeadings(block));
    block = [];
    let section = sections.at(-1);
    if (section === undefined) {
      section = { heading: '', paragraphs: [] };
      sections.push(section);
    }
    section.paragraphs.push(item.text.toString());
  });
  // An export's "ADOPTED in ..." line after the last paragraph is no clause of a report.
  const trailing = block.filter((line) => {
    if (!isClosingLine(line.text)) return true;
    warnings.push(`Left out the adoption line “${preview(line.text)}”: a chair's report has no closing clause.`);
    return false;
  });
  sections.push(...splitHeadings(trailing));

  return { kind: 'chairs-report', title, sections, warnings };
}

function readItems(lines: readonly SourceLine[], warnings: string[]): Item[] {
  const items: Item[] = [];
  let expected = 1;
  let breaks = 0;
  for (const line of lines) {
    const last = items.at(-1);
    const current = last?.kind === 'paragraph' ? last : null;
    const text = line.text;
    if (current !== null && isTableRow(text)) {
      current.text.append(`\n${text}`);
      current.lastLine = 'table';
      continue;
    }
    const number = line.literal || line.heading > 0 || line.bullet ? null : readParagraphNumber(text);
    const inSequence = number !== null && number.number === expected;
    if (
      number !== null &&
      number.number < expected + MAX_NUMBER_GAP &&
      (!number.bare || (inSequence && /^[\p{Lu}"“‘(]/u.test(number.rest)))
    ) {
      if (!inSequence) {
        breaks += 1;
        if (breaks <= MAX_NUMBERING_WARNINGS) {
          warnings.push(
            expected === 1
              ? `The paragraph numbering starts at ${number.number}, not 1.`
              : `The paragraph numbering goes from ${expected - 1} to ${number.number}.`,
          );
        }
      }
      expected = number.number + 1;
      items.push({
        kind: 'paragraph',
        text: new TextBuilder(number.rest),
        lastLine: 'text',
        empty: number.rest === '',
      });
      continue;
    }
    if (current?.empty) {
      // The number stood alone on its line: this line is the paragraph's text.
      current.text.append(text);
      current.empty = false;
      continue;
    }
    if (current !== null && line.heading === 0 && (line.bullet || (!line.literal && isSubItem(text)))) {
      current.text.append(`\n${text}`);
      current.lastLine = 'sub-item';
      continue;
    }
    if (current !== null && line.heading === 0 && continuesParagraph(current, line)) {
      const end = current.text.tail();
      current.text.append((line.indent >= 2 && !line.blankBefore ? '\n' : wrapSeparator(end)) + text);
      continue;
    }
    items.push({ kind: 'line', line });
  }
  if (breaks > MAX_NUMBERING_WARNINGS) {
    warnings.push(`The paragraph numbering breaks ${breaks - MAX_NUMBERING_WARNINGS} more times.`);
  }
  return items;
}

/**
 * A line without a number continues the paragraph above when it is a wrapped line (no blank
 * line between, and not a short unpunctuated heading after a finished sentence) or the rest of
 * a sentence broken by a page break (it starts in lower case).
 */
function continuesParagraph(current: Paragraph, line: SourceLine): boolean {
  if (current.lastLine === 'table') return startsLowercase(line.text) && !line.blankBefore;
  if (startsLowercase(line.text)) return true;
  if (line.blankBefore) return false;
  const tail = current.text.tail();
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1);
  const looksLikeHeading = endsSentence(lastLine) && !endsSentence(line.text) && line.text.split(/\s+/).length <= 12;
  return !looksLikeHeading;
}

function readTitle(front: SourceLine[], warnings: string[]): { title: string; rest: SourceLine[] } {
  if (front.length === 0) return { title: '', rest: [] };
  let index = front.findIndex((line) => line.heading === 1);
  if (index === -1) {
    let longest = -1;
    front.forEach((line, i) => {
      if (REPORT_TITLE.test(line.text) && (longest === -1 || line.text.length > (front[longest]?.text.length ?? 0))) {
        longest = i;
      }
    });
    index = longest;
  }
  if (index === -1) index = 0;
  const titleLine = front[index];
  if (titleLine === undefined || titleLine.text.length > 300) return { title: '', rest: front };
  const cover = front.slice(0, index);
  if (cover.length > 0) {
    warnings.push(
      `Left out ${cover.length} line(s) before the title, a cover page: ${cover.map((l) => `“${preview(l.text, 60)}”`).join(', ')}.`,
    );
  }
  let rest = front.slice(index + 1);
  const dateLine = rest[0];
  // An export writes the adoption date right under a Markdown title; a report keeps no date.
  if (titleLine.heading === 1 && dateLine !== undefined && isDateOnly(dateLine.text)) {
    warnings.push(`Left out the date line “${dateLine.text}” under the title: a chair's report keeps no date.`);
    rest = rest.slice(1);
  }
  return { title: titleLine.text, rest };
}

function isDateOnly(text: string): boolean {
  const found = findDate(text);
  return found !== null && text.replace(text.slice(found.index, found.index + found.length), '').trim() === '';
}
