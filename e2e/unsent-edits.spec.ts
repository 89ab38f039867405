import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { clauseCard, createDraft, revealClause } from './support.ts';

const LABEL = 'Operative 1';
const BASE = 'FOSTER information-sharing among defence establishments';

function draftRequest(title: string) {
  return {
    title,
    kind: 'joint-statement' as const,
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'operative' as const, text: BASE },
      { kind: 'operative' as const, text: 'WELCOME the next meeting.' },
    ],
  };
}

function editorIn(page: Page, label = LABEL) {
  return page.getByRole('textbox', { name: label, exact: true });
}

async function openRoom(context: BrowserContext, link: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(editorIn(page)).toContainText('FOSTER');
  return page;
}

/** Goes offline as a laptop leaving the Wi-Fi does, and types at the end of a clause. */
async function typeOffline(context: BrowserContext, page: Page, text: string, label = LABEL, keeps = true) {
  await context.setOffline(true);
  await expect(page.getByTestId('connection')).toContainText('Offline');
  await editorIn(page, label).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  // Kept once the browser's store has committed every edit: a person closing the tab then
  // loses nothing (closing it within milliseconds of the last key could lose that key).
  await expect(page.getByTestId('connection')).toContainText(keeps ? 'kept in this browser' : 'not yet sent');
}

/** Closes a page as a person closing the tab does; answers the dialog type it raised, if any. */
async function closeTab(page: Page): Promise<string | null> {
  let asked: string | null = null;
  page.on('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.accept();
  });
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
  return asked;
}

/** How many rows of unsent edits the page's browser keeps, over its databases of them (or those of one participant). */
async function storedRows(page: Page, participant?: string): Promise<number> {
  const rows = await rowsByDatabase(page);
  return Object.entries(rows)
    .filter(([name]) => participant === undefined || name.endsWith(`/${participant}`))
    .reduce((sum, [, count]) => sum + count, 0);
}

function rowsByDatabase(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const rows: Record<string, number> = {};
    for (const { name } of await indexedDB.databases()) {
      if (name === undefined || !name.startsWith('mufakat-unsent-edits/')) continue;
      rows[name] = await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('edits').objectStore('edits').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      });
    }
    return rows;
  });
}

test('edits typed offline outlive the closed tab: the tab warns, the next open sends them, and nothing stays behind', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Information Sharing'));
  const [mysContext, phlContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const mys = await openRoom(mysContext, draft.links.delegations.MYS ?? '');
  const phl = await openRoom(phlContext, draft.links.delegations.PHL ?? '');
  const roomUrl = mys.url();

  await typeOffline(mysContext, mys, ' [typed offline]');
  expect(await closeTab(mys)).toBe('beforeunload');

  await mysContext.setOffline(false);
  const reopened = await openRoom(mysContext, roomUrl);
  await expect(editorIn(reopened)).toHaveText(`${BASE} [typed offline]`);
  await expect(editorIn(phl)).toHaveText(`${BASE} [typed offline]`);
  // Once the server has them, the browser keeps nothing, and closing asks nothing.
  await expect.poll(() => storedRows(reopened)).toBe(0);
  await reopened.reload();
  await expect(reopened.getByTestId('connection')).toHaveText('Connected');
  await expect(editorIn(reopened)).toHaveText(`${BASE} [typed offline]`);
  await expect(editorIn(phl)).toHaveText(`${BASE} [typed offline]`);
  expect(await closeTab(reopened)).toBeNull();
  await Promise.all([mysContext.close(), phlContext.close()]);
});

test('online the tab closes without a question once its edits are acknowledged; offline it asks while edits are unsent', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Closing Tabs'));
  const context = await browser.newContext();
  const mys = await openRoom(context, draft.links.delegations.MYS ?? '');
  await editorIn(mys).click();
  await mys.keyboard.press('Control+End');
  await mys.keyboard.type(' online');
  // Sent at once, acknowledged soon after: nothing is kept and the tab closes without a question.
  await expect.poll(() => storedRows(mys)).toBe(0);
  const roomUrl = mys.url();
  expect(await closeTab(mys)).toBeNull();

  const again = await openRoom(context, roomUrl);
  await typeOffline(context, again, ' offline');
  await expect(again.getByTestId('connection')).toContainText(/\d+ edits not yet sent, kept in this browser/);
  expect(await storedRows(again)).toBeGreaterThan(0);
  expect(await closeTab(again)).toBe('beforeunload');
  await context.close();
});

