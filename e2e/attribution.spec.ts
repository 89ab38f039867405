import { expect, type Page, test } from '@playwright/test';
import { createDraft } from './support.ts';

/** Where on the screen a word of the clause editor is, to point at it. */
async function pointAt(page: Page, label: string, word: string): Promise<{ x: number; y: number }> {
  const point = await page.getByRole('textbox', { name: label, exact: true }).evaluate((editor, wanted) => {
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 1);
      range.setEnd(node, at + 2);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, word);
  if (point === null) throw new Error(`"${word}" is not in ${label}`);
  return point;
}

/**
 * Puts the caret at the end of a clause's text. The first click on a card may mount its editor,
 * which then places the caret where the click was: Ctrl+End is pressed until it holds.
 */
async function caretToEnd(page: Page, label: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: label, exact: true });
  await editor.click();
  await expect
    .poll(async () => {
      await page.keyboard.press('Control+End');
      return editor.evaluate((element) => {
        const selection = document.getSelection();
        if (selection === null || selection.rangeCount === 0 || !element.contains(selection.anchorNode)) return false;
        const rest = document.createRange();
        rest.selectNodeContents(element);
        rest.setStart(selection.getRangeAt(0).endContainer, selection.getRangeAt(0).endOffset);
        return selection.isCollapsed && rest.toString() === '';
      });
    })
    .toBe(true);
}

test('two delegations type into a clause; authorship marks and the history name each', async ({ browser, request }) => {
  const draft = await createDraft(request, {
    title: 'Attribution test statement',
    kind: 'joint-statement',
    delegations: ['USA', 'CHN'],
    clauses: [{ kind: 'operative', text: 'COMMEND the work of the drafting committee;' }],
  });
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [usa, chn] = await Promise.all(contexts.map((context) => context.newPage()));
  if (usa === undefined || chn === undefined) throw new Error('pages missing');
  await Promise.all([usa.goto(draft.links.delegations.USA ?? ''), chn.goto(draft.links.delegations.CHN ?? '')]);
  const label = 'Operative 1';
  const clauseIn = (page: Page) => page.getByRole('textbox', { name: label, exact: true });
  for (const page of [usa, chn]) await expect(clauseIn(page)).toContainText('COMMEND the work');

  await caretToEnd(usa, label);
  await usa.keyboard.type(' including freedom of navigation');
  await expect(clauseIn(chn)).toContainText('including freedom of navigation');
  await caretToEnd(chn, label);
  for (let i = 0; i < 'navigation'.length; i++) await chn.keyboard.press('Backspace');
  await chn.keyboard.type('the seas');
  await expect(clauseIn(usa)).toHaveText('COMMEND the work of the drafting committee; including freedom of the seas');

  // Authorship: each delegation's words listed by name, and painted without touching the text.
  await usa.getByRole('checkbox', { name: 'Show authorship' }).check();
  const authorship = usa.getByTestId('authorship');
  await expect(authorship.getByTestId('authorship-entry')).toHaveText([
    /^\s*Original text \(.+\): “COMMEND the work of the drafting committee;”$/,
    /^\s*USA \(.+\): “including freedom of”$/,
    /^\s*CHN \(.+\): “the seas”$/,
  ]);
  await expect
    .poll(() =>
      usa.evaluate(() =>
        Array.from(
          { length: 10 },
          (_, slot) => (CSS.highlights as unknown as Map<string, Set<AbstractRange>>).get(`author-${slot}`)?.size ?? 0,
        ).reduce((a, b) => a + b),
      ),
    )
    .toBe(3);
  const point = await pointAt(usa, label, 'freedom');
  await usa.mouse.move(point.x, point.y);
  await expect(authorship.getByTestId('authorship-here')).toHaveText('Under the pointer: written by USA');
  const seas = await pointAt(usa, label, 'seas');
  await usa.mouse.move(seas.x, seas.y);
  await expect(authorship.getByTestId('authorship-here')).toHaveText('Under the pointer: written by CHN');
  await expect(clauseIn(usa)).toHaveText('COMMEND the work of the drafting committee; including freedom of the seas');

  // The history, as the other delegation reads it: the server's record, by delegation and minute.
  await chn.getByRole('button', { name: 'History' }).click();
  const entries = chn.getByTestId('history-entry');
  await expect(entries).toHaveText([
    /^CHN inserted “the seas” at \d\d:\d\d/,
    /^CHN deleted “navigation” at \d\d:\d\d/,
    /^USA inserted “ including freedom of navigation” at \d\d:\d\d/,
  ]);
  // Typed while authorship is shown: marked at once, the document unchanged by the marks.
  await caretToEnd(usa, label);
  await usa.keyboard.type(' and overflight');
  await expect(authorship.getByTestId('authorship-entry').nth(1)).toHaveText(
    /^\s*USA \(.+\): “including freedom of”, “and overflight”$/,
  );
  await expect(clauseIn(chn)).toHaveText(
    'COMMEND the work of the drafting committee; including freedom of the seas and overflight',
  );
  await usa.screenshot({ path: 'test-results/attribution.png' });
  await Promise.all(contexts.map((context) => context.close()));
});
