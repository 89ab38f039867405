import { type Browser, expect, type Page, test } from '@playwright/test';
import type { CreateDraftRequest } from '../shared/schemas/draft.ts';
import { clauseCard as card, createDraft, demoLink, revealClause } from './support.ts';

const DEMO_TITLE = 'Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)';

/** Opens `links` each in a browser context of its own, as each participant would, once connected. */
async function participants(browser: Browser, links: string[], viewport?: { width: number; height: number }) {
  const pages: Page[] = [];
  for (const link of links) {
    const page = await (await browser.newContext(viewport === undefined ? {} : { viewport })).newPage();
    await page.goto(link);
    await expect(page.getByTestId('connection')).toHaveText('Connected');
    pages.push(page);
  }
  return pages;
}

async function closeAll(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.context().close()));
}

function operatives(n: number): CreateDraftRequest['clauses'] {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'operative' as const,
    text: `ENHANCE practical cooperation in area ${i + 1} among the defence establishments of the region.`,
  }));
}

/** Which card has the focus, by its clause's label. */
function focusedCard(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.activeElement?.closest('[data-testid="clause"]')?.querySelector('.clause-kind')?.textContent ?? null,
  );
}

test('the header names the draft, the person by name and role, and the draft’s progress; so does the tab', async ({
  browser,
}) => {
  const [mys, chair, observer] = await participants(browser, [
    demoLink('MYS'),
    demoLink('chair'),
    demoLink('observer'),
  ]);
  if (mys === undefined || chair === undefined || observer === undefined) throw new Error('pages missing');
  await expect(mys).toHaveTitle(`${DEMO_TITLE} — Mufakat`);
  await expect(mys.getByTestId('who')).toHaveText('Delegation of Malaysia (MYS)');
  await expect(mys.getByTestId('room-progress')).toHaveText(
    /^\d+\/23 agreed · \d+ frozen · \d+ awaiting positions · \d+ reserved$/,
  );
  await expect(mys.getByRole('button', { name: /^Next needing your position \(\d+\)$/ })).toBeVisible();
  await expect(chair.getByTestId('who')).toHaveText('Chair');
  await expect(chair.getByRole('button', { name: /^Next blocking clause \(\d+\)$/ })).toBeVisible();
  // An observer is told at once that the room is read-only for them.
  await expect(observer.getByTestId('who')).toHaveText('Observer (read-only)');
  await expect(observer.getByTestId('read-only')).toContainText('Read-only: you follow this draft as an observer');
  await observer.getByTestId('clause').nth(1).getByRole('textbox').click();
  await observer.keyboard.type('x');
  await expect(observer.getByTestId('clause').nth(1).getByTestId('read-only-note')).toHaveText(
    'Read-only: observers follow the text and the decisions, and cannot change them.',
  );
  await closeAll([mys, chair, observer]);
});

test('Alt+N and the header’s button go to the next clause that needs my position, or that blocks adoption', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Peacekeeping',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: operatives(4),
  });
  const [mys, chair] = await participants(browser, [draft.links.delegations.MYS ?? '', draft.links.chair]);
  if (mys === undefined || chair === undefined) throw new Error('pages missing');
  for (const label of ['Operative 1', 'Operative 3']) {
    await card(mys, label).getByRole('button', { name: 'Endorse' }).click();
    await expect(card(mys, label).getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  }
  const next = mys.getByRole('button', { name: 'Next needing your position (2)' });
  await expect(next).toBeVisible();
  await mys.getByRole('heading', { level: 1 }).click();
  await mys.keyboard.press('Alt+n');
  await expect.poll(() => focusedCard(mys)).toBe('Operative 2');
  await mys.keyboard.press('Alt+n');
  await expect.poll(() => focusedCard(mys)).toBe('Operative 4');
  await next.click();
  await expect.poll(() => focusedCard(mys)).toBe('Operative 2');

  await expect(chair.getByRole('button', { name: 'Next blocking clause (4)' })).toBeVisible();
  await chair.getByRole('button', { name: 'Next blocking clause (4)' }).click();
  await expect.poll(() => focusedCard(chair)).toBe('Operative 1');
  await closeAll([mys, chair]);
});

