import { expect, type Page, test } from '@playwright/test';
import { clauseCard as card, createDraft } from './support.ts';

/** What has the keyboard focus, as a person would name it: a button's text, a card's clause, an editor. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body) return 'the page';
    if (element.matches('[data-testid="clause"]')) return `card ${element.querySelector('.clause-kind')?.textContent}`;
    if (element.matches('.clause-editor')) return `text ${element.getAttribute('aria-label')}`;
    return element.textContent?.trim() || element.getAttribute('aria-label') || element.tagName;
  });
}

async function tabTo(page: Page, name: string, most = 40): Promise<void> {
  for (let i = 0; i < most; i++) {
    if ((await focused(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}; the focus is on ${await focused(page)}`);
}

test('a delegation decides with the keyboard alone, and the focus never falls to the page', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Security',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'operative', text: 'ENHANCE maritime domain awareness.' },
      { kind: 'operative', text: 'WELCOME the next exercise.' },
    ],
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto(draft.links.delegations.MYS ?? '');
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await card(page, 'Operative 1').getByTestId('decisions').waitFor();

  // A card is one tab stop; Enter goes into its text, Tab on through its actions.
  await tabTo(page, 'card Operative 1');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('card Operative 2');
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe('card Operative 1');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toBe('text Operative 1');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Endorse');

  // Endorse: the focus stays on the button, which now says so.
  await page.keyboard.press('Enter');
  await expect(card(page, 'Operative 1').getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  expect(await focused(page)).toBe('✓ Endorsed');

  // Reserve…, a reason, Ctrl+Enter: recorded, and the focus is back on Reserve….
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Reserve…');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reserve your position on Operative 1' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('awaiting instructions from capital');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(card(page, 'Operative 1').getByTestId('reasons')).toContainText('awaiting instructions from capital');
  await expect.poll(() => focused(page)).toBe('Reserve…');

  // Reserve… again, then Escape: nothing recorded, the focus back on Reserve….
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('second thoughts');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('Reserve…');
  await expect(card(page, 'Operative 1').getByTestId('reasons')).not.toContainText('second thoughts');

  // Escape leaves the card's controls for the card; ↓ goes to the next card.
  await page.keyboard.press('Escape');
  expect(await focused(page)).toBe('card Operative 1');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('card Operative 2');
  await page.context().close();
});

test('the chair re-opens and adopts with the keyboard, and Escape gives the focus back to what opened the dialog', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Cyber Security',
    kind: 'joint-statement',
    delegations: ['MYS'],
    clauses: [{ kind: 'operative', text: 'PROMOTE norms of responsible behaviour.' }],
  });
  // Agreed first, so that freezing it asks nothing more.
  const mys = await (await browser.newContext()).newPage();
  await mys.goto(draft.links.delegations.MYS ?? '');
  await card(mys, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(mys, 'Operative 1').getByTestId('status')).toHaveText('✓ Agreed');
  await mys.context().close();
  const page = await (await browser.newContext()).newPage();
  await page.goto(draft.links.chair);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(card(page, 'Operative 1').getByTestId('status')).toHaveText('✓ Agreed');

  await tabTo(page, 'card Operative 1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('Freeze');
  await page.keyboard.press('Enter');
  await expect(card(page, 'Operative 1').getByTestId('frozen-by')).toBeVisible();
  // Freeze turned into Re-open… where the focus was.
  await expect.poll(() => focused(page)).toBe('Re-open…');
  await page.keyboard.press('Enter');
  const reopen = page.getByRole('dialog', { name: 'Re-open Operative 1' });
  await expect(reopen).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(reopen).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('Re-open…');

  // The Adopt dialog, cancelled with Escape, gives the focus back to Adopt….
  await page.getByRole('button', { name: 'Adopt…' }).focus();
  await page.keyboard.press('Enter');
  const adopt = page.getByRole('dialog', { name: 'Adopt the draft' });
  await expect(adopt).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(adopt).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('Adopt…');
  await page.context().close();
});
