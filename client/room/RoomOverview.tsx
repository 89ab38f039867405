import { type MouseEvent, useCallback, useEffect, useMemo } from 'react';
import { canTakePosition } from '../../shared/consensus/decide.ts';
import type { DraftDecisionRecords } from '../../shared/consensus/decision-records.ts';
import { draftStateOf } from '../../shared/consensus/draft-state.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import { draftProgress } from '../consensus/draft-progress.ts';
import { FreezeAgreed } from '../consensus/FreezeAgreed.tsx';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import type { RoomContextValue } from './room-context.tsx';

export interface RoomOverviewProps {
  room: RoomContextValue;
  records: DraftDecisionRecords | null;
  /** Clause id → the label the room shows it by. */
  labels: ReadonlyMap<string, string>;
  onJump: (clauseId: string) => void;
}

/** How often the header's counts follow the text while people type. */
const OVERVIEW_EVERY_MS = 300;

/** How many stale positions the header names; the rest are counted. */
const STALE_NAMED = 4;

/**
 * Where the draft stands, for the header: "12/23 agreed · 4 frozen · 9 blocking", the next clause
 * that needs this delegation's position (or, for the chair and the secretariat, the next one that
 * blocks adoption) with Alt+N, and a delegation's positions that went stale wherever the clause
 * is, each a link to it. Counted by the rules of adoption, on the text on this screen.
 */
export function RoomOverview({ room, records, labels, onJump }: RoomOverviewProps) {
  const facts = useDraftFacts(room.draft, room.texts, records, OVERVIEW_EVERY_MS);
  const { draft } = room;
  const overview = useMemo(() => {
    if (facts === null || records === null) return null;
    const state = draftStateOf(facts, records.seq);
    const progress = draftProgress(state);
    const actor: Actor = { session: '', role: draft.you.role, delegation: draft.you.delegation };
    const mine = draft.you.role === 'delegation' ? draft.you.delegation : null;
    const needsMe: string[] = [];
    const stale: string[] = [];
    if (mine !== null) {
      for (const clause of state.clauses) {
        const own = clause.positions.find((p) => p.delegation === mine);
        if (own?.stale === true) stale.push(clause.id);
        // An agreement ad referendum not yet confirmed still needs this delegation: its confirmation.
        const unconfirmed = own?.stance === 'endorsed' && !own.stale && own.adReferendum !== undefined;
        if ((own === undefined || own.stale || unconfirmed) && canTakePosition(facts, actor, clause.id)) {
          needsMe.push(clause.id);
        }
      }
    }
    return { progress, needsMe, stale, state, actor };
  }, [facts, records, draft]);

  const targets =
    overview === null ? [] : draft.you.role === 'delegation' ? overview.needsMe : overview.progress.blocking;
  const goNext = useCallback(() => {
    const next = nextAfterCurrent(targets);
    if (next !== null) onJump(next);
  }, [targets, onJump]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN') {
        event.preventDefault();
        goNext();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [goNext]);

  if (overview === null) return null;
  const { progress, stale } = overview;
  const agreedOrFrozen = progress.agreed;
  const forDelegation = draft.you.role === 'delegation';
  const showNext = forDelegation || draft.you.role === 'chair' || draft.you.role === 'secretariat';
  const jump = (clauseId: string) => (event: MouseEvent) => {
    event.preventDefault();
    onJump(clauseId);
  };
  return (
    <>
      <span className="room-progress" data-testid="room-progress">
        {progress.adopted ? (
          'Adopted'
        ) : (
          <>
            {/* "Blocking" alone read as 23 problems on a fresh draft: say what each is waiting for. */}
            {agreedOrFrozen}/{progress.total} agreed · {progress.frozen} frozen ·{' '}
            {
              progress.blocking.filter((id) => !progress.reserved.includes(id) && !progress.adReferendum.includes(id))
                .length
            }{' '}
            awaiting positions · {progress.reserved.length} reserved
            {progress.adReferendum.length > 0 && ` · ${progress.adReferendum.length} awaiting confirmation ad ref`}
          </>
        )}
      </span>
      {showNext && !progress.adopted && (
        <button
          type="button"
          className="next-clause"
          aria-keyshortcuts="Alt+N"
          aria-disabled={targets.length === 0}
          title="Alt+N"
          // Pressed with the mouse, the button must not take the focus from the card the person is
          // on: "next" counts from that card, as Alt+N does, not from where the page is scrolled.
          onMouseDown={(event) => event.preventDefault()}
          onClick={goNext}
        >
          {forDelegation
            ? targets.length === 0
              ? 'Nothing needs your position'
              : `Next needing your position (${targets.length})`
            : targets.length === 0
              ? 'Nothing blocks'
              : `Next blocking clause (${targets.length})`}
        </button>
      )}
      {draft.you.role === 'chair' && facts !== null && !progress.adopted && (
        <FreezeAgreed draftId={draft.id} facts={facts} state={overview.state} actor={overview.actor} labels={labels} />
      )}
      {stale.length > 0 && (
        <p className="stale-positions" role="status" data-testid="stale-positions">
          {stale.length === 1 ? 'Your position that went stale: ' : `Your ${stale.length} positions that went stale: `}
          {stale.slice(0, STALE_NAMED).map((clauseId, i) => (
            <span key={clauseId}>
              {i > 0 && ', '}
              <a href={`#clause-${clauseId}`} onClick={jump(clauseId)}>
                {labels.get(clauseId) ?? 'a clause'}
              </a>
            </span>
          ))}
          {stale.length > STALE_NAMED && ` and ${stale.length - STALE_NAMED} more`}
        </p>
      )}
    </>
  );
}

/**
 * The first of `targets` (clause ids in reading order) after the clause the person is at: the
 * card with the focus, else the first card below the header; around to the first at the end.
 */
function nextAfterCurrent(targets: readonly string[]): string | null {
  if (targets.length === 0) return null;
  const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="clause"]')];
  const focused = cards.findIndex((card) => card.contains(document.activeElement));
  const headerBottom = document.querySelector('.room-header')?.getBoundingClientRect().bottom ?? 0;
  const at =
    focused !== -1 ? focused : cards.findIndex((card) => card.getBoundingClientRect().bottom > headerBottom) - 1;
  const wanted = new Set(targets);
  for (let i = at + 1; i < cards.length; i++) {
    const id = cards[i]?.id.replace(/^clause-/, '');
    if (id !== undefined && wanted.has(id)) return id;
  }
  return targets[0] ?? null;
}
