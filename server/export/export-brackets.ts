import type { BracketSpan } from '../../shared/consensus/bracket-anchors.ts';
import { BRACKET_KIND_LABEL, describeHolders, openBrackets, shortQuote } from '../../shared/consensus/bracket-count.ts';
import type { BracketSpanReader } from '../../shared/consensus/brackets.ts';
import type { ClauseFacts } from '../../shared/consensus/positions.ts';
import type { BracketKind, BracketRecord } from '../../shared/schemas/brackets.ts';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';

/** A bracket as the writers print it: where it lies in the printed text, its markers included. */
export interface ExportBracket {
  /** Offsets in the clause's printed `text` (UTF-16, end exclusive), from its "[" to after its "]". */
  from: number;
  to: number;
  kind: BracketKind | 'proposal';
  holders: string[];
}

/** A clause's printed text and runs with its open brackets set in, and a footnote for each. */
export interface BracketedText {
  text: string;
  runs: ClauseRun[];
  brackets: ExportBracket[];
  notes: string[];
}

interface Placement {
  from: number;
  to: number;
  kind: ExportBracket['kind'];
  holders: string[];
  note: string;
}

/**
 * The clause as the practice prints a bracketed text: its open brackets' words between `[` and
 * `]` (a proposal or a proposed deletion brackets the whole clause), each with a footnote naming
 * its holders; a bracket whose words were deleted is only footnoted, saying so. `spanOf` reads
 * the anchors in the server's doc; without it, brackets are footnoted without markers.
 */
export function bracketedText(
  clause: Pick<ClauseFacts, 'brackets' | 'proposedBy'> & { text: string; runs: readonly ClauseRun[] },
  spanOf: BracketSpanReader | undefined,
): BracketedText {
  const placements: Placement[] = [];
  const unplaced: string[] = [];
  const whole = { from: 0, to: clause.text.length };
  if (clause.proposedBy !== null) {
    placements.push({
      ...whole,
      kind: 'proposal',
      holders: [clause.proposedBy],
      note: `Proposed by ${clause.proposedBy}.`,
    });
  }
  for (const bracket of openBrackets(clause)) {
    if (bracket.kind === 'deletion') {
      placements.push({ ...whole, kind: 'deletion', holders: bracket.holders, note: noteOf(bracket) });
      continue;
    }
    const span: BracketSpan | null =
      bracket.start === null || bracket.end === null || spanOf === undefined
        ? null
        : spanOf(bracket.clauseId, bracket.start, bracket.end);
    const at = span?.ok === true ? nearest(clause.text, span.words, span.from) : -1;
    if (span === null || !span.ok || at === -1) {
      unplaced.push(`${noteOf(bracket)}${span !== null && !span.ok ? ' The bracketed words were deleted.' : ''}`);
      continue;
    }
    placements.push({
      from: at,
      to: at + span.words.length,
      kind: bracket.kind,
      holders: bracket.holders,
      note: noteOf(bracket),
    });
  }
  if (placements.length === 0) {
    return { text: clause.text, runs: [...clause.runs], brackets: [], notes: unplaced };
  }
  // Every marker at its offset in the unbracketed text: "[" before the "]"s that share its place
  // only if they belong to different brackets, so that an empty pair never prints.
  const markers = placements
    .flatMap((p, index) => [
      { at: p.from, char: '[', index },
      { at: p.to, char: ']', index },
    ])
    .sort((a, b) => a.at - b.at || (a.char === b.char ? a.index - b.index : a.char === ']' ? -1 : 1));
  const runs = withMarkers(clause.runs, markers);
  const text = runs.map((run) => run.text).join('');
  // The k-th marker in order lands k characters after its offset in the unbracketed text.
  const printedAt = (index: number, char: string) => {
    const k = markers.findIndex((m) => m.index === index && m.char === char);
    return (markers[k]?.at ?? 0) + k;
  };
  const brackets = placements.map((p, index) => ({
    from: printedAt(index, '['),
    to: printedAt(index, ']') + 1,
    kind: p.kind,
    holders: p.holders,
  }));
  return { text, runs, brackets, notes: [...placements.map((p) => p.note), ...unplaced] };
}

/** "[freedom of navigation]: bracketed by MYS, also held by PHL (awaiting instructions: capital consulting)." */
function noteOf(bracket: BracketRecord): string {
  const note = bracket.note === null ? '' : `: ${bracket.note}`;
  if (bracket.kind === 'deletion') return `Deletion proposed by ${describeHolders(bracket.holders)}${note}.`;
  return `[${shortQuote(bracket.quote, 60)}]: bracketed by ${describeHolders(bracket.holders)} (${BRACKET_KIND_LABEL[bracket.kind]}${note}).`;
}

/** Where `words` occur in `text` nearest to `near` (the printed text is the raw one trimmed). */
function nearest(text: string, words: string, near: number): number {
  let best = -1;
  for (let at = text.indexOf(words); at !== -1; at = text.indexOf(words, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/** The runs with each marker character inserted at its offset, set without emphasis as the practice prints them. */
function withMarkers(runs: readonly ClauseRun[], markers: ReadonlyArray<{ at: number; char: string }>): ClauseRun[] {
  const out: ClauseRun[] = [];
  let at = 0;
  let next = 0;
  const flush = (upTo: number) => {
    while (next < markers.length && (markers[next]?.at ?? Number.POSITIVE_INFINITY) <= upTo) {
      out.push({ text: markers[next]?.char ?? '', format: '' });
      next += 1;
    }
  };
  for (const run of runs) {
    let start = 0;
    while (next < markers.length) {
      const marker = markers[next];
      if (marker === undefined || marker.at >= at + run.text.length) break;
      const cut = marker.at - at;
      if (cut > start) out.push({ text: run.text.slice(start, cut), format: run.format });
      start = cut;
      flush(marker.at);
    }
    if (start < run.text.length) out.push({ text: run.text.slice(start), format: run.format });
    at += run.text.length;
  }
  flush(Number.POSITIVE_INFINITY);
  return merged(out);
}

function merged(runs: readonly ClauseRun[]): ClauseRun[] {
  const out: ClauseRun[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last !== undefined && last.format === run.format) out[out.length - 1] = { ...last, text: last.text + run.text };
    else if (run.text !== '') out.push(run);
  }
  return out;
}
