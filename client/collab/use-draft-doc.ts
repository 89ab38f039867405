import { useEffect, useMemo, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { clauseKind, clauseMetaMap, clauseOrder, clauseProposer, orderArray } from '../../shared/doc-layout.ts';
import { CloseCode } from '../../shared/protocol.ts';
import type { ClauseKind } from '../../shared/schemas/draft.ts';
import { getDraftSummary } from '../api/drafts.ts';
import { ApiError } from '../api/fetch-json.ts';
import { type ConnectionState, connectToDraft } from './draft-connection.ts';
import { forgetUnsentEdits } from './unsent-edit-store.ts';

export interface ClauseView {
  id: string;
  kind: ClauseKind;
  /** The delegation whose proposal it is, until the chair takes it into the text. */
  proposedBy: string | null;
}

export interface DraftDoc {
  doc: Y.Doc;
  /** Every clause's text and hash in `doc`, kept current. */
  texts: ClauseTextCache;
  provider: WebsocketProvider;
  /** The clauses in order once the first sync is done; null before. */
  clauses: ClauseView[] | null;
  connection: ConnectionState;
  /** This person's texts that the server refused, kept to copy after the room reloaded. */
  refusedTexts: RefusedText[];
  /** The server's words for the refusal that made the room reload, or null. */
  refusedReason: string | null;
  dismissRefused: () => void;
}

export interface RefusedText {
  clauseId: string;
  text: string;
}

/** Refusals after which the room reloads the server's state instead of stopping. */
const RELOAD_ON = new Set<number>([
  CloseCode.forbidden,
  CloseCode.malformed,
  CloseCode.tooLarge,
  CloseCode.tooManyMessages,
]);

/**
 * The draft's one connection: its doc and provider, its clauses in order (re-read only when the
 * order or the clauses' metadata change, not on every keystroke), and the connection state.
 */
export function useDraftDoc(draftId: string): DraftDoc | null {
  const [state, setState] = useState<
    (Omit<DraftDoc, 'refusedTexts' | 'refusedReason' | 'dismissRefused'> & { generation: number }) | null
  >(null);
  // Each generation is one connection with a fresh doc; a refused edit starts the next one.
  const [generation, setGeneration] = useState(0);
  const [rescued, setRescued] = useState<Map<string, string> | null>(null);
  const [refusedTexts, setRefusedTexts] = useState<RefusedText[]>([]);
  const [refusedReason, setRefusedReason] = useState<string | null>(null);
  const participant = useMemo(() => participantOf(draftId), [draftId]);

  useEffect(() => {
    let connection: ConnectionState = { status: 'connecting' };
    let clauses: ClauseView[] | null = null;
    // connectToDraft reports its first state before it returns: publish only after that (and
    // after `texts` below exists).
    let connected: ReturnType<typeof connectToDraft> | null = null;
    const publish = () => {
      if (connected !== null) {
        setState({ doc: connected.doc, texts, provider: connected.provider, clauses, connection, generation });
      }
    };
    connected = connectToDraft(draftId, participant, (next) => {
      connection = next;
      if (next.status === 'refused' && RELOAD_ON.has(next.code) && connected !== null) {
        // Keep what this person typed, then load the agreed state afresh. The fresh doc has a new
        // random Yjs client id: after a refusal for a client id taken by another participant
        // (CloseMessage.clientIdTaken) it writes under its own.
        setRescued(textsOf(texts));
        setRefusedReason(next.message);
        setGeneration((g) => g + 1);
        return;
      }
      publish();
    });
    const { doc, provider, destroy } = connected;
    const texts = new ClauseTextCache(doc);
    const order = orderArray(doc);
    const meta = clauseMetaMap(doc);
    // Until the first sync the local doc is empty: showing it would flash an empty draft.
    let synced = false;
    const read = () => {
      if (!synced) return;
      clauses = clauseOrder(doc).map((id) => ({ id, kind: clauseKind(doc, id), proposedBy: clauseProposer(doc, id) }));
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
      texts.destroy();
      destroy();
    };
  }, [draftId, participant, generation]);

  // Once the reloaded doc has synced, what the server did not take is shown to copy.
  useEffect(() => {
    // Only against the reloaded doc: the refused one is still shown for a moment after the refusal.
    if (rescued === null || state === null || state.generation !== generation || state.clauses === null) return;
    const now = textsOf(state.texts);
    const lost = [...rescued]
      .filter(([id, text]) => text !== '' && now.get(id) !== text)
      .map(([clauseId, text]) => ({ clauseId, text }));
    setRescued(null);
    if (lost.length > 0) setRefusedTexts(lost);
  }, [rescued, state, generation]);

  if (state === null) return null;
  const { generation: _shown, ...draft } = state;
  return { ...draft, refusedTexts, refusedReason, dismissRefused: () => setRefusedTexts([]) };
}

/**
 * Whose edits this browser keeps for the draft: the participant of its session, so that two
 * people sharing a browser never send each other's edits. Null for an observer, who cannot edit.
 */
function participantOf(draftId: string): Promise<string | null> {
  return getDraftSummary(draftId).then(
    ({ you }) =>
      you.role === 'observer' ? null : you.delegation === null ? you.role : `${you.role}-${you.delegation}`,
    (error: unknown) => {
      // The session is not valid: edits kept for the draft can no longer be sent by anyone here.
      if (error instanceof ApiError && error.status === 401) void forgetUnsentEdits(draftId);
      return null;
    },
  );
}

function textsOf(texts: ClauseTextCache): Map<string, string> {
  return new Map(clauseOrder(texts.doc).map((id) => [id, texts.get(id).text]));
}
