import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { type ClientSpan, clientSpans } from '../../shared/attribution/clause-items.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { authorKey, authorLabel, type EditAuthor } from '../../shared/schemas/attribution.ts';
import { clearClause, paintClause } from './author-highlights.ts';
import { STYLE_PATTERNS } from './author-styles.ts';
import { useAuthorship } from './authorship-context.tsx';
import { ClauseHistoryPanel } from './ClauseHistoryPanel.tsx';
import { mapEditorText, type TextMap } from './text-ranges.ts';

/** Text whose client id the server has not told yet (just typed by a newcomer). */
const UNKNOWN: EditAuthor = { role: 'unrecorded', delegation: null };

interface AuthoredSpan extends ClientSpan {
  author: EditAuthor;
}

/**
 * A clause's authorship, under its text: with "Show authorship" on, each run of the editor's
 * text underlined in its author's mark (painted, never written into the document), a list of
 * who wrote what, and the author of the words under the pointer or at the cursor. Its History
 * panel lists the clause's edits by delegation and minute, whether or not authorship is shown.
 */
export function ClauseAuthorship({
  draftId,
  doc,
  clauseId,
  label,
}: {
  draftId: string;
  doc: Y.Doc;
  clauseId: string;
  label: string;
}) {
  const { shown, authors, slots, refresh } = useAuthorship();
  const [spans, setSpans] = useState<AuthoredSpan[]>([]);
  const [here, setHere] = useState<string | null>(null);

  useEffect(() => {
    if (!shown) {
      clearClause(clauseId);
      setSpans([]);
      return;
    }
    const root = clauseTextRoot(doc, clauseId);
    const editor = () => document.querySelector<HTMLElement>(`#clause-${CSS.escape(clauseId)} .clause-editor`);
    let frame = 0;
    let map: TextMap | null = null;
    let current: AuthoredSpan[] = [];
    const paint = () => {
      frame = 0;
      current = clientSpans(root).map((span) => ({ ...span, author: authors.get(span.client) ?? UNKNOWN }));
      const unknown = current.filter((span) => !authors.has(span.client)).map((span) => span.client);
      if (unknown.length > 0) refresh(unknown);
      setSpans(current);
      const element = editor();
      map = element === null ? null : mapEditorText(element);
      const byMark = new Map<number, Range[]>();
      // Painted only when the editor shows what the document holds (Lexical renders a moment later).
      if (map !== null && current.every((span) => map?.text.slice(span.start, span.end) === span.text)) {
        for (const span of current) {
          const range = map.range(span.start, span.end);
          const slot = slots.get(authorKey(span.author)) ?? 0;
          if (range !== null) byMark.set(slot, [...(byMark.get(slot) ?? []), range]);
        }
      }
      paintClause(clauseId, byMark);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    const authorAt = (node: Node | null, offset: number): string | null => {
      if (node === null || map === null) return null;
      const at = map.offsetOf(node, offset);
      if (at === null) return null;
      const span = current.find((s) => at >= s.start && at < s.end) ?? current.find((s) => at === s.end);
      return span === undefined ? null : authorLabel(span.author);
    };
    const onPointer = (event: PointerEvent) => {
      const position = document.caretPositionFromPoint?.(event.clientX, event.clientY);
      const who = position == null ? null : authorAt(position.offsetNode, position.offset);
      setHere(who === null ? null : `Under the pointer: written by ${who}`);
    };
    const onSelection = () => {
      const selection = document.getSelection();
      const element = editor();
      if (selection === null || element === null || !element.contains(selection.anchorNode)) return;
      const who = authorAt(selection.anchorNode, selection.anchorOffset);
      setHere(who === null ? null : `At the cursor: written by ${who}`);
    };
    const observer = new MutationObserver(schedule);
    const element = editor();
    if (element !== null) {
      observer.observe(element, { subtree: true, childList: true, characterData: true });
      element.addEventListener('pointermove', onPointer);
    }
    document.addEventListener('selectionchange', onSelection);
    root.observeDeep(schedule);
    schedule();
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      observer.disconnect();
      element?.removeEventListener('pointermove', onPointer);
      document.removeEventListener('selectionchange', onSelection);
      root.unobserveDeep(schedule);
      clearClause(clauseId);
    };
  }, [shown, doc, clauseId, authors, slots, refresh]);

  const byAuthor = useMemo(() => {
    const grouped = new Map<string, { author: EditAuthor; texts: string[] }>();
    for (const span of spans) {
      const key = authorKey(span.author);
      const entry = grouped.get(key) ?? { author: span.author, texts: [] };
      entry.texts.push(span.text);
      grouped.set(key, entry);
    }
    return [...grouped.entries()];
  }, [spans]);

  return (
    <div className="clause-attribution">
      {shown && (
        <div className="authorship" data-testid="authorship">
          <ul aria-label={`Who wrote ${label}`}>
            {byAuthor.map(([key, { author, texts }]) => {
              const slot = slots.get(key) ?? 0;
              return (
                <li key={key} data-testid="authorship-entry">
                  <span className={`author-swatch author-swatch-${slot}`} aria-hidden="true">
                    {'\u00a0\u00a0\u00a0\u00a0'}
                  </span>
                  <strong>{authorLabel(author)}</strong> ({STYLE_PATTERNS[slot]}):{' '}
                  {texts.map((text) => `“${shorten(text)}”`).join(', ')}
                </li>
              );
            })}
          </ul>
          <p className="authorship-here" data-testid="authorship-here">
            {here}
          </p>
        </div>
      )}
      <ClauseHistoryPanel draftId={draftId} clauseId={clauseId} label={label} />
    </div>
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 80 ? flat : `${flat.slice(0, 79)}…`;
}
