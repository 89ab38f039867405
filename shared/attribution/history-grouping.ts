import { authorKey, type ClauseEdit, type HistoryEntry, HistoryLimits } from '../schemas/attribution.ts';

/** The minute an instant falls in, as an ISO time with zero seconds. */
export function minuteOf(at: string): string {
  const date = new Date(at);
  date.setUTCSeconds(0, 0);
  return date.toISOString();
}

interface Open {
  entry: HistoryEntry;
  /** Where the merged text starts and ends in the clause's raw text as of its last edit. */
  start: number;
  end: number;
}

/**
 * A clause's recorded edits (oldest first) as the entries of its history, newest first: each
 * author's edits of one kind within one minute, merged into one entry where each continues the
 * last (typing on at the end of what was typed; deleting backwards or forwards from where the
 * last deletion was), so that "USA inserted 'including freedom of navigation' at 14:05" is one
 * entry however many keystrokes it took. An edit by anyone else in between starts a new entry.
 */
export function groupHistory(
  edits: readonly ClauseEdit[],
  maxEntries: number = HistoryLimits.maxEntries,
): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let open: Open | null = null;
  for (const edit of edits) {
    if (edit.text === '') continue;
    const minute = minuteOf(edit.at);
    if (open !== null && continues(open, edit, minute)) {
      extend(open, edit);
      continue;
    }
    open = {
      entry: { kind: edit.kind, text: edit.text, author: edit.author, minute },
      start: edit.offset,
      end: edit.offset + edit.text.length,
    };
    entries.push(open.entry);
  }
  for (const entry of entries) entry.text = capped(entry.text);
  return entries.reverse().slice(0, maxEntries);
}

function continues(open: Open, edit: ClauseEdit, minute: string): boolean {
  const { entry } = open;
  if (entry.kind !== edit.kind || entry.minute !== minute || authorKey(entry.author) !== authorKey(edit.author)) {
    return false;
  }
  if (edit.kind === 'insert') return edit.offset >= open.start && edit.offset <= open.end;
  // Backspace: the next deletion ends where the last began; Delete: it starts at the same place.
  return edit.offset + edit.text.length === open.start || edit.offset === open.start;
}

function extend(open: Open, edit: ClauseEdit): void {
  const { entry } = open;
  if (edit.kind === 'insert') {
    const at = edit.offset - open.start;
    entry.text = entry.text.slice(0, at) + edit.text + entry.text.slice(at);
    open.end += edit.text.length;
    return;
  }
  if (edit.offset + edit.text.length === open.start) {
    entry.text = edit.text + entry.text;
    open.start = edit.offset;
  } else {
    entry.text += edit.text;
  }
}

function capped(text: string): string {
  const max = HistoryLimits.maxEntryText;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