test('a stale position says who changed the words, and the header lists it wherever the clause is', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Humanitarian Assistance',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: operatives(14),
  });
  const [mys, phl] = await participants(browser, [
    draft.links.delegations.MYS ?? '',
    draft.links.delegations.PHL ?? '',
  ]);
  if (mys === undefined || phl === undefined) throw new Error('pages missing');
  await card(mys, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(phl, 'Operative 1').getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  // MYS reads on at the end of the text, far from Operative 1.
  await revealClause(mys, 'Operative 14');
  await expect(card(mys, 'Operative 1')).not.toBeInViewport();

  await phl.getByRole('textbox', { name: 'Operative 1', exact: true }).click();
  await phl.keyboard.press('Control+End');
  await phl.keyboard.press('ArrowLeft');
  await phl.keyboard.type(' and beyond');
  const stale = mys.getByTestId('stale-positions');
  await expect(stale).toHaveText('Your position that went stale: Operative 1');
  await stale.getByRole('link', { name: 'Operative 1' }).click();
  await expect(card(mys, 'Operative 1')).toBeInViewport();
  await expect.poll(() => focusedCard(mys)).toBe('Operative 1');
  await expect(card(mys, 'Operative 1').getByTestId('changed-by')).toHaveText(
    'The Philippines changed it since you endorsed it.',
  );
  await mys.screenshot({ path: 'test-results/stale-position.png' });

  // After a reload the room did not see who changed it, and says only what it knows.
  await mys.reload();
  await revealClause(mys, 'Operative 1');
  await expect(card(mys, 'Operative 1').getByTestId('changed-by')).toHaveText(
    'The text changed since you endorsed it.',
  );
  await expect(mys.getByTestId('stale-positions')).toContainText('Operative 1');
  await closeAll([mys, phl]);
});

test('reasons are readable without hovering, on a touch screen too; a freeze says when, a re-opening why', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Counter-Terrorism',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: operatives(2),
  });
  const [mys, phl, chair] = await participants(browser, [
    draft.links.delegations.MYS ?? '',
    draft.links.delegations.PHL ?? '',
    draft.links.chair,
  ]);
  if (mys === undefined || phl === undefined || chair === undefined) throw new Error('pages missing');
  const touch = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  ).newPage();
  await touch.goto(draft.links.observer);

  await card(phl, 'Operative 1').getByRole('button', { name: 'Reserve…' }).click();
  await phl.getByLabel('Reason').fill('cannot accept "binding"');
  await phl.getByRole('button', { name: 'Reserve', exact: true }).click();
  for (const page of [mys, touch]) {
    await expect(card(page, 'Operative 1').getByTestId('summary')).toHaveText('0/2 endorsed · PHL reserves');
    await expect(card(page, 'Operative 1').getByTestId('reasons')).toBeVisible();
    await expect(card(page, 'Operative 1').getByTestId('reasons')).toHaveText(/PHL reserves: cannot accept "binding"/);
  }

  for (const page of [mys, phl]) await card(page, 'Operative 2').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(chair, 'Operative 2').getByTestId('status')).toHaveText('✓ Agreed');
  await card(chair, 'Operative 2').getByRole('button', { name: 'Freeze' }).click();
  await expect(card(mys, 'Operative 2').getByTestId('frozen-by')).toHaveText(
    /^Frozen by the chair at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2}$/,
  );
  await card(chair, 'Operative 2').getByRole('button', { name: 'Re-open…' }).click();
  await chair.getByLabel('Reason').fill('PHL proposes new wording');
  await chair.keyboard.press('Control+Enter');
  await expect(card(mys, 'Operative 2').getByTestId('reopened-note')).toHaveText(
    /^Re-opened by the chair at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2}: PHL proposes new wording$/,
  );
  // The reason stays after a reload: the room reads it back from the audit log.
  await touch.reload();
  await expect(card(touch, 'Operative 2').getByTestId('reopened-note')).toContainText('PHL proposes new wording');
  await touch.screenshot({ path: 'test-results/reasons-on-touch.png' });
  await closeAll([mys, phl, chair, touch]);
});

