import type { ConnectionState } from './draft-connection.ts';

/** Connected, reconnecting, or refused with the reason and what to do. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  switch (state.status) {
    case 'connected':
      return (
        <span className="badge badge-ok" role="status" data-testid="connection">
          Connected
        </span>
      );
    case 'connecting':
      return (
        <span className="badge" role="status" data-testid="connection">
          Connecting…
        </span>
      );
    case 'reconnecting':
      return (
        <span className="badge badge-warn" role="status" data-testid="connection">
          {offlineText(state.unsentEdits, state.kept)}
        </span>
      );
    case 'refused':
      return (
        <span className="badge badge-error" role="alert" data-testid="connection">
          {state.message}
        </span>
      );
  }
}

/** What an offline room says of the edits it could not send yet, and whether closing loses them. */
function offlineText(unsent: number, kept: 'kept' | 'saving' | 'unavailable'): string {
  if (unsent === 0) return 'Offline — reconnecting…';
  const edits = `${unsent} ${unsent === 1 ? 'edit' : 'edits'} not yet sent`;
  // "Kept" only once the browser's store has committed every one of them.
  if (kept === 'kept') return `Offline — ${edits}, kept in this browser until reconnected`;
  if (kept === 'saving') return `Offline — ${edits}, being saved in this browser…`;
  return `Offline — ${edits}. This browser cannot keep them (a private window, or its storage is full): keep this tab open until reconnected`;
}
