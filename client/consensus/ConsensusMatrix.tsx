import { type ReactNode, useState } from 'react';
import { bracketCount, bracketHolders } from '../../shared/consensus/bracket-count.ts';
import { RESERVATION_KIND_WORDS } from '../../shared/consensus/reservation-footnote.ts';
import { delegationName } from '../../shared/delegation-names.ts';
import type { ClauseState, DraftState } from '../../shared/schemas/state.ts';
import { alternativeMatrixRows } from '../alternatives/alternative-matrix-rows.tsx';
import { LockIcon } from '../ui/LockIcon.tsx';
import { clauses as clauseCount, type DraftProgress, describeDraftBlocker, draftProgress } from './draft-progress.ts';
import { matrixCsv } from './matrix-csv.ts';
import { MARK_ICON, type PositionMark, positionMark, positionTag, positionWords } from './position-marks.ts';

export interface ConsensusMatrixProps {
  state: DraftState;
  /** The names the room's cards use ("Operative 3"), shown beside the formal ones ("paragraph 3"). */
  roomLabels?: ReadonlyMap<string, string>;
  /** Each clause's words: a row shows their start, the CSV holds them whole. */
  texts?: ReadonlyMap<string, string>;
  /** Takes the person to the clause in the text; a row's name and its cells lead there. */
  onJump?: (clauseId: string) => void;
  /** Each clause's comment threads this person sees, open and all: a column when given. */
  commentCounts?: ReadonlyMap<string, { open: number; total: number }>;
}

const LEGEND: Array<{ mark: PositionMark; words: string; tag?: string }> = [
  { mark: 'endorsed', words: 'endorsed' },
  { mark: 'reserved', words: 'reserved (the reason is listed below the table)' },
  { mark: 'stale', words: 'taken on an earlier text: does not count' },
  {
    mark: 'endorsed',
    words: 'ad ref: agreed ad referendum, counts but awaits its capital’s confirmation',
    tag: 'ad ref',
  },
  { mark: 'none', words: 'no position' },
];

/** How much of a clause's words a row shows. */
const EXCERPT_LENGTH = 70;

/**
 * Clauses × delegations: where every delegation stands on every clause, with row totals, a
 * filter for the clauses that block adoption and the overall progress, counted by the rules of
 * adoption. Icons and words, not colour alone; a legend says what each icon means; the header
 * row and the clause column stay in view while it scrolls; it prints on A4 landscape and
 * downloads as CSV.
 */
