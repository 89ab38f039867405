import type { ImportedClosing } from '../../../shared/schemas/import.ts';
import { isMeetingLine } from '../clean/clause-openers.ts';
import { parseClosing } from '../parse/parse-closing.ts';
import { ClauseList, type Item } from './clause-list.ts';
import { oneLine, readFrontMatter } from './front-matter.ts';
import type { ParagraphFeatures } from './paragraph-features.ts';

export interface Assembled {
  title: string;
  date: string | null;
  place: string | null;
  closing: ImportedClosing | null;
  list: ClauseList;
  warnings: string[];
}

type Part = 'preamble' | 'operative' | 'end';

/**
 * Assembles a joint statement or declaration, or a resolution: the title block; the chapeau
 * (a resolution's body, "The General Assembly,"; a statement's "We, the …" or "The Twelfth …,
 * convened …"); preambular paragraphs up to the lead-in or the first operative paragraph;
 * operative paragraphs, with their lettered sub-items inside them and the sub-headings that
 * name a field of cooperation between them; the closing ("ADOPTED in …", "Done at …", "45th
 * plenary meeting" and its date). A paragraph whose kind comes from its place rather than its
 * words is marked as a close call, with the reason.
 */
export function assembleStatement(items: readonly Item[], resolution: boolean): Assembled {
  const list = new ClauseList();
  const warnings: string[] = [];
  const paragraphs = items.flatMap((item, index) => (item.kind === 'paragraph' ? [{ f: item.f, index }] : []));
  const start = paragraphs.find(({ f }, n) => opensBody(f, resolution, n))?.index ?? items.length;
  const front = readFrontMatter(items.slice(0, start), list);
  const hasLeadIn = paragraphs.some(({ f, index }) => takesLeadIn(f, next(items, index), resolution));

  let part: Part = 'preamble';
  let chapeau = false;
  let closingText: string | null = null;
  let after = 0;
  let leadInNote: string | null = null;

  // A front paragraph left over after the title is the chapeau when the body has none of its own.
  const leftover = front.rest;
  const bodyHasChapeau = items
    .slice(start)
    .some((item) => item.kind === 'paragraph' && (item.f.bodyName || item.f.chapeauLike));
  leftover.forEach((f, i) => {
    if (resolution) list.drop(f.paragraph.text, 'document-header');
    else if (i === leftover.length - 1 && !bodyHasChapeau) {
      list.add(
        'chapeau',
        f.paragraph.text,
        f.chapeauLike ? null : 'taken as the chapeau: the paragraph between the title and the first clause',
      );
      chapeau = true;
    } else {
      front.title = oneLine(`${front.title} ${f.paragraph.text}`);
    }
  });

  for (let index = start; index < items.length; index++) {
    const item = items[index];
    if (item === undefined) continue;
    if (item.kind === 'dropped') {
      list.drop(item.text, item.reason);
      continue;
    }
    const f = item.f;
    const text = f.text;
    if (part === 'end') {
      // A resolution's meeting line has its date on the next line: one closing line.
      if (f.dateLine && after === 0 && closingText !== null && isMeetingLine(closingText)) {
        closingText = `${closingText} ${text}`;
      } else {
        closingText = `${closingText ?? ''}\n${f.paragraph.text}`;
        after += 1;
      }
      continue;
    }
    if (f.closing) {
      closingText = f.paragraph.text;
      part = 'end';
      continue;
    }
    if (!chapeau && part === 'preamble' && list.clauses.length === 0 && (f.bodyName || (f.chapeauLike && !f.leadIn))) {
      list.add('chapeau', text);
      chapeau = true;
      continue;
    }
    if (part === 'preamble' && takesLeadIn(f, next(items, index), resolution)) {
      if (list.clauses.length === 0 && f.chapeauLike) {
        leadInNote =
          'the chapeau ends with the lead-in: taken as the lead-in; split it if the chapeau should stand alone';
      }
      list.add('lead-in', f.paragraph.text, leadInNote);
      part = 'operative';
      continue;
    }
    if (f.table || (f.subItem && !(f.paragraph.bullet && f.operative !== null && !resolution))) {
      if (list.appendToLast(f.paragraph.text, '\n')) continue;
    }
    // A line of its own with no number, opener or blank line before it goes on with the clause above.
    const last = list.last();
    const continues =
      !f.paragraph.blankBefore &&
      f.number === null &&
      f.operative === null &&
      f.preamble === null &&
      !f.leadIn &&
      f.heading === 0;
    if (continues && !f.headingLike && (last?.kind === 'operative' || last?.kind === 'preamble')) {
      list.appendToLast(text, ' ');
      continue;
    }
    if (part === 'preamble') {
      if (f.preamble !== null && !(resolution && f.number !== null && f.operative !== null)) {
        list.add('preamble', text);
        continue;
      }
      const startsOperative = resolution
        ? f.operative !== null || f.number !== null
        : !hasLeadIn && (f.operative === 'capitals' || f.number !== null || f.paragraph.bullet);
      if (startsOperative) {
        if (!resolution) {
          warnings.push(
            `No lead-in (such as “WE HEREBY COMMIT TO:”) was found: the operative clauses start at “${preview(text)}”.`,
          );
        }
        part = 'operative';
        list.add(
          'operative',
          text,
          f.operative === null
            ? `numbered, with no operative verb: taken as the first operative paragraph`
            : resolution
              ? null
              : 'no lead-in: taken as the first operative clause',
        );
        continue;
      }
      list.add(
        'preamble',
        text,
        `no preambular opener: taken as preambular because it comes before ${hasLeadIn ? 'the lead-in' : 'the first operative paragraph'}`,
      );
      continue;
    }
    // The operative part.
    if (
      f.heading > 0 ||
      (f.headingLike &&
        f.number === null &&
        f.operative === null &&
        f.ending !== ':' &&
        f.words <= 12 &&
        !f.paragraph.bullet)
    ) {
      list.add(
        'heading',
        oneLine(text),
        f.heading > 0
          ? null
          : 'a short line with no number and no final punctuation: taken as a sub-heading of the operative part',
      );
      continue;
    }
    if (/^\p{Ll}/u.test(text) && list.last()?.kind === 'operative' && list.appendToLast(text, ' ')) continue;
    const note =
      f.operative !== null || f.number !== null || (f.paragraph.bullet && !resolution)
        ? f.preamble !== null && f.operative === null
          ? 'opens like a preambular paragraph but comes after the operative ones: check its kind'
          : null
        : `no number and no operative verb: taken as operative because it follows ${hasLeadIn ? 'the lead-in' : 'the operative paragraphs'}`;
    list.add('operative', text, note);
  }

  if (!chapeau && list.clauses.length > 0 && !resolution)
    warnings.push('No chapeau (the opening “We, the …” or “The … convened in …” sentence) was found.');
  if (resolution && !chapeau)
    warnings.push('No body’s name (such as “The General Assembly,”) was found to open the resolution.');
  if (after > 0)
    warnings.push(
      `Kept ${after} paragraph(s) after the closing line in the closing clause: move them if they belong elsewhere.`,
    );
  const year = Number((front.date ?? '').slice(0, 4)) || null;
  const closing = closingText === null ? null : { text: closingText, ...parseClosing(closingText, year) };
  if (closing !== null) {
    list.add('closing', closing.text);
    if ((closing.date === null && !(resolution && front.date !== null)) || (!resolution && closing.place === null)) {
      warnings.push(
        `The closing line's ${!resolution && closing.place === null ? 'place' : 'date'} could not be read.`,
      );
    }
  } else if (!resolution) warnings.push('No closing line (“ADOPTED in <place> on <date>”) was found.');
  if (front.title === '') warnings.push('No title was found: give the draft one before creating it.');
  return {
    title: front.title,
    date: front.date ?? closing?.date ?? null,
    place: front.place ?? closing?.place ?? null,
    closing,
    list,
    warnings,
  };
}

