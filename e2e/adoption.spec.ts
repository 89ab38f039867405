import { expect, test } from '@playwright/test';
import { printedDate } from '../shared/consensus/closing-date.ts';
import { clauseCard as card, createDraft, revealClause } from './support.ts';

test('the chair adopts a draft: the banner shows everywhere and nobody can type any more', async ({
  browser,
  request,
}) => {
  // A small draft of its own, created as a chair would through the API.
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Cooperation',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'preamble', text: 'RECOGNISING the importance of maritime cooperation;' },
      { kind: 'operative', text: 'ENHANCE information-sharing among coast guards.' },
    ],
  });
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [chair, mys, phl] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || mys === undefined || phl === undefined) throw new Error('pages missing');
  await Promise.all([
    chair.goto(draft.links.chair),
    mys.goto(draft.links.delegations.MYS ?? ''),
    phl.goto(draft.links.delegations.PHL ?? ''),
  ]);

  for (const label of ['Preamble 1', 'Operative 1']) {
    for (const page of [chair, mys, phl]) await revealClause(page, label);
    for (const page of [mys, phl]) await card(page, label).getByRole('button', { name: 'Endorse' }).click();
    for (const page of [mys, phl])
      await expect(card(page, label).getByRole('button', { name: '✓ Endorsed' })).toBeVisible();
    await expect(card(chair, label).getByTestId('status')).toHaveText('✓ Agreed');
    await card(chair, label).getByRole('button', { name: 'Freeze' }).click();
    await expect(card(chair, label).getByTestId('status')).toHaveText('Frozen');
  }

  await chair.getByRole('button', { name: 'Adopt…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Adopt the draft' });
  await expect(dialog).toContainText('Nothing blocks adoption');
  await dialog.getByLabel('Place').fill('Kuala Lumpur, Malaysia');
  // Adopted today: a date before the draft existed, or in the future, is refused.
  const today = new Date().toISOString().slice(0, 10);
  await dialog.getByLabel('Date').fill(today);
  await dialog.getByRole('button', { name: 'Adopt' }).click();

  for (const page of [chair, mys, phl]) {
    const banner = page.getByTestId('adopted-banner');
    await expect(banner).toContainText(`ADOPTED in Kuala Lumpur, Malaysia on ${printedDate(today)}`, { timeout: 2000 });
    await expect(page.getByRole('textbox', { name: 'Operative 1', exact: true })).toHaveAttribute(
      'contenteditable',
      'false',
    );
  }
  // Nothing left to decide: the list of positions, the clause's history and its comments (which
  // an adopted text still takes) are all that open.
  await expect(card(mys, 'Operative 1').getByRole('button')).toHaveText([
    'All 2 positions',
    'History of Operative 1',
    'Comments',
    'Comment on selected words',
  ]);
  await mys.screenshot({ path: 'test-results/adopted.png' });
  await Promise.all(contexts.map((context) => context.close()));
});
