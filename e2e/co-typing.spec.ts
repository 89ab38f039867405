import { type Browser, expect, type Page, test } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import { MessageType } from '../shared/protocol.ts';
import { createDraft } from './support.ts';

const LABEL = 'Operative 1';
const BASE = 'ENHANCE practical cooperation';

/** Two delegations of a draft of their own, each in its own browser context, in one clause. */
async function twoDelegations(browser: Browser, request: Parameters<typeof createDraft>[0]) {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Security',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [{ kind: 'operative', text: BASE }],
  });
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  const [mys, phl] = pages;
  if (mys === undefined || phl === undefined) throw new Error('pages missing');
  const clientIds = new Map<Page, Promise<number>>(pages.map((page) => [page, yjsClientIdOf(page)]));
  await Promise.all([mys.goto(draft.links.delegations.MYS ?? ''), phl.goto(draft.links.delegations.PHL ?? '')]);
  for (const page of pages) await expect(editorIn(page)).toHaveText(BASE);
  return {
    draft,
    mys,
    phl,
    /** The Yjs client id of a page's document, read from the first presence it sent. */
    clientId: (page: Page) => clientIds.get(page) ?? Promise.reject(new Error('page not watched')),
    /** Reloads a page: a new document, so a new random client id. */
    reload: async (page: Page) => {
      clientIds.set(page, yjsClientIdOf(page));
      await page.reload();
      await expect(page.getByTestId('connection')).toHaveText('Connected');
    },
    close: () => Promise.all(contexts.map((context) => context.close())),
  };
}

function editorIn(page: Page) {
  return page.getByRole('textbox', { name: LABEL, exact: true });
}

/**
 * Resolves with the client id the page's Yjs document announces in its first presence frame:
 * the room sends only its own presence, and y-protocols writes the sender's id first.
 */
function yjsClientIdOf(page: Page): Promise<number> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') return;
        const decoder = decoding.createDecoder(new Uint8Array(payload));
        if (decoding.readVarUint(decoder) !== MessageType.awareness) return;
        const presence = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        if (decoding.readVarUint(presence) > 0) resolve(decoding.readVarUint(presence));
      }),
    );
  });
}

/** The clause's text as the server holds it: its Markdown export. */
async function serverText(page: Page, draftId: string): Promise<string> {
  const response = await page.request.get(`${new URL(page.url()).origin}/api/drafts/${draftId}/export?format=md`);
  expect(response.status()).toBe(200);
  return response.text();
}

async function caretAtEnd(page: Page) {
  await editorIn(page).click();
  await page.keyboard.press('Control+End');
}

/** Every phrase whole, on both screens (the same text) and on the server. */
async function expectBothContiguous(pages: Page[], draftId: string, phrases: string[]) {
  const whole = (text: string) => phrases.every((phrase) => text.includes(phrase));
  await expect
    .poll(async () => {
      const texts = await Promise.all(pages.map((page) => editorIn(page).innerText()));
      return new Set(texts).size === 1 && whole(texts[0] ?? '') ? 'whole' : texts.join(' | ');
    })
    .toBe('whole');
  const stored = await serverText(pages[0] as Page, draftId);
  for (const phrase of phrases) expect(stored).toContain(phrase);
}

test('two delegations typing 40 characters each at the end of one clause keep their phrases whole, whichever client id is lower', async ({
  browser,
  request,
}) => {
  const room = await twoDelegations(browser, request);
  const { mys, phl } = room;
  // Which client's first character goes left of the other's depends on the two client ids;
  // both orders must keep each phrase whole. Run once, then reload the pages until the order is
  // the other one (each reload draws a new id), and run again.
  const runs = [
    [' and maritime security cooperation today', ' WITH ALL PARTNERS OF THE ADMM PLUS NOW!'],
    [' by sharing information at sea in future', ' THROUGH JOINT EXERCISES AND TRAININGS!!'],
  ] as const;
  const orders: boolean[] = [];
  for (const [mysPhrase, phlPhrase] of runs) {
    let reloads = 0;
    if (orders.length === 1) {
      // Both pages in turn: reloading one alone may take many tries when the other's id is near
      // an end of the range (MYS at 1% of it, PHL reloaded 30 times, stays above it 74% of runs).
      while ((await room.clientId(mys)) < (await room.clientId(phl)) === orders[0] && reloads < 30) {
        await room.reload(reloads % 2 === 0 ? phl : mys);
        reloads += 1;
      }
    }
    orders.push((await room.clientId(mys)) < (await room.clientId(phl)));
    test.info().annotations.push({
      type: 'client ids',
      description: `${orders.at(-1) ? 'MYS' : 'PHL'} lower (${await room.clientId(mys)} vs ${await room.clientId(phl)}), after ${reloads} reloads`,
    });
    expect([mysPhrase.length, phlPhrase.length]).toEqual([40, 40]);
    await caretAtEnd(mys);
    await caretAtEnd(phl);
    await Promise.all([mys.keyboard.type(mysPhrase), phl.keyboard.type(phlPhrase)]);
    await expectBothContiguous([mys, phl], room.draft.id, [mysPhrase, phlPhrase]);
    test.info().annotations.push({ type: 'text', description: await editorIn(mys).innerText() });
  }
  expect(orders).toHaveLength(2);
  expect(orders[0]).not.toBe(orders[1]);
  await room.close();
});

test('two delegations typing in turn at the end of one clause, each key seen before the next, keep their words whole', async ({
  browser,
  request,
}) => {
  const room = await twoDelegations(browser, request);
  const { mys, phl } = room;
  await caretAtEnd(mys);
  await caretAtEnd(phl);
  const mysWord = 'ABCDEFGH';
  const phlWord = 'stuvwxyz';
  // One key each in turn, the next typed only once the other screen shows the last one.
  const typeOne = async (typer: Page, other: Page, key: string) => {
    await typer.keyboard.type(key);
    await expect(editorIn(typer)).toContainText(key);
    await expect(editorIn(other)).toHaveText(await editorIn(typer).innerText());
  };
  for (let i = 0; i < mysWord.length; i += 1) {
    await typeOne(mys, phl, mysWord[i] ?? '');
    await typeOne(phl, mys, phlWord[i] ?? '');
  }
  await expectBothContiguous([mys, phl], room.draft.id, [mysWord, phlWord]);
  await room.close();
});