export function ConsensusMatrix({ state, roomLabels, texts, onJump, commentCounts }: ConsensusMatrixProps) {
  const [onlyBlocking, setOnlyBlocking] = useState(false);
  const progress = draftProgress(state);
  const blocks = (c: ClauseState) => progress.standing.get(c.id) !== 'done';
  const rows = onlyBlocking ? state.clauses.filter(blocks) : state.clauses;
  const labelOf = (clause: ClauseState) => roomLabels?.get(clause.id) ?? clause.label;
  // A scrutiny or linguistic reservation may have no reason: its kind is listed all the same.
  const reservations = rows.flatMap((clause) =>
    clause.positions
      .filter((p) => p.stance === 'reserved' && (p.reason !== null || p.reservationKind !== undefined))
      .map((p) => ({ clause, position: p })),
  );

  const download = () => {
    const csv = matrixCsv(state, roomLabels ?? new Map(), texts ?? new Map());
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `mufakat-${state.draftId}-matrix.csv`;
    link.click();
    // After the click has started the download, not before.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="matrix" aria-label="Consensus matrix">
      <div className="matrix-bar">
        <p data-testid="progress">{progressWords(progress)}</p>
        <div className="matrix-actions">
          <label>
            <input type="checkbox" checked={onlyBlocking} onChange={(e) => setOnlyBlocking(e.target.checked)} /> Only
            clauses that block adoption
          </label>
          <button type="button" onClick={download}>
            Download as CSV
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <ul className="matrix-legend" aria-label="Legend" data-testid="legend">
        {LEGEND.map(({ mark, words, tag }) => (
          <li key={`${mark}-${tag ?? ''}`}>
            <span className={`legend-mark cell-${mark}`} aria-hidden="true">
              {MARK_ICON[mark]}
              {tag !== undefined && ` ${tag}`}
            </span>{' '}
            {words}
          </li>
        ))}
        <li>
          <LockIcon /> frozen by the chair
        </li>
      </ul>
      {/* Scrolls on its own, both ways, so that the header row and the first column can stay put. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable from the keyboard to scroll it */}
      <section className="matrix-scroll" tabIndex={0} aria-label="Positions, clause by clause">
        <table>
          <thead>
            <tr>
              <th scope="col">Clause</th>
              {state.delegations.map((code) => (
                <th key={code} scope="col">
                  <abbr title={delegationName(code)}>{code}</abbr>
                </th>
              ))}
              <th scope="col">Endorsed</th>
              <th scope="col">Brackets</th>
              {commentCounts !== undefined && <th scope="col">Comments</th>}
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((clause) => [
              <tr key={clause.id} data-testid="matrix-row" data-standing={progress.standing.get(clause.id)}>
                <th scope="row">
                  <RowName
                    clause={clause}
                    label={labelOf(clause)}
                    hasRoomLabel={roomLabels?.has(clause.id) === true}
                    onJump={onJump}
                  />
                  {texts?.has(clause.id) && <span className="excerpt">{excerpt(texts.get(clause.id) ?? '')}</span>}
                </th>
                {state.delegations.map((code) => {
                  const p = clause.positions.find((q) => q.delegation === code);
                  const mark = positionMark(p);
                  const tag = positionTag(p);
                  const words = `${code}, ${clause.label}: ${positionWords(p)}${p?.reason ? ` (${p.reason})` : ''}`;
                  return (
                    // The row's name is the keyboard's way to the clause; a tap on a cell is the pointer's.
                    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
                    <td
                      key={code}
                      className={`cell cell-${mark}`}
                      title={words}
                      aria-label={words}
                      onClick={onJump === undefined ? undefined : () => onJump(clause.id)}
                    >
                      {MARK_ICON[mark]}
                      {tag !== null && <span className="cell-tag"> {tag}</span>}
                    </td>
                  );
                })}
                <td className="row-total">
                  {clause.endorsedCount}/{state.delegations.length}
                </td>
                <BracketCell clause={clause} />
                {commentCounts !== undefined && <CommentCell counts={commentCounts.get(clause.id)} />}
              </tr>,
              ...alternativeMatrixRows(clause, labelOf(clause), state.delegations, commentCounts !== undefined),
            ])}
          </tbody>
        </table>
      </section>
      {reservations.length > 0 && (
        <section className="matrix-reasons" aria-label="Reservations">
          <h2>Reservations</h2>
          <ul>
            {reservations.map(({ clause, position }) => (
              <li key={`${clause.id}-${position.delegation}`} data-testid="matrix-reason">
                <strong>{labelOf(clause)}</strong>, {delegationName(position.delegation)} ({position.delegation})
                {position.stale ? ', on an earlier text' : ''}
                {position.reservationKind !== undefined && position.reservationKind !== 'substantive'
                  ? ` (${RESERVATION_KIND_WORDS[position.reservationKind]} reservation)`
                  : ''}
                {position.reason === null ? '' : `: ${position.reason}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function RowName(props: {
  clause: ClauseState;
  label: string;
  hasRoomLabel: boolean;
  onJump: ((clauseId: string) => void) | undefined;
}): ReactNode {
  const { clause, label, hasRoomLabel, onJump } = props;
  const name = (
    <>
      {clause.frozen !== null && (
        <>
          <LockIcon />
          <span className="visually-hidden">Frozen: </span>
        </>
      )}
      {label}
      {/* The formal name only where it says more: "paragraph 3", not "the chapeau". */}
      {hasRoomLabel && /\d/.test(clause.label) && <span className="formal-label"> ({clause.label})</span>}
    </>
  );
  if (onJump === undefined) return <span className="row-name">{name}</span>;
  return (
    <button type="button" className="row-name" onClick={() => onJump(clause.id)}>
      {name}
    </button>
  );
}

/** The start of a clause's words, cut at a word. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  const cut = flat.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[,;:]$/, '')}…`;
}

/** The progress line, each count what adoption would say. */
export function progressWords(progress: DraftProgress): string {
  const { total, agreed, frozen, toFreeze, draftBlockers, adReferendum } = progress;
  // A clause waiting for a capital's confirmation is said apart: the room cannot resolve it.
  const blocking = progress.blocking.filter((id) => !adReferendum.includes(id));
  const parts = [`${agreed} of ${clauseCount(total)} agreed, ${frozen} frozen.`];
  if (progress.adopted) return `Adopted. ${parts[0]}`;
  if (progress.ready) return `${parts[0]} Ready for adoption.`;
  const before: string[] = [];
  if (blocking.length > 0) {
    before.push(
      `${clauseCount(blocking.length)} ${blocking.length === 1 ? 'needs' : 'need'} positions or ${blocking.length === 1 ? 'holds' : 'hold'} a reservation`,
    );
  }
  if (adReferendum.length > 0) {
    before.push(
      `${clauseCount(adReferendum.length)} ${adReferendum.length === 1 ? 'awaits' : 'await'} confirmation of an agreement ad referendum`,
    );
  }
  if (toFreeze.length > 0) {
    before.push(`${clauseCount(toFreeze.length)} ${toFreeze.length === 1 ? 'waits' : 'wait'} only to be frozen`);
  }
  if (before.length > 0) parts.push(`Before adoption: ${before.join('; ')}.`);
  for (const blocker of draftBlockers) parts.push(describeDraftBlocker(blocker));
  return parts.join(' ');
}

/** A row's comment threads: how many are open, of how many. */
function CommentCell({ counts }: { counts: { open: number; total: number } | undefined }) {
  if (counts === undefined || counts.total === 0) return <td className="row-comments">none</td>;
  return (
    <td className="row-comments" data-testid="matrix-comments">
      {counts.open} open of {counts.total}
    </td>
  );
}

/** How many brackets a clause has open (a proposal counts as one) and who holds them; words, not colour. */
function BracketCell({ clause }: { clause: ClauseState }): ReactNode {
  const facts = { brackets: clause.brackets ?? [], proposedBy: clause.proposedBy };
  const count = bracketCount(facts);
  const holders = bracketHolders(facts);
  const words =
    count === 0 ? 'no brackets' : `${count} ${count === 1 ? 'bracket' : 'brackets'}, held by ${holders.join(', ')}`;
  return (
    <td className="row-brackets" data-testid="matrix-brackets" title={words} aria-label={`${clause.label}: ${words}`}>
      {count === 0 ? '–' : `[${count}] ${holders.join(', ')}`}
    </td>
  );
}
