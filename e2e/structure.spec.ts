import { expect, type Page, test } from '@playwright/test';
import { createDraft } from './support.ts';

const editor = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

test('the chair arranges the text; a delegation proposes, and everyone is told who changed what', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Disaster Relief',
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
  await expect(editor(phl, 'Operative 2')).toHaveText('WELCOME the next meeting.');

  // A delegation may not move or delete the text's clauses: it is not offered, and the server
  // refuses it whatever the client (server/consensus/structure-commands.test.ts).
  await expect(mys.getByRole('button', { name: 'Move Operative 2 up' })).toHaveCount(0);
  await expect(mys.getByRole('button', { name: 'Delete Operative 1' })).toHaveCount(0);

  // What it adds is its proposal, numbered so that nothing after it is renumbered.
  await mys.getByRole('button', { name: 'Add a clause before or after Operative 1' }).click();
  await mys.getByRole('button', { name: 'Add an operative clause after Operative 1' }).click();
  await expect(editor(phl, 'Operative 1 bis')).toBeVisible();
  await expect(phl.getByTestId('structure-notices')).toContainText('MYS proposed paragraph 1 bis.');
  await expect(phl.getByTestId('clause').nth(1).getByTestId('proposed-by')).toHaveText('proposed by MYS');
  await editor(mys, 'Operative 1 bis').click();
  await mys.keyboard.type('ENCOURAGE joint exercises.');
  await expect(editor(phl, 'Operative 1 bis')).toHaveText('ENCOURAGE joint exercises.');
  await phl.screenshot({ path: 'test-results/structure-proposal.png' });
  await expect(editor(phl, 'Operative 2')).toHaveText('WELCOME the next meeting.');

  // PHL endorses paragraph 2; the chair moves it up: same words, another number, so PHL's
  // endorsement no longer counts and PHL is told why.
  const phlSecond = phl.getByTestId('clause').nth(2);
  await phlSecond.getByRole('button', { name: 'Endorse' }).click();
  await expect(phlSecond.getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  // Past MYS's proposal first: a proposal is not counted, so the number and the endorsement hold.
  await chair.getByRole('button', { name: 'Move Operative 2 up' }).click();
  await expect(phl.getByTestId('structure-notices')).toContainText(
    'Paragraph 2 was moved by the chair; its number is the same.',
  );
  await expect(phl.getByTestId('clause').nth(1).getByTestId('stale-note')).toHaveCount(0);
  await chair.getByRole('button', { name: 'Move Operative 2 up' }).click();
  await expect(phl.getByTestId('structure-notices')).toContainText(
    'Paragraph 2 was moved by the chair; it is now paragraph 1.',
  );
  await expect(editor(phl, 'Operative 1')).toHaveText('WELCOME the next meeting.');
  const phlFirst = phl.getByTestId('clause').first();
  await expect(phlFirst.getByTestId('stale-note')).toContainText('when they were paragraph 2');
  await expect(phlFirst.getByTestId('stale-note')).toContainText('now Operative 1');

  // The chair takes MYS's proposal into the text: from now on it is numbered in place.
  await chair.getByTestId('clause').nth(2).getByRole('button', { name: 'Take into the text' }).click();
  await expect(phl.getByTestId('structure-notices')).toContainText(
    "The chair took MYS's proposal, paragraph 2 bis, into the text as paragraph 3.",
  );
  await expect(editor(phl, 'Operative 3')).toHaveText('ENCOURAGE joint exercises.');
  await expect(phl.getByTestId('proposed-by')).toHaveCount(0);

  // Deleted: everyone is told, and the chair can restore it with its words.
  chair.once('dialog', (dialog) => void dialog.accept());
  await chair.getByRole('button', { name: 'Delete Operative 1' }).click();
  await expect(phl.getByTestId('structure-notices')).toContainText('Paragraph 1 was deleted by the chair.');
  await chair.screenshot({ path: 'test-results/structure-deleted.png' });
  await expect(phl.getByTestId('clause')).toHaveCount(2);
  await chair.getByRole('button', { name: 'Restore' }).click();
  await expect(phl.getByTestId('clause')).toHaveCount(3);
  await expect(editor(phl, 'Operative 1')).toHaveText('WELCOME the next meeting.');
  await expect(phl.getByTestId('structure-notices')).toContainText('Paragraph 1 was restored by the chair.');

  // From the keyboard: Alt+Shift+↓ moves the clause the chair is in, and the focus stays there.
  await editor(chair, 'Operative 1').click();
  await chair.keyboard.press('End');
  await chair.keyboard.press('Alt+Shift+ArrowDown');
  await expect(editor(phl, 'Operative 2')).toHaveText('WELCOME the next meeting.');
  await chair.keyboard.type(' Soon.');
  await expect(editor(phl, 'Operative 2')).toHaveText('WELCOME the next meeting. Soon.');
  await Promise.all(contexts.map((context) => context.close()));
});

test('a delegation withdraws its own proposal; a frozen clause can still be endorsed', async ({ browser, request }) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Cooperation',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [{ kind: 'operative', text: 'PROMOTE maritime cooperation.' }],
  });
  const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext()));
  const [chair, mys, phl] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || mys === undefined || phl === undefined) throw new Error('pages missing');
  await Promise.all([
    chair.goto(draft.links.chair),
    mys.goto(draft.links.delegations.MYS ?? ''),
    phl.goto(draft.links.delegations.PHL ?? ''),
  ]);

  await phl.getByRole('button', { name: 'Add a clause before or after Operative 1' }).click();
  await phl.getByRole('button', { name: 'Add an operative clause after Operative 1' }).click();
  await expect(editor(mys, 'Operative 1 bis')).toBeVisible();
  // Not MYS's to withdraw; PHL's own.
  await expect(mys.getByRole('button', { name: 'Delete Operative 1 bis' })).toHaveCount(0);
  phl.once('dialog', (dialog) => void dialog.accept());
  await phl.getByRole('button', { name: 'Delete Operative 1 bis' }).click();
  await expect(mys.getByTestId('structure-notices')).toContainText('PHL withdrew its proposal, paragraph 1 bis.');
  await expect(mys.getByTestId('clause')).toHaveCount(1);

  // Frozen at 1 of 2: PHL can still endorse the frozen words, and cannot reserve on them.
  await mys.getByRole('button', { name: 'Endorse' }).click();
  await expect(chair.getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  await chair.getByRole('button', { name: 'Freeze…' }).click();
  await expect(chair.getByTestId('freeze-warning')).toContainText('PHL');
  await chair.getByRole('button', { name: 'Freeze anyway' }).click();
  await expect(phl.getByTestId('status')).toContainText('Frozen');
  await expect(phl.getByRole('button', { name: 'Reserve…' })).toHaveCount(0);
  await phl.getByRole('button', { name: 'Endorse' }).click();
  await expect(chair.getByTestId('endorsed-count')).toHaveText('2/2 endorsed');
  await Promise.all(contexts.map((context) => context.close()));
});
