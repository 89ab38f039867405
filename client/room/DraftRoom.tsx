import { initLocalState, type Provider } from '@lexical/yjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { clauseRecord } from '../../shared/consensus/decision-records.ts';
import { draftStateOf } from '../../shared/consensus/draft-state.ts';
import { delegationColor } from '../../shared/delegation-color.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DraftKind, DraftSummary } from '../../shared/schemas/draft.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { getDraftSummary } from '../api/drafts.ts';
import { ApiError } from '../api/fetch-json.ts';
import { type DraftDoc, useDraftDoc } from '../collab/use-draft-doc.ts';
import { usePresence } from '../collab/use-presence.ts';
import { AdoptDialog } from '../consensus/AdoptDialog.tsx';
import { AdoptionBanner } from '../consensus/AdoptionBanner.tsx';
import { ConsensusMatrix } from '../consensus/ConsensusMatrix.tsx';
import { type Decisions, useDecisions } from '../consensus/use-decisions.ts';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import { CursorRouter } from '../editor/cursor-router.ts';
import { ClauseCard } from './ClauseCard.tsx';
import { roomLabels } from './clause-labels.ts';
import { addClause, deleteClause, moveClause, restoreClause, takeUpClause } from './clause-structure.ts';
import { RefusedEdits } from './RefusedEdits.tsx';
import { RoomHeader, type RoomView } from './RoomHeader.tsx';
import { RoomContext, type RoomContextValue, type StructureActions } from './room-context.tsx';
import { structureNotice } from './structure-notice.ts';
import { NO_RIGHTS, structureRights } from './structure-rights.ts';

/** A draft's room: who you are, the connection, and the clauses in reading order. */
export function DraftRoom({ draftId }: { draftId: string }) {
  const [summary, setSummary] = useState<DraftSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = useDraftDoc(draftId);
  const [notices, setNotices] = useState<readonly StructureNotice[]>([]);
  const onEvent = useCallback((event: DecisionEvent) => {
    const text = structureNotice(event);
    // The last few, newest first: a chair reordering a dozen clauses must not bury the room.
    if (text !== null) setNotices((shown) => [{ seq: event.seq, text }, ...shown].slice(0, 3));
  }, []);
  const decisions = useDecisions(draftId, onEvent);
  const [cursors, setCursors] = useState<HTMLElement | null>(null);
  const [view, setView] = useState<RoomView>('text');
  const [adopting, setAdopting] = useState(false);
  const [createdHere, setCreatedHere] = useState<ReadonlySet<string>>(new Set());
  const [deleted, setDeleted] = useState<{ clauseId: string; label: string; after: string | null } | null>(null);
  const [structureError, setStructureError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    getDraftSummary(draftId).then(setSummary, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : 'The draft could not be loaded. Reload the page.'),
    );
  }, [draftId]);

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

  // One presence per person, whichever clause they are in: y-websocket starts it as {}, which
  // would show the others a cursor with no name.
  useEffect(() => {
    if (provider === null || who === null) return;
    initLocalState(provider as unknown as Provider, who, delegationColor(who), false, {});
  }, [provider, who]);

  const room = useMemo(
    (): RoomContextValue | null =>
      doc === null || texts === null || provider === null || summary === null || who === null || cursorRouter === null
        ? null
        : {
            draft: summary,
            doc,
            texts,
            provider: provider as unknown as Provider,
            who,
            adoption,
            cursorsContainer: cursors,
            cursorRouter,
            structure,
          },
    [doc, texts, provider, summary, who, adoption, cursors, cursorRouter, structure],
  );

  if (error !== null) {
    return (
      <main className="notice" role="alert">
        <h1>Cannot open this draft</h1>
        <p>{error}</p>
      </main>
    );
  }

  return (
    <div className="room">
      <div className="cursors" ref={setCursors} />
      <RoomHeader
        draftId={draftId}
        draft={summary}
        view={view}
        onView={setView}
        adopted={adoption !== null}
        onAdopt={
          summary?.you.role === 'chair' && decisions.records !== null && adoption === null
            ? () => setAdopting(true)
            : null
        }
        present={present}
        connection={draft?.connection ?? { status: 'connecting' }}
      />
      {adoption !== null && <AdoptionBanner draftId={draftId} />}
      {draft !== null && (
        <RefusedEdits
          refused={draft.refusedTexts}
          labelOf={(clauseId) => labelOf(draft, summary?.kind ?? 'joint-statement', clauseId)}
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
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {room === null || draft === null || draft.clauses === null ? (
        <main hidden={view !== 'text'}>
          <p className="loading">Loading the text…</p>
        </main>
      ) : (
        <RoomContext.Provider value={room}>
          {adopting && <RoomAdoptDialog room={room} decisions={decisions} onClose={() => setAdopting(false)} />}
          {view === 'matrix' && <RoomMatrix room={room} draft={draft} decisions={decisions} />}
          <main hidden={view !== 'text'}>
            <ol className="clauses" aria-label="Clauses">
              {roomLabels(draft.clauses, room.draft.kind).map(
                ({ clause, label, formalLabel, number, groupTitle }, index, all) => (
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
                  />
                ),
              )}
            </ol>
          </main>
        </RoomContext.Provider>
      )}
    </div>
  );
}

/** A change to the clause list, as the room told it. */
interface StructureNotice {
  seq: number;
  text: string;
}

/** A clause's room label, for notices about it. */
function labelOf(draft: DraftDoc, kind: DraftKind, clauseId: string): string {
  return roomLabels(draft.clauses ?? [], kind).find(({ clause }) => clause.id === clauseId)?.label ?? 'a clause';
}

/** The matrix of the text on this screen and the decisions pushed to it, re-derived as either changes. */
function RoomMatrix({ room, draft, decisions }: { room: RoomContextValue; draft: DraftDoc; decisions: Decisions }) {
  const facts = useDraftFacts(room.draft, room.texts, decisions.records);
  const labels = useMemo(
    () => new Map(roomLabels(draft.clauses ?? [], room.draft.kind).map(({ clause, label }) => [clause.id, label])),
    [draft.clauses, room.draft.kind],
  );
  if (facts === null || decisions.records === null) return null;
  return <ConsensusMatrix state={draftStateOf(facts, decisions.records.seq)} roomLabels={labels} />;
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
