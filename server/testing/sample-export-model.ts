import { runsText } from '../../shared/clause-runs.ts';
import { adoptionReadiness } from '../../shared/consensus/adoption-readiness.ts';
import { buildAdoptionRecord } from '../../shared/consensus/adoption-record.ts';
import { hashClauseRuns, hashClauseText } from '../../shared/consensus/clause-hash.ts';
import type { ClauseDecisionFacts } from '../../shared/consensus/decide.ts';
import { withNumbers } from '../../shared/consensus/paragraph-labels.ts';
import type { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { ClauseRun } from '../../shared/schemas/clause-run.ts';
import type { ClauseKind, CreateDraftInput } from '../../shared/schemas/draft.ts';
import { ADMM_PLUS_2025_DEMO } from '../demo/admm-plus-2025.ts';
import {
  adoptedExportModel,
  currentExportModel,
  type ExportModel,
  type ExportVersion,
} from '../export/export-model.ts';
import type { DraftRecord } from '../storage/draft-store.ts';

/** For tests of the writers: a draft's clauses, and who reserves which clause (by index). */
export interface SampleDraft {
  title: string;
  kind: CreateDraftInput['kind'];
  delegations: string[];
  /** `runs`, when given, spell `text` with its emphasis (in the canonical shape). */
  clauses: Array<{ kind: ClauseKind; text: string; runs?: ClauseRun[] }>;
  reservations: Array<{ clause: number; delegation: string; reason: string }>;
}

/** The demo joint statement with two reservations, one of them full of characters to escape. */
export const DEMO_SAMPLE: SampleDraft = {
  title: ADMM_PLUS_2025_DEMO.title,
  kind: 'joint-statement',
  delegations: [...ADMM_PLUS_2025_DEMO.delegations],
  clauses: ADMM_PLUS_2025_DEMO.clauses.map((c) => ({ kind: c.kind, text: c.text })),
  reservations: [
    { clause: 1, delegation: 'USA', reason: 'cannot accept <"binding"> & \'nonbinding\' together' },
    { clause: 12, delegation: 'RUS', reason: 'awaiting instructions from capital' },
  ],
};

export const CHAIRS_REPORT_SAMPLE: SampleDraft = {
  title: "Chairman's Report of the NADI Meeting",
  kind: 'chairs-report',
  delegations: ['KHM', 'PHL'],
  clauses: [
    { kind: 'paragraph', text: 'The Track II NADI Meeting was hosted by the NDCP on 17-20 June 2025.' },
    { kind: 'heading', text: 'Opening Remarks' },
    { kind: 'paragraph', text: 'In his remarks, BGen Paloma noted the need for greater knowledge.' },
    {
      kind: 'paragraph',
      text: 'The Meeting agreed on the following:\na. to continue the exchanges;\nb. to meet again in 2026.',
    },
    { kind: 'heading', text: 'Session I: Keynote' },
    { kind: 'paragraph', text: 'Assistant Secretary Gaité spoke on the SRDP Act & its <revitalization>.' },
  ],
  reservations: [{ clause: 3, delegation: 'KHM', reason: 'prefers "2027"' }],
};

/** A General Assembly resolution: the body, preambular and operative paragraphs, the meeting line. */
export const RESOLUTION_SAMPLE: SampleDraft = {
  title: 'Report of the International Atomic Energy Agency',
  kind: 'resolution',
  delegations: ['AUT', 'BRA'],
  clauses: [
    { kind: 'chapeau', text: 'The General Assembly,' },
    { kind: 'preamble', text: 'Recalling also its resolution 79/7 of 30 October 2024,' },
    { kind: 'preamble', text: 'Recognizing the importance of the work of the Agency,' },
    { kind: 'operative', text: 'Takes note with appreciation of the report;' },
    {
      kind: 'operative',
      text: 'Requests the Secretary-General to transmit the records:\n(a) of the session;\n(b) of the Agency.',
    },
    { kind: 'closing', text: '40th plenary meeting 14 November 2025' },
  ],
  reservations: [{ clause: 4, delegation: 'BRA', reason: 'awaiting instructions' }],
};

/** A clause of the formatted sample: its runs and the text they spell. */
function formatted(kind: ClauseKind, ...runs: Array<[text: string, format: ClauseRun['format']]>) {
  const clauseRuns = runs.map(([text, format]) => ({ text, format }));
  return { kind, text: runsText(clauseRuns), runs: clauseRuns };
}

/** A short joint statement with bold, italic and underlined words, and two reservations on one clause. */
export const FORMATTED_SAMPLE: SampleDraft = {
  title: 'Joint Statement on Maritime Cooperation',
  kind: 'joint-statement',
  delegations: ['MYS', 'PHL', 'USA'],
  clauses: [
    { kind: 'chapeau', text: 'WE, the Defence Ministers, meeting in Kuala Lumpur:' },
    formatted('preamble', ['RECOGNISING the ', ''], ['importance', 'b'], [' of practical cooperation;', '']),
    { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:' },
    formatted(
      'operative',
      ['STRENGTHEN ', ''],
      ['maritime', 'i'],
      [' cooperation ', ''],
      ['without delay', 'iu'],
      [';', ''],
    ),
    formatted('operative', ['UPHOLD the following:\n(a) ', ''], ['freedom', 'bu'], [' of navigation;', '']),
    { kind: 'closing', text: 'ADOPTED in Kuala Lumpur, Malaysia on the First Day of November 2025.' },
  ],
  reservations: [
    { clause: 3, delegation: 'PHL', reason: 'awaiting instructions' },
    { clause: 3, delegation: 'USA', reason: 'cannot accept "without delay"' },
  ],
};

const DRAFT_ID = 'sampleDraft01';
const CREATED_AT = '2025-10-20T08:00:00.000Z';
export const SAMPLE_ADOPTED_AT = '2025-11-01T07:30:00.000Z';

function draftRecord(sample: SampleDraft): DraftRecord {
  return {
    id: DRAFT_ID,
    title: sample.title,
    kind: sample.kind,
    delegations: sample.delegations,
    consensus: { rule: 'minus-x', x: 2 },
    createdAt: CREATED_AT,
  };
}

function clauseFacts(sample: SampleDraft): ClauseDecisionFacts[] {
  return withNumbers(sample.clauses).map((clause, index) => {
    const textHash = clause.runs === undefined ? hashClauseText(clause.text) : hashClauseRuns(clause.runs);
    return {
      id: `clause${String(index).padStart(2, '0')}`,
      kind: clause.kind,
      text: clause.text,
      ...(clause.runs === undefined ? {} : { runs: clause.runs }),
      textHash,
      label: clause.label,
      number: clause.number,
      proposedBy: null,
      frozen: { at: SAMPLE_ADOPTED_AT, by: 'chair-session', textHash },
      positions: sample.reservations
        .filter((r) => r.clause === index)
        .map((r) => ({
          delegation: r.delegation,
          stance: 'reserved' as const,
          reason: r.reason,
          textHash,
          at: SAMPLE_ADOPTED_AT,
        })),
    };
  });
}

/** The adoption record `adopt` would store for the sample, with the footnotes it would write. */
export function sampleAdoptionRecord(sample: SampleDraft = DEMO_SAMPLE): AdoptionRecord {
  const draft = draftRecord(sample);
  const clauses = clauseFacts(sample);
  const { footnotes } = adoptionReadiness({
    clauses,
    delegations: draft.delegations,
    consensus: draft.consensus,
    adopted: false,
  });
  return buildAdoptionRecord({
    draft,
    clauses,
    footnotes,
    place: 'Kuala Lumpur, Malaysia',
    date: '2025-11-01',
    at: SAMPLE_ADOPTED_AT,
    by: { session: 'chair-session', role: 'chair', delegation: null },
  });
}

/** The sample as an export model of either version. */
export function sampleExportModel(version: ExportVersion, sample: SampleDraft = DEMO_SAMPLE): ExportModel {
  if (version === 'adopted') return adoptedExportModel(sampleAdoptionRecord(sample), CREATED_AT);
  return currentExportModel(draftRecord(sample), clauseFacts(sample), new Date('2025-10-31T16:45:00.000Z'));
}
