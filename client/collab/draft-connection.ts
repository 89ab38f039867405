import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, CloseReason } from '../../shared/protocol.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
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
  onState({ status: 'connecting' });
  provider.on('status', ({ status }: { status: string }) => {
    if (refused) return;
    if (status === 'connected') onState({ status: 'connected' });
    else if (status === 'disconnected') onState({ status: 'reconnecting' });
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event === null || event.code < 4400 || event.code > 4499) return;
    refused = true;
    const known = (CloseReason as Record<number, string | undefined>)[event.code];
    onState({ status: 'refused', code: event.code, message: known ?? CloseReason[CloseCode.malformed] });
  });
  return { doc, provider, destroy: () => provider.destroy() };
}
