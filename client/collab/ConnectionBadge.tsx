import type { ConnectionState } from './draft-connection.ts';

/** Connected, reconnecting, or refused with the reason and what to do. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  switch (state.status) {
    case 'connected':
      return <span className="badge badge-ok">Connected</span>;
    case 'connecting':
      return <span className="badge">Connecting…</span>;
    case 'reconnecting':
      return <span className="badge badge-warn">Reconnecting…</span>;
    case 'refused':
      return (
        <span className="badge badge-error" role="alert">
          {state.message}
        </span>
      );
  }
}
