import { expect, type Page, test } from '@playwright/test';
import {
  accessibilityViolations,
  clauseCard as card,
  createDraft,
  demoLink,
  revealClause,
  showPositions,
} from './support.ts';

/** Waits until the room has its text, its decisions and its connection. */
async function roomReady(page: Page): Promise<void> {
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  await page.getByTestId('decisions').first().waitFor();
}

test('the room passes WCAG 2.2 A/AA in the text view, the matrix and a dialog', async ({ browser }) => {
  const context = await browser.newContext();
  const mys = await context.newPage();
  await mys.goto(demoLink('MYS'));
  await roomReady(mys);
  await showPositions(card(mys, 'Preamble 1'));
  expect(await accessibilityViolations(mys)).toEqual([]);

  await card(mys, 'Preamble 1').getByRole('button', { name: 'Reserve…' }).click();
  await expect(mys.getByRole('dialog')).toBeVisible();
  expect(await accessibilityViolations(mys)).toEqual([]);
  await mys.keyboard.press('Escape');

  await mys.getByRole('button', { name: 'Matrix' }).click();
  await expect(mys.getByRole('region', { name: 'Consensus matrix' })).toBeVisible();
  expect(await accessibilityViolations(mys)).toEqual([]);
  await context.close();
});

test('the chair’s room passes WCAG 2.2 A/AA with a frozen clause, the adoption dialog and a stale position', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Search and Rescue',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'operative', text: 'ENHANCE search and rescue cooperation.' },
      { kind: 'operative', text: 'WELCOME the next exercise.' },
    ],
  });
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [chair, mys] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || mys === undefined) throw new Error('pages missing');
  await Promise.all([chair.goto(draft.links.chair), mys.goto(draft.links.delegations.MYS ?? '')]);
  await Promise.all([roomReady(chair), roomReady(mys)]);

  await card(mys, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  await card(mys, 'Operative 2').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(chair, 'Operative 2').getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  await card(chair, 'Operative 1').getByRole('button', { name: 'Freeze…' }).click();
  // The confirmation of a freeze that not every delegation endorsed, scanned while it is open.
  await expect(chair.getByTestId('freeze-warning')).toContainText('No position on these words: PHL');
  expect(await accessibilityViolations(chair)).toEqual([]);
  await chair.getByRole('button', { name: 'Freeze anyway' }).click();
  await expect(card(chair, 'Operative 1').getByTestId('frozen-by')).toBeVisible();
  // The chair amends Operative 2: MYS's endorsement of it goes stale, with the words that changed.
  await chair.getByRole('textbox', { name: 'Operative 2', exact: true }).click();
  await chair.keyboard.press('Control+End');
  await chair.keyboard.type(' In 2026.');
  await expect(card(mys, 'Operative 2').getByTestId('word-diff')).toBeVisible();
  expect(await accessibilityViolations(mys)).toEqual([]);

  // The chair's Links dialog, with a new link issued in it.
  await chair.getByRole('button', { name: 'Links…' }).click();
  const links = chair.getByRole('dialog', { name: 'Links' });
  await links.getByTestId('link-observer').getByRole('button', { name: 'New link for Observers…' }).click();
  await links.getByTestId('link-observer').getByRole('button', { name: 'Replace' }).click();
  await expect(links.getByTestId('link-observer').getByRole('textbox')).toBeVisible();
  expect(await accessibilityViolations(chair)).toEqual([]);
  await links.getByRole('button', { name: 'Close' }).click();

  await chair.getByRole('button', { name: 'Adopt…' }).click();
  await expect(chair.getByRole('dialog', { name: 'Adopt the draft' })).toBeVisible();
  expect(await accessibilityViolations(chair)).toEqual([]);
  await Promise.all(contexts.map((context) => context.close()));
});

test('an adopted draft, a chair’s report and a resolution pass WCAG 2.2 A/AA', async ({ browser, request }) => {
  const adopted = await createDraft(request, {
    title: 'Joint Statement on Disaster Relief',
    kind: 'joint-statement',
    delegations: ['MYS'],
    clauses: [{ kind: 'operative', text: 'STRENGTHEN regional disaster relief.' }],
  });
  const report = await createDraft(request, {
    title: 'Chairman’s Report of the NADI Workshop',
    kind: 'chairs-report',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'heading', text: 'Opening Remarks' },
      { kind: 'paragraph', text: 'The workshop was opened by the Chair.' },
      { kind: 'heading', text: 'Session One: Maritime Security in the Twenty-First Century and its Challenges' },
      { kind: 'paragraph', text: 'Participants exchanged views.' },
    ],
  });
  const resolution = await createDraft(request, {
    title: 'Report of the International Atomic Energy Agency',
    kind: 'resolution',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'chapeau', text: 'The General Assembly,' },
      { kind: 'preamble', text: 'Having received the report of the Agency,' },
      { kind: 'operative', text: 'Takes note of the report;' },
    ],
  });
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(adopted.links.delegations.MYS ?? '');
  await roomReady(page);
  await page.getByRole('button', { name: 'Endorse' }).click();
  const chair = await context.browser()?.newContext();
  const chairPage = await chair?.newPage();
  if (chair === undefined || chairPage === undefined) throw new Error('no chair page');
  await chairPage.goto(adopted.links.chair);
  await roomReady(chairPage);
  await expect(card(chairPage, 'Operative 1').getByTestId('status')).toHaveText('✓ Agreed');
  await card(chairPage, 'Operative 1').getByRole('button', { name: 'Freeze' }).click();
  await chairPage.getByRole('button', { name: 'Adopt…' }).click();
  const dialog = chairPage.getByRole('dialog', { name: 'Adopt the draft' });
  await dialog.getByLabel('Place').fill('Kuala Lumpur, Malaysia');
  await dialog.getByRole('button', { name: 'Adopt' }).click();
  await expect(page.getByTestId('adopted-banner')).toContainText('ADOPTED in Kuala Lumpur');
  expect(await accessibilityViolations(page)).toEqual([]);
  await chair.close();

  await page.goto(report.links.chair);
  await roomReady(page);
  await revealClause(page, 'Heading 2');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.goto(resolution.links.observer);
  await roomReady(page);
  await expect(page.getByRole('textbox', { name: 'OP 1', exact: true })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});
