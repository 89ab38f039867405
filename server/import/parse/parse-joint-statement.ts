import type { ImportedClosing, ImportedJointStatement } from '../../../shared/schemas/import.ts';
import { isCapitalisedWord, isClosingLine, isLeadIn, isOperativeOpener, isPreambleOpener } from './clause-openers.ts';
import { endsSentence, readParagraphNumber, startsLowercase } from './line-markers.ts';
import { parseClosing } from './parse-closing.ts';
import { findDate } from './parse-english-date.ts';
import { preview, type SourceLine } from './read-lines.ts';
import { TextBuilder, wrapSeparator } from './text-builder.ts';

/** A paragraph of the statement: one clause, or the title, date line, chapeau. */
interface Unit {
  text: string;
  heading: boolean;
  /** Opened as a list item (numbered or bulleted): its indented lines are hard line breaks. */
  listItem: boolean;
}

/**
 * Reads a joint statement or declaration: title, date line, chapeau, preambular clauses, the
 * lead-in, operative clauses (list numbers removed: the draft numbers them) and the closing
 * "ADOPTED in <place> on <date>" with its place and date. What does not fit is kept in the
 * nearest part with a warning, never dropped.
 */
export function parseJointStatement(lines: readonly SourceLine[]): ImportedJointStatement {
  const units = buildUnits(lines);
  const warnings: string[] = [];
  const hasLeadIn = units.some((unit) => isLeadIn(unit.text));
  let bodyStart = units.findIndex((unit) => isPreambleOpener(unit.text) || isLeadIn(unit.text));
  if (bodyStart === -1) bodyStart = units.findIndex((unit, i) => i > 0 && isOperativeOpener(unit.text));
  if (bodyStart === -1) bodyStart = units.length;

  const front = readFront(units.slice(0, bodyStart));
  const { preamble, leadIn, operative, closing } = readBody(units.slice(bodyStart), hasLeadIn, warnings);

  if (front.title === '') warnings.push('No title was found: give the draft one before creating it.');
  if (front.chapeau === '') warnings.push('No chapeau (the opening “The … convened in …” sentence) was found.');
  if (leadIn === '' && operative.length === 0) {
    warnings.push('No lead-in (such as “WE HEREBY COMMIT TO:”) and no operative clause was found.');
  }
  if (closing === null) warnings.push('No closing line (“ADOPTED in <place> on <date>”) was found.');
  else if (closing.place === null || closing.date === null) {
    warnings.push(`The closing line's ${closing.place === null ? 'place' : 'date'} could not be read.`);
  }

  return {
    kind: 'joint-statement',
    title: front.title,
    date: front.date ?? closing?.date ?? null,
    chapeau: front.chapeau,
    preamble,
    leadIn,
    operative,
    closing,
    warnings,
  };
}

/**
 * The clauses after the chapeau: preambular clauses up to the lead-in, operative clauses up to
 * the closing line, and whatever follows the closing kept in it. Without a lead-in, the first
 * list item or capitalised verb starts the operative part.
 */
function readBody(
  units: readonly Unit[],
  hasLeadIn: boolean,
  warnings: string[],
): { preamble: string[]; leadIn: string; operative: string[]; closing: ImportedClosing | null } {
  const preamble: string[] = [];
  const operative: string[] = [];
  let leadIn = '';
  let closingText: string | null = null;
  const after: string[] = [];
  let phase: 'preamble' | 'operative' | 'end' = 'preamble';

  for (const unit of units) {
    if (phase === 'end') {
      after.push(unit.text);
    } else if (isClosingLine(unit.text)) {
      closingText = unit.text;
      phase = 'end';
    } else if (phase === 'preamble' && isLeadIn(unit.text)) {
      leadIn = unit.text;
      phase = 'operative';
    } else if (phase === 'preamble' && !hasLeadIn && (unit.listItem || isOperativeOpener(unit.text))) {
      warnings.push(
        `No lead-in (such as “WE HEREBY COMMIT TO:”) was found: the operative clauses start at “${preview(unit.text, 50)}”.`,
      );
      operative.push(unit.text);
      phase = 'operative';
    } else if (phase === 'preamble') {
      preamble.push(unit.text);
      if (!isPreambleOpener(unit.text)) {
        warnings.push(
          `Preambular clause ${preamble.length} (“${preview(unit.text, 50)}”) does not open with a capitalised participle such as RECOGNISING: check its kind.`,
        );
      }
    } else {
      operative.push(unit.text);
      if (!isOperativeOpener(unit.text)) {
        warnings.push(
          `Operative clause ${operative.length} (“${preview(unit.text, 50)}”) does not open with a capitalised verb such as COMMEND: check its kind.`,
        );
      }
    }
  }

  if (closingText !== null && after.length > 0) {
    closingText = [closingText, ...after].join('\n');
    warnings.push(
      `Kept ${after.length} paragraph(s) after the closing line in the closing clause: move them if they belong elsewhere.`,
    );
  }
  const closing = closingText === null ? null : { text: closingText, ...parseClosing(closingText) };
  return { preamble, leadIn, operative, closing };
}

