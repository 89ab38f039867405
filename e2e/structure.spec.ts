import { expect, test } from '@playwright/test';
import { createDraft } from './support.ts';

test('clauses are added, typed into, moved, deleted and restored, and numbers follow everywhere', async ({
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
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [mys, phl] = await Promise.all(contexts.map((context) => context.newPage()));
  if (mys === undefined || phl === undefined) throw new Error('pages missing');
  await Promise.all([mys.goto(draft.links.delegations.MYS ?? ''), phl.goto(draft.links.delegations.PHL ?? '')]);
  const editor = (page: typeof mys, label: string) => page.getByRole('textbox', { name: label, exact: true });
  await expect(editor(phl, 'Operative 2')).toHaveText('WELCOME the next meeting.');

  await mys.getByRole('button', { name: 'Add a clause before or after Operative 1' }).click();
  await mys.getByRole('button', { name: 'Add an operative clause after Operative 1' }).click();
  await expect(editor(phl, 'Operative 3')).toHaveText('WELCOME the next meeting.');
  await editor(mys, 'Operative 2').click();
  await mys.keyboard.type('ENCOURAGE joint exercises.');
  await expect(editor(phl, 'Operative 2')).toHaveText('ENCOURAGE joint exercises.');

  await mys.getByRole('button', { name: 'Move Operative 2 up' }).click();
  await expect(editor(phl, 'Operative 1')).toHaveText('ENCOURAGE joint exercises.');
  await expect(editor(phl, 'Operative 2')).toHaveText('STRENGTHEN regional disaster relief.');

  mys.once('dialog', (dialog) => void dialog.accept());
  await mys.getByRole('button', { name: 'Delete Operative 1' }).click();
  await expect(phl.getByTestId('clause')).toHaveCount(2);
  await expect(editor(phl, 'Operative 1')).toHaveText('STRENGTHEN regional disaster relief.');
  await mys.getByRole('button', { name: 'Undo' }).click();
  await expect(phl.getByTestId('clause')).toHaveCount(3);
  await expect(editor(phl, 'Operative 1')).toHaveText('ENCOURAGE joint exercises.');

  // From the keyboard: Alt+Shift+↓ moves the clause being edited, and typing goes on in it, in bold.
  await editor(mys, 'Operative 1').click();
  await mys.keyboard.press('End');
  await mys.keyboard.press('Alt+Shift+ArrowDown');
  await expect(editor(phl, 'Operative 2')).toHaveText('ENCOURAGE joint exercises.');
  await mys.keyboard.press('Space');
  await mys.getByRole('button', { name: 'Bold' }).click();
  await expect(mys.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
  await mys.keyboard.type('Together.');
  await expect(editor(phl, 'Operative 2')).toHaveText('ENCOURAGE joint exercises. Together.');
  await expect(editor(phl, 'Operative 2').locator('.text-bold')).toHaveText('Together.');

  // A clause can be added before any clause, too.
  await mys.getByRole('button', { name: 'Add a clause before or after Operative 1' }).click();
  await mys.getByRole('button', { name: 'Add a preamble clause before Operative 1' }).click();
  await editor(mys, 'Preamble 1').click();
  await mys.keyboard.type('RECOGNISING the need for speed;');
  await expect(phl.getByTestId('clause')).toHaveCount(4);
  await expect(phl.getByTestId('clause').first().getByRole('textbox')).toHaveText('RECOGNISING the need for speed;');
  await Promise.all(contexts.map((context) => context.close()));
});
