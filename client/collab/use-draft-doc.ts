import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CLAUSES_ROOT, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { ClauseKind } from '../../shared/schemas/draft.ts';
import { type ConnectionState, connectToDraft } from './draft-connection.ts';

export interface ClauseView {
  id: string;
  kind: ClauseKind;
}

export interface DraftDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The clauses in order once the first sync is done; null before. */
  clauses: ClauseView[] | null;
  connection: ConnectionState;
}

/**
 * The draft's one connection: its doc and provider, its clauses in order (re-read only when the
 * order or the clauses' metadata change, not on every keystroke), and the connection state.
 */
export function useDraftDoc(draftId: string): DraftDoc | null {
  const [state, setState] = useState<DraftDoc | null>(null);

  useEffect(() => {
    let connection: ConnectionState = { status: 'connecting' };
    let clauses: ClauseView[] | null = null;
    // connectToDraft reports its first state before it returns: publish only after that.
    let connected: ReturnType<typeof connectToDraft> | null = null;
    const publish = () => {
      if (connected !== null) setState({ doc: connected.doc, provider: connected.provider, clauses, connection });
    };
    connected = connectToDraft(draftId, (next) => {
      connection = next;
      publish();
    });
    const { doc, provider, destroy } = connected;
    const order = doc.getArray<string>(ORDER_ROOT);
    const meta = doc.getMap<unknown>(CLAUSES_ROOT);
    // Until the first sync the local doc is empty: showing it would flash an empty draft.
    let synced = false;
    const read = () => {
      if (!synced) return;
      clauses = order.toArray().map((id) => {
        const kind = ClauseKind.safeParse((meta.get(id) as { kind?: unknown } | undefined)?.kind);
        return { id, kind: kind.success ? kind.data : 'paragraph' };
      });
      publish();
    };
    const onSync = (isSynced: boolean) => {
      synced ||= isSynced;
      read();
    };
    provider.on('sync', onSync);
    order.observe(read);
    meta.observe(read);
    publish();
    return () => {
      order.unobserve(read);
      meta.unobserve(read);
      provider.off('sync', onSync);
      destroy();
    };
  }, [draftId]);

  return state;
}
