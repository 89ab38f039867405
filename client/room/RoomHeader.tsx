import type { DraftSummary } from '../../shared/schemas/draft.ts';
import { ConnectionBadge } from '../collab/ConnectionBadge.tsx';
import type { ConnectionState } from '../collab/draft-connection.ts';
import { ExportMenu } from './ExportMenu.tsx';

export type RoomView = 'text' | 'matrix';

export interface RoomHeaderProps {
  draftId: string;
  /** Null while the draft's summary loads. */
  draft: DraftSummary | null;
  view: RoomView;
  onView: (view: RoomView) => void;
  adopted: boolean;
  /** Shown to the chair while the draft is not adopted. */
  onAdopt: (() => void) | null;
  present: readonly string[];
  connection: ConnectionState;
}

/** The room's header: the draft, who you are, the views, the chair's adoption, downloads, presence. */
export function RoomHeader({ draftId, draft, view, onView, adopted, onAdopt, present, connection }: RoomHeaderProps) {
  return (
    <header className="room-header">
      <h1>{draft?.title ?? 'Loading draft…'}</h1>
      <div className="room-meta">
        {draft !== null && (
          <span className="who" data-testid="who">
            {draft.you.role === 'delegation' ? draft.you.delegation : draft.you.role}
          </span>
        )}
        <span className="views">
          <button type="button" aria-pressed={view === 'text'} onClick={() => onView('text')}>
            Text
          </button>
          <button type="button" aria-pressed={view === 'matrix'} onClick={() => onView('matrix')}>
            Matrix
          </button>
        </span>
        {onAdopt !== null && (
          <button type="button" onClick={onAdopt}>
            Adopt…
          </button>
        )}
        <ExportMenu draftId={draftId} adopted={adopted} />
        {present.length > 0 && (
          <span className="present" data-testid="present" title="Who is in the room now">
            In the room: {present.join(', ')}
          </span>
        )}
        <ConnectionBadge state={connection} />
      </div>
    </header>
  );
}
