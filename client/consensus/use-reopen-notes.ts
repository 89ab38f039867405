import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { AuditEntry } from '../../shared/schemas/audit.ts';
import type { DecisionEvent } from '../../shared/schemas/events.ts';
import { fetchJson } from '../api/fetch-json.ts';

/** Why and when the chair re-opened a clause that is open again. */
export interface ReopenNote {
  at: string;
  reason: string;
}

const AuditAnswer = z.object({ entries: z.array(AuditEntry) });

/** The last re-opening of each clause not frozen since, from the audit log in order. */
export function reopenNotesOf(
  entries: ReadonlyArray<Pick<AuditEntry, 'command' | 'clauseId' | 'at' | 'details'>>,
  notes = new Map<string, ReopenNote>(),
): Map<string, ReopenNote> {
  for (const entry of entries) {
    if (entry.clauseId === null) continue;
    if (entry.command === 'freeze') notes.delete(entry.clauseId);
    const reason = entry.details.reason;
    if (entry.command === 'reopen' && typeof reason === 'string') notes.set(entry.clauseId, { at: entry.at, reason });
  }
  return notes;
}

/**
 * The reasons the chair gave for re-opening clauses, shown in their cards as long as they stay
 * open. The decisions the room loads keep no reasons for a re-opening, so the audit log is read
 * once, after the room is up; the events pushed later keep it current (`onEvent`).
 */
export function useReopenNotes(draftId: string, ready: boolean) {
  const [notes, setNotes] = useState<ReadonlyMap<string, ReopenNote>>(new Map());
  /** Events heard before the log was read: applied over it, by their place in the sequence. */
  const heard = useRef<DecisionEvent[]>([]);
  useEffect(() => {
    if (!ready) return;
    let current = true;
    fetchJson(AuditAnswer, `/api/drafts/${encodeURIComponent(draftId)}/audit`).then(
      ({ entries }) => {
        if (!current) return;
        const last = entries.at(-1)?.seq ?? 0;
        const later = heard.current.filter((event) => event.seq > last).map(entryOf);
        setNotes(reopenNotesOf(later, reopenNotesOf(entries)));
      },
      // Without the log the cards only miss the reasons of earlier re-openings.
      (error: unknown) => console.warn('The reasons of earlier re-openings could not be read.', error),
    );
    return () => {
      current = false;
    };
  }, [draftId, ready]);
  const onEvent = useCallback((event: DecisionEvent) => {
    if (event.change.type !== 'freeze' && event.change.type !== 'reopen') return;
    heard.current.push(event);
    setNotes((before) => reopenNotesOf([entryOf(event)], new Map(before)));
  }, []);
  return { notes, onEvent };
}

function entryOf(event: DecisionEvent): Pick<AuditEntry, 'command' | 'clauseId' | 'at' | 'details'> {
  const { change } = event;
  return {
    command: change.type,
    clauseId: 'clauseId' in change ? change.clauseId : null,
    at: event.at,
    details: change.type === 'reopen' ? { reason: change.reason } : {},
  };
}
