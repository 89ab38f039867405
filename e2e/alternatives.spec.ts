import { expect, type Page, test } from '@playwright/test';
import { accessibilityViolations, createDraft } from './support.ts';

const editor = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });
const alternative = (page: Page) => page.getByTestId('alternative').first();

test('delegations propose and co-edit an alternative, take positions on it, and the chair freezes the clause with it', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Disaster Relief',
    kind: 'joint-statement',
    delegations: ['USA', 'JPN', 'MYS'],
    clauses: [
      { kind: 'operative', text: 'STRENGTHEN regional disaster relief.' },
      { kind: 'operative', text: 'WELCOME the next meeting.' },
    ],
  });
  const contexts = await Promise.all([0, 1, 2, 3].map(() => browser.newContext()));
  const [chair, usa, jpn, mys] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || usa === undefined || jpn === undefined || mys === undefined)
    throw new Error('pages missing');
  await Promise.all([
    chair.goto(draft.links.chair),
    usa.goto(draft.links.delegations.USA ?? ''),
    jpn.goto(draft.links.delegations.JPN ?? ''),
    mys.goto(draft.links.delegations.MYS ?? ''),
  ]);
  await expect(editor(mys, 'Operative 1')).toHaveText('STRENGTHEN regional disaster relief.');

  // The chair proposes nothing as chair; a delegation proposes, starting from the clause's words.
  await expect(chair.getByRole('button', { name: 'Propose alternative wording' })).toHaveCount(0);
  await usa.getByTestId('clause').first().getByRole('button', { name: 'Propose alternative wording' }).click();
  await expect(jpn.getByText('Alt 1 — sponsored by USA', { exact: true })).toBeVisible();
  const altLabel = 'Text of Alt 1 of Operative 1';
  await expect(editor(jpn, altLabel)).toHaveText('STRENGTHEN regional disaster relief.');

  // Co-edited live: USA rewrites the end, JPN sees it and adds to it.
  await editor(usa, altLabel).click();
  await usa.keyboard.press('End');
  await usa.keyboard.press('Backspace');
  await usa.keyboard.type(' and recovery.');
  await expect(editor(jpn, altLabel)).toHaveText('STRENGTHEN regional disaster relief and recovery.');
  await editor(jpn, altLabel).click();
  await jpn.keyboard.press('End');
  await jpn.keyboard.press('Backspace');
  await jpn.keyboard.type(' capacities.');
  const chosen = 'STRENGTHEN regional disaster relief and recovery capacities.';
  await expect(editor(usa, altLabel)).toHaveText(chosen);
  // The clause's own words did not change.
  await expect(editor(chair, 'Operative 1')).toHaveText('STRENGTHEN regional disaster relief.');

  // JPN sponsors it; each delegation takes its position on the alternative's words.
  await jpn.getByRole('button', { name: 'Sponsor Alt 1', exact: true }).click();
  await expect(mys.getByText('Alt 1 — sponsored by USA, JPN', { exact: true })).toBeVisible();
  await expect(jpn.getByRole('button', { name: 'Sponsor Alt 1', exact: true })).toHaveCount(0);
  for (const page of [usa, jpn, mys]) await page.getByRole('button', { name: 'Endorse Alt 1' }).click();
  await expect(alternative(chair).getByTestId('alternative-summary')).toHaveText('3/3 endorsed (USA, JPN, MYS)');
  // An alternative's card, its editor and its controls pass WCAG 2.2 A/AA.
  expect(await accessibilityViolations(jpn)).toEqual([]);
  // Positions on the alternative are not positions on the clause.
  await expect(chair.getByTestId('clause').first().getByTestId('endorsed-count')).toHaveText('0/3 endorsed');

  // The matrix shows the alternative's row under its clause.
  await chair.getByRole('button', { name: 'Matrix', exact: true }).click();
  const matrix = chair.getByRole('region', { name: 'Consensus matrix' });
  await expect(matrix.getByTestId('matrix-alternative-row')).toHaveCount(1);
  await expect(matrix.getByLabel('MYS, Alt 1 of Operative 1: endorsed')).toHaveText('✓');
  await chair.getByRole('button', { name: 'Text', exact: true }).click();

  // The chair freezes the clause with Alt 1, told the words first.
  await chair.getByRole('button', { name: 'Freeze with Alt 1…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Freeze Operative 1 with Alt 1?' });
  await expect(dialog.getByTestId('freeze-alternative-text')).toHaveText(chosen);
  await chair.screenshot({ path: 'test-results/alternatives-freeze-dialog.png' });
  expect(await accessibilityViolations(chair)).toEqual([]);
  await dialog.getByRole('button', { name: 'Freeze with Alt 1' }).click();

  // In one step: the clause's text is Alt 1's, frozen, and the endorsements of those words count.
  for (const page of [usa, jpn, mys, chair]) {
    await expect(editor(page, 'Operative 1')).toHaveText(chosen);
    await expect(page.getByTestId('clause').first().getByTestId('frozen-by')).toBeVisible();
  }
  await expect(chair.getByTestId('clause').first().getByTestId('endorsed-count')).toHaveText('3/3 endorsed');
  await expect(alternative(mys).getByTestId('alternative-state')).toHaveText(
    'Retained: these words became the clause text',
  );
  await expect(editor(mys, altLabel)).toHaveCount(0);
  await expect(mys.getByRole('button', { name: 'Endorse Alt 1' })).toHaveCount(0);
  await mys.screenshot({ path: 'test-results/alternatives-retained.png' });
  await Promise.all(contexts.map((context) => context.close()));
});
