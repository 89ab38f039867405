import { expect, test } from '@playwright/test';
import { demoLink } from './support.ts';

test('the chair opens the demo draft through the chair link and sees its clauses', async ({ page }) => {
  // The page's content security policy must let the room do everything it does.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(demoLink('chair'));
  await expect(page).toHaveURL(/\/drafts\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)',
  );
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await expect(page.getByTestId('who')).toHaveText('Chair');

  const clauses = page.getByTestId('clause');
  await expect(clauses).toHaveCount(23);
  await expect(clauses.first()).toContainText('The Twelfth ASEAN Defence Ministers’ Meeting Plus');
  await expect(clauses.nth(1)).toContainText('RECOGNISING ASEAN’s leading role');
  await expect(clauses.nth(10).getByRole('textbox', { name: 'Lead-in' })).toHaveText('WE HEREBY COMMIT TO:');
  await expect(clauses.nth(21)).toContainText('Operative 11');
  await expect(clauses.last()).toContainText('ADOPTED in Kuala Lumpur, Malaysia');
  await page.screenshot({ path: 'test-results/demo-draft.png', fullPage: false });
  await clauses.nth(1).getByRole('textbox').click();
  await page.keyboard.type(' typed');
  await expect(clauses.nth(1)).toContainText('typed');
  expect(violations).toEqual([]);
});

test('a delegation opens its own link and is shown as that delegation', async ({ page }) => {
  await page.goto(demoLink('TLS'));
  await expect(page.getByTestId('who')).toHaveText('Delegation of Timor-Leste (TLS)');
  await expect(page.getByTestId('clause')).toHaveCount(23);
});

test('an invalid link says how to get a new one', async ({ page }) => {
  const chair = new URL(demoLink('chair'));
  await page.goto(`${chair.origin}/join/not-a-real-token-at-all-000000000`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is not valid');
  await expect(page.getByText('ask the chair of your meeting for a new link')).toBeVisible();
});
