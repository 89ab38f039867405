import { expect, type Page, test } from '@playwright/test';
import { accessibilityViolations, clauseCard, createDraft } from './support.ts';

/** Selects `words` in a clause's text, as a person dragging over them would. */
async function selectWords(page: Page, label: string, words: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: label, exact: true });
  await editor.click();
  await editor.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the clause`);
  }, words);
}

test('a delegation brackets words, another joins, the chair cannot freeze until the bracket is lifted', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Security',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'operative', text: 'UPHOLD freedom of navigation and overflight in the region.' },
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
  const label = 'Operative 1';
  await expect(mys.getByRole('textbox', { name: label, exact: true })).toContainText('UPHOLD freedom');
  await expect(phl.getByTestId('bracket-count')).toHaveText('No brackets');

  // MYS brackets the words it awaits instructions on.
  await selectWords(mys, label, 'freedom of navigation');
  await clauseCard(mys, label).getByRole('button', { name: 'Bracket…' }).click();
  await expect(mys.getByTestId('bracket-selection')).toHaveText('freedom of navigation');
  await mys.getByLabel('Kind').selectOption('awaiting-instructions');
  await mys.getByLabel('Note (optional)').fill('capital is consulting');
  await mys.getByRole('button', { name: 'Place bracket' }).click();

  // Everyone sees it: in the list under the clause, painted [ ] over the words, counted in the header.
  const phlCard = clauseCard(phl, label);
  const phlBracket = phlCard.getByTestId('bracket');
  await expect(phlBracket).toContainText('[freedom of navigation]');
  await expect(phlBracket).toContainText('awaiting instructions, MYS: capital is consulting');
  await expect(phl.getByTestId('bracket-count')).toHaveText('1 bracket in 1 clause');
  await expect(phlCard.locator('.bracket-marker')).toHaveText(['[', ']']);
  // The text itself is unchanged: the bracket lives on the server, beside it.
  await expect(phl.getByRole('textbox', { name: label, exact: true })).toHaveText(
    'UPHOLD freedom of navigation and overflight in the region.',
  );

  // The clean text cannot be had while the bracket is open: the room says where it is.
  await phl.getByRole('button', { name: 'Download…' }).click();
  await phl.getByRole('button', { name: 'Clean text, without brackets (.docx)' }).click();
  await expect(phl.getByTestId('clean-text-refused')).toContainText('paragraph 1 (held by MYS)');
  await phl.keyboard.press('Escape');

  // PHL joins; both endorse the text, which means "once its brackets are resolved".
  await phlBracket.getByRole('button', { name: 'Join' }).click();
  await expect(clauseCard(mys, label).getByTestId('bracket')).toContainText('MYS, also held by PHL');
  await expect(phlCard.getByTestId('brackets-summary')).toContainText(
    'you accept this text once its brackets are resolved',
  );
  for (const page of [mys, phl]) await clauseCard(page, label).getByRole('button', { name: 'Endorse' }).click();
  await expect(clauseCard(chair, label).getByTestId('endorsed-count')).toHaveText('2/2 endorsed');
  await chair.screenshot({ path: 'test-results/brackets-placed.png' });
  expect(await accessibilityViolations(phl)).toEqual([]);

  // The chair cannot freeze bracketed text, and is told who holds the brackets.
  const chairCard = clauseCard(chair, label);
  const freeze = chairCard.getByRole('button', { name: 'Freeze' });
  await expect(freeze).toHaveAttribute('aria-disabled', 'true');
  await expect(chairCard.getByTestId('decisions')).toContainText('held by MYS, PHL');
  await expect(chairCard.getByTestId('status')).toHaveText('○ Open');

  // The chair lifts it; it stays in the history, and the clean text can be frozen.
  await chairCard.getByTestId('bracket').getByRole('button', { name: 'Lift' }).click();
  await expect(phlCard.getByTestId('bracket')).toHaveCount(0);
  await expect(phl.getByTestId('bracket-count')).toHaveText('No brackets');
  await expect(phlCard.locator('.bracket-history')).toContainText('1 lifted bracket');
  await expect(chairCard.getByTestId('status')).toHaveText('✓ Agreed');
  await freeze.click();
  await expect(phlCard.getByTestId('frozen-by')).toBeVisible();
  const download = phl.waitForEvent('download');
  await phl.getByRole('button', { name: 'Download…' }).click();
  await phl.getByRole('button', { name: 'Clean text, without brackets (.docx)' }).click();
  expect((await download).suggestedFilename()).toMatch(/-clean\.docx$/);

  // Words deleted under a bracket: the bracket stays, and says so, until a holder or the chair lifts it.
  await selectWords(mys, 'Operative 2', 'next');
  await clauseCard(mys, 'Operative 2').getByRole('button', { name: 'Bracket…' }).click();
  await mys.getByRole('button', { name: 'Place bracket' }).click();
  await expect(clauseCard(phl, 'Operative 2').getByTestId('bracket')).toContainText('[next] contested, MYS');
  await selectWords(phl, 'Operative 2', 'next ');
  await phl.keyboard.press('Backspace');
  await expect(phl.getByRole('textbox', { name: 'Operative 2', exact: true })).toHaveText('WELCOME the meeting.');
  await expect(clauseCard(mys, 'Operative 2').getByTestId('bracket-deleted')).toContainText(
    'The bracketed words "next" were deleted',
  );
  await expect(clauseCard(mys, 'Operative 2').locator('.bracket-marker')).toHaveCount(0);
  await clauseCard(mys, 'Operative 2').getByRole('button', { name: 'Lift' }).click();
  await expect(clauseCard(phl, 'Operative 2').getByTestId('bracket')).toHaveCount(0);
  for (const context of contexts) await context.close();
});
