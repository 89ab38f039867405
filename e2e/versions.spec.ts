import { expect, type Locator, type Page, test } from '@playwright/test';
import { createDraft } from './support.ts';

const editor = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

/** Selects the first occurrence of `words` in the editor, as the browser's own selection. */
async function selectWords(editorBox: Locator, words: string): Promise<void> {
  await editorBox.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, words);
  await expect.poll(() => editorBox.evaluate(() => document.getSelection()?.toString())).toBe(words);
}

test('the chair names a version, a delegation edits, and the compare shows its words bold and the deleted ones struck', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Cooperation',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [
      { kind: 'operative', text: 'STRENGTHEN regional maritime cooperation.' },
      { kind: 'operative', text: 'WELCOME the next meeting.' },
    ],
  });
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [chair, mys] = await Promise.all(contexts.map((context) => context.newPage()));
  if (chair === undefined || mys === undefined) throw new Error('pages missing');
  await Promise.all([chair.goto(draft.links.chair), mys.goto(draft.links.delegations.MYS ?? '')]);
  await expect(editor(mys, 'Operative 1')).toHaveText('STRENGTHEN regional maritime cooperation.');

  // The chair names the text as it stands.
  await chair.getByRole('button', { name: 'Versions', exact: true }).click();
  await chair.getByRole('button', { name: 'Name this version…' }).click();
  await chair.getByLabel('Name of this version').fill('Rev.1');
  await chair.getByRole('button', { name: 'Name version' }).click();
  await expect(chair.getByTestId('version')).toHaveText(/1\. Rev\.1/);

  // A delegation cannot name one: it is not offered.
  await mys.getByRole('button', { name: 'Versions', exact: true }).click();
  await expect(mys.getByTestId('version')).toHaveText(/1\. Rev\.1/);
  await expect(mys.getByRole('button', { name: 'Name this version…' })).toHaveCount(0);

  // MYS endorses paragraph 1 as it stands (Rev.1), then replaces "regional" by "ASEAN-wide".
  await mys.getByRole('button', { name: 'Text', exact: true }).click();
  const mysFirst = mys.getByTestId('clause').first();
  await mysFirst.getByRole('button', { name: 'Endorse' }).click();
  await expect(mysFirst.getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  const first = editor(mys, 'Operative 1');
  await first.click();
  await expect(first).toBeFocused();
  // Select the word as a double-click would (a count of arrow presses loses one when the card
  // re-renders under it, as the endorsement's event arrives), then type over it.
  await selectWords(first, 'regional');
  await mys.keyboard.type('ASEAN-wide');
  await expect(first).toHaveText('STRENGTHEN ASEAN-wide maritime cooperation.');

  // Asked again until the server has the last keystroke: the compare is of the stored text.
  const compare = chair.getByTestId('compare');
  await expect(async () => {
    await chair.getByRole('button', { name: 'Compare with now' }).click();
    await expect(compare.getByTestId('compare-clause').first().locator('strong')).toHaveText(/ASEAN-wide/, {
      timeout: 1000,
    });
  }).toPass();
  await expect(compare.getByTestId('compare-legend')).toContainText('New text is in bold.');
  const changed = compare.getByTestId('compare-clause').first();
  await expect(changed.locator('strong')).toHaveText('inserted: ASEAN-wide');
  await expect(changed.locator('s')).toHaveText('deleted: regional');
  await expect(changed).toContainText('Changed by Malaysia.');
  await expect(compare.getByTestId('compare-clause').nth(1)).toHaveAttribute('data-change', 'unchanged');
  // The marks are real bold and strike-through, not colour.
  expect(await changed.locator('strong').evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
  expect(await changed.locator('s').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
  await chair.screenshot({ path: 'test-results/versions-compare.png' });

  // MYS's endorsement is stale: its note opens the compare of Rev.1 (the version before it) with now.
  await mysFirst
    .getByTestId('stale-note')
    .getByRole('button', { name: 'Compare the whole text since your position' })
    .click();
  const mysCompare = mys.getByTestId('compare');
  await expect(mys.getByRole('heading', { name: 'Changes from 1. Rev.1 to the text now' })).toBeVisible();
  await expect(mysCompare.getByTestId('compare-clause').first().locator('strong')).toHaveText('inserted: ASEAN-wide');

  // MYS thinks better of it: the clause back to Rev.1's words, as a new edit the server writes.
  await mys.getByRole('button', { name: 'Restore the words of version 1 in paragraph 1' }).click();
  await expect(mysCompare.getByTestId('compare-clause').first()).toHaveAttribute('data-change', 'unchanged');
  await mys.getByRole('button', { name: 'Text', exact: true }).click();
  await expect(first).toHaveText('STRENGTHEN regional maritime cooperation.');
});
