import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { delegationColor } from '../../shared/delegation-color.ts';
import { CloseCode, MessageType } from '../../shared/protocol.ts';
import type { Role } from '../../shared/roles.ts';
import type { GuardRefusal } from './update-guard.ts';

/** Awareness client ids one connection may announce (a browser tab uses one per doc). */
const MAX_IDS_PER_CONNECTION = 4;
/**
 * Entries one awareness message may carry. Stock y-websocket clients echo every change they
 * see, the other participants' included, so a message about a full room of 200 delegations
 * in several tabs is legitimate; entries that are not the sender's are skipped, not refused.
 */
const MAX_ENTRIES_PER_MESSAGE = 1024;
/** One participant's presence (name, colour, cursor): a few hundred bytes in practice. */
const MAX_STATE_BYTES = 4 * 1024;
/** One awareness message: room for a stock client's echo of a full room, and no more. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/** The origin of presences another instance relayed (`receiveRelayed`). */
const RELAYED = Symbol('relayed-presence');

/** Who a connection's session is: its presence is shown under this name, whatever it claims. */
export interface PresenceIdentity {
  /** The delegation's code, or the role ("chair", "observer"…). */
  name: string;
  role: Role;
}

/** The outcome of an awareness message: a refusal, or how many of its entries were the sender's. */
export type PresenceReceipt = { refusal: GuardRefusal } | { refusal: null; own: number };

/**
 * Presence (cursors, names) for one room. Updates are decoded here rather than handed to
 * y-protocols whole, so that a connection can announce only its own client ids, a few of them,
 * with small states shown under its session's own name and role, and an update with one bad
 * entry is refused before any entry is applied.
 */
export class AwarenessRelay<Conn extends { readonly presence: PresenceIdentity }> {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection announced each client id. */
  private readonly owners = new Map<number, Conn>();
  private readonly owned = new Map<Conn, Set<number>>();
  /** Client ids whose presence another instance relayed, with that instance. */
  private readonly relayed = new Map<number, string>();
  /** Where this instance's own presence changes go for the other instances, if any. */
  private shareChange: ((update: Uint8Array) => void) | null = null;

