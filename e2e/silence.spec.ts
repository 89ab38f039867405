import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { accessibilityViolations, createDraft, demoLink } from './support.ts';

const editor = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

async function openRoom(browser: Browser, request: APIRequestContext, title: string) {
  const draft = await createDraft(request, {
    title,
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'operative', text: 'STRENGTHEN regional disaster relief.' },
      { kind: 'operative', text: 'WELCOME the next meeting.' },
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
  for (const page of [chair, mys, phl])
    await expect(editor(page, 'Operative 2')).toHaveText('WELCOME the next meeting.');
  return { draft, chair, mys, phl, close: () => Promise.all(contexts.map((c) => c.close())) };
}

test('the chair circulates a paragraph under silence; a delegation breaks it, and everyone sees who and why', async ({
  browser,
  request,
}) => {
  const { chair, mys, phl, close } = await openRoom(browser, request, 'Joint Statement on Silence Broken');
  await chair.getByRole('button', { name: 'More ways to conclude' }).click();
  await chair.getByRole('button', { name: 'Circulate under silence…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Circulate under silence' });
  await dialog.getByLabel('Chosen paragraphs').check();
  await dialog.getByLabel('Paragraph 1', { exact: true }).check();
  await dialog.getByRole('button', { name: 'Circulate' }).click();

  // Everyone sees the silence, its deadline in UTC and a countdown; the paragraph is locked.
  const banner = phl.getByTestId('silence-banner');
  await expect(banner).toContainText('Paragraph 1 is circulated under silence');
  await expect(banner.getByTestId('silence-deadline-utc')).toContainText('UTC');
  await expect(banner.getByTestId('silence-countdown')).toContainText('left');
  await expect(editor(phl, 'Operative 1')).toHaveAttribute('contenteditable', 'false');
  await expect(phl.getByTestId('clause').first().getByTestId('under-silence')).toBeVisible();
  await expect(editor(phl, 'Operative 2')).toHaveAttribute('contenteditable', 'true');
  await expect(chair.getByRole('button', { name: 'Break silence…' })).toHaveCount(0);
  expect(await accessibilityViolations(phl)).toEqual([]);

  await mys.getByRole('button', { name: 'Break silence…' }).click();
  const breaking = mys.getByRole('dialog', { name: 'Break silence' });
  await breaking.getByLabel('Paragraph 1', { exact: true }).check();
  await breaking.getByLabel('Reason (required)').fill('We await instructions from Putrajaya.');
  expect(await accessibilityViolations(mys)).toEqual([]);
  await breaking.getByRole('button', { name: 'Break silence' }).click();

  const outcome = phl.getByTestId('silence-outcome');
  await expect(outcome).toContainText('by MYS on paragraph 1 (We await instructions from Putrajaya.)');
  await expect(editor(phl, 'Operative 1')).toHaveAttribute('contenteditable', 'true');
  const letter = await outcome.getByRole('link', { name: 'HTML' }).getAttribute('href');
  const response = await phl.request.get(new URL(letter ?? '', phl.url()).toString());
  expect(await response.text()).toContain('the silence was broken by MYS on paragraph 1');
  await close();
});

test('a whole draft circulated under silence is adopted under silence when the deadline passes', async ({
  browser,
  request,
}) => {
  const { chair, phl, close } = await openRoom(browser, request, 'Joint Statement on Silence Concluded');
  await chair.getByRole('button', { name: 'More ways to conclude' }).click();
  await chair.getByRole('button', { name: 'Circulate under silence…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Circulate under silence' });
  await dialog.getByLabel('Place of adoption').fill('Kuala Lumpur, Malaysia');
  expect(await accessibilityViolations(chair)).toEqual([]);
  await dialog.getByRole('button', { name: 'Circulate' }).click();
  await expect(phl.getByTestId('silence-banner')).toContainText('The whole draft is circulated under silence');
  await expect(editor(phl, 'Operative 2')).toHaveAttribute('contenteditable', 'false');

  // The test clock moves the server past the deadline: no sleeping.
  const moved = await request.post(`${new URL(demoLink('chair')).origin}/api/test/clock`, {
    data: { advanceMs: 11 * 60_000 },
  });
  expect(moved.status()).toBe(200);
  await expect(phl.getByTestId('adopted-banner')).toContainText('Adopted under silence');
  await expect(phl.getByTestId('silence-outcome')).toContainText('concluded');
  await expect(phl.getByTestId('silence-outcome')).toContainText('without objection');
  await close();
});

test("the chair issues the text as a Chairman's Statement, and the draft closes", async ({ browser, request }) => {
  const { chair, mys, close } = await openRoom(browser, request, 'Joint Statement Without Consensus');
  await chair.getByRole('button', { name: 'More ways to conclude' }).click();
  await chair.getByRole('button', { name: "Issue as Chairman's Statement…" }).click();
  const dialog = chair.getByRole('dialog', { name: "Issue as Chairman's Statement" });
  await dialog.getByLabel('Place').fill('Kuala Lumpur, Malaysia');
  const issue = dialog.getByRole('button', { name: 'Issue statement' });
  await expect(issue).toBeDisabled();
  await dialog.getByLabel("I issue this text as a Chairman's Statement, and close the draft").check();
  await issue.click();
  const banner = mys.getByTestId('chair-statement-banner');
  await expect(banner).toContainText("Issued as a Chairman's Statement");
  await expect(editor(mys, 'Operative 1')).toHaveAttribute('contenteditable', 'false');
  const href = await banner.getByRole('link', { name: 'HTML' }).getAttribute('href');
  const response = await mys.request.get(new URL(href ?? '', mys.url()).toString());
  const html = await response.text();
  expect(html).toContain('<h1>Chairman&#39;s Statement</h1>');
  expect(html).toContain('does not record the agreement of any delegation');
  await close();
});
