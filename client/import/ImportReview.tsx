import { useRef, useState } from 'react';
import { describeOrderProblem, orderProblems } from '../../shared/clause-order.ts';
import { importToClauses } from '../../shared/import/import-to-clauses.ts';
import {
  type ClauseKind,
  type CreateDraftResponse,
  DelegationCode,
  type DraftKind,
} from '../../shared/schemas/draft.ts';
import type { DroppedLine, ImportedClause, ImportResult } from '../../shared/schemas/import.ts';
import { ApiError } from '../api/fetch-json.ts';
import { createDraft } from '../api/imports.ts';
import {
  changeKind,
  changeText,
  DROPPED_REASONS,
  mergeWithNext,
  removeClause,
  restoreDropped,
  splitAt,
} from './clause-list-edits.ts';

const KINDS: Record<DraftKind, Array<{ kind: ClauseKind; name: string }>> = {
  'joint-statement': [
    { kind: 'chapeau', name: 'Chapeau' },
    { kind: 'preamble', name: 'Preamble' },
    { kind: 'lead-in', name: 'Lead-in' },
    { kind: 'operative', name: 'Operative' },
    { kind: 'closing', name: 'Closing' },
  ],
  resolution: [
    { kind: 'chapeau', name: 'Chapeau (the body)' },
    { kind: 'preamble', name: 'Preambular paragraph' },
    { kind: 'operative', name: 'Operative paragraph' },
    { kind: 'heading', name: 'Heading' },
    { kind: 'closing', name: 'Closing (meeting and date)' },
  ],
  'chairs-report': [
    { kind: 'heading', name: 'Heading' },
    { kind: 'paragraph', name: 'Paragraph' },
    { kind: 'closing', name: 'Closing' },
  ],
};

const DRAFT_KINDS: Array<{ kind: DraftKind; name: string }> = [
  { kind: 'joint-statement', name: 'Joint statement or declaration' },
  { kind: 'resolution', name: 'Resolution' },
  { kind: 'chairs-report', name: 'Report, communiqué or chair’s statement' },
];

/** Delegations a chair often starts from; the list stays editable. */
const ASEAN = 'BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM';
const ADMM_PLUS = `${ASEAN} AUS CHN IND JPN NZL KOR RUS USA`;

/** "Chapeau, 9 preamble clauses, lead-in, 11 operative clauses, closing": what was recognised. */
function summarise(clauses: readonly ImportedClause[]): string {
  const counts = new Map<ClauseKind, number>();
  for (const clause of clauses) counts.set(clause.kind, (counts.get(clause.kind) ?? 0) + 1);
  const part = (kind: ClauseKind, one: string, many: string) => {
    const n = counts.get(kind) ?? 0;
    if (n === 0) return [];
    return [n === 1 && one !== many ? one : `${n} ${many}`];
  };
  return [
    ...part('chapeau', 'chapeau', 'chapeaux'),
    ...part('preamble', '1 preamble clause', 'preamble clauses'),
    ...part('lead-in', 'lead-in', 'lead-ins'),
    ...part('operative', '1 operative clause', 'operative clauses'),
    ...part('heading', '1 heading', 'headings'),
    ...part('closing', 'closing', 'closings'),
    ...part('paragraph', '1 paragraph', 'paragraphs'),
  ].join(', ');
}

export interface ImportReviewProps {
  result: ImportResult;
  onCreated: (title: string, created: CreateDraftResponse) => void;
  onStartOver: () => void;
  /** The operator token was refused: the screen asks for it again, and the corrections stay. */
  onUnauthorised: (message: string) => void;
}

/**
 * The recognised structure, to check and correct before the draft exists: the close calls
 * first (each clause whose kind came from its place rather than its words, with the reason),
 * the lines left out (page furniture, footnotes, a masthead) with one click to restore each,
 * then each clause's kind and words, merge, split and remove; then the title, the delegations
 * and the consensus rule.
 */
