import { useCallback, useEffect, useRef, useState } from 'react';
import {
  applyDecisionEvent,
  type DraftDecisionRecords,
  recordsOfState,
} from '../../shared/consensus/decision-records.ts';
import { DecisionEvent } from '../../shared/schemas/events.ts';
import { getDraftState } from '../api/consensus.ts';
import { forgetUnsentEdits } from '../collab/unsent-edit-store.ts';

export interface Decisions {
  /** The draft's decisions as of the last event applied; null until first loaded. */
  records: DraftDecisionRecords | null;
  error: string | null;
}

/**
 * The draft's decisions, kept current by what the server pushes: the state is loaded once, then
 * every event is applied as it comes. Only when an event's `seq` shows that one was missed is the
 * state loaded again. The events channel resumes after a network loss by itself, from the last
 * event it received (`Last-Event-ID`). `onEvent` hears each event once it is applied (the room
 * announces them).
 */
export function useDecisions(draftId: string, onEvent?: (event: DecisionEvent) => void): Decisions {
  const [records, setRecords] = useState<DraftDecisionRecords | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<DraftDecisionRecords | null>(null);
  /** Events that arrived while the state was being (re)loaded, applied once it is there. */
  const waiting = useRef<DecisionEvent[]>([]);
  const loading = useRef(false);
  /** Told of each event applied, for the room's notices ("Paragraph 11 was deleted by the chair"). */
  const listener = useRef(onEvent);
  listener.current = onEvent;

  const apply = useCallback((event: DecisionEvent, reload: () => void) => {
    if (current.current === null || loading.current) {
      waiting.current.push(event);
      return;
    }
    const next = applyDecisionEvent(current.current, event);
    if (next === 'gap') {
      waiting.current.push(event);
      reload();
      return;
    }
    const fresh = next !== current.current;
    current.current = next;
    setRecords(next);
    if (fresh) listener.current?.(event);
  }, []);

  useEffect(() => {
    let stopped = false;
    let events: EventSource | null = null;
    const load = async (): Promise<void> => {
      if (loading.current) return;
      loading.current = true;
      try {
        current.current = recordsOfState(await getDraftState(draftId));
        setError(null);
      } catch {
        // The room keeps showing the last known state; the next event loads it again.
        setError('Positions could not be loaded; they update again on the next change.');
      } finally {
        loading.current = false;
      }
      if (stopped || current.current === null) return;
      setRecords(current.current);
      for (const event of waiting.current.splice(0).sort((a, b) => a.seq - b.seq)) apply(event, reload);
      events ??= listen(current.current.seq);
    };
    const reload = () => void load();
    const listen = (after: number): EventSource => {
      const source = new EventSource(`/api/drafts/${encodeURIComponent(draftId)}/events?after=${after}`);
      source.addEventListener('decision', (message: MessageEvent<string>) => {
        const event = DecisionEvent.safeParse(JSON.parse(message.data));
        // An event this client cannot read: the state it would have changed is loaded instead.
        if (event.success) apply(event.data, reload);
        else reload();
      });
      return source;
    };
    reload();
    return () => {
      stopped = true;
      events?.close();
      current.current = null;
      waiting.current = [];
    };
  }, [draftId, apply]);

  // An adopted draft takes no edit: whatever this browser keeps unsent for it can go.
  const adopted = records?.adoption != null;
  useEffect(() => {
    if (adopted) void forgetUnsentEdits(draftId);
  }, [draftId, adopted]);

  return { records, error };
}
