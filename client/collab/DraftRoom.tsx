import { useEffect, useState } from 'react';
import type { ClauseKind, DraftSummary } from '../../shared/schemas/draft.ts';
import { getDraftSummary } from '../api/drafts.ts';
import { ApiError } from '../api/fetch-json.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { type ClauseView, useDraftDoc } from './use-draft-doc.ts';

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
  const { clauses, connection } = useDraftDoc(draftId);

  useEffect(() => {
    getDraftSummary(draftId).then(setSummary, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : 'The draft could not be loaded. Reload the page.'),
    );
  }, [draftId]);

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
      <header className="room-header">
        <h1>{summary?.title ?? 'Loading draft…'}</h1>
        <div className="room-meta">
          {summary !== null && (
            <span className="who" data-testid="who">
              {summary.you.role === 'delegation' ? summary.you.delegation : summary.you.role}
            </span>
          )}
          <ConnectionBadge state={connection} />
        </div>
      </header>
      <main>
        {clauses === null ? (
          <p className="loading">Loading the text…</p>
        ) : (
          <ol className="clauses" aria-label="Clauses">
            {numberClauses(clauses).map(({ clause, number }) => (
              <li key={clause.id} className={`clause clause-${clause.kind}`} data-testid="clause">
                <span className="clause-kind">
                  {KIND_LABEL[clause.kind]}
                  {number !== null && ` ${number}`}
                </span>
                <p className="clause-text">{clause.text}</p>
              </li>
            ))}
          </ol>
        )}
      </main>
    </div>
  );
}

/** Operative clauses and report paragraphs are numbered in order; the rest are not. */
function numberClauses(clauses: ClauseView[]): Array<{ clause: ClauseView; number: number | null }> {
  let next = 1;
  return clauses.map((clause) => ({
    clause,
    number: clause.kind === 'operative' || clause.kind === 'paragraph' ? next++ : null,
  }));
}
