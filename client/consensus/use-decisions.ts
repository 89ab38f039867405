import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftState } from '../../shared/schemas/state.ts';
import { getDraftState } from '../api/consensus.ts';

/**
 * The draft's decisions, kept current: loaded once, then reloaded whenever the events channel
 * reports an accepted command (the browser's EventSource reconnects and resumes by itself).
 */
export function useDecisions(draftId: string): { state: DraftState | null; error: string | null; refresh: () => void } {
  const [state, setState] = useState<DraftState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Nineteen delegations endorsing at once are nineteen events: while one load is under way,
  // the others are folded into a single load after it.
  const loading = useRef<'idle' | 'loading' | 'again'>('idle');
  const refresh = useCallback(() => {
    if (loading.current !== 'idle') {
      loading.current = 'again';
      return;
    }
    loading.current = 'loading';
    getDraftState(draftId)
      .then(
        (next) => {
          setState(next);
          setError(null);
        },
        // The room keeps showing the last known state; the next event or reconnect loads it again.
        () => setError('Positions could not be refreshed; they update again on the next change.'),
      )
      .finally(() => {
        const again = loading.current === 'again';
        loading.current = 'idle';
        if (again) refresh();
      });
  }, [draftId]);

  useEffect(() => {
    refresh();
    const events = new EventSource(`/api/drafts/${encodeURIComponent(draftId)}/events`);
    events.addEventListener('decision', refresh);
    // Each (re)opening of the channel, after a network loss too, reloads what may have changed.
    events.addEventListener('open', refresh);
    // The channel retries slowly after a network error; the browser says at once it is back.
    window.addEventListener('online', refresh);
    return () => {
      window.removeEventListener('online', refresh);
      events.removeEventListener('decision', refresh);
      events.removeEventListener('open', refresh);
      events.close();
    };
  }, [draftId, refresh]);

  return { state, error, refresh };
}
