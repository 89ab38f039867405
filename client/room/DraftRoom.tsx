import { initLocalState, type Provider } from '@lexical/yjs';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { clauseRecord } from '../../shared/consensus/decision-records.ts';
import { silencedClauseIds } from '../../shared/consensus/silence.ts';
import { delegationColor } from '../../shared/delegation-color.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DraftSummary } from '../../shared/schemas/draft.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { getDraftSummary } from '../api/drafts.ts';
import { ApiError } from '../api/fetch-json.ts';
import { AuthorshipProvider, AuthorshipToggle } from '../attribution/authorship-context.tsx';
import { BracketCount } from '../brackets/BracketCount.tsx';
import { useDraftDoc } from '../collab/use-draft-doc.ts';
import { usePresence } from '../collab/use-presence.ts';
import { CommentAnnouncer } from '../comments/CommentAnnouncer.tsx';
import { MentionsBadge } from '../comments/MentionsBadge.tsx';
import { CommentsContext, useComments } from '../comments/use-comments.ts';
import { AdoptionBanner } from '../consensus/AdoptionBanner.tsx';
import { decisionAnnouncement } from '../consensus/decision-announcement.ts';
import { TextChangeAuthors } from '../consensus/text-change-authors.ts';
import { type Decisions, useDecisions } from '../consensus/use-decisions.ts';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import { useReopenNotes } from '../consensus/use-reopen-notes.ts';
import { CursorRouter } from '../editor/cursor-router.ts';
import { VersionsPanel } from '../versions/VersionsPanel.tsx';
import { versionAtOrBefore } from '../versions/versions-api.ts';
import { CARD_KEYS_HINT_ID, ClauseCard, END_OF_TEXT_ID } from './ClauseCard.tsx';
import { focusCard } from './card-keys.ts';
import { roomLabels } from './clause-labels.ts';
import { addClause, deleteClause, moveClause, restoreClause, takeUpClause } from './clause-structure.ts';
import { pinJumpTarget } from './jump-pin.ts';
import { AdoptDialog, preloadRoomParts, RoomMatrix } from './lazy-parts.tsx';
import { RefusedEdits } from './RefusedEdits.tsx';
import { RoomHeader, type RoomView } from './RoomHeader.tsx';
import { RoomOverview } from './RoomOverview.tsx';
import { ConcludeMenu, RoomSilence, type SilenceDialog } from './RoomSilence.tsx';
import { RoomContext, type RoomContextValue, type StructureActions } from './room-context.tsx';
import { structureNotice } from './structure-notice.ts';
import { NO_RIGHTS, structureRights } from './structure-rights.ts';

