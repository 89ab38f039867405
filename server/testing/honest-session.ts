import fc from 'fast-check';
import * as Y from 'yjs';
import type { GuardRefusal, UpdateGuard } from '../collab/update-guard.ts';
import { hasNewChanges } from '../collab/update-guard.ts';

/**
 * One step of a session of honest Yjs clients around one room, as fast-check generates it.
 * Numbers pick a client, a place or a length; each step is read modulo what exists.
 */
export type SessionStep =
  | { kind: 'type'; client: number; at: number; text: string; bold: boolean }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'format'; client: number; at: number; length: number; bold: boolean }
  | { kind: 'paragraph'; client: number; at: number }
  | { kind: 'typeInParagraph'; client: number; paragraph: number; at: number; text: string }
  | { kind: 'paragraphAttribute'; client: number; paragraph: number; value: number }
  | { kind: 'order'; client: number; at: number; remove: boolean }
  | { kind: 'meta'; client: number; key: number; remove: boolean }
  | { kind: 'undo' | 'redo'; client: number }
  /** The client's oldest unsent update reaches the room. */
  | { kind: 'send'; client: number }
  /** The room stores what it applied and broadcasts it merged, as the room does per batch. */
  | { kind: 'flush' }
  /** The client's oldest message from the room arrives. */
  | { kind: 'receive'; client: number }
  /** The socket drops: what was in flight either way is lost. */
  | { kind: 'disconnect'; client: number }
  /** Sync step 1 and 2 both ways, as y-websocket does on every (re)connection. */
  | { kind: 'reconnect'; client: number };

const client = fc.nat(3);
const place = fc.nat(40);
const word = fc.constantFrom('a', 'bc', 'def', ' ', 'xyz!');

/** An arbitrary step: mostly typing, sending and receiving, sometimes undo or a dropped socket. */
export const sessionStep: fc.Arbitrary<SessionStep> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type'), client, at: place, text: word, bold: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('delete'), client, at: place, length: fc.integer({ min: 1, max: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('format'),
      client,
      at: place,
      length: fc.integer({ min: 1, max: 5 }),
      bold: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paragraph'), client, at: place }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('typeInParagraph'), client, paragraph: place, at: place, text: word }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('paragraphAttribute'), client, paragraph: place, value: fc.nat(3) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('order'), client, at: place, remove: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('meta'), client, key: fc.nat(2), remove: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('undo', 'redo'), client }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('send'), client }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flush') }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('receive'), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('disconnect', 'reconnect'), client }) },
);

/** An arbitrary session: two to four clients and up to 200 steps. */
export const honestSessions = fc.record({
  clients: fc.integer({ min: 2, max: 4 }),
  steps: fc.array(sessionStep, { minLength: 20, maxLength: 200, size: 'max' }),
});

export const SESSION_TEXT_ROOT = 'clause/a';
export const SESSION_ORDER_ROOT = 'order';
export const SESSION_META_ROOT = 'clauses';

interface Client {
  doc: Y.Doc;
  undo: Y.UndoManager;
  online: boolean;
  outbox: Uint8Array[];
  inbox: Uint8Array[];
}

/** What a session ended with: every refusal the guard made (an honest session wants none). */
export interface SessionOutcome {
  refusals: GuardRefusal[];
  updatesChecked: number;
  room: Y.Doc;
  clients: Y.Doc[];
}

const FROM_ROOM = Symbol('from the room');

/**
 * Plays `steps` with `clientCount` real Y.Docs and a room that checks every incoming update with
 * `guard` before applying it one by one (calling `applied` after each), then brings everyone
 * online and in sync.
 */