test('typing into a frozen clause says it is read-only, at once', async ({ browser, request }) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Defence Medicine',
    kind: 'joint-statement',
    delegations: ['MYS'],
    clauses: operatives(2),
  });
  const [mys, chair] = await participants(browser, [draft.links.delegations.MYS ?? '', draft.links.chair]);
  if (mys === undefined || chair === undefined) throw new Error('pages missing');
  await card(mys, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(chair, 'Operative 1').getByTestId('status')).toHaveText('✓ Agreed');
  const editor = mys.getByRole('textbox', { name: 'Operative 1', exact: true });
  await editor.click();
  await mys.keyboard.press('End');
  // The chair freezes it while MYS is in it.
  await card(chair, 'Operative 1').getByRole('button', { name: 'Freeze' }).click();
  await expect(editor).toHaveAttribute('contenteditable', 'false');
  const note = card(mys, 'Operative 1').getByTestId('read-only-note');
  await expect(note).toHaveText(
    'Read-only: Operative 1 is frozen, so its words can no longer change. Only the chair can re-open it.',
  );
  await mys.keyboard.type('more');
  await expect(editor).not.toContainText('more');
  await expect(note).toBeVisible();
  await closeAll([mys, chair]);
});

test('the Add menu offers only what fits where it is; a chair’s report names each heading', async ({
  browser,
  request,
}) => {
  const statement = await createDraft(request, {
    title: 'Joint Statement on Disaster Management',
    kind: 'joint-statement',
    delegations: ['MYS'],
    clauses: [
      { kind: 'chapeau', text: 'The Ministers, meeting in Manila,' },
      { kind: 'preamble', text: 'RECOGNISING the need;' },
      { kind: 'lead-in', text: 'WE HEREBY COMMIT TO:' },
      { kind: 'operative', text: 'STRENGTHEN relief.' },
      { kind: 'closing', text: 'ADOPTED in Manila.' },
    ],
  });
  const report = await createDraft(request, {
    title: 'Chairman’s Report',
    kind: 'chairs-report',
    delegations: ['MYS'],
    clauses: [
      { kind: 'heading', text: 'Opening' },
      { kind: 'paragraph', text: 'The Chair opened the meeting.' },
      { kind: 'heading', text: 'Session One: The Evolving Maritime Security Environment in the Indo-Pacific' },
      { kind: 'paragraph', text: 'Participants exchanged views.' },
    ],
  });
  const [page] = await participants(browser, [statement.links.chair]);
  if (page === undefined) throw new Error('page missing');
  const items = async (label: string) => {
    await page.getByRole('button', { name: `Add a clause before or after ${label}` }).click();
    const names = await page.locator('.menu-items button').allTextContents();
    await page.keyboard.press('Escape');
    return names;
  };
  expect(await items('Operative 1')).toEqual([
    'An operative clause before',
    'An operative clause after',
    'A sub-heading before',
    'A sub-heading after',
  ]);
  expect(await items('Preamble 1')).toEqual([
    'A preamble clause before',
    'A preamble clause after',
    'A sub-heading before',
    'A sub-heading after',
  ]);
  expect(await items('Closing')).toEqual(['An operative clause before', 'A sub-heading before']);

  await page.goto(report.links.chair);
  await expect(page.getByTestId('connection')).toHaveText('Connected');
  for (const label of ['Heading 1', 'Heading 2', 'Paragraph 1', 'Paragraph 2']) {
    await expect(page.getByRole('textbox', { name: label, exact: true })).toHaveCount(1);
  }
  await closeAll([page]);
});

