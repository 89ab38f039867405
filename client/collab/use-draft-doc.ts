import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { readClauseText } from '../../shared/clause-text.ts';
import { CLAUSES_ROOT, clauseRootName, ORDER_ROOT } from '../../shared/doc-layout.ts';
import { ClauseKind } from '../../shared/schemas/draft.ts';
import { type ConnectionState, connectToDraft } from './draft-connection.ts';

export interface ClauseView {
  id: string;
  kind: ClauseKind;
  text: string;
}

/** The draft's clauses in order, live, and the state of its connection. */
export function useDraftDoc(draftId: string): { clauses: ClauseView[] | null; connection: ConnectionState } {
  const [clauses, setClauses] = useState<ClauseView[] | null>(null);
  const [connection, setConnection] = useState<ConnectionState>({ status: 'connecting' });

  useEffect(() => {
    const { doc, provider, destroy } = connectToDraft(draftId, setConnection);
    // Until the first sync the local doc is empty: showing it would flash an empty draft.
    let synced = false;
    const read = () => {
      if (synced) setClauses(readClauses(doc));
    };
    const onSync = (isSynced: boolean) => {
      synced ||= isSynced;
      read();
    };
    provider.on('sync', onSync);
    doc.on('afterTransaction', read);
    return () => {
      doc.off('afterTransaction', read);
      provider.off('sync', onSync);
      destroy();
    };
  }, [draftId]);

  return { clauses, connection };
}

function readClauses(doc: Y.Doc): ClauseView[] {
  const order = doc.getArray<string>(ORDER_ROOT).toArray();
  const meta = doc.getMap<unknown>(CLAUSES_ROOT);
  return order.map((id) => {
    const kind = ClauseKind.safeParse((meta.get(id) as { kind?: unknown } | undefined)?.kind);
    return {
      id,
      kind: kind.success ? kind.data : 'paragraph',
      text: readClauseText(doc.get(clauseRootName(id), Y.XmlText) as Y.XmlText),
    };
  });
}
