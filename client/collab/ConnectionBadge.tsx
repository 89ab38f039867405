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
          {state.unsentEdits === 0
            ? 'Offline — reconnecting…'
            : `Offline — ${state.unsentEdits} ${state.unsentEdits === 1 ? 'edit' : 'edits'} not yet sent, kept until reconnected`}
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
