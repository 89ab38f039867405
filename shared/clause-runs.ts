import { TextFormatBits } from './doc-schema.ts';
import type { ClauseRun, RunFormat } from './schemas/clause-run.ts';

/** A run as read from the document, before normalisation: its characters and Lexical format bits. */
export interface RawRun {
  text: string;
  /** Lexical's text format bits (`TextFormatBits`); bits the layout does not allow are ignored. */
  bits: number;
}

const BOLD = TextFormatBits.bold;
const ITALIC = TextFormatBits.italic;
const UNDERLINE = TextFormatBits.underline;
const EMPHASIS = BOLD | ITALIC | UNDERLINE;

/** The letters of a run's format, in the one order `RunFormat` allows. */
export function runFormatOf(bits: number): RunFormat {
  return `${bits & BOLD ? 'b' : ''}${bits & ITALIC ? 'i' : ''}${bits & UNDERLINE ? 'u' : ''}` as RunFormat;
}

/** Whether a run is set in bold, italic or underline. */
export const isBold = (run: ClauseRun): boolean => run.format.includes('b');
export const isItalic = (run: ClauseRun): boolean => run.format.includes('i');
export const isUnderlined = (run: ClauseRun): boolean => run.format.includes('u');

/** A clause's plain text as runs: one unformatted run, or none for an empty text. */
export function plainRuns(text: string): ClauseRun[] {
  return text === '' ? [] : [{ text, format: '' }];
}

/** The plain text the runs spell. */
export function runsText(runs: readonly ClauseRun[]): string {
  return runs.map((run) => run.text).join('');
}

/** Whether no run carries any emphasis: such a clause is hashed, stored and exported as plain text. */
export function isPlain(runs: readonly ClauseRun[]): boolean {
  return runs.every((run) => run.format === '');
}

/** Line ends: a paragraph break or a line break. Nothing on them prints. */
const LINE_END = /[\n\r\u2028\u2029]/;
/** Space within a line: bold or italic on it prints nothing, underline does. */
const SPACE = /\s/;
/**
 * Code points that attach to the one before them in NFC (combining marks, Hangul vowel and final
 * jamo): they take its format, so that normalising never has to split a character's emphasis.
 */
const ATTACHED = /[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]/u;

/**
 * The one canonical shape of a clause's formatted text, such that two documents that print the
 * same give the same runs and two that print differently do not:
 * - the runs spell exactly the clause's plain text (`readClauseText`: NFC, trimmed, "\n" between
 *   paragraphs and for line breaks, which print alike);
 * - a line end carries no format; a space or tab carries underline as it is set, and bold or
 *   italic only where the nearest characters before and after it on its line both have it (a
 *   bold space prints like any other; a space between two bold words is part of the bold; a
 *   space that a combining mark sits on counts as a character);
 * - a combining mark (or Hangul jamo) has the format of the character it combines with;
 * - no empty runs, and no two neighbours with the same format (they are merged).
 */
export function normaliseClauseRuns(raw: readonly RawRun[]): ClauseRun[] {
  const joined = raw.map((run) => run.text).join('');
  if (raw.every((run) => (run.bits & EMPHASIS) === 0 || run.text === '')) {
    return plainRuns(joined.normalize('NFC').trim());
  }
  const chars: string[] = [];
  const bits: number[] = [];
  for (const run of raw) {
    for (const char of run.text) {
      chars.push(char);
      bits.push(LINE_END.test(char) ? 0 : run.bits & EMPHASIS);
    }
  }
  attachMarks(chars, bits);
  spaceFormats(chars, bits);
  const runs = trimRuns(normaliseUnicode(group(chars, bits), false));
  // The window the boundaries are checked in covers every composition short of a pathological
  // pile of marks; for such a text, check each boundary against the whole run before it.
  const plain = joined.normalize('NFC').trim();
  return runsText(runs) === plain ? runs : trimRuns(normaliseUnicode(group(chars, bits), true));
}

function attachMarks(chars: readonly string[], bits: number[]): void {
  for (let i = 1; i < chars.length; i++) {
    if (ATTACHED.test(chars[i] ?? '')) bits[i] = bits[i - 1] ?? 0;
  }
}

/**
 * Bold and italic on a bare space (one no mark sits on) follow its neighbours on the line;
 * underline is the space's own.
 */
function spaceFormats(chars: readonly string[], bits: number[]): void {
  const bare = chars.map((char, i) => !LINE_END.test(char) && SPACE.test(char) && !ATTACHED.test(chars[i + 1] ?? ''));
  const before: number[] = new Array(chars.length).fill(0);
  let last = 0;
  for (let i = 0; i < chars.length; i++) {
    if (LINE_END.test(chars[i] ?? '')) last = 0;
    else if (bare[i]) before[i] = last;
    else last = bits[i] ?? 0;
  }
  let next = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (LINE_END.test(chars[i] ?? '')) next = 0;
    else if (bare[i]) bits[i] = ((bits[i] ?? 0) & UNDERLINE) | ((before[i] ?? 0) & next & (BOLD | ITALIC));
    else next = bits[i] ?? 0;
  }
}

function group(chars: readonly string[], bits: readonly number[]): ClauseRun[] {
  const runs: ClauseRun[] = [];
  for (let i = 0; i < chars.length; i++) {
    const format = runFormatOf(bits[i] ?? 0);
    const last = runs.at(-1);
    if (last !== undefined && last.format === format) last.text += chars[i];
    else runs.push({ text: chars[i] ?? '', format });
  }
  return runs;
}

/**
 * Each run in NFC, such that together they are the NFC of the whole. Marks already share their
 * base's run; should composition still reach across a boundary, the later run joins the earlier.
 * `exact` checks each boundary with the whole earlier run rather than its last characters.
 */
function normaliseUnicode(runs: readonly ClauseRun[], exact: boolean): ClauseRun[] {
  const out: ClauseRun[] = [];
  for (const run of runs) {
    const text = run.text.normalize('NFC');
    const last = out.at(-1);
    if (last === undefined) {
      out.push({ text, format: run.format });
      continue;
    }
    const tail = exact ? last.text : last.text.slice(-BOUNDARY_WINDOW);
    const head = exact ? text : text.slice(0, BOUNDARY_WINDOW);
    if (last.format === run.format || (tail + head).normalize('NFC') !== tail + head) {
      last.text = (last.text + text).normalize('NFC');
    } else out.push({ text, format: run.format });
  }
  return out;
}

/** Code units either side of a run boundary within which NFC could compose or reorder. */
const BOUNDARY_WINDOW = 32;

/** The runs without the clause's leading and trailing whitespace, as `String.prototype.trim` removes it. */
function trimRuns(runs: ClauseRun[]): ClauseRun[] {
  while (runs.length > 0) {
    const first = runs[0] as ClauseRun;
    first.text = first.text.trimStart();
    if (first.text !== '') break;
    runs.shift();
  }
  while (runs.length > 0) {
    const last = runs.at(-1) as ClauseRun;
    last.text = last.text.trimEnd();
    if (last.text !== '') break;
    runs.pop();
  }
  return runs;
}
