import * as Y from 'yjs';
import { CloseCode, CloseMessage } from '../../shared/protocol.ts';
import type { StoredAuthor } from '../storage/document-store.ts';
import type { DecodedUpdate, GuardRefusal } from './update-guard.ts';

/**
 * Which session each Yjs client id of a draft belongs to, as the room knows it: every binding
 * stored, plus the ids of the room's own doc and of any text in the document that has no stored
 * binding (written before bindings were kept): those belong to no session, so none may add to them.
 */
export class ClientBindings {
  private readonly bound = new Map<number, string | null>();

  constructor(stored: Iterable<{ client: number; author: StoredAuthor }>) {
    for (const { client, author } of stored) this.bound.set(client, author.sessionIdHash);
  }

  /** Claims for no session every client id of `doc` not bound yet (its writers are unknown). */
  reserveUnbound(doc: Y.Doc): void {
    for (const client of doc.store.clients.keys()) {
      if (!this.bound.has(client)) this.bound.set(client, null);
    }
    if (!this.bound.has(doc.clientID)) this.bound.set(doc.clientID, null);
  }

  /** The session a client id is bound to: undefined when free, null when the server's or unknown. */
  sessionOf(client: number): string | null | undefined {
    return this.bound.get(client);
  }

  bind(client: number, sessionIdHash: string | null): void {
    this.bound.set(client, sessionIdHash);
  }
}

/** What `checkClientIds` found: a refusal, or the client ids the update binds to its session. */
export type BindingCheck = { refusal: GuardRefusal } | { refusal: null; newClients: number[] };

/**
 * The binding guard: each Yjs client id belongs to the session that first sent structs with it.
 * An update carrying new structs (past what the doc has) of a client id bound to another
 * session, or to the server, is refused with 4403 before anything of it is applied. Structs the
 * doc already has are ignored (a client's sync step 2 may repeat what it received). Deletions
 * carry no client id of their own: they are attributed to the session that sent the update.
 * Unlike the other guards it needs the session, so the room calls it with the connection's.
 */
export function checkClientIds(
  doc: Y.Doc,
  update: DecodedUpdate,
  bindings: ClientBindings,
  sessionIdHash: string,
): BindingCheck {
  const newClients: number[] = [];
  for (const struct of update.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (clock + struct.length <= Y.getState(doc.store, client)) continue;
    const owner = bindings.sessionOf(client);
    if (owner === undefined) {
      if (!newClients.includes(client)) newClients.push(client);
    } else if (owner !== sessionIdHash) {
      return {
        refusal: {
          code: CloseCode.forbidden,
          reason: `client id ${client} is bound to another session`,
          message: CloseMessage.clientIdTaken,
        },
      };
    }
  }
  return { refusal: null, newClients };
}