function opensBody(f: ParagraphFeatures, resolution: boolean, n: number): boolean {
  if (f.documentHeader || f.resolutionTitle !== null || (f.dateLine && f.words <= 12) || (f.heading === 1 && n === 0))
    return false;
  if (f.bodyName || f.chapeauLike || f.preamble !== null || f.leadIn || f.closing) return true;
  if (resolution) return f.operative === 'sentence' || f.number !== null;
  return n > 0 && (f.operative === 'capitals' || f.number !== null);
}

/**
 * A lead-in that commits ("WE HEREBY COMMIT TO:", "… have agreed to:") is one whatever follows;
 * one that only announces ("… released the following statement:") is one before operative
 * paragraphs only.
 */
export function takesLeadIn(
  f: ParagraphFeatures,
  following: ParagraphFeatures | undefined,
  resolution: boolean,
): boolean {
  if (!f.leadIn) return false;
  const announces =
    /\b(?:the\s+following|as\s+follows)(?:\s+\p{L}+){0,2}\s*:$/iu.test(f.text) && !/\bhereby\b/i.test(f.text);
  return !announces || opensOperative(following, resolution);
}

export function opensOperative(f: ParagraphFeatures | undefined, resolution: boolean): boolean {
  if (f === undefined) return false;
  return f.operative !== null || f.number !== null || f.subItem || (!resolution && f.headingLike && f.words <= 12);
}

function next(items: readonly Item[], index: number): ParagraphFeatures | undefined {
  for (let i = index + 1; i < items.length; i++) {
    const item = items[i];
    if (item?.kind === 'paragraph') return item.f;
  }
  return undefined;
}

function preview(text: string, max = 50): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
