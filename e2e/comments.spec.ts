import { expect, type Page, test } from '@playwright/test';
import { accessibilityViolations, clauseCard as card, createDraft, revealClause } from './support.ts';

/** Selects `words` in a clause's editor, as a person dragging over them would. */
async function selectWords(page: Page, label: string, words: string): Promise<void> {
  const editor = card(page, label).getByRole('textbox', { name: label, exact: true });
  await editor.click();
  await editor.evaluate((element, target) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`no "${target}" in the editor`);
  }, words);
}

function openComments(page: Page, label: string) {
  return card(page, label).getByRole('button', { name: new RegExp(`^Comments.* on ${label}$`) });
}

test('comments: a public comment reaches everyone live, a private note only its delegation, mentions are counted, the chair resolves', async ({
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

  // MYS comments on the words "importance", mentioning VNM.
  await selectWords(mys, 'Preamble 1', 'importance');
  await card(mys, 'Preamble 1').getByRole('button', { name: 'Comment on selected words' }).click();
  const mysCard = card(mys, 'Preamble 1');
  await expect(mysCard.getByText('On the words “importance”')).toBeVisible();
  await mysCard.getByLabel('New comment on Preamble 1').fill('Could we say "value"? @VNM');
  await mysCard.getByRole('button', { name: 'Add comment' }).click();
  await expect(mysCard.getByTestId('comment')).toHaveText(/Could we say "value"\? @VNM/);
  // Painted over the words, not written into them.
  await expect
    .poll(() => mys.evaluate(() => (CSS.highlights as unknown as Map<string, unknown>).has('mufakat-comment')))
    .toBe(true);

  // Everyone sees it live; VNM has a mention waiting.
  for (const page of [chair, vnm]) {
    await expect(card(page, 'Preamble 1').getByTestId('comment-count')).toHaveText('1 comment thread');
    await openComments(page, 'Preamble 1').click();
    await expect(card(page, 'Preamble 1').getByTestId('comment')).toContainText('Could we say "value"?');
    await expect(card(page, 'Preamble 1').getByTestId('comment-quote')).toHaveText('On the words “importance”');
  }
  await expect(vnm.getByTestId('comment-announcer')).toHaveText(
    'New comment on Preamble 1 from MYS: Could we say "value"? @VNM',
  );
  expect(await accessibilityViolations(vnm)).toEqual([]);
  await expect(vnm.getByTestId('mentions')).toHaveText('1 new mention');
  await vnm.getByTestId('mentions').click();
  await expect(vnm.getByRole('region', { name: 'Comments mentioning VNM' })).toContainText('Could we say');
  await expect(vnm.getByTestId('mentions')).toHaveText('Mentions');

  // A private note of MYS, then a public comment: the others see the second, never the first.
  await mysCard.getByLabel('New comment on Preamble 1').fill('MYS only: hold until the capital replies');
  await mysCard.getByRole('radio', { name: /Only my delegation/ }).check();
  await mysCard.getByRole('button', { name: 'Add private note' }).click();
  await expect(mysCard.getByText('Private note: only MYS sees it.')).toBeVisible();
  await mysCard.getByRole('radio', { name: 'Everyone in the room' }).check();
  await mysCard.getByLabel('New comment on Preamble 1').fill('A second point for everyone <b>not bold</b>');
  await mysCard.getByRole('button', { name: 'Add comment' }).click();
  for (const page of [chair, vnm]) {
    // Shown as the words typed, never as markup.
    await expect(card(page, 'Preamble 1').getByText('A second point for everyone <b>not bold</b>')).toBeVisible();
    await expect(card(page, 'Preamble 1').locator('.comment-text b')).toHaveCount(0);
    await expect(page.getByText('MYS only: hold until the capital replies')).toHaveCount(0);
    await expect(page.getByText(/Private note/)).toHaveCount(0);
  }

  // VNM may not resolve MYS's thread; the chair may, and everyone sees it resolved.
  const firstAt = (page: Page) => card(page, 'Preamble 1').getByTestId('comment-thread').first();
  await expect(firstAt(vnm).getByRole('button', { name: 'Resolve' })).toHaveCount(0);
  await firstAt(chair).getByRole('button', { name: 'Resolve' }).click();
  for (const page of [chair, mys, vnm]) await expect(firstAt(page)).toContainText('Resolved by The chair');
  await expect
    .poll(() => mys.evaluate(() => (CSS.highlights as unknown as Map<string, unknown>).has('mufakat-comment')))
    .toBe(false);

  // The matrix counts the threads each person sees.
  await chair.getByRole('button', { name: 'Matrix', exact: true }).click();
  await expect(chair.getByTestId('matrix-comments')).toHaveText('1 open of 2');
  await mys.getByRole('button', { name: 'Matrix', exact: true }).click();
  await expect(mys.getByTestId('matrix-comments')).toHaveText('2 open of 3');

  for (const context of contexts) await context.close();
});
