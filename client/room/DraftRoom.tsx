import { initLocalState, type Provider } from '@lexical/yjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { clauseRecord } from '../../shared/consensus/decision-records.ts';
import { draftStateOf } from '../../shared/consensus/draft-state.ts';
import { delegationColor } from '../../shared/delegation-color.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { DraftKind, DraftSummary } from '../../shared/schemas/draft.ts';
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
import { createStructureUndo } from './clause-structure.ts';
import { RefusedEdits } from './RefusedEdits.tsx';
import { RoomHeader, type RoomView } from './RoomHeader.tsx';
import { RoomContext, type RoomContextValue } from './room-context.tsx';

/** A draft's room: who you are, the connection, and the clauses in reading order. */
export function DraftRoom({ draftId }: { draftId: string }) {
  const [summary, setSummary] = useState<DraftSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = useDraftDoc(draftId);
  const decisions = useDecisions(draftId);
  const [cursors, setCursors] = useState<HTMLElement | null>(null);
  const [view, setView] = useState<RoomView>('text');
  const [adopting, setAdopting] = useState(false);
  const [createdHere, setCreatedHere] = useState<ReadonlySet<string>>(new Set());
  const [deleted, setDeleted] = useState<string | null>(null);
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
  const structureUndo = useMemo(() => (doc === null ? null : createStructureUndo(doc)), [doc]);
  useEffect(() => () => structureUndo?.destroy(), [structureUndo]);
  const cursorRouter = useMemo(
    () => (doc === null || provider === null ? null : new CursorRouter(doc, provider.awareness)),
    [doc, provider],
  );
  useEffect(() => () => cursorRouter?.destroy(), [cursorRouter]);
  const onAdded = useCallback((id: string) => setCreatedHere((ids) => new Set([...ids, id])), []);
  const onMoved = useCallback(
    (label: string, step: -1 | 1) => setAnnouncement(`${label} moved ${step === -1 ? 'up' : 'down'}.`),
    [],
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
            onAdded,
            onDeleted: setDeleted,
            onMoved,
          },
    [doc, texts, provider, summary, who, adoption, cursors, cursorRouter, onAdded, onMoved],
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
      {deleted !== null && structureUndo !== null && (
        <p className="room-notice undo-notice" role="status">
          {deleted} deleted.{' '}
          <button
            type="button"
            onClick={() => {
              structureUndo.undo();
              setDeleted(null);
            }}
          >
            Undo
          </button>{' '}
          <button type="button" onClick={() => setDeleted(null)}>
            Dismiss
          </button>
        </p>
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
              {roomLabels(draft.clauses, room.draft.kind).map(({ clause, label, groupTitle }, index, all) => (
                <ClauseCard
                  key={clause.id}
                  clause={clause}
                  label={label}
                  groupTitle={groupTitle}
                  index={index}
                  count={all.length}
                  record={decisions.records === null ? undefined : clauseRecord(decisions.records, clause.id)}
                  createdHere={createdHere.has(clause.id)}
                />
              ))}
            </ol>
          </main>
        </RoomContext.Provider>
      )}
    </div>
  );
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
