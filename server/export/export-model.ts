import { z } from 'zod';
import { plainRuns } from '../../shared/clause-runs.ts';
import { bracketHolders } from '../../shared/consensus/bracket-count.ts';
import type { BracketSpanReader } from '../../shared/consensus/brackets.ts';
import { clauseConsensus } from '../../shared/consensus/clause-status.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import { footnoteNamesClause, reservationFootnote } from '../../shared/consensus/reservation-footnote.ts';
import type { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';
import type { ClauseKind, DraftKind } from '../../shared/schemas/draft.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import type { CommentsAnnex } from './comments-annex.ts';
import { type ExportAlternative, exportAlternativesOf } from './export-alternatives.ts';
import { bracketedText, type ExportBracket } from './export-brackets.ts';
import { resolutionOpener } from './resolution-opener.ts';

export const ExportVersion = z.enum(['current', 'adopted']);
export type ExportVersion = z.infer<typeof ExportVersion>;

/** One clause as every writer prints it. */
export interface ExportClause {
  id: string;
  kind: ClauseKind;
  /** How footnotes refer to it: "paragraph 2", "preambular paragraph 1", "the chapeau". */
  label: string;
  /** The printed number of an operative clause or a report paragraph; null for every other kind. */
  number: number | null;
  /** Plain text, verbatim; a "\n" separates the clause's own lines. */
  text: string;
  /** The same text in runs of one emphasis each (bold, italic, underline), which every writer prints. */
  runs: readonly ClauseRun[];
  /** The numbers of the footnotes attached to this clause, in order. */
  notes: number[];
  /**
   * A resolution's preambular or operative paragraph: its opening words ("Recalling also",
   * "Decides"), which the resolution layout sets in italics; null for every other clause.
   */
  opener: string | null;
  /** The open brackets set in `text` and `runs` ("[words]"), for the writers that mark them up; absent: none. */
  brackets?: ExportBracket[];
  /** Who holds the clause's open brackets, those whose words were deleted too; absent: none. */
  bracketHolders?: string[];
  /** A draft's open alternatives of the clause, printed after it ("Alt 1 [USA]: …"); absent: none. */
  alternatives?: readonly ExportAlternative[];
}

/**
 * A reservation footnote in the practice's wording for its kind (`reservationFootnote`), e.g.
 * "<Delegation> reserves its position on paragraph N: <reason>".
 */
export interface ExportNote {
  /** 1-based, in text order. */
  number: number;
  /** The clause it is attached to; null if the stored footnote names no clause of the text. */
  clauseId: string | null;
  /** The reserving delegation, when the text starts with it. */
  delegation: string | null;
  text: string;
}

export interface ExportAdoption {
  place: string;
  /** ISO `YYYY-MM-DD`, as the chair entered it. */
  date: string;
  /** The date as a published statement writes it: "1 November 2025". */
  dateText: string;
  /** ISO timestamp of the adoption command. */
  adoptedAt: string;
  /** SHA-256 of the canonical adopted text (see `canonicalAdoptedText`). */
  textHash: string;
  /**
   * Adopted under the silence procedure: "Adopted under silence: circulated on …, deadline …;
   * no delegation broke silence.", printed with the record line. Absent for an adoption by the chair.
   */
  silenceLine?: string;
}

/** Everything a writer needs, and nothing it has to look up: writers are pure functions of this. */
export interface ExportModel {
  draftId: string;
  title: string;
  kind: DraftKind;
  /** What is exported: the live text (a draft) or the immutable adopted text. */
  version: ExportVersion;
  delegations: string[];
  /** When the draft was created (ISO); the AKN work date before adoption. */
  createdAt: string;
  clauses: ExportClause[];
  notes: ExportNote[];
  adoption: ExportAdoption | null;
  /**
   * The "ADOPTED in <place> on <date>." line, printed after the text only when an adopted
   * joint statement has no closing clause of its own; null otherwise.
   */
  adoptionLine: string | null;
  /**
   * The one timestamp writers may print or embed: the adoption time for an adopted text (so the
   * same adopted draft always gives the same bytes), the time of the export for a draft.
   */
  asOf: string;
  /** The "Comments" annex, when the export asked for one (`comments=all|unresolved`). */
  commentsAnnex?: CommentsAnnex;
}

/**
 * The live text of a draft with its current (not stale) reservations as footnotes, and its open
 * brackets printed `[words]` with their holders as footnotes (`spanOf` reads where they lie).
 */
export function currentExportModel(
  draft: DraftRecord,
  clauses: readonly ClauseDecisionFacts[],
  at: Date,
  spanOf?: BracketSpanReader,
): ExportModel {
  const labels = clauses.map((clause) => clause.label);
  const notes: Omit<ExportNote, 'number'>[] = [];
  const printed = clauses.map((clause) =>
    bracketedText({ ...clause, runs: clause.runs ?? plainRuns(clause.text) }, spanOf),
  );
  clauses.forEach((clause, i) => {
    for (const text of printed[i]?.notes ?? []) notes.push({ clauseId: clause.id, delegation: null, text });
    for (const { delegation, reason, kind } of clauseConsensus(clause, draft.delegations).reserved) {
      const text = reservationFootnote({ delegation, label: labels[i] ?? '', kind, reason });
      notes.push({ clauseId: clause.id, delegation, text });
    }
  });
  return assemble({
    draftId: draft.id,
    title: draft.title,
    kind: draft.kind,
    version: 'current',
    delegations: draft.delegations,
    createdAt: draft.createdAt,
    clauses: clauses.map((clause, i) => {
      const bracketed = printed[i];
      const alternatives = exportAlternativesOf(clause);
      const base = { id: clause.id, kind: clause.kind, label: labels[i] ?? '' };
      const holders = bracketHolders(clause);
      const held = {
        ...(holders.length === 0 ? {} : { bracketHolders: holders }),
        ...(alternatives.length === 0 ? {} : { alternatives }),
      };
      if (bracketed === undefined || bracketed.brackets.length === 0) {
        return { ...base, text: clause.text, runs: clause.runs ?? plainRuns(clause.text), ...held };
      }
      return { ...base, text: bracketed.text, runs: bracketed.runs, brackets: bracketed.brackets, ...held };
    }),
    notes,
    adoption: null,
    asOf: at.toISOString(),
  });
}

/**
 * The adopted text exactly as the adoption record holds it. Its footnotes are the record's own
 * strings; each is attached to the clause whose label it names.
 */
export function adoptedExportModel(record: AdoptionRecord, createdAt: string): ExportModel {
  const notes = record.footnotes.map((text) => {
    const clause = record.clauses.find((c) => footnoteNamesClause(text, c.label));
    const delegation = /^([A-Z]{3}) /.exec(text)?.[1] ?? null;
    return { clauseId: clause?.id ?? null, delegation, text };
  });
  return assemble({
    draftId: record.draftId,
    title: record.title,
    kind: record.kind,
    version: 'adopted',
    delegations: record.delegations,
    createdAt,
    // A record adopted before emphasis was kept has no runs: its plain text, exactly as adopted.
    clauses: record.clauses.map((c) => ({
      id: c.id,
      kind: c.kind,
      label: c.label,
      text: c.text,
      runs: c.runs ?? plainRuns(c.text),
    })),
    notes,
    adoption: {
      place: record.place,
      date: record.date,
      dateText: dateInWords(record.date),
      adoptedAt: record.adoptedAt,
      textHash: record.textHash,
      ...(record.underSilence === undefined ? {} : { silenceLine: silenceLineOf(record.underSilence) }),
    },
    asOf: record.adoptedAt,
  });
}

/** What an adoption under silence says of itself. */
function silenceLineOf(silence: NonNullable<AdoptionRecord['underSilence']>): string {
  const utc = (iso: string) => `${dateInWords(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
  return `Adopted under silence: circulated on ${utc(silence.circulatedAt)} with a deadline of ${utc(silence.deadline)}; no delegation broke silence.`;
}

type ModelInput = Omit<ExportModel, 'clauses' | 'notes' | 'adoptionLine'> & {
  clauses: Array<Omit<ExportClause, 'number' | 'notes' | 'opener'>>;
  notes: Array<Omit<ExportNote, 'number'>>;
};

/** Numbers operative clauses and report paragraphs, numbers the notes and attaches them. */
function assemble(input: ModelInput): ExportModel {
  const notes: ExportNote[] = input.notes.map((note, i) => ({ ...note, number: i + 1 }));
  let paragraph = 0;
  const clauses = input.clauses.map((clause): ExportClause => {
    const numbered = clause.kind === 'operative' || clause.kind === 'paragraph';
    if (numbered) paragraph += 1;
    const opens = input.kind === 'resolution' && (clause.kind === 'preamble' || clause.kind === 'operative');
    return {
      ...clause,
      number: numbered ? paragraph : null,
      notes: notes.filter((note) => note.clauseId === clause.id).map((note) => note.number),
      opener: opens ? resolutionOpener(clause.text) : null,
    };
  });
  const hasClosing = clauses.some((clause) => clause.kind === 'closing');
  const adoptionLine =
    input.adoption !== null && input.kind === 'joint-statement' && !hasClosing
      ? `ADOPTED in ${input.adoption.place} on ${input.adoption.dateText}.`
      : null;
  return { ...input, clauses, notes, adoptionLine };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2025-11-01" → "1 November 2025"; anything that is not an ISO date is returned as it is. */
export function dateInWords(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match === null ? undefined : MONTHS[Number(match[2]) - 1];
  if (match === null || month === undefined) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}