export function playSession(
  clientCount: number,
  steps: SessionStep[],
  guard: UpdateGuard,
  applied: (room: Y.Doc) => void = () => {},
): SessionOutcome {
  const room = new Y.Doc();
  const locks = { frozen: new Set<string>(), adopted: false };
  const refusals: GuardRefusal[] = [];
  let updatesChecked = 0;
  let pending: Array<{ update: Uint8Array; from: Client }> = [];
  const clients: Client[] = [];
  for (let index = 0; index < clientCount; index++) {
    const doc = new Y.Doc();
    const types = [
      doc.get(SESSION_TEXT_ROOT, Y.XmlText),
      doc.getArray(SESSION_ORDER_ROOT),
      doc.getMap(SESSION_META_ROOT),
    ];
    const client: Client = {
      doc,
      undo: new Y.UndoManager(types, { captureTimeout: 0 }),
      online: true,
      outbox: [],
      inbox: [],
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_ROOM && client.online) client.outbox.push(update);
    });
    clients.push(client);
  }
  const receiveAtRoom = (client: Client, update: Uint8Array) => {
    const decoded = Y.decodeUpdate(update);
    if (!hasNewChanges(room, decoded)) return;
    updatesChecked++;
    const refusal = guard(room, decoded, locks);
    if (refusal !== null) {
      refusals.push(refusal);
      return;
    }
    Y.applyUpdate(room, update, client);
    applied(room);
  };
  room.on('update', (applied: Uint8Array, origin: unknown) => {
    pending.push({ update: applied, from: origin as Client });
  });
  const flush = () => {
    for (const client of clients) {
      if (!client.online) continue;
      const others = pending.filter(({ from }) => from !== client).map(({ update }) => update);
      if (others.length > 0)
        client.inbox.push(others.length === 1 ? (others[0] as Uint8Array) : Y.mergeUpdates(others));
    }
    pending = [];
  };
  const reconnect = (client: Client) => {
    client.online = true;
    client.inbox.push(Y.encodeStateAsUpdate(room, Y.encodeStateVector(client.doc)));
    client.outbox.push(Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(room)));
  };
  for (const step of steps) {
    if (step.kind === 'flush') {
      flush();
      continue;
    }
    const client = clients[step.client % clientCount] as Client;
    switch (step.kind) {
      case 'send': {
        const update = client.outbox.shift();
        if (update !== undefined) receiveAtRoom(client, update);
        break;
      }
      case 'receive': {
        const message = client.inbox.shift();
        if (message !== undefined) Y.applyUpdate(client.doc, message, FROM_ROOM);
        break;
      }
      case 'disconnect':
        client.online = false;
        client.outbox = [];
        client.inbox = [];
        break;
      case 'reconnect':
        if (!client.online) reconnect(client);
        break;
      default:
        edit(client, step);
    }
  }
  // Everyone comes back and every message arrives.
  for (const client of clients) if (!client.online) reconnect(client);
  for (let round = 0; round < 3; round++) {
    for (const client of clients) for (const update of client.outbox.splice(0)) receiveAtRoom(client, update);
    flush();
    for (const client of clients) {
      for (const message of client.inbox.splice(0)) Y.applyUpdate(client.doc, message, FROM_ROOM);
    }
  }
  for (const client of clients) client.undo.destroy();
  return { refusals, updatesChecked, room, clients: clients.map(({ doc }) => doc) };
}

function edit(client: Client, step: SessionStep): void {
  const doc = client.doc;
  const text = doc.get(SESSION_TEXT_ROOT, Y.XmlText);
  const paragraphs = () =>
    (text.toDelta() as Array<{ insert: unknown }>).map(({ insert }) => insert).filter((x) => x instanceof Y.XmlText);
  const within = (n: number, size: number) => (size <= 0 ? 0 : n % (size + 1));
  switch (step.kind) {
    case 'type':
      text.insert(within(step.at, text.length), step.text, step.bold ? { bold: true } : {});
      return;
    case 'delete': {
      const at = within(step.at, text.length - 1);
      const length = Math.min(step.length, text.length - at);
      if (length > 0) text.delete(at, length);
      return;
    }
    case 'format': {
      const at = within(step.at, text.length - 1);
      const length = Math.min(step.length, text.length - at);
      if (length > 0) text.format(at, length, { bold: step.bold ? true : null });
      return;
    }
    case 'paragraph': {
      const paragraph = new Y.XmlText();
      text.insertEmbed(within(step.at, text.length), paragraph);
      paragraph.insert(0, 'p');
      return;
    }
    case 'typeInParagraph': {
      const all = paragraphs();
      const paragraph = all[step.paragraph % Math.max(all.length, 1)];
      if (paragraph instanceof Y.XmlText) paragraph.insert(within(step.at, paragraph.length), step.text);
      return;
    }
    case 'paragraphAttribute': {
      const all = paragraphs();
      const paragraph = all[step.paragraph % Math.max(all.length, 1)];
      if (paragraph instanceof Y.XmlText) paragraph.setAttribute('__indent', String(step.value));
      return;
    }
    case 'order': {
      const order = doc.getArray<string>(SESSION_ORDER_ROOT);
      if (step.remove && order.length > 0) order.delete(step.at % order.length, 1);
      else order.insert(within(step.at, order.length), [`c${step.at}`]);
      return;
    }
    case 'meta': {
      const meta = doc.getMap(SESSION_META_ROOT);
      if (step.remove) meta.delete(`k${step.key}`);
      else meta.set(`k${step.key}`, { kind: 'operative', n: step.key });
      return;
    }
    case 'undo':
      client.undo.undo();
      return;
    case 'redo':
      client.undo.redo();
      return;
    default:
      return;
  }
}
