import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, CloseReason, MessageType } from '../../shared/protocol.ts';
import { keepUnsentEdits } from './unsent-edits.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  /**
   * Edits made meanwhile stay in the local doc and are sent when the socket is back; `kept`
   * says whether the browser also keeps them should the tab close.
   */
  | { status: 'reconnecting'; unsentEdits: number; kept: 'kept' | 'saving' | 'unavailable' }
  /** The server refused the connection for good (a 44xx close code). */
  | { status: 'refused'; code: number; message: string };

/**
 * The one y-websocket connection of a draft: one Y.Doc, one socket, shared by every clause editor.
 * The session cookie authenticates it; no token ever goes into the URL. `participant` says whose
 * edits this browser keeps until the server has them (see `keepUnsentEdits`).
 */
export function connectToDraft(
  draftId: string,
  participant: Promise<string | null>,
  onState: (state: ConnectionState) => void,
) {
  const doc = new Y.Doc();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, draftId, doc, {
    disableBc: true,
  });
  const stopEchoingPresence = sendOnlyOwnPresence(provider);
  let refused = false;
  let online = false;
  /** Lost after being connected (at first the room is only connecting, not offline). */
  let offline = false;
  const reportOffline = () =>
    onState({
      status: 'reconnecting',
      unsentEdits: unsent.unsent,
      kept:
        unsent.storage !== 'kept' && unsent.storage !== 'opening'
          ? 'unavailable'
          : unsent.saving || unsent.storage === 'opening'
            ? 'saving'
            : 'kept',
    });
  const unsent = keepUnsentEdits({
    draftId,
    doc,
    provider,
    participant,
    onChange: () => {
      if (offline && !refused) reportOffline();
    },
  });
  onState({ status: 'connecting' });
  provider.on('status', ({ status }: { status: string }) => {
    if (refused) return;
    online = status === 'connected';
    if (status === 'connected') offline = false;
    if (status === 'disconnected') {
      offline = true;
      reportOffline();
    }
  });
  // Connected only once the server's state and ours are exchanged: then what was unsent is sent.
  provider.on('sync', (synced: boolean) => {
    if (!synced || refused || !online) return;
    onState({ status: 'connected' });
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event === null || event.code < 4400 || event.code > 4499) return;
    refused = true;
    if (event.code === CloseCode.notAuthenticated || event.code === CloseCode.unknownDraft) {
      // Signed out (the link replaced, the session expired) or no such draft: what this browser
      // keeps for the draft can never be sent. The words stay on screen to copy.
      unsent.forgetAll();
    } else {
      // The server refused what was sent; the room reloads and shows it to copy, once.
      unsent.dropRefused();
    }
    // The server's own words when it gave any ("Your link was replaced by the chair: …"); they
    // are written for the person (server/collab/room.ts, link-routes.ts) and shown as text.
    const known = (CloseReason as Record<number, string | undefined>)[event.code];
    const said = event.reason.trim();
    onState({
      status: 'refused',
      code: event.code,
      message: said !== '' ? said : (known ?? CloseReason[CloseCode.malformed]),
    });
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
      unsent.destroy();
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      stopEchoingPresence();
      provider.destroy();
      // y-websocket 3.1 leaves the awareness it made running (a 3 s timer that holds the doc):
      // every reload of the room would keep the old document in memory until the tab closes.
      provider.awareness.destroy();
    },
  };
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * y-websocket sends the server every awareness change it sees, the other participants' included:
 * in a room of 19 delegations each cursor move would come back from every browser, and a
 * newcomer would send all 19 presences at once. This connection sends its own presence only.
 * (The provider still announces it on each reconnect by itself.)
 */
function sendOnlyOwnPresence(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  awareness.off('update', provider._awarenessUpdateHandler);
  const send = ({ added, updated, removed }: AwarenessChange) => {
    const own = awareness.clientID;
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    const socket = provider.ws;
    if (!provider.wsconnected || socket === null || socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [own]));
    socket.send(encoding.toUint8Array(encoder));
  };
  awareness.on('update', send);
  return () => awareness.off('update', send);
}