/** A draft's room: who you are, the connection, and the clauses in reading order. */
export function DraftRoom({ draftId }: { draftId: string }) {
  const [summary, setSummary] = useState<DraftSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = useDraftDoc(draftId);
  const [announcement, setAnnouncement] = useState('');
  const [notices, setNotices] = useState<readonly StructureNotice[]>([]);
  const labelsRef = useRef<ReadonlyMap<string, string>>(new Map());
  const reopen = useReopenNotes(draftId, summary !== null);
  const onEvent = useCallback(
    (event: DecisionEvent) => {
      reopen.onEvent(event);
      const notice = structureNotice(event);
      if (notice === null) {
        setAnnouncement(decisionAnnouncement(event, (id) => labelsRef.current.get(id) ?? 'a clause'));
        return;
      }
      // The last few, newest first: a chair reordering a dozen clauses must not bury the room.
      setNotices((shown) => [{ seq: event.seq, text: notice }, ...shown].slice(0, 3));
      setAnnouncement(notice);
    },
    [reopen.onEvent],
  );
  const decisions = useDecisions(draftId, onEvent);
  const comments = useComments(draftId);
  const [cursors, setCursors] = useState<HTMLElement | null>(null);
  const [view, setView] = useState<RoomView>('text');
  /** A compare a stale position's link asked for: that version with now. */
  const [compareRequest, setCompareRequest] = useState<{ from: number; id: number } | null>(null);
  const [adopting, setAdopting] = useState(false);
  const adoptButton = useRef<HTMLButtonElement>(null);
  const [createdHere, setCreatedHere] = useState<ReadonlySet<string>>(new Set());
  const [deleted, setDeleted] = useState<{ clauseId: string; label: string; after: string | null } | null>(null);
  const [structureError, setStructureError] = useState<string | null>(null);

  useEffect(() => {
    getDraftSummary(draftId).then(setSummary, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : 'The draft could not be loaded. Reload the page.'),
    );
  }, [draftId]);
  // The tab says which draft it is: a delegate has several open.
  useEffect(() => {
    if (summary === null) return;
    const before = document.title;
    document.title = `${summary.title} — Mufakat`;
    return () => {
      document.title = before;
    };
  }, [summary]);

  const provider = draft?.provider ?? null;
  const doc = draft?.doc ?? null;
  const texts = draft?.texts ?? null;
  const who = summary === null ? null : (summary.you.delegation ?? summary.you.role);
  const present = usePresence(provider);
  const cursorRouter = useMemo(
    () => (doc === null || provider === null ? null : new CursorRouter(doc, provider.awareness)),
    [doc, provider],
  );
  useEffect(() => () => cursorRouter?.destroy(), [cursorRouter]);
  const changeAuthors = useMemo(
    () =>
      texts === null || provider === null || cursorRouter === null
        ? null
        : new TextChangeAuthors(texts, provider.awareness, (clauseId) =>
            [...cursorRouter.statesIn(clauseId).values()].map((state) => state.name),
          ),
    [texts, provider, cursorRouter],
  );
  useEffect(() => () => changeAuthors?.destroy(), [changeAuthors]);
  // It follows this delegation's own positions, each from the words it was taken on.
  const mine = summary?.you.role === 'delegation' ? summary.you.delegation : null;
  useEffect(() => {
    if (changeAuthors === null || decisions.records === null || mine === null) return;
    const own = new Map<string, string>();
    for (const [clauseId, record] of decisions.records.clauses) {
      const position = record.positions.find((p) => p.delegation === mine);
      if (position !== undefined) own.set(clauseId, position.textHash);
    }
    changeAuthors.watch(own);
  }, [changeAuthors, decisions.records, mine]);

  const structure = useMemo((): StructureActions => {
    // A refusal says why (the clause moved meanwhile, it is frozen, it is not yours to delete).
    const refused = (error: unknown) =>
      setStructureError(error instanceof ApiError ? error.message : 'The change could not be sent. Try again.');
    const sent = () => setStructureError(null);
    const orderNow = () => (doc === null ? [] : clauseOrder(doc));
    return {
      add: (order, index, kind) =>
        void addClause(draftId, order, index, kind).then((id) => {
          sent();
          setCreatedHere((ids) => new Set([...ids, id]));
        }, refused),
      move: (clauseId, label, step) =>
        void moveClause(draftId, orderNow(), clauseId, step).then(() => {
          sent();
          setAnnouncement(`${label} moved ${step === -1 ? 'up' : 'down'}.`);
        }, refused),
      remove: (clauseId, label) => {
        const order = orderNow();
        const after = order[order.indexOf(clauseId) - 1] ?? null;
        void deleteClause(draftId, clauseId).then(() => {
          sent();
          setDeleted({ clauseId, label, after });
        }, refused);
      },
      takeUp: (clauseId) => void takeUpClause(draftId, clauseId).then(sent, refused),
    };
  }, [draftId, doc]);
  const rights = useMemo(
    () =>
      summary === null || draft?.clauses == null ? null : structureRights(summary, draft.clauses, decisions.records),
    [summary, draft?.clauses, decisions.records],
  );
  const adoption = decisions.records?.adoption ?? null;
  const [silenceDialog, setSilenceDialog] = useState<SilenceDialog>(null);
  const chairStatement = decisions.records?.chairStatement ?? null;
  const statementIssued = chairStatement !== null;
  const silences = decisions.records?.silences;
  const silenced = useMemo(() => silencedClauseIds(silences), [silences]);
  // Adopted while the person was at the Adopt button, now gone: the banner that says so takes the focus.
  useEffect(() => {
    if (adoption === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body) {
      document.querySelector<HTMLElement>('[data-testid="adopted-banner"]')?.focus({ preventScroll: true });
    }
  }, [adoption]);

  // One presence per person, whichever clause they are in: y-websocket starts it as {}, which
  // would show the others a cursor with no name.
  useEffect(() => {
    if (provider === null || who === null) return;
    initLocalState(provider as unknown as Provider, who, delegationColor(who), false, {});
  }, [provider, who]);

  const clauses = draft?.clauses ?? null;
  const kind = summary?.kind ?? null;
  const labelled = useMemo(() => (clauses === null || kind === null ? [] : roomLabels(clauses, kind)), [clauses, kind]);
  const labels = useMemo(() => new Map(labelled.map(({ clause, label }) => [clause.id, label])), [labelled]);
  labelsRef.current = labels;
  // The matrix and the chair's dialogs are fetched once the text is there and the browser is idle.
  const textThere = clauses !== null;
  const chair = summary?.you.role === 'chair';
  useEffect(() => (textThere ? preloadRoomParts(chair) : undefined), [textThere, chair]);

  // The matrix opens at its top; the text comes back where it was left, unless a jump says where.
  const textScroll = useRef(0);
  const pendingScroll = useRef<number | null>(null);
  const showView = useCallback(
    (next: RoomView, scrollTo: 'keep' | 'none' = 'keep') => {
      if (next === view) return;
      if (view === 'text') textScroll.current = window.scrollY;
      pendingScroll.current = scrollTo === 'none' ? null : next !== 'text' ? 0 : textScroll.current;
      setView(next);
    },
    [view],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the view it scrolls has rendered
  useLayoutEffect(() => {
    if (pendingScroll.current === null) return;
    window.scrollTo(0, pendingScroll.current);
    pendingScroll.current = null;
  }, [view]);
  const jumpTarget = useRef<string | null>(null);
  const [jumps, setJumps] = useState(0);
  const goToClause = useCallback(
    (clauseId: string) => {
      jumpTarget.current = clauseId;
      if (view !== 'text') showView('text', 'none');
      else setJumps((n) => n + 1);
    },
    [view, showView],
  );
  const unpinJump = useRef<(() => void) | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each jump's render
  useLayoutEffect(() => {
    const target = jumpTarget.current;
    if (target === null || view !== 'text') return;
    jumpTarget.current = null;
    const card = document.getElementById(`clause-${target}`);
    if (card === null) return;
    card.scrollIntoView({ block: 'center' });
    focusCard(card);
    // The cards around it mount as they come near and grow: they must not push it off the screen.
    unpinJump.current?.();
    unpinJump.current = card.parentElement === null ? null : pinJumpTarget(card, card.parentElement);
  }, [view, jumps]);
  useEffect(() => () => unpinJump.current?.(), []);

  // A stale position's link: the version it was taken on (the latest at or before it) against now.
  const openCompareSince = useCallback(
    (at: string) => {
      versionAtOrBefore(draftId, at).then(
        (from) => {
          if (from === null) {
            setStructureError(
              'No version of the text was recorded before your position: there is nothing to compare with.',
            );
            return;
          }
          setCompareRequest({ from, id: Date.now() });
          showView('versions', 'none');
        },
        () => setStructureError('The versions could not be loaded. Try again.'),
      );
    },
    [draftId, showView],
  );
  const room = useMemo(
    (): RoomContextValue | null =>
      doc === null ||
      texts === null ||
      provider === null ||
      summary === null ||
      who === null ||
      cursorRouter === null ||
      changeAuthors === null
        ? null
        : {
            draft: summary,
            doc,
            texts,
            provider: provider as unknown as Provider,
            who,
            adoption,
            silenced,
            ...(silences === undefined ? {} : { silences }),
            chairStatement,
            statementIssued,
            cursorsContainer: cursors,
            cursorRouter,
            changeAuthors,
            structure,
            openCompareSince,
          },
    [
      doc,
      texts,
      provider,
      summary,
      who,
      adoption,
      silenced,
      silences,
      chairStatement,
      statementIssued,
      cursors,
      cursorRouter,
      changeAuthors,
      structure,
      openCompareSince,
    ],
  );

  if (error !== null) {
    return (
      <main className="notice" role="alert">
        <h1>Cannot open this draft</h1>
        <p>{error}</p>
      </main>
    );
  }

  const page = (
    <div className="room">
      <div className="cursors" ref={setCursors} />
      <RoomHeader
        draftId={draftId}
        draft={summary}
        view={view}
        onView={showView}
        adopted={adoption !== null}
        onAdopt={
          summary?.you.role === 'chair' && decisions.records !== null && adoption === null && !statementIssued
            ? () => setAdopting(true)
            : null
        }
        chairActions={
          summary?.you.role === 'chair' &&
          decisions.records !== null &&
          adoption === null &&
          !statementIssued && <ConcludeMenu onChoose={setSilenceDialog} />
        }
        adoptButton={adoptButton}
        present={present}
        connection={draft?.connection ?? { status: 'connecting' }}
        mentions={
          summary?.you.role === 'delegation' &&
          summary.you.delegation !== null && (
            <MentionsBadge draftId={draftId} delegation={summary.you.delegation} labels={labels} onJump={goToClause} />
          )
        }
        overview={
          room !== null && <RoomOverview room={room} records={decisions.records} labels={labels} onJump={goToClause} />
        }
        brackets={room !== null && <BracketCount room={room} records={decisions.records} />}
      />
      {adoption !== null && <AdoptionBanner draftId={draftId} />}
      {room !== null && (
        <RoomSilence
          room={room}
          decisions={decisions}
          dialog={silenceDialog}
          onCloseDialog={() => setSilenceDialog(null)}
        />
      )}
      {draft !== null && (
        <RefusedEdits
          refused={draft.refusedTexts}
          reason={draft.refusedReason}
          labelOf={(clauseId) => labels.get(clauseId) ?? 'a clause'}
          onDismiss={draft.dismissRefused}
        />
      )}
      {decisions.error !== null && (
        <p className="room-notice" role="alert">
          {decisions.error}
        </p>
      )}
      {structureError !== null && (
        <p className="room-notice" role="alert" data-testid="structure-error">
          {structureError}{' '}
          <button type="button" onClick={() => setStructureError(null)}>
            Dismiss
          </button>
        </p>
      )}
      {deleted !== null && (
        <p className="room-notice undo-notice" role="status">
          {deleted.label} deleted: its words and the positions on it are kept.{' '}
          {rights?.restore(deleted.clauseId) === true && (
            <button
              type="button"
              onClick={() => {
                const { clauseId, after } = deleted;
                setDeleted(null);
                // Back where it was, or first when the clause before it went too.
                const order = doc === null ? [] : clauseOrder(doc);
                restoreClause(draftId, clauseId, after !== null && order.includes(after) ? after : null).catch(
                  (error: unknown) =>
                    setStructureError(error instanceof ApiError ? error.message : 'The clause could not be restored.'),
                );
              }}
            >
              Restore
            </button>
          )}{' '}
          <button type="button" onClick={() => setDeleted(null)}>
            Dismiss
          </button>
        </p>
      )}
      {notices.length > 0 && (
        <ul
          className="room-notice structure-notices"
          aria-label="Changes to the clause list"
          data-testid="structure-notices"
        >
          {notices.map((notice) => (
            <li key={notice.seq}>{notice.text}</li>
          ))}
          <li>
            <button type="button" onClick={() => setNotices([])}>
              Dismiss
            </button>
          </li>
        </ul>
      )}
      {/* Polite: decisions and moves are read out when the person pauses, never over their typing. */}
      <p className="visually-hidden" role="status" data-testid="announcer">
        {announcement}
      </p>
      {summary !== null && <CommentAnnouncer you={summary.you} labels={labels} />}
      <p id={CARD_KEYS_HINT_ID} hidden>
        Enter to go into the clause, Tab to the next clause. Inside a clause, Tab goes through its actions and Escape
        back to the clause.
      </p>
      <main>
        {room === null || draft === null || draft.clauses === null ? (
          <p className="loading">Loading the text…</p>
        ) : (
          <RoomContext.Provider value={room}>
            {adopting && (
              <RoomAdoptDialog
                room={room}
                decisions={decisions}
                onClose={() => {
                  setAdopting(false);
                  // The dialog leaves the page on this render: the focus goes back to where it came from.
                  requestAnimationFrame(() => adoptButton.current?.focus());
                }}
              />
            )}
            {view === 'versions' && (
              <VersionsPanel
                draftId={draftId}
                chair={chair}
                mayEdit={summary?.you.role !== 'observer'}
                seq={decisions.records?.seq ?? 0}
                openRequest={compareRequest}
              />
            )}
            {view === 'matrix' && (
              <RoomMatrix room={room} draft={draft} decisions={decisions} labels={labels} onJump={goToClause} />
            )}
            <AuthorshipProvider draftId={draftId}>
              <div hidden={view !== 'text'}>
                <AuthorshipToggle />
                <ol className="clauses" aria-label="Clauses">
                  {labelled.map(({ clause, label, formalLabel, number, groupTitle }, index, all) => (
                    <ClauseCard
                      key={clause.id}
                      clause={clause}
                      label={label}
                      formalLabel={formalLabel}
                      number={number}
                      rights={rights?.byClause.get(clause.id) ?? NO_RIGHTS}
                      groupTitle={groupTitle}
                      index={index}
                      count={all.length}
                      record={decisions.records === null ? undefined : clauseRecord(decisions.records, clause.id)}
                      createdHere={createdHere.has(clause.id)}
                      reopened={reopen.notes.get(clause.id) ?? null}
                    />
                  ))}
                </ol>
                <button
                  type="button"
                  id={END_OF_TEXT_ID}
                  className="end-of-text"
                  onClick={() => {
                    window.scrollTo(0, 0);
                    document.querySelector<HTMLElement>('[data-testid="clause"]')?.focus({ preventScroll: true });
                  }}
                  onKeyDown={(event) => {
                    // Back into the list at its last card, not inside it.
                    if (event.key !== 'Tab' || !event.shiftKey) return;
                    const cards = document.querySelectorAll<HTMLElement>('[data-testid="clause"]');
                    const last = cards[cards.length - 1];
                    if (last === undefined) return;
                    event.preventDefault();
                    focusCard(last);
                  }}
                >
                  End of the text · back to the top
                </button>
              </div>
            </AuthorshipProvider>
          </RoomContext.Provider>
        )}
      </main>
    </div>
  );
  return <CommentsContext.Provider value={comments}>{page}</CommentsContext.Provider>;
}

/** A change to the clause list, as the room told it. */
interface StructureNotice {
  seq: number;
  text: string;
}

function RoomAdoptDialog({
  room,
  decisions,
  onClose,
}: {
  room: RoomContextValue;
  decisions: Decisions;
  onClose: () => void;
}) {
  const facts = useDraftFacts(room.draft, room.texts, decisions.records);
  if (facts === null) return null;
  const actor: Actor = { session: '', role: room.draft.you.role, delegation: room.draft.you.delegation };
  return <AdoptDialog facts={facts} actor={actor} onClose={onClose} />;
}