test('the matrix: a legend, an excerpt per row, a jump to the clause, a sticky header, CSV and A4 landscape', async ({
  browser,
}) => {
  const [chair] = await participants(browser, [demoLink('chair')], { width: 1280, height: 600 });
  if (chair === undefined) throw new Error('page missing');
  // Read far down the text, then open the matrix: it opens at its top.
  await revealClause(chair, 'Operative 9');
  expect(await chair.evaluate(() => window.scrollY)).toBeGreaterThan(600);
  await chair.getByRole('button', { name: 'Matrix' }).click();
  const matrix = chair.getByRole('region', { name: 'Consensus matrix' });
  await expect(matrix.getByTestId('progress')).toBeInViewport();
  expect(await chair.evaluate(() => window.scrollY)).toBe(0);

  await expect(matrix.getByTestId('legend')).toContainText('✓ endorsed');
  await expect(matrix.getByTestId('matrix-row').nth(1)).toContainText('RECOGNISING ASEAN’s leading role');

  // The header row stays in view as the table scrolls.
  const table = matrix.getByRole('region', { name: 'Positions, clause by clause' });
  const header = matrix.getByRole('columnheader', { name: 'USA' });
  const top = (await header.boundingBox())?.y;
  await table.evaluate((element) => element.scrollBy(0, 400));
  await expect.poll(async () => (await header.boundingBox())?.y).toBe(top);

  const download = chair.waitForEvent('download');
  await matrix.getByRole('button', { name: 'Download as CSV' }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    let text = '';
    for await (const chunk of stream) text += chunk;
    return text;
  });
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    'Clause,Reference,Status,BRN,KHM,IDN,LAO,MYS,MMR,PHL,SGP,THA,TLS,VNM,AUS,CHN,IND,JPN,NZL,KOR,RUS,USA,Endorsed,Text',
  );
  // The header, 23 clauses, the demo's one alternative under its clause, and the closing line end.
  expect(lines).toHaveLength(26);
  expect(lines.find((line) => line.startsWith('Alt 1 of Operative 7,'))).toContain(
    'alternative, sponsored by USA, JPN',
  );

  // Printed on A4 landscape (277 mm of width between the margins): every delegation and the totals.
  await chair.setViewportSize({ width: 1047, height: 718 });
  await chair.emulateMedia({ media: 'print' });
  const fits = await chair.evaluate(() => {
    const tableBox = document.querySelector('.matrix table')?.getBoundingClientRect();
    const headers = document.querySelectorAll('.matrix thead th');
    const last = headers[headers.length - 1]?.getBoundingClientRect();
    return tableBox !== undefined && last !== undefined && tableBox.right <= 1047 && last.right <= 1047;
  });
  expect(fits).toBe(true);
  await chair.emulateMedia({ media: 'screen' });
  await chair.setViewportSize({ width: 1280, height: 600 });

  // A row's name leads to its clause in the text.
  await matrix.getByRole('button', { name: /^Operative 2/ }).click();
  await expect(chair.getByRole('region', { name: 'Consensus matrix' })).toHaveCount(0);
  await expect(card(chair, 'Operative 2')).toBeInViewport();
  await expect.poll(() => focusedCard(chair)).toBe('Operative 2');
  await closeAll([chair]);
});