  constructor(
    doc: Y.Doc,
    private readonly broadcast: (message: Uint8Array, except: unknown) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it announces no state of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Applies a connection's awareness update, or says why the connection must be closed. */
  receive(conn: Conn, payload: Uint8Array): PresenceReceipt {
    if (payload.byteLength > MAX_MESSAGE_BYTES) {
      return { refusal: { code: CloseCode.tooLarge, reason: 'awareness message too large' } };
    }
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES_PER_MESSAGE) {
      return { refusal: { code: CloseCode.malformed, reason: 'too many awareness entries' } };
    }
    const states = this.awareness.getStates();
    const mine = this.ownedBy(conn);
    const claiming = new Set<number>();
    const entries: Array<{ clientId: number; clock: number; json: string }> = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      const owner = this.owners.get(clientId);
      // Another live connection's entry is not this connection's to change: skipped unread.
      if (owner !== undefined && owner !== conn && this.owned.has(owner) && states.has(clientId)) continue;
      // Nor is a live presence on another instance.
      if (this.relayed.has(clientId) && states.has(clientId)) continue;
      // An echo of a state the room already has (or had, for one who left): nothing new.
      if (!mine.has(clientId) && clock <= (this.awareness.meta.get(clientId)?.clock ?? -1)) continue;
      if (json.length > MAX_STATE_BYTES) {
        return { refusal: { code: CloseCode.tooLarge, reason: 'awareness state too large' } };
      }
      if (json !== 'null' && !mine.has(clientId)) {
        if (mine.size + claiming.size >= MAX_IDS_PER_CONNECTION) continue;
        claiming.add(clientId);
      }
      // Parsing every entry before applying any: a bad one refuses the whole update.
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        return { refusal: { code: CloseCode.malformed, reason: 'an awareness state that is not an object' } };
      }
      entries.push({ clientId, clock, json: state === null ? 'null' : asIdentity(state, conn.presence) });
    }
    if (entries.length === 0) return { refusal: null, own: 0 };
    const accepted = encoding.createEncoder();
    encoding.writeVarUint(accepted, entries.length);
    for (const { clientId, clock, json } of entries) {
      encoding.writeVarUint(accepted, clientId);
      encoding.writeVarUint(accepted, clock);
      encoding.writeVarString(accepted, json);
      if (json === 'null') this.release(clientId);
      else this.claim(conn, clientId);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(accepted), conn);
    return { refusal: null, own: entries.length };
  }

  /** Removes a closed connection's entries for everyone at once. */
  leave(conn: Conn): void {
    const ids = [...(this.owned.get(conn) ?? [])].filter((id) => this.owners.get(id) === conn);
    this.owned.delete(conn);
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /** Calls `share` with every change of this instance's own presences, as an awareness update. */
  shareChanges(share: (update: Uint8Array) => void): void {
    this.shareChange = share;
  }

  /** The presences of this instance's connections as one awareness update: what a heartbeat carries. */
  encodeOwn(): Uint8Array {
    const states = this.awareness.getStates();
    const ids = [...this.owners.keys()].filter((id) => states.has(id));
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
  }

  /**
   * Applies presences another instance relayed (already checked and named there), except over
   * this instance's own connections' entries; they are sent to every connection here.
   */
  receiveRelayed(instance: string, payload: Uint8Array): void {
    if (payload.byteLength > MAX_MESSAGE_BYTES) return;
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES_PER_MESSAGE) return;
    const accepted = encoding.createEncoder();
    const entries: Array<{ clientId: number; clock: number; json: string }> = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (this.owners.has(clientId) || json.length > MAX_STATE_BYTES) continue;
      entries.push({ clientId, clock, json });
    }
    if (entries.length === 0) return;
    encoding.writeVarUint(accepted, entries.length);
    for (const { clientId, clock, json } of entries) {
      encoding.writeVarUint(accepted, clientId);
      encoding.writeVarUint(accepted, clock);
      encoding.writeVarString(accepted, json);
      if (json === 'null') this.relayed.delete(clientId);
      else this.relayed.set(clientId, instance);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(accepted), RELAYED);
  }

  /** Removes every presence an instance relayed: it has not been heard from, it is gone. */
  dropRelayed(instance: string): void {
    const ids = [...this.relayed].flatMap(([id, from]) => (from === instance ? [id] : []));
    for (const id of ids) this.relayed.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, RELAYED);
  }

  /** Every current state, as one awareness message. */
  encodeAll(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length === 0 ? null : this.encode(ids);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private ownedBy(conn: Conn): Set<number> {
    let ids = this.owned.get(conn);
    if (ids === undefined) {
      ids = new Set();
      this.owned.set(conn, ids);
    }
    return ids;
  }

  private claim(conn: Conn, clientId: number): void {
    const previous = this.owners.get(clientId);
    if (previous !== undefined && previous !== conn) this.owned.get(previous)?.delete(clientId);
    this.owners.set(clientId, conn);
    this.ownedBy(conn).add(clientId);
  }

  private release(clientId: number): void {
    const owner = this.owners.get(clientId);
    if (owner !== undefined) this.owned.get(owner)?.delete(clientId);
    this.owners.delete(clientId);
  }

  private encode(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    // This instance's own changes go to the others; what they relayed, or what of it timed out, not.
    const own = origin === RELAYED ? [] : changed.filter((id) => !this.relayed.has(id));
    // Entries that timed out (no renewal for 30 s) belong to nobody any more.
    for (const id of removed) {
      this.release(id);
      this.relayed.delete(id);
    }
    if (changed.length > 0) this.broadcast(this.encode(changed), origin);
    if (own.length > 0 && this.shareChange !== null) {
      this.shareChange(awarenessProtocol.encodeAwarenessUpdate(this.awareness, own));
    }
  };
}

/**
 * A presence state as the room shows it: the client's cursor and focus as it says, but its name,
 * role and colour from its session, so that an observer cannot appear as "USA" or "chair".
 */
function asIdentity(state: object, identity: PresenceIdentity): string {
  return JSON.stringify({ ...state, name: identity.name, role: identity.role, color: delegationColor(identity.name) });
}
