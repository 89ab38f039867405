import { expect, test } from '@playwright/test';
import { clauseCard as card, createDraft, demoLink, revealClause, showPositions } from './support.ts';

test('positions appear in the other contexts, and a frozen clause becomes read-only everywhere', async ({
  browser,
}) => {
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [mys, phl, chair] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || phl === undefined || chair === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(demoLink('MYS')), phl.goto(demoLink('PHL')), chair.goto(demoLink('chair'))]);
  const label = 'Operative 3';
  for (const page of [mys, phl, chair]) await revealClause(page, label);
  for (const page of [mys, phl, chair]) await expect(card(page, label).getByTestId('status')).toHaveText('○ Open');
  // Cards show a one-line summary; every delegation's position is a click away.
  for (const page of [mys, phl]) await showPositions(card(page, label));
  await expect(chair.getByTestId('present')).toContainText('MYS');
  await expect(chair.getByTestId('present')).toContainText('PHL');

  // A fourth context follows in the matrix, as a chair's assistant would.
  const watcher = await (await browser.newContext()).newPage();
  await watcher.goto(demoLink('secretariat'));
  await watcher.getByRole('button', { name: 'Matrix' }).click();
  const matrix = watcher.getByRole('region', { name: 'Consensus matrix' });
  await expect(matrix.getByTestId('matrix-row')).toHaveCount(23);

  await card(mys, label).getByRole('button', { name: 'Endorse' }).click();
  await expect(matrix.getByLabel('MYS, paragraph 3: endorsed')).toHaveText('✓', { timeout: 2000 });
  await expect(card(phl, label).getByTestId('position-MYS')).toHaveText('✓ MYS', { timeout: 2000 });
  await expect(card(chair, label).getByTestId('endorsed-count')).toHaveText('1/19 endorsed', { timeout: 2000 });

  await card(phl, label).getByRole('button', { name: 'Reserve…' }).click();
  const dialog = phl.getByRole('dialog', { name: `Reserve your position on ${label}` });
  await dialog.getByLabel('Reason').fill('awaiting instructions from capital');
  await dialog.getByRole('button', { name: 'Reserve' }).click();
  await expect(card(mys, label).getByTestId('position-PHL')).toHaveText('✗ PHL', { timeout: 2000 });
  await expect(matrix.getByLabel('PHL, paragraph 3: reserved (awaiting instructions from capital)')).toHaveText('✗', {
    timeout: 2000,
  });
  await watcher.context().close();
  await expect(card(mys, label).getByTestId('position-PHL')).toHaveAttribute(
    'title',
    /awaiting instructions from capital/,
  );
  await expect(card(mys, label).getByTestId('status')).toHaveText('✗ Reserved');

  // Not agreed: the chair confirms, told who reserves.
  await card(chair, label).getByRole('button', { name: 'Freeze…' }).click();
  await expect(chair.getByTestId('freeze-warning')).toContainText('PHL reserves: awaiting instructions from capital');
  await chair.getByRole('button', { name: 'Freeze anyway' }).click();
  for (const page of [mys, phl, chair]) {
    await expect(card(page, label).getByTestId('status')).toHaveText('Frozen', { timeout: 2000 });
    await expect(page.getByRole('textbox', { name: label, exact: true })).toHaveAttribute('contenteditable', 'false');
  }
  // A frozen clause takes no reservation and no withdrawn endorsement; MYS's endorsement stands.
  await expect(card(mys, label).getByRole('button', { name: 'Reserve…' })).toHaveCount(0);
  await expect(card(mys, label).getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
  await expect(card(mys, label).getByRole('button', { name: '✓ Endorsed' })).toHaveAttribute('aria-disabled', 'true');
  // PHL may lift its reservation on the frozen words.
  await expect(card(phl, label).getByRole('button', { name: 'Withdraw' })).toBeEnabled();
  await mys.screenshot({ path: 'test-results/decisions.png' });

  // A reload keeps the decisions.
  await phl.reload();
  await revealClause(phl, label);
  await expect(card(phl, label).getByTestId('status')).toHaveText('Frozen');
  await showPositions(card(phl, label));
  await expect(card(phl, label).getByTestId('position-PHL')).toHaveText('✗ PHL');
  await Promise.all(contexts.map((context) => context.close()));
});

test('the matrix shows every position and the adoption dialog lists what blocks adoption', async ({ browser }) => {
  const context = await browser.newContext();
  const chair = await context.newPage();
  await chair.goto(demoLink('chair'));
  // As a person does: the text is there before they turn to the matrix.
  await expect(chair.getByTestId('clause')).toHaveCount(23);
  await chair.getByRole('button', { name: 'Matrix' }).click();
  const matrix = chair.getByRole('region', { name: 'Consensus matrix' });
  await expect(matrix.getByTestId('matrix-row')).toHaveCount(23);
  // What the previous test decided on Operative 3 (paragraph 3) shows here.
  await expect(matrix.getByLabel('PHL, paragraph 3: reserved (awaiting instructions from capital)')).toHaveText('✗');
  await expect(matrix.getByLabel('MYS, paragraph 3: endorsed')).toHaveText('✓');
  await chair.getByLabel('Only clauses that block adoption').check();
  await expect(matrix.getByTestId('matrix-row')).toHaveCount(23);
  await chair.screenshot({ path: 'test-results/matrix.png' });

  await chair.getByRole('button', { name: 'Adopt…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Adopt the draft' });
  await expect(dialog.getByTestId('blockers')).toContainText('Freeze the chapeau first.');
  await expect(dialog.getByTestId('blockers')).toContainText('PHL reserves its position on paragraph 3');
  await dialog.getByLabel('Place').fill('Kuala Lumpur, Malaysia');
  await expect(dialog.getByRole('button', { name: 'Adopt' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await context.close();
});

test('a delegation whose endorsed words change sees the difference and endorses again', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Peacekeeping',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [{ kind: 'operative', text: 'SUPPORT the training of peacekeepers.' }],
  });
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [mys, phl] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || phl === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(draft.links.delegations.MYS ?? ''), phl.goto(draft.links.delegations.PHL ?? '')]);
  const label = 'Operative 1';
  for (const page of [mys, phl]) await showPositions(await revealClause(page, label));
  await card(mys, label).getByRole('button', { name: 'Endorse' }).click();
  await expect(card(mys, label).getByTestId('position-MYS')).toHaveText('✓ MYS');

  // PHL amends the words MYS endorsed.
  await phl.getByRole('textbox', { name: label, exact: true }).click();
  await phl.keyboard.press('Control+End');
  await phl.keyboard.press('ArrowLeft');
  await phl.keyboard.type(' and police');
  const stale = card(mys, label).getByTestId('stale-note');
  await expect(stale).toContainText('You endorsed an earlier text of Operative 1');
  await expect(stale.getByTestId('word-diff').locator('ins')).toHaveText('added: and police');
  await expect(card(mys, label).getByTestId('position-MYS')).toHaveText('↻ MYS');

  await card(mys, label).getByRole('button', { name: 'Endorse' }).click();
  await expect(card(phl, label).getByTestId('position-MYS')).toHaveText('✓ MYS');
  await expect(card(mys, label).getByTestId('stale-note')).toHaveCount(0);
  await Promise.all(contexts.map((context) => context.close()));
});