test('on a phone the header takes at most a fifth of the screen, dialogs fit and the matrix keeps its first column', async ({
  browser,
}) => {
  const phone = { width: 390, height: 844 };
  const [mys, chair] = await participants(browser, [demoLink('MYS'), demoLink('chair')], phone);
  if (mys === undefined || chair === undefined) throw new Error('pages missing');
  for (const page of [mys, chair]) {
    const height = await page.locator('.room-header').evaluate((element) => element.getBoundingClientRect().height);
    expect(height).toBeLessThanOrEqual(phone.height / 5);
  }
  await mys.screenshot({ path: 'test-results/phone-text.png' });
  await revealClause(mys, 'Preamble 2');
  await card(mys, 'Preamble 2').getByRole('button', { name: 'Reserve…' }).click();
  const dialog = mys.getByRole('dialog');
  const box = await dialog.boundingBox();
  expect(box !== null && box.x >= 0 && box.x + box.width <= phone.width && box.y + box.height <= phone.height).toBe(
    true,
  );
  await mys.keyboard.press('Escape');

  await chair.getByRole('button', { name: 'Matrix' }).click();
  const table = chair.getByRole('region', { name: 'Positions, clause by clause' });
  const rowName = chair.getByRole('rowheader').first();
  const left = (await rowName.boundingBox())?.x;
  await table.evaluate((element) => element.scrollBy(600, 0));
  expect(await table.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  await expect.poll(async () => (await rowName.boundingBox())?.x).toBe(left);
  await chair.screenshot({ path: 'test-results/phone-matrix.png' });
  await closeAll([mys, chair]);
});

test('decisions are announced politely as they arrive: “The Philippines endorsed Operative 1.”', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Military Medicine',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: operatives(1),
  });
  const [mys, phl] = await participants(browser, [
    draft.links.delegations.MYS ?? '',
    draft.links.delegations.PHL ?? '',
  ]);
  if (mys === undefined || phl === undefined) throw new Error('pages missing');
  await card(phl, 'Operative 1').getByRole('button', { name: 'Endorse' }).click();
  const announcer = mys.getByTestId('announcer');
  await expect(announcer).toHaveText('The Philippines endorsed Operative 1.');
  await expect(announcer).toHaveAttribute('role', 'status');
  await closeAll([mys, phl]);
});

test('a card is one tab stop: the demo’s 23 clauses take 23 presses of Tab, not 230', async ({ browser }) => {
  const [mys] = await participants(browser, [demoLink('MYS')]);
  if (mys === undefined) throw new Error('page missing');
  await mys.getByTestId('clause').first().focus();
  let presses = 0;
  while (presses < 300) {
    presses += 1;
    await mys.keyboard.press('Tab');
    if (await mys.evaluate(() => document.activeElement?.id === 'end-of-text')) break;
  }
  expect(presses).toBe(23);
  // Every card's controls are still reached inside it.
  await mys.getByTestId('clause').first().focus();
  await mys.keyboard.press('Enter');
  await mys.keyboard.press('Tab');
  await expect(card(mys, 'Chapeau').getByRole('button', { name: 'Endorse' })).toBeFocused();
  await closeAll([mys]);
});

test('the chair freezes every agreed clause in one action, after a list of them; a clause not agreed asks first', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Cooperation',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL', 'USA'],
    clauses: operatives(4),
  });
  const { MYS, PHL, USA } = draft.links.delegations;
  const [chair, mys, phl, usa] = await participants(browser, [draft.links.chair, MYS ?? '', PHL ?? '', USA ?? '']);
  if (chair === undefined || mys === undefined || phl === undefined || usa === undefined) throw new Error('missing');
  for (const label of ['Operative 1', 'Operative 3']) {
    for (const page of [mys, phl, usa]) await card(page, label).getByRole('button', { name: 'Endorse' }).click();
  }
  await card(mys, 'Operative 2').getByRole('button', { name: 'Endorse' }).click();
  await expect(card(chair, 'Operative 3').getByTestId('status')).toHaveText('✓ Agreed');

  await chair.getByRole('button', { name: 'Freeze agreed (2)…' }).click();
  const confirm = chair.getByRole('dialog', { name: 'Freeze all 2 agreed clauses?' });
  await expect(confirm.getByTestId('freeze-agreed-list')).toHaveText('Operative 1Operative 3');
  await confirm.getByRole('button', { name: 'Freeze 2' }).click();
  await expect(chair.getByTestId('freeze-agreed-outcome')).toHaveText('Froze 2 agreed clauses.');
  for (const page of [chair, mys]) {
    for (const label of ['Operative 1', 'Operative 3']) {
      await expect(card(page, label).getByTestId('status')).toHaveText('Frozen');
    }
    await expect(card(page, 'Operative 2').getByTestId('status')).toHaveText('○ Open');
  }
  await expect(chair.getByRole('button', { name: /^Freeze agreed/ })).toHaveCount(0);

  // Operative 2 has MYS's endorsement only: the chair is told who has no position, and may cancel.
  const freeze = card(chair, 'Operative 2').getByRole('button', { name: 'Freeze…' });
  await freeze.click();
  const ask = chair.getByRole('dialog', { name: 'Freeze Operative 2, which is not agreed?' });
  await expect(ask.getByTestId('freeze-warning')).toHaveText('No position on these words: PHL and USA (2 of 3)');
  await chair.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(freeze).toBeFocused();
  await expect(card(mys, 'Operative 2').getByTestId('status')).toHaveText('○ Open');
  await closeAll([chair, mys, phl, usa]);
});

