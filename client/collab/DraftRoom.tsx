import { initLocalState, type Provider } from '@lexical/yjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClauseKind, DraftSummary } from '../../shared/schemas/draft.ts';
import { getDraftSummary } from '../api/drafts.ts';
import { ApiError } from '../api/fetch-json.ts';
import { AdoptDialog } from '../consensus/AdoptDialog.tsx';
import { AdoptionBanner } from '../consensus/AdoptionBanner.tsx';
import { ConsensusMatrix } from '../consensus/ConsensusMatrix.tsx';
import { useDecisions } from '../consensus/use-decisions.ts';
import { CursorRouter } from '../editor/cursor-router.ts';
import { ClauseCard } from './ClauseCard.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { createStructureUndo } from './clause-structure.ts';
import { delegationColor } from './delegation-color.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { RefusedEdits } from './RefusedEdits.tsx';
import { type ClauseView, useDraftDoc } from './use-draft-doc.ts';
import { usePresence } from './use-presence.ts';

const KIND_LABEL: Record<ClauseKind, string> = {
  chapeau: 'Chapeau',
  preamble: 'Preamble',
  'lead-in': 'Lead-in',
  operative: 'Operative',
  closing: 'Closing',
  heading: 'Heading',
  paragraph: 'Paragraph',
};

