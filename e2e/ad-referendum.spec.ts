import { expect, type Page, test } from '@playwright/test';
import { clauseCard as card, createDraft, revealClause } from './support.ts';

/** A date `days` from today in the browser's calendar, YYYY-MM-DD, as a date field takes it. */
function dayFromToday(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

async function openAdoptDialog(chair: Page) {
  await chair.getByRole('button', { name: 'Adopt…' }).click();
  return chair.getByRole('dialog', { name: 'Adopt the draft' });
}

test('a delegation agrees ad referendum: the clause is agreed ad ref, frozen, and adoption waits for its confirmation', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Cooperation',
    kind: 'joint-statement',
    delegations: ['MYS', 'VNM'],
    clauses: [
      { kind: 'preamble', text: 'RECOGNISING the importance of maritime cooperation;' },
      { kind: 'operative', text: 'ENHANCE information-sharing among coast guards.' },
    ],
  });
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [chair, mys, vnm] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || mys === undefined || vnm === undefined) throw new Error('pages missing');
  await Promise.all([
    chair.goto(draft.links.chair),
    mys.goto(draft.links.delegations.MYS ?? ''),
    vnm.goto(draft.links.delegations.VNM ?? ''),
  ]);

  for (const page of [chair, mys, vnm]) await revealClause(page, 'Preamble 1');
  for (const page of [mys, vnm]) await card(page, 'Preamble 1').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(chair, 'Preamble 1').getByTestId('status')).toHaveText('✓ Agreed');
  await card(chair, 'Preamble 1').getByRole('button', { name: 'Freeze' }).click();
  await expect(card(chair, 'Preamble 1').getByTestId('status')).toHaveText('Frozen');

  const expectedBy = dayFromToday(7);
  for (const page of [chair, mys, vnm]) await revealClause(page, 'Operative 1');
  await card(mys, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  await card(vnm, 'Operative 1').getByRole('button', { name: 'Agree ad ref…' }).click();
  const agree = vnm.getByRole('dialog', { name: 'Agree Operative 1 ad referendum' });
  await expect(agree).toContainText('subject to confirmation by your capital');
  await agree.getByLabel(/Expected confirmation by/).fill(expectedBy);
  await agree.getByRole('button', { name: 'Agree ad ref' }).click();
  await expect(card(vnm, 'Operative 1').getByTestId('own-ad-ref')).toContainText(`expected by ${expectedBy}`);

  // The chair sees it in words, and may freeze it all the same.
  const chairCard = card(chair, 'Operative 1');
  await expect(chairCard.getByTestId('status')).toHaveText('✓ Agreed ad ref');
  await expect(chairCard.getByTestId('summary')).toContainText('VNM ad ref, not yet confirmed');
  await chairCard.getByRole('button', { name: 'Freeze' }).click();
  await expect(chairCard.getByTestId('status')).toHaveText('Frozen');
  // The matrix says it in words too; the delegation's own list there offers its confirmation.
  await chair.getByRole('button', { name: 'Matrix' }).click();
  const cell = chair.getByLabel(`VNM, paragraph 1: endorsed ad referendum (confirmation expected by ${expectedBy})`);
  await expect(cell).toHaveText('✓ ad ref');
  await vnm.getByRole('button', { name: 'Matrix' }).click();
  await expect(vnm.getByTestId('ad-ref-to-confirm')).toContainText(
    `Operative 1, confirmation expected by ${expectedBy}`,
  );
  await expect(vnm.getByRole('button', { name: 'Confirm Operative 1' })).toBeVisible();
  await vnm.getByRole('button', { name: 'Text' }).click();
  await revealClause(vnm, 'Operative 1');

  let dialog = await openAdoptDialog(chair);
  await expect(dialog.getByTestId('blockers')).toContainText(
    `Viet Nam agreed paragraph 1 ad referendum and has not confirmed (expected by ${expectedBy}).`,
  );
  await expect(dialog.getByTestId('blockers')).toContainText('VNM confirms by endorsing the text plainly');
  await expect(dialog.getByRole('button', { name: 'Adopt' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The capital agrees: the delegation confirms on the frozen clause.
  await card(vnm, 'Operative 1').getByRole('button', { name: 'Confirm' }).click();
  await expect(card(vnm, 'Operative 1').getByRole('button', { name: '✓ Endorsed' })).toBeVisible();
  await expect(chair.getByLabel('VNM, paragraph 1: endorsed', { exact: true })).toHaveText('✓');

  dialog = await openAdoptDialog(chair);
  await expect(dialog).toContainText('Nothing blocks adoption');
  await dialog.getByLabel('Place').fill('Kuala Lumpur, Malaysia');
  await dialog.getByLabel('Date').fill(new Date().toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Adopt' }).click();
  await expect(vnm.getByTestId('adopted-banner')).toContainText('ADOPTED in Kuala Lumpur, Malaysia');
  await Promise.all(contexts.map((context) => context.close()));
});

test('a parliamentary scrutiny reservation prints its own footnote in the adoption and the export', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Disaster Relief',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    consensus: { rule: 'minus-x', x: 1 },
    clauses: [{ kind: 'operative', text: 'STRENGTHEN joint disaster relief exercises.' }],
  });
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [chair, mys, phl] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || mys === undefined || phl === undefined) throw new Error('pages missing');
  await Promise.all([
    chair.goto(draft.links.chair),
    mys.goto(draft.links.delegations.MYS ?? ''),
    phl.goto(draft.links.delegations.PHL ?? ''),
  ]);
  for (const page of [chair, mys, phl]) await revealClause(page, 'Operative 1');
  await card(mys, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  await card(phl, 'Operative 1').getByRole('button', { name: 'Reserve…' }).click();
  const reserve = phl.getByRole('dialog', { name: 'Reserve your position on Operative 1' });
  await reserve.getByRole('radio', { name: /Parliamentary scrutiny/ }).check();
  await reserve.getByRole('button', { name: 'Reserve', exact: true }).click();
  await expect(card(chair, 'Operative 1').getByTestId('reasons')).toContainText(
    'PHL reserves (parliamentary scrutiny reservation)',
  );

  await card(chair, 'Operative 1').getByRole('button', { name: 'Freeze…' }).click();
  await chair.getByRole('button', { name: 'Freeze anyway' }).click();
  await expect(card(chair, 'Operative 1').getByTestId('status')).toHaveText('Frozen');
  const dialog = await openAdoptDialog(chair);
  await dialog.getByLabel('Place').fill('Manila, the Philippines');
  await dialog.getByLabel('Date').fill(new Date().toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Adopt' }).click();

  const footnote = 'PHL maintains a parliamentary scrutiny reservation on paragraph 1.';
  await expect(mys.getByTestId('adopted-banner')).toContainText(footnote);
  const exported = await mys.request.get(
    `${new URL(draft.links.chair).origin}/api/drafts/${draft.id}/export?format=html&version=adopted`,
  );
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain(footnote);
  await Promise.all(contexts.map((context) => context.close()));
});
