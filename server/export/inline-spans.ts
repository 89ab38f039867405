import type { ClauseRun } from '../../shared/schemas/clause-run.ts';

/** One emphasis, as every writer names it: bold, italic, underline. */
export type Mark = 'b' | 'i' | 'u';

/** A line of a clause as a tree: text, and spans of one emphasis each holding more of it. */
export type InlineNode = string | InlineSpan;
export interface InlineSpan {
  mark: Mark;
  children: InlineNode[];
  /** Where the span starts and ends in its line's text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
}

/** At the same start the longer-lasting mark is outside; among equals, underline, then bold, then italic. */
const MARK_ORDER: readonly Mark[] = ['u', 'b', 'i'];

/**
 * The runs with italic added to their first `length` characters: a resolution's opening words,
 * which its layout sets in italics whatever their own emphasis.
 */
export function withItalicOpening(runs: readonly ClauseRun[], length: number): ClauseRun[] {
  const out: ClauseRun[] = [];
  let at = 0;
  for (const run of runs) {
    const inside = Math.max(0, Math.min(run.text.length, length - at));
    if (inside > 0) out.push({ text: run.text.slice(0, inside), format: addItalic(run.format) });
    if (inside < run.text.length) out.push({ text: run.text.slice(inside), format: run.format });
    at += run.text.length;
  }
  return out;
}

function addItalic(format: ClauseRun['format']): ClauseRun['format'] {
  if (format.includes('i')) return format;
  return (format.includes('b') ? `bi${format.replace('b', '')}` : `i${format}`) as ClauseRun['format'];
}

/** The runs cut at each "\n" (which never carries emphasis): one list of runs per printed line. */
export function runLines(runs: readonly ClauseRun[]): ClauseRun[][] {
  const lines: ClauseRun[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece !== '') lines.at(-1)?.push({ text: piece, format: run.format });
    });
  }
  return lines;
}

/**
 * One line's runs as properly nested spans, for the writers whose emphasis is markup (HTML, Akoma
 * Ntoso, Markdown). Where two emphases overlap without nesting, the one that ends first is
 * closed and opened again: `<b>a<i>b</i></b><i>c</i>`.
 */
export function nestSpans(line: readonly ClauseRun[]): InlineNode[] {
  const root: InlineNode[] = [];
  const stack: InlineSpan[] = [];
  const childrenOf = () => stack.at(-1)?.children ?? root;
  let at = 0;
  line.forEach((run, index) => {
    const wanted = new Set(run.format.split('') as Mark[]);
    const keep = stack.findIndex((span) => !wanted.has(span.mark));
    if (keep !== -1) {
      for (const span of stack.splice(keep)) span.end = at;
    }
    const open = new Set(stack.map((span) => span.mark));
    const lasting = (mark: Mark) => {
      let count = 0;
      while (line[index + count]?.format.includes(mark)) count += 1;
      return count;
    };
    const toOpen = [...wanted]
      .filter((mark) => !open.has(mark))
      .sort((a, b) => lasting(b) - lasting(a) || MARK_ORDER.indexOf(a) - MARK_ORDER.indexOf(b));
    for (const mark of toOpen) {
      const span: InlineSpan = { mark, children: [], start: at, end: at };
      childrenOf().push(span);
      stack.push(span);
    }
    childrenOf().push(run.text);
    at += run.text.length;
  });
  for (const span of stack) span.end = at;
  return root;
}