/** A draft's room: who you are, the connection, and the clauses in reading order. */
export function DraftRoom({ draftId }: { draftId: string }) {
  const [summary, setSummary] = useState<DraftSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = useDraftDoc(draftId);
  const decisions = useDecisions(draftId);
  const [cursors, setCursors] = useState<HTMLElement | null>(null);

  useEffect(() => {
    getDraftSummary(draftId).then(setSummary, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : 'The draft could not be loaded. Reload the page.'),
    );
  }, [draftId]);

  const who = summary === null ? null : (summary.you.delegation ?? summary.you.role);
  const clauses = draft?.clauses ?? null;
  const provider = draft?.provider ?? null;
  const present = usePresence(provider);
  const [view, setView] = useState<'text' | 'matrix'>('text');
  const [createdHere, setCreatedHere] = useState<ReadonlySet<string>>(new Set());
  const [deleted, setDeleted] = useState<string | null>(null);
  const doc = draft?.doc ?? null;
  const structureUndo = useMemo(() => (doc === null ? null : createStructureUndo(doc)), [doc]);
  useEffect(() => () => structureUndo?.destroy(), [structureUndo]);
  const cursorRouter = useMemo(
    () => (doc === null || provider === null ? null : new CursorRouter(doc, provider.awareness)),
    [doc, provider],
  );
  useEffect(() => () => cursorRouter?.destroy(), [cursorRouter]);
  const [adopting, setAdopting] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const onAdded = useCallback((id: string) => setCreatedHere((ids) => new Set([...ids, id])), []);
  const onMoved = useCallback(
    (label: string, step: -1 | 1) => setAnnouncement(`${label} moved ${step === -1 ? 'up' : 'down'}.`),
    [],
  );
  const adopted = decisions.state?.adoption != null;
  const numbered = useMemo(() => (clauses === null ? [] : numberClauses(clauses)), [clauses]);
  const roomLabels = useMemo(() => new Map(numbered.map(({ clause, label }) => [clause.id, label])), [numbered]);
  const clauseStates = useMemo(
    () => new Map((decisions.state?.clauses ?? []).map((c) => [c.id, c])),
    [decisions.state],
  );
  const stateOf = (clauseId: string) => clauseStates.get(clauseId);

  // One presence per person, whichever clause they are in: y-websocket starts it as {}, which
  // would show the others a cursor with no name.
  useEffect(() => {
    if (provider === null || who === null) return;
    initLocalState(provider as unknown as Provider, who, delegationColor(who), false, {});
  }, [provider, who]);

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
      <header className="room-header">
        <h1>{summary?.title ?? 'Loading draft…'}</h1>
        <div className="room-meta">
          {summary !== null && (
            <span className="who" data-testid="who">
              {summary.you.role === 'delegation' ? summary.you.delegation : summary.you.role}
            </span>
          )}
          <span className="views">
            <button type="button" aria-pressed={view === 'text'} onClick={() => setView('text')}>
              Text
            </button>
            <button type="button" aria-pressed={view === 'matrix'} onClick={() => setView('matrix')}>
              Matrix
            </button>
          </span>
          {summary?.you.role === 'chair' && decisions.state !== null && decisions.state.adoption === null && (
            <button type="button" onClick={() => setAdopting(true)}>
              Adopt…
            </button>
          )}
          <ExportMenu draftId={draftId} adopted={adopted} />
          {present.length > 0 && (
            <span className="present" data-testid="present" title="Who is in the room now">
              In the room: {present.join(', ')}
            </span>
          )}
          <ConnectionBadge state={draft?.connection ?? { status: 'connecting' }} />
        </div>
      </header>
      {adopted && <AdoptionBanner draftId={draftId} />}
      {draft !== null && (
        <RefusedEdits
          refused={draft.refusedTexts}
          labelOf={(clauseId) => stateOf(clauseId)?.label ?? 'a clause'}
          onDismiss={draft.dismissRefused}
        />
      )}
      {decisions.error !== null && (
        <p className="room-notice" role="alert">
          {decisions.error}
        </p>
      )}
      {adopting && decisions.state !== null && (
        <AdoptDialog
          draftId={draftId}
          state={decisions.state}
          onClose={() => {
            setAdopting(false);
            decisions.refresh();
          }}
        />
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
      {view === 'matrix' && decisions.state !== null && (
        <ConsensusMatrix state={decisions.state} roomLabels={roomLabels} />
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <main hidden={view !== 'text'}>
        {clauses === null || draft === null || who === null || summary === null || cursorRouter === null ? (
          <p className="loading">Loading the text…</p>
        ) : (
          <ol className="clauses" aria-label="Clauses">
            {numbered.map(({ clause, label, groupTitle }, index) => (
              <ClauseCard
                key={clause.id}
                draftId={draftId}
                draftKind={summary.kind}
                doc={draft.doc}
                provider={draft.provider as unknown as Provider}
                clause={clause}
                label={label}
                groupTitle={groupTitle}
                index={index}
                count={clauses.length}
                state={stateOf(clause.id)}
                you={summary.you}
                who={who}
                delegations={summary.delegations}
                adopted={adopted}
                cursorsContainer={cursors}
                cursorRouter={cursorRouter}
                createdHere={createdHere.has(clause.id)}
                onAdded={onAdded}
                onDeleted={setDeleted}
                onMoved={onMoved}
                onDecided={decisions.refresh}
              />
            ))}
          </ol>
        )}
      </main>
    </div>
  );
}

/** The parts of a joint statement as it reads; a chair's report's headings are its own parts. */
const GROUP_OF: Partial<Record<ClauseKind, string>> = {
  chapeau: 'Preamble',
  preamble: 'Preamble',
  'lead-in': 'Operative part',
  operative: 'Operative part',
  closing: 'Closing',
};

/**
 * Each clause with the label it is shown and announced by, and the title of the part of the
 * text it begins, if it begins one. Preamble and operative clauses and report paragraphs are
 * numbered in order ("Operative 2", "Preamble 3"); the rest are named by kind ("Lead-in").
 */
function numberClauses(clauses: ClauseView[]): Array<{ clause: ClauseView; label: string; groupTitle: string | null }> {
  const next: Partial<Record<ClauseKind, number>> = {};
  let previousGroup: string | undefined;
  return clauses.map((clause) => {
    const numbered = clause.kind === 'operative' || clause.kind === 'paragraph' || clause.kind === 'preamble';
    const n = (next[clause.kind] ?? 0) + 1;
    next[clause.kind] = n;
    const group = GROUP_OF[clause.kind];
    const groupTitle = group !== undefined && group !== previousGroup ? group : null;
    previousGroup = group;
    return { clause, label: numbered ? `${KIND_LABEL[clause.kind]} ${n}` : KIND_LABEL[clause.kind], groupTitle };
  });
}