test('an edit kept from a closed tab, on a clause frozen meanwhile, is shown once to copy and then forgotten', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Late Amendments'));
  const [mysContext, chairContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const mys = await openRoom(mysContext, draft.links.delegations.MYS ?? '');
  const chair = await openRoom(chairContext, draft.links.chair);
  const roomUrl = mys.url();
  await typeOffline(mysContext, mys, ' [late amendment]');
  await mys.close();

  const card = await revealClause(chair, LABEL);
  // Not agreed: the chair confirms.
  await card.getByRole('button', { name: 'Freeze…' }).click();
  await chair.getByRole('button', { name: 'Freeze anyway' }).click();
  await expect(card.getByTestId('status')).toHaveText('Frozen');

  await mysContext.setOffline(false);
  const reopened = await mysContext.newPage();
  await reopened.goto(roomUrl);
  const refused = reopened.getByRole('alert', { name: 'Refused edits' });
  await expect(refused).toContainText('Your last changes were not applied');
  await expect(refused.getByRole('textbox')).toHaveValue(`${BASE} [late amendment]`);
  await expect(editorIn(reopened)).toHaveText(BASE);
  await expect(reopened.getByTestId('connection')).toHaveText('Connected');
  await expect.poll(() => storedRows(reopened)).toBe(0);

  // Not replayed at the next open: no refusal, no notice.
  await reopened.reload();
  await expect(reopened.getByTestId('connection')).toHaveText('Connected');
  await expect(clauseCard(reopened, LABEL).getByTestId('status')).toHaveText('Frozen');
  await expect(reopened.getByRole('alert', { name: 'Refused edits' })).toHaveCount(0);
  await expect(editorIn(chair)).toHaveText(BASE);
  await Promise.all([mysContext.close(), chairContext.close()]);
});

test('two delegations sharing a browser never send each other’s kept edits', async ({ browser, request }) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Shared Computers'));
  const [shared, observerContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const observer = await openRoom(observerContext, draft.links.observer);
  const mys = await openRoom(shared, draft.links.delegations.MYS ?? '');
  await typeOffline(shared, mys, ' [by MYS]');
  await mys.close();
  await shared.setOffline(false);

  // PHL signs in on the same browser (MYS's session cookie gone, what the browser stores kept):
  // its room sends what PHL types, and nothing of MYS's.
  const mysCookies = await shared.cookies();
  await shared.clearCookies();
  const phl = await shared.newPage();
  await phl.goto(draft.links.delegations.PHL ?? '');
  await expect(phl.getByTestId('who')).toHaveText('Delegation of the Philippines (PHL)');
  await expect(phl.getByTestId('connection')).toHaveText('Connected');
  await editorIn(phl, 'Operative 2').click();
  await phl.keyboard.press('Control+End');
  await phl.keyboard.type(' [by PHL]');
  await expect(editorIn(observer, 'Operative 2')).toHaveText('WELCOME the next meeting. [by PHL]');
  await expect.poll(() => storedRows(phl, 'delegation-PHL')).toBe(0);
  expect(await storedRows(phl, 'delegation-MYS')).toBeGreaterThan(0);
  await expect(editorIn(observer)).toHaveText(BASE);
  await expect(editorIn(phl)).toHaveText(BASE);
  await phl.close();

  // MYS comes back to the browser: its edits go out, as its own.
  await shared.clearCookies();
  await shared.addCookies(mysCookies);
  const back = await shared.newPage();
  await back.goto(mys.url());
  await expect(back.getByTestId('who')).toHaveText('Delegation of Malaysia (MYS)');
  await expect(editorIn(observer)).toHaveText(`${BASE} [by MYS]`);
  await expect.poll(() => storedRows(back)).toBe(0);
  await Promise.all([shared.close(), observerContext.close()]);
});