test('the chair re-issues a delegation’s link: the old one stops at once, and the new ones copy and download together', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Maritime Cooperation',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: operatives(1),
  });
  const oldPhl = draft.links.delegations.PHL ?? '';
  const chairContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const chair = await chairContext.newPage();
  await chair.goto(draft.links.chair);
  await expect(chair.getByTestId('connection')).toHaveText('Connected');
  const [phl] = await participants(browser, [oldPhl]);
  if (phl === undefined) throw new Error('page missing');

  await chair.getByRole('button', { name: 'Links…' }).click();
  const dialog = chair.getByRole('dialog', { name: 'Links' });
  const row = dialog.getByTestId('link-PHL');
  await row.getByRole('button', { name: /^New link for .*PHL/ }).click();
  await expect(row).toContainText('The old one stops working.');
  await row.getByRole('button', { name: 'Replace' }).click();
  const fresh = row.getByRole('textbox');
  await expect(fresh).toHaveValue(/\/join\/[\w-]+$/);
  const newPhl = await fresh.inputValue();
  expect(newPhl).not.toBe(oldPhl);
  await expect(dialog.getByTestId('links-message')).toContainText('whoever had opened it was signed out');

  // PHL's open room is closed at once, not at its next request.
  await expect(phl.getByTestId('connection')).toContainText('Your link was replaced by the chair');
  // The old link now says what to do, and the chair can actually do it.
  const gone = await (await browser.newContext()).newPage();
  await gone.goto(oldPhl);
  await expect(gone.locator('body')).toContainText('This link was replaced by the chair');
  await expect(gone.locator('body')).toContainText('the chair can issue another from the room (Links…)');
  await gone.goto(newPhl);
  await expect(gone.getByTestId('who')).toHaveText(/\(PHL\)$/);

  // Another, then both together.
  await dialog.getByTestId('link-observer').getByRole('button', { name: 'New link for Observers…' }).click();
  await dialog.getByTestId('link-observer').getByRole('button', { name: 'Replace' }).click();
  await expect(dialog.getByTestId('link-observer').getByRole('textbox')).toHaveValue(/\/join\//);
  await dialog.getByRole('button', { name: 'Copy the new links' }).click();
  await expect(dialog.getByTestId('links-message')).toHaveText('The new links copied.');
  const copied = await chair.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`PHL): ${newPhl}`);
  expect(copied).toMatch(/\nObservers: http\S+\/join\//);
  const [download] = await Promise.all([
    chair.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download the new links' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`mufakat-${draft.id}-links.txt`);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(path, 'utf8')).toBe(copied);
  await chair.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(chair.getByRole('button', { name: 'Links…' })).toBeFocused();
  await closeAll([chair, phl, gone]);
});
