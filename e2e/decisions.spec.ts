import { expect, type Page, test } from '@playwright/test';
import { z } from 'zod';

const links = z.record(z.string(), z.string()).parse(JSON.parse(process.env.MUFAKAT_E2E_LINKS ?? '{}'));

function link(name: string): string {
  const found = links[name];
  if (found === undefined) throw new Error(`global-setup printed no ${name} link`);
  return found;
}

/** The card of a clause, found by its editor's label. */
function card(page: Page, label: string) {
  return page.getByTestId('clause').filter({ has: page.getByRole('textbox', { name: label, exact: true }) });
}

test('positions appear in the other contexts, and a frozen clause becomes read-only everywhere', async ({
  browser,
}) => {
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [mys, phl, chair] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || phl === undefined || chair === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(link('MYS')), phl.goto(link('PHL')), chair.goto(link('chair'))]);
  const label = 'Operative 3';
  for (const page of [mys, phl, chair]) await expect(card(page, label).getByTestId('status')).toHaveText('○ Open');

  await card(mys, label).getByRole('button', { name: 'Endorse' }).click();
  await expect(card(phl, label).getByTestId('position-MYS')).toHaveText('✓ MYS', { timeout: 2000 });
  await expect(card(chair, label).getByTestId('endorsed-count')).toHaveText('1/19 endorsed', { timeout: 2000 });

  await card(phl, label).getByRole('button', { name: 'Reserve…' }).click();
  const dialog = phl.getByRole('dialog', { name: `Reserve your position on ${label}` });
  await dialog.getByLabel('Reason').fill('awaiting instructions from capital');
  await dialog.getByRole('button', { name: 'Reserve' }).click();
  await expect(card(mys, label).getByTestId('position-PHL')).toHaveText('✗ PHL', { timeout: 2000 });
  await expect(card(mys, label).getByTestId('position-PHL')).toHaveAttribute(
    'title',
    /awaiting instructions from capital/,
  );
  await expect(card(mys, label).getByTestId('status')).toHaveText('✗ Reserved');

  await card(chair, label).getByRole('button', { name: 'Freeze' }).click();
  for (const page of [mys, phl, chair]) {
    await expect(card(page, label).getByTestId('status')).toHaveText('Frozen', { timeout: 2000 });
    await expect(page.getByRole('textbox', { name: label, exact: true })).toHaveAttribute('contenteditable', 'false');
  }
  await expect(card(mys, label).getByRole('button', { name: 'Endorse' })).toHaveCount(0);
  await mys.screenshot({ path: 'test-results/decisions.png' });

  // A reload keeps the decisions.
  await phl.reload();
  await expect(card(phl, label).getByTestId('status')).toHaveText('Frozen');
  await expect(card(phl, label).getByTestId('position-PHL')).toHaveText('✗ PHL');
  await Promise.all(contexts.map((context) => context.close()));
});