test('when the session ends (the chair replaced the link), the edits this browser keeps for the draft are forgotten', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Replaced Links'));
  const [mysContext, chairContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const mys = await openRoom(mysContext, draft.links.delegations.MYS ?? '');
  const chair = await openRoom(chairContext, draft.links.chair);
  await typeOffline(mysContext, mys, ' [before the link was replaced]');
  expect(await storedRows(mys)).toBeGreaterThan(0);

  const replaced = await chair.request.post(`${new URL(chair.url()).origin}/api/drafts/${draft.id}/links`, {
    data: { role: 'delegation', delegation: 'MYS' },
  });
  expect(replaced.status()).toBe(201);
  await mysContext.setOffline(false);
  await expect(mys.getByTestId('connection')).toHaveText(/Not signed in/);
  await expect.poll(() => storedRows(mys)).toBe(0);
  await expect.poll(() => mys.evaluate(() => localStorage.getItem('mufakat.unsent-edits'))).toBeNull();
  // What was typed stays on the screen to copy.
  await expect(editorIn(mys)).toContainText('[before the link was replaced]');
  await Promise.all([mysContext.close(), chairContext.close()]);
});

test('a browser that cannot keep edits says so while they are unsent, and the room still works', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Private Windows'));
  const [mysContext, phlContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  // As in a browser with no IndexedDB to offer.
  await mysContext.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  const mys = await openRoom(mysContext, draft.links.delegations.MYS ?? '');
  const phl = await openRoom(phlContext, draft.links.delegations.PHL ?? '');
  await typeOffline(mysContext, mys, ' [only in this tab]', LABEL, false);
  await expect(mys.getByTestId('connection')).toContainText('This browser cannot keep them');
  await mysContext.setOffline(false);
  await expect(mys.getByTestId('connection')).toHaveText('Connected');
  await expect(editorIn(phl)).toHaveText(`${BASE} [only in this tab]`);
  await Promise.all([mysContext.close(), phlContext.close()]);
});

test('once the draft is adopted, the edits a closed tab left unsent are forgotten and the browser keeps nothing for it', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, draftRequest('Joint Statement on Adopted Texts'));
  const [mysContext, phlContext, chairContext] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  const mys = await openRoom(mysContext, draft.links.delegations.MYS ?? '');
  const phl = await openRoom(phlContext, draft.links.delegations.PHL ?? '');
  const chair = await openRoom(chairContext, draft.links.chair);
  const roomUrl = mys.url();
  for (const page of [mys, phl]) {
    for (const label of [LABEL, 'Operative 2']) {
      await (await revealClause(page, label)).getByRole('button', { name: 'Endorse' }).click();
    }
  }
  await typeOffline(mysContext, mys, ' [too late]', 'Operative 2');
  expect(await storedRows(mys)).toBeGreaterThan(0);
  await mys.close();

  for (const label of [LABEL, 'Operative 2']) {
    const card = await revealClause(chair, label);
    await expect(card.getByTestId('status')).toHaveText('✓ Agreed');
    await card.getByRole('button', { name: 'Freeze' }).click();
    await expect(card.getByTestId('status')).toHaveText('Frozen');
  }
  await chair.getByRole('button', { name: 'Adopt…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Adopt the draft' });
  await dialog.getByLabel('Place').fill('Kuala Lumpur, Malaysia');
  // The date is today's by default.
  await dialog.getByRole('button', { name: 'Adopt' }).click();
  await expect(chair.getByTestId('adopted-banner')).toBeVisible();

  await mysContext.setOffline(false);
  const reopened = await mysContext.newPage();
  await reopened.goto(roomUrl);
  await expect(reopened.getByTestId('adopted-banner')).toBeVisible();
  await expect(reopened.getByTestId('connection')).toHaveText('Connected');
  await expect.poll(() => reopened.evaluate(() => localStorage.getItem('mufakat.unsent-edits'))).toBeNull();
  await expect.poll(async () => Object.keys(await rowsByDatabase(reopened))).toEqual([]);
  await expect(editorIn(chair, 'Operative 2')).toHaveText('WELCOME the next meeting.');
  await Promise.all([mysContext.close(), phlContext.close(), chairContext.close()]);
});
