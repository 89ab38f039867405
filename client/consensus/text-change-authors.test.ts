import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ClauseTextCache } from '../../shared/clause-text-cache.ts';
import { clauseTextRoot } from '../../shared/doc-layout.ts';
import { TextChangeAuthors } from './text-change-authors.ts';

const TEXT = 'SUPPORT the training of peacekeepers.';

/** Two screens of one draft: "mine" receives what "theirs" (PHL) does, as y-websocket would pass it on. */
function twoScreens(caretsInMine: string[] = []) {
  const theirs = new Y.Doc();
  const mine = new Y.Doc();
  theirs.on('update', (update: Uint8Array) => Y.applyUpdate(mine, update, 'remote'));
  clauseTextRoot(theirs, 'c1').insert(0, TEXT);
  const theirPresence = new Awareness(theirs);
  theirPresence.setLocalState({ name: 'PHL' });
  const myPresence = new Awareness(mine);
  applyAwarenessUpdate(myPresence, encodeAwarenessUpdate(theirPresence, [theirs.clientID]), 'remote');
  const texts = new ClauseTextCache(mine);
  const authors = new TextChangeAuthors(texts, myPresence, () => caretsInMine);
  const hash = texts.get('c1').hash;
  cleanups.push(() => {
    authors.destroy();
    texts.destroy();
    theirPresence.destroy();
    myPresence.destroy();
  });
  return { theirs, mine, authors, hash };
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('who changed a clause since a position was taken', () => {
  it('names the delegation whose words were inserted', () => {
    const { theirs, authors, hash } = twoScreens();
    authors.watch(new Map([['c1', hash]]));
    clauseTextRoot(theirs, 'c1').insert(TEXT.length - 1, ' and police');
    expect(authors.since('c1', hash)).toEqual({ names: ['PHL'], byYou: false, unknown: false });
  });

  it('says a change made on this screen is the person’s own', () => {
    const { mine, authors, hash } = twoScreens();
    authors.watch(new Map([['c1', hash]]));
    clauseTextRoot(mine, 'c1').insert(0, 'Also ');
    expect(authors.since('c1', hash)).toEqual({ names: [], byYou: true, unknown: false });
  });

  it('gives a deletion to whoever’s caret is in the clause, and to nobody when no caret is', () => {
    const withCaret = twoScreens(['CHN']);
    withCaret.authors.watch(new Map([['c1', withCaret.hash]]));
    clauseTextRoot(withCaret.theirs, 'c1').delete(0, 8);
    expect(withCaret.authors.since('c1', withCaret.hash)).toEqual({ names: ['CHN'], byYou: false, unknown: false });

    const without = twoScreens();
    without.authors.watch(new Map([['c1', without.hash]]));
    clauseTextRoot(without.theirs, 'c1').delete(0, 8);
    expect(without.authors.since('c1', without.hash)).toEqual({ names: [], byYou: false, unknown: true });
  });

  it('knows nothing of a change made before it watched, however many follow', () => {
    const { theirs, authors, hash } = twoScreens();
    clauseTextRoot(theirs, 'c1').insert(0, 'Also ');
    authors.watch(new Map([['c1', hash]]));
    clauseTextRoot(theirs, 'c1').insert(0, 'And ');
    expect(authors.since('c1', hash)).toBeNull();
  });

  it('forgets the changes once the words are back to the position’s', () => {
    const { theirs, authors, hash } = twoScreens();
    authors.watch(new Map([['c1', hash]]));
    clauseTextRoot(theirs, 'c1').insert(0, 'X');
    clauseTextRoot(theirs, 'c1').delete(0, 1);
    expect(authors.since('c1', hash)).toBeNull();
  });

  it('answers only for the text the position was taken on', () => {
    const { theirs, authors, hash } = twoScreens();
    authors.watch(new Map([['c1', hash]]));
    clauseTextRoot(theirs, 'c1').insert(0, 'X');
    expect(authors.since('c1', 'another hash')).toBeNull();
    authors.watch(new Map());
    expect(authors.since('c1', hash)).toBeNull();
  });
});