export function ImportReview({ result, onCreated, onStartOver, onUnauthorised }: ImportReviewProps) {
  const initial = importToClauses(result);
  const [kind, setKind] = useState<DraftKind>(initial.kind);
  const [title, setTitle] = useState(initial.title);
  const [clauses, setClauses] = useState<ImportedClause[]>(result.clauses.filter((c) => c.text.trim() !== ''));
  const [dropped, setDropped] = useState<DroppedLine[]>(result.dropped);
  const [delegations, setDelegations] = useState(ASEAN);
  const [rule, setRule] = useState<'unanimous' | 'minus-x'>('unanimous');
  const [x, setX] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textareas = useRef(new Map<number, HTMLTextAreaElement>());

  const codes = delegations.split(/[\s,;]+/).filter((code) => code !== '');
  const closeCalls = clauses.flatMap((clause, index) => (clause.closeCall === null ? [] : [{ index, clause }]));
  const invalid = codes.filter((code) => !DelegationCode.safeParse(code).success);
  const outOfOrder = orderProblems(clauses.map((clause) => clause.kind));

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await createDraft({
        title,
        kind,
        delegations: codes.map((code) => code.toUpperCase()),
        consensus: rule === 'unanimous' ? { rule } : { rule, x },
        clauses: clauses.map(({ kind: clauseKind, text }) => ({ kind: clauseKind, text })),
      });
      onCreated(title, created);
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status === 401) return onUnauthorised(e.message);
      setError(e instanceof ApiError ? e.message : 'The draft could not be created. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="import-review" aria-label="Check the imported text">
      {result.warnings.length > 0 && (
        <div className="room-notice" role="status">
          <p>Read with these notes:</p>
          <ul>
            {result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      <p data-testid="import-summary">Recognised: {summarise(clauses)}.</p>
      {closeCalls.length > 0 && (
        <section className="import-check-first" aria-label="Check these first">
          <p>
            {closeCalls.length === 1 ? '1 clause was a close call' : `${closeCalls.length} clauses were close calls`}:
            check {closeCalls.length === 1 ? 'it' : 'them'} first.
          </p>
          <ul>
            {closeCalls.map(({ index, clause }) => (
              <li key={index}>
                <button type="button" onClick={() => textareas.current.get(index)?.focus()}>
                  Clause {index + 1}
                </button>{' '}
                {clause.closeCall}
              </li>
            ))}
          </ul>
        </section>
      )}
      {outOfOrder.length > 0 && (
        <section className="import-order" aria-label="Clauses out of order" data-testid="order-problems">
          <p>
            {outOfOrder.length === 1 ? 'A clause stands' : `${outOfOrder.length} clauses stand`} out of the order of the
            text (chapeau, preamble, lead-in, operative part, closing): correct{' '}
            {outOfOrder.length === 1 ? 'its' : 'their'} kind or move {outOfOrder.length === 1 ? 'it' : 'them'} before
            creating the draft.
          </p>
          <ul>
            {outOfOrder.map((problem) => (
              <li key={problem.index}>
                <button type="button" onClick={() => textareas.current.get(problem.index)?.focus()}>
                  Clause {problem.index + 1}
                </button>{' '}
                {describeOrderProblem(problem)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <label className="field">
        <span>Title</span>
        <input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={300} />
      </label>
      <label className="field">
        <span>Kind of text</span>
        <select value={kind} onChange={(event) => setKind(event.target.value as DraftKind)}>
          {DRAFT_KINDS.map((option) => (
            <option key={option.kind} value={option.kind}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <ol className="import-clauses" aria-label="Imported clauses">
        {clauses.map((clause, index) => (
          <li
            // The list is edited by position: merging and splitting renumber it, as the text does.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            className={clause.closeCall === null ? 'import-clause' : 'import-clause close-call'}
            data-testid="imported-clause"
          >
            <div className="import-clause-head">
              <select
                aria-label={`Kind of clause ${index + 1}`}
                value={clause.kind}
                onChange={(event) => setClauses(changeKind(clauses, index, event.target.value as ClauseKind))}
              >
                {KINDS[kind].map((option) => (
                  <option key={option.kind} value={option.kind}>
                    {option.name}
                  </option>
                ))}
                {!KINDS[kind].some((option) => option.kind === clause.kind) && (
                  <option value={clause.kind}>
                    {clause.kind} (not in a {kind.replace('-', ' ')})
                  </option>
                )}
              </select>
              <span className="import-clause-actions">
                <button
                  type="button"
                  onClick={() => {
                    const area = textareas.current.get(index);
                    setClauses(splitAt(clauses, index, area?.selectionStart ?? 0));
                  }}
                >
                  Split at the cursor
                </button>
                {index < clauses.length - 1 && (
                  <button type="button" onClick={() => setClauses(mergeWithNext(clauses, index))}>
                    Merge with the next
                  </button>
                )}
                <button type="button" onClick={() => setClauses(removeClause(clauses, index))}>
                  Remove
                </button>
              </span>
            </div>
            {clause.closeCall !== null && (
              <p className="import-close-call" data-testid="close-call">
                Check: {clause.closeCall}.
              </p>
            )}
            <textarea
              aria-label={`Text of clause ${index + 1}`}
              value={clause.text}
              rows={Math.min(8, Math.max(2, Math.ceil(clause.text.length / 90)))}
              ref={(element) => {
                if (element === null) textareas.current.delete(index);
                else textareas.current.set(index, element);
              }}
              onChange={(event) => setClauses(changeText(clauses, index, event.target.value))}
            />
          </li>
        ))}
      </ol>
      {dropped.length > 0 && (
        <details className="import-dropped">
          <summary>
            {dropped.length === 1 ? '1 line was left out' : `${dropped.length} lines were left out`} (page numbers,
            running headers, footnotes, the document’s heading)
          </summary>
          <ul aria-label="Lines left out">
            {dropped.map((line, index) => (
              // The same line (a running header) can be left out many times over.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={index} data-testid="dropped-line">
                <span className="dropped-reason">{DROPPED_REASONS[line.reason]}:</span> <q>{line.text}</q>{' '}
                <button
                  type="button"
                  onClick={() => {
                    const restored = restoreDropped(clauses, dropped, index, kind);
                    setClauses(restored.clauses);
                    setDropped(restored.dropped);
                  }}
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <label className="field">
        <span>Delegations (ISO codes, e.g. MYS PHL USA)</span>
        <textarea rows={2} value={delegations} onChange={(event) => setDelegations(event.target.value)} />
      </label>
      <div className="import-actions">
        <button type="button" onClick={() => setDelegations(ASEAN)}>
          ASEAN (11)
        </button>
        <button type="button" onClick={() => setDelegations(ADMM_PLUS)}>
          ADMM-Plus (19)
        </button>
      </div>
      {invalid.length > 0 && (
        <p className="refusal" role="alert">
          Not delegation codes: {invalid.join(', ')}. Use ISO 3166-1 alpha-3 codes such as MYS or USA.
        </p>
      )}
      <fieldset className="field">
        <legend>Consensus rule</legend>
        <label>
          <input type="radio" checked={rule === 'unanimous'} onChange={() => setRule('unanimous')} /> Unanimous
        </label>{' '}
        <label>
          <input type="radio" checked={rule === 'minus-x'} onChange={() => setRule('minus-x')} /> Minus X, with X ={' '}
          <input
            type="number"
            min={1}
            max={Math.max(1, codes.length - 1)}
            value={x}
            aria-label="X"
            onChange={(event) => setX(Number(event.target.value))}
          />
        </label>
      </fieldset>
      {error !== null && (
        <p className="refusal" role="alert">
          {error}
        </p>
      )}
      <div className="import-actions">
        <button type="button" onClick={onStartOver}>
          Start over
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || clauses.length === 0 || codes.length === 0 || invalid.length > 0 || title.trim() === ''}
          onClick={() => void create()}
        >
          Create the draft
        </button>
      </div>
    </section>
  );
}