/**
 * Groups lines into paragraphs. A line starts a new paragraph after a blank line, after a line
 * that ends a clause (";", ".", ":", "; and"), as a list item or heading, or as a date line, a
 * lead-in or a closing line; otherwise it continues the one before (a wrapped line). A line
 * in lower case always continues: nothing in a statement starts that way.
 */
function buildUnits(lines: readonly SourceLine[]): Unit[] {
  const units: Array<Unit & { builder: TextBuilder }> = [];
  for (const line of lines) {
    let text = line.text;
    const number = line.literal ? null : readParagraphNumber(text);
    // "1 COMMEND ..." is numbered without a dot; "1 November 2025" is no number at all.
    const numbered =
      number !== null && number.rest !== '' && (!number.bare || isCapitalisedWord(number.rest.split(/\s/)[0] ?? ''));
    if (numbered) text = number.rest;
    const previous = units.at(-1);
    if (previous !== undefined && continues(previous, line, text, numbered, units.length)) {
      const end = previous.builder.tail();
      const hardBreak = previous.listItem && line.indent >= 2 && !line.blankBefore;
      previous.builder.append((hardBreak ? '\n' : wrapSeparator(end)) + text);
      continue;
    }
    // The first line of a unit, kept to tell a date line or lead-in that is complete.
    units.push({ text, heading: line.heading > 0, listItem: numbered || line.bullet, builder: new TextBuilder(text) });
  }
  return units.map(({ builder, ...unit }) => ({ ...unit, text: builder.toString() }));
}

function continues(
  previous: Unit & { builder: TextBuilder },
  line: SourceLine,
  text: string,
  numbered: boolean,
  count: number,
): boolean {
  if (numbered || line.bullet || line.heading > 0 || previous.heading) return false;
  const end = previous.builder.tail();
  const whole = end === previous.text;
  if (isDateLine(text) || (whole && isDateLine(end))) return false;
  if ((whole && isLeadIn(end)) || isLeadIn(text) || isClosingLine(text)) return false;
  if (startsLowercase(text)) return true;
  if (line.blankBefore) return false;
  if (previous.listItem && line.indent >= 2) return true;
  // The title is a line of its own, even without punctuation.
  if (count === 1) return false;
  return !endsSentence(end) && !/[;,]\s+(?:and|or)$/i.test(end.slice(-8));
}

/**
 * A line that is a date and little else: "1 November 2025", "Kuala Lumpur, 1 November 2025".
 * A wrapped piece of a clause that holds a date ("Viet Nam, on 12 October 2010, which marked")
 * has other words in lower case around it.
 */
function isDateLine(text: string): boolean {
  const found = text.length <= 80 && !text.endsWith(';') ? findDate(text) : null;
  if (found === null) return false;
  const others = `${text.slice(0, found.index)} ${text.slice(found.index + found.length)}`
    .split(/[\s,.;:()–—-]+/)
    .filter((word) => word !== '');
  return others.length <= 6 && others.every((word) => /^(?:\p{Lu}|\d|on|of|in|at|the|and)/u.test(word));
}

/** The units before the first clause: title (a heading, or the lines above the date line), date, chapeau. */
function readFront(front: Unit[]): { title: string; date: string | null; chapeau: string } {
  const dateIndex = front.findIndex((unit) => isDateLine(unit.text));
  const headings = front.filter((unit) => unit.heading);
  let titleUnits: Unit[];
  if (headings.length > 0) titleUnits = headings;
  else if (dateIndex > 0) titleUnits = front.slice(0, dateIndex);
  else if (front[0] !== undefined && (front.length > 1 || !/[;,]$/.test(front[0].text))) titleUnits = [front[0]];
  else titleUnits = [];

  const rest = front.filter((unit) => !titleUnits.includes(unit));
  const dateUnit = rest.find((unit) => isDateLine(unit.text));
  return {
    title: titleUnits.map((unit) => unit.text).join(' '),
    date: dateUnit === undefined ? null : (findDate(dateUnit.text)?.iso ?? null),
    chapeau: rest
      .filter((unit) => unit !== dateUnit)
      .map((unit) => unit.text)
      .join('\n'),
  };
}
