import { expect, test } from '@playwright/test';
import { demoLink, revealClause } from './support.ts';

test('two delegations typing into one clause at once converge in every context', async ({ browser }) => {
  const contexts = await Promise.all(['MYS', 'PHL', 'observer'].map(() => browser.newContext()));
  const [mys, phl, observer] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || phl === undefined || observer === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(demoLink('MYS')), phl.goto(demoLink('PHL')), observer.goto(demoLink('observer'))]);

  const clauseIn = (page: typeof mys) => page.getByRole('textbox', { name: 'Operative 2' });
  for (const page of [mys, phl, observer]) await expect(clauseIn(page)).toContainText('UPHOLD the relevance');
  await expect(observer.getByRole('textbox', { name: 'Operative 2' })).not.toBeEditable();

  // MYS at the start of the clause, PHL at its end, typing at the same time. (Typing at the very
  // same spot interleaves the two, character by character, which is right but unreadable.)
  await clauseIn(mys).click();
  await mys.keyboard.press('Control+Home');
  await clauseIn(phl).click();
  await phl.keyboard.press('Control+End');
  await Promise.all([mys.keyboard.type('[MYS text] ', { delay: 20 }), phl.keyboard.type(' [PHL text]', { delay: 20 })]);

  for (const page of [mys, phl, observer]) {
    await expect(clauseIn(page)).toHaveText(/^\[MYS text\] UPHOLD the relevance.*cooperation; \[PHL text\]$/);
  }
  const texts = await Promise.all([mys, phl, observer].map((page) => clauseIn(page).innerText()));
  expect(new Set(texts).size).toBe(1);

  // The other delegation's cursor is shown with its code.
  await expect(mys.locator('.cursors').getByText('PHL')).toBeAttached();
  await mys.screenshot({ path: 'test-results/co-editing.png' });

  // A reload keeps everything.
  await observer.reload();
  await expect(clauseIn(observer)).toContainText('[MYS text]');
  await expect(clauseIn(observer)).toContainText('[PHL text]');
  await Promise.all(contexts.map((context) => context.close()));
});

test('edits made offline are kept, counted, and sent on reconnect', async ({ browser }) => {
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [mys, phl] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || phl === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(demoLink('MYS')), phl.goto(demoLink('PHL'))]);
  const clauseIn = (page: typeof mys) => page.getByRole('textbox', { name: 'Operative 4' });
  await expect(clauseIn(mys)).toContainText('FOSTER information-sharing');
  await expect(mys.getByTestId('connection')).toHaveText('Connected');

  await contexts[0]?.setOffline(true);
  await expect(mys.getByTestId('connection')).toContainText('Offline');
  await clauseIn(mys).click();
  await mys.keyboard.press('Control+End');
  await mys.keyboard.type(' [typed offline]');
  await expect(mys.getByTestId('connection')).toContainText('not yet sent');
  await expect(clauseIn(phl)).not.toContainText('[typed offline]');

  await contexts[0]?.setOffline(false);
  await expect(mys.getByTestId('connection')).toHaveText('Connected', { timeout: 15_000 });
  await expect(clauseIn(phl)).toContainText('[typed offline]');
  await Promise.all(contexts.map((context) => context.close()));
});

test('an edit that arrives after the chair froze its clause is kept on screen to copy', async ({ browser }) => {
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [mys, chair] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || chair === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(demoLink('MYS')), chair.goto(demoLink('chair'))]);
  const label = 'Operative 5';
  const clauseIn = (page: typeof mys) => page.getByRole('textbox', { name: label, exact: true });
  await expect(clauseIn(mys)).toContainText('PRIORITISE inclusivity');
  await expect(mys.getByTestId('connection')).toHaveText('Connected');

  // MYS edits without a network while the chair freezes the clause.
  await contexts[0]?.setOffline(true);
  await expect(mys.getByTestId('connection')).toContainText('Offline');
  await clauseIn(mys).click();
  await mys.keyboard.press('Control+End');
  await mys.keyboard.type(' [late amendment]');
  const freezeCard = await revealClause(chair, label);
  await freezeCard.getByRole('button', { name: 'Freeze…' }).click();
  await chair.getByRole('button', { name: 'Freeze anyway' }).click();
  await expect(freezeCard.getByTestId('status')).toHaveText('Frozen');

  // Back online: the server refuses the late edit; MYS sees the agreed text and keeps its own.
  await contexts[0]?.setOffline(false);
  const refused = mys.getByRole('alert', { name: 'Refused edits' });
  await expect(refused).toContainText('Your last changes were not applied', { timeout: 15_000 });
  await expect(refused.getByRole('textbox')).toHaveValue(/\[late amendment\]$/);
  await expect(clauseIn(mys)).not.toContainText('[late amendment]');
  await expect(clauseIn(chair)).not.toContainText('[late amendment]');
  await expect(mys.getByTestId('connection')).toHaveText('Connected');
  // The positions are current again too, the freeze included.
  await expect((await revealClause(mys, label)).getByTestId('status')).toHaveText('Frozen');
  await expect(mys.getByText('Positions could not be refreshed')).toHaveCount(0);
  await mys.screenshot({ path: 'test-results/refused-edit.png' });
  await Promise.all(contexts.map((context) => context.close()));
});
