import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { CursorRouter } from './cursor-router.ts';

const rooms: Array<{ awareness: Awareness; router: CursorRouter }> = [];
afterEach(() => {
  for (const { awareness, router } of rooms.splice(0)) {
    router.destroy();
    awareness.destroy();
  }
});

/** A doc with clauses a and b, this person's awareness, and a remote participant's. */
function room() {
  const doc = new Y.Doc();
  for (const id of ['a', 'b']) clauseTextRoot(doc, id).insert(0, `clause ${id}`);
  const awareness = new Awareness(doc);
  const router = new CursorRouter(doc, awareness);
  rooms.push({ awareness, router });
  // The remote participant's own awareness, whose updates reach this one as over the network.
  const remoteDoc = new Y.Doc();
  remoteDoc.clientID = awareness.clientID + 1;
  const remote = new Awareness(remoteDoc);
  rooms.push({ awareness: remote, router });
  const remoteId = remote.clientID;
  /** Announces the remote caret at offset 2 of a clause, as a presence update from the network. */
  const remoteCaretIn = (clauseId: string | null, extra: Record<string, unknown> = {}) => {
    const root = clauseTextRoot(doc, clauseId ?? 'a');
    const position = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(root, 2)));
    const state = {
      name: 'PHL',
      color: '#123456',
      focusing: clauseId !== null,
      anchorPos: position,
      focusPos: position,
    };
    remote.setLocalState({ ...state, ...extra });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [remoteId]), 'network');
  };
  return { doc, awareness, router, remoteId, remoteCaretIn };
}

describe('the cursor router', () => {
  it('redraws only the clause a caret enters and the one it leaves, each with its own carets', () => {
    const { router, remoteId, remoteCaretIn } = room();
    const drawn: Array<[string, number[]]> = [];
    for (const id of ['a', 'b']) router.register(id, (states) => drawn.push([id, [...states.keys()]]));
    drawn.length = 0;

    remoteCaretIn('a');
    expect(drawn).toEqual([['a', [remoteId]]]);
    drawn.length = 0;
    remoteCaretIn('b');
    expect(drawn).toEqual([
      ['a', []],
      ['b', [remoteId]],
    ]);
  });

  it('draws the carets already in a clause when its editor mounts', () => {
    const { router, remoteId, remoteCaretIn } = room();
    remoteCaretIn('b');
    const drawn: number[][] = [];
    router.register('b', (states) => drawn.push([...states.keys()]));
    expect(drawn).toEqual([[remoteId]]);
  });

  it('takes a caret away when its participant leaves the editor or sends a position it cannot read', () => {
    const { router, remoteCaretIn } = room();
    remoteCaretIn('a');
    const drawn: number[][] = [];
    router.register('a', (states) => drawn.push([...states.keys()]));
    remoteCaretIn(null);
    remoteCaretIn('a', { anchorPos: { type: { client: 'x' }, item: 7 } });
    expect(drawn.at(-1)).toEqual([]);
    expect(router.statesIn('a').size).toBe(0);
  });
});
