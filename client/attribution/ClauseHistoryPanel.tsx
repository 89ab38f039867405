import { useEffect, useState } from 'react';
import { authorLabel, type ClauseHistory, type HistoryEntry } from '../../shared/schemas/attribution.ts';
import { decisionTime } from '../ui/decision-time.ts';
import { getClauseHistory } from './authorship-api.ts';

/** One entry in words: "USA inserted “including freedom of navigation” at 14:05 on 2 Dec". */
export function historySentence(entry: HistoryEntry): string {
  const verb = entry.kind === 'insert' ? 'inserted' : 'deleted';
  return `${authorLabel(entry.author)} ${verb} “${entry.text}” at ${decisionTime(entry.minute)}`;
}

/**
 * A clause's History: a disclosure that, opened, loads the clause's edits from the server's
 * record and lists them newest first, grouped by delegation and minute.
 */
export function ClauseHistoryPanel({ draftId, clauseId, label }: { draftId: string; clauseId: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [loads, setLoads] = useState(0);
  const [history, setHistory] = useState<ClauseHistory | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again on each Refresh
  useEffect(() => {
    if (!open) return;
    let current = true;
    getClauseHistory(draftId, clauseId).then(
      (answer) => {
        if (!current) return;
        setHistory(answer);
        setError(null);
      },
      (failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : 'The history could not be loaded.');
      },
    );
    return () => {
      current = false;
    };
  }, [draftId, clauseId, open, loads]);

  const panelId = `history-${clauseId}`;
  return (
    <div className="clause-history">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        History<span className="visually-hidden"> of {label}</span>
      </button>
      {open && (
        <section id={panelId} aria-label={`History of ${label}`} data-testid="clause-history">
          <button type="button" onClick={() => setLoads((n) => n + 1)}>
            Refresh
          </button>
          {error !== null && <p role="alert">{error}</p>}
          {history === null && error === null && <p>Loading the history…</p>}
          {history !== null && history.entries.length === 0 && <p>No edits recorded for this clause yet.</p>}
          {history !== null && history.entries.length > 0 && (
            <ol>
              {history.entries.map((entry, index) => (
                // Entries have no id of their own; their order is fixed for one answer.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fresh list per answer
                <li key={index} className="history-text" data-testid="history-entry">
                  {historySentence(entry)}
                </li>
              ))}
            </ol>
          )}
          {history?.truncated === true && <p>Older edits are not shown.</p>}
        </section>
      )}
    </div>
  );
}
