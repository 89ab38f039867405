import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, CloseReason } from '../../shared/protocol.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  /** Edits made meanwhile stay in the local doc and are sent when the socket is back. */
  | { status: 'reconnecting'; unsentEdits: number }
  /** The server refused the connection for good (a 44xx close code). */
  | { status: 'refused'; code: number; message: string };

/**
 * The one y-websocket connection of a draft: one Y.Doc, one socket, shared by every clause editor.
 * The session cookie authenticates it; no token ever goes into the URL.
 */
export function connectToDraft(draftId: string, onState: (state: ConnectionState) => void) {
  const doc = new Y.Doc();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, draftId, doc, {
    disableBc: true,
  });
  let refused = false;
  let online = false;
  let unsentEdits = 0;
  onState({ status: 'connecting' });
  provider.on('status', ({ status }: { status: string }) => {
    if (refused) return;
    online = status === 'connected';
    if (status === 'disconnected') onState({ status: 'reconnecting', unsentEdits });
  });
  // Connected only once the server's state and ours are exchanged: then nothing is unsent.
  provider.on('sync', (synced: boolean) => {
    if (!synced || refused || !online) return;
    unsentEdits = 0;
    onState({ status: 'connected' });
  });
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (online || refused || origin === provider) return;
    unsentEdits += 1;
    onState({ status: 'reconnecting', unsentEdits });
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event === null || event.code < 4400 || event.code > 4499) return;
    refused = true;
    const known = (CloseReason as Record<number, string | undefined>)[event.code];
    onState({ status: 'refused', code: event.code, message: known ?? CloseReason[CloseCode.malformed] });
  });
  // The browser knows at once when the network goes; the socket would notice only after its
  // 30-second silence timeout. Edits made meanwhile stay in the doc and go out on reconnect.
  const goOffline = () => {
    if (!refused) provider.disconnect();
  };
  const goOnline = () => {
    if (!refused) provider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  return {
    doc,
    provider,
    destroy: () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      provider.destroy();
    },
  };
}
