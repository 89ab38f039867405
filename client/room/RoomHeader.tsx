import { type ReactNode, type Ref, useEffect, useRef, useState } from 'react';
import { participantName } from '../../shared/delegation-names.ts';
import type { DraftSummary } from '../../shared/schemas/draft.ts';
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx';
import type { ConnectionState } from '../collab/draft-connection.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { AdoptDialog, LinksDialog, RoomMatrix } from './lazy-parts.tsx';

export type RoomView = 'text' | 'matrix' | 'versions';

export interface RoomHeaderProps {
  draftId: string;
  /** Null while the draft's summary loads. */
  draft: DraftSummary | null;
  view: RoomView;
  onView: (view: RoomView) => void;
  adopted: boolean;
  /** Shown to the chair while the draft is not adopted. */
  onAdopt: (() => void) | null;
  /** The Adopt button, to give the focus back to when its dialog closes. */
  adoptButton?: Ref<HTMLButtonElement>;
  present: readonly string[];
  connection: ConnectionState;
  /** The draft's progress, the next clause to see to, the person's stale positions. */
  overview?: ReactNode;
  /** The draft's count of open brackets ("12 brackets in 7 clauses"). */
  brackets?: ReactNode;
  /** The chair's other ways to conclude, beside Adopt: silence, a Chairman's Statement. */
  chairActions?: ReactNode;
  /** The delegation's mentions waiting in comments. */
  mentions?: ReactNode;
}

/**
 * The room's header: the draft, who you are (by name and role), its progress and the next clause
 * to see to, the views, the chair's adoption, downloads, presence. It stays at the top; the room
 * knows its height (`--header-height`), so that a card scrolled to is not hidden under it.
 */
export function RoomHeader(props: RoomHeaderProps) {
  const {
    draftId,
    draft,
    view,
    onView,
    adopted,
    onAdopt,
    adoptButton,
    present,
    connection,
    overview,
    chairActions,
    brackets,
  } = props;
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = header.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--header-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const observer = draft?.you.role === 'observer';
  const [links, setLinks] = useState(false);
  return (
    <header className="room-header" ref={header}>
      <div className="room-title">
        <h1 title={draft?.title}>{draft?.title ?? 'Loading draft…'}</h1>
        {draft !== null && (
          <span className="who" data-testid="who">
            {whoWords(draft)}
          </span>
        )}
        <ConnectionBadge state={connection} />
      </div>
      <div className="room-meta">
        {overview}
        {brackets}
        <span className="views">
          <button type="button" aria-pressed={view === 'text'} onClick={() => onView('text')}>
            Text
          </button>
          <button
            type="button"
            aria-pressed={view === 'matrix'}
            onClick={() => onView('matrix')}
            onPointerEnter={() => preload(RoomMatrix)}
            onFocus={() => preload(RoomMatrix)}
          >
            Matrix
          </button>
          <button type="button" aria-pressed={view === 'versions'} onClick={() => onView('versions')}>
            Versions
          </button>
        </span>
        {onAdopt !== null && (
          <button
            type="button"
            onClick={onAdopt}
            ref={adoptButton}
            onPointerEnter={() => preload(AdoptDialog)}
            onFocus={() => preload(AdoptDialog)}
          >
            Adopt…
          </button>
        )}
        {chairActions}
        {props.mentions}
        {draft?.you.role === 'chair' && (
          <button
            type="button"
            onClick={() => setLinks(true)}
            onPointerEnter={() => preload(LinksDialog)}
            onFocus={() => preload(LinksDialog)}
          >
            Links…
          </button>
        )}
        <ExportMenu draftId={draftId} adopted={adopted} />
        {present.length > 0 && (
          <span className="present" data-testid="present" title={`In the room now: ${present.join(', ')}`}>
            <span className="present-count">{present.length} in the room</span>
            <span className="present-names">: {present.join(', ')}</span>
          </span>
        )}
      </div>
      {links && draft !== null && <LinksDialog draft={draft} onClose={() => setLinks(false)} />}
      {observer && !adopted && (
        <p className="read-only-banner" data-testid="read-only">
          Read-only: you follow this draft as an observer. You see the text and every decision as they happen, and
          cannot change them.
        </p>
      )}
    </header>
  );
}

/** "Delegation of Malaysia (MYS)", "Chair", "Observer (read-only)". */
export function whoWords(draft: DraftSummary): string {
  const { role, delegation } = draft.you;
  if (role === 'delegation' && delegation !== null) return `Delegation of ${participantName(role, delegation)}`;
  if (role === 'observer') return 'Observer (read-only)';
  return role === 'chair' ? 'Chair' : 'Secretariat';
}

/**
 * Starts fetching a part of the room the person is about to open (pointer over or focus on its
 * button), so that the click opens it at once even before the room's idle-time preload ran.
 */
function preload(part: { preload(): Promise<unknown> }): void {
  // A failure here is not the person's concern yet: the part tries again when it is shown.
  part.preload().catch((failure: unknown) => console.warn('Preloading a part of the room failed.', failure));
}
