import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { E2E_OPERATOR_TOKEN } from './global-setup.ts';
import { demoLink, fixturesDir, openImportScreen } from './support.ts';

const FIXTURE = join(fixturesDir(), 'admm-plus-2025-joint-statement.txt');

/** Downloads one export through the room's menu; answers its file name and bytes. */
async function download(page: Page, name: string): Promise<{ file: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Download…' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await file.path();
  return { file: file.suggestedFilename(), bytes: await readFile(path) };
}

test('a chair imports the ADMM-Plus statement, corrects it, creates the draft and downloads each format', async ({
  page,
}) => {
  await openImportScreen(page);
  await page.getByLabel(/Or choose a file/).setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Recognised: chapeau, 9 preamble clauses, lead-in, 11 operative clauses, closing.',
  );
  const clauses = page.getByTestId('imported-clause');
  await expect(clauses).toHaveCount(23);
  await expect(clauses.nth(10).getByRole('textbox')).toHaveValue('WE HEREBY COMMIT TO:');

  // Corrections before anything exists: split the first operative clause at its "and APPLAUD",
  // merge it back, and change a kind and back; the structure follows.
  const first = clauses.nth(11).getByRole('textbox');
  const text = await first.inputValue();
  await first.evaluate((area: HTMLTextAreaElement, at) => area.setSelectionRange(at, at), text.indexOf('APPLAUD'));
  await clauses.nth(11).getByRole('button', { name: 'Split at the cursor' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('12 operative clauses');
  await expect(clauses.nth(12).getByRole('textbox')).toHaveValue(/^APPLAUD its valuable contributions/);
  await clauses.nth(11).getByRole('button', { name: 'Merge with the next' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('11 operative clauses');
  await page.getByLabel('Kind of clause 2', { exact: true }).selectOption('operative');
  await expect(page.getByTestId('import-summary')).toContainText('8 preamble clauses, lead-in, 12 operative');
  await page.getByLabel('Kind of clause 2', { exact: true }).selectOption('preamble');

  await page.getByRole('button', { name: 'ADMM-Plus (19)' }).click();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByRole('heading', { name: /is ready$/ })).toBeVisible();
  await expect(page.getByLabel('Link for MYS')).toHaveValue(/\/join\//);
  // Every link at once, named, in one file to keep or forward.
  const [links] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all links' }).click(),
  ]);
  const linksFile = (await readFile(await links.path())).toString('utf8');
  expect(linksFile).toContain(`Malaysia (MYS): ${await page.getByLabel('Link for MYS').inputValue()}`);
  expect(linksFile.match(/\/join\//g)).toHaveLength(22);
  await page.getByRole('link', { name: 'Open the room as chair' }).click();

  await expect(page.getByTestId('clause')).toHaveCount(23);
  await expect(page.getByRole('textbox', { name: 'Lead-in' })).toHaveText('WE HEREBY COMMIT TO:');
  await page.screenshot({ path: 'test-results/imported-room.png' });

  const md = await download(page, 'Draft: Markdown (.md)');
  expect(md.file).toMatch(/-current\.md$/);
  const markdown = md.bytes.toString('utf8');
  expect(markdown).toContain('> DRAFT — not adopted');
  expect(markdown).toContain('WE HEREBY COMMIT TO:');
  expect(markdown).toContain('11. WELCOME the convening of the 13th ADMM-Plus');

  const html = await download(page, 'Draft: Page to print or save as PDF (.html)');
  expect(html.bytes.toString('utf8')).toContain('DRAFT — not adopted');

  const docx = await download(page, 'Draft: Word document (.docx)');
  expect(docx.file).toMatch(/\.docx$/);
  expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  const akn = await download(page, 'Draft: Akoma Ntoso XML (.akn.xml)');
  expect(akn.bytes.toString('utf8')).toContain('<akomaNtoso');
  expect(akn.bytes.toString('utf8')).toContain('RECOGNISING ASEAN’s leading role');
});

test('an unreadable upload says what to do and loses nothing typed', async ({ page }) => {
  await openImportScreen(page);
  await page.getByLabel(/Paste the text/).fill('Some notes I will keep.');
  await page.getByLabel(/Or choose a file/).setInputFiles({
    name: 'statement.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7 binary'),
  });
  await expect(page.getByRole('alert')).toContainText('.docx');
  await expect(page.getByLabel(/Paste the text/)).toHaveValue('Some notes I will keep.');
});

const PDF_RESOLUTION = fileURLToPath(new URL('../server/import/corpus/un-ga-80-7-iaea-pdf.txt', import.meta.url));

test('a resolution pasted from its PDF is read as one; a line left out is restored and removed again; the draft is created', async ({
  page,
}) => {
  await openImportScreen(page);
  await page.getByLabel(/Paste the text/).fill(await readFile(PDF_RESOLUTION, 'utf8'));
  await page.getByRole('button', { name: 'Read the pasted text' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText(
    'Recognised: chapeau, 4 preamble clauses, 5 operative clauses, closing.',
  );
  await expect(page.getByLabel('Kind of text')).toHaveValue('resolution');
  const clauses = page.getByTestId('imported-clause');
  await expect(clauses).toHaveCount(11);
  await expect(clauses.nth(0).getByRole('textbox')).toHaveValue('The General Assembly,');
  await expect(clauses.nth(10).getByRole('textbox')).toHaveValue('40th plenary meeting 14 November 2025');

  // The masthead, job numbers, running header, page number and footnotes were left out.
  await page.getByText(/lines were left out/).click();
  await expect(page.getByTestId('dropped-line').filter({ hasText: 'a job number: 25-18769 (E)' })).toHaveCount(1);
  const footnote = page.getByTestId('dropped-line').filter({ hasText: '1 See A/80/348.' });
  await footnote.getByRole('button', { name: 'Restore' }).click();
  await expect(clauses).toHaveCount(12);
  await expect(page.getByRole('region', { name: 'Check these first' })).toContainText('left out as a footnote');
  await page.screenshot({ path: 'test-results/import-review-resolution.png', fullPage: true });
  await expect(clauses.nth(7).getByRole('textbox')).toHaveValue('1 See A/80/348.');
  await clauses.nth(7).getByRole('button', { name: 'Remove' }).click();
  await expect(clauses).toHaveCount(11);
  await expect(page.getByRole('region', { name: 'Check these first' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByRole('heading', { name: /is ready$/ })).toBeVisible();
  await page.getByRole('link', { name: 'Open the room as chair' }).click();
  await expect(page.getByTestId('clause')).toHaveCount(11);
});

test('starting a draft asks for the operator token once, says so when it is wrong, and keeps what was pasted', async ({
  page,
}) => {
  await page.goto(`${new URL(demoLink('chair')).origin}/import`);
  await page.getByLabel('Operator token', { exact: true }).fill('a-token-that-is-not-the-servers');
  await page.getByRole('button', { name: 'Use this token' }).click();
  const pasted = 'RECOGNISING the work;\nWE HEREBY COMMIT TO:\nCOMMEND the committee.';
  await page.getByRole('textbox', { name: /Paste the text/ }).fill(pasted);
  await page.getByRole('button', { name: 'Read the pasted text' }).click();
  await expect(page.getByRole('alert')).toContainText('not the server’s');
  await expect(page.getByRole('textbox', { name: /Paste the text/ })).toHaveValue(pasted);
  await page.getByLabel('Operator token', { exact: true }).fill(E2E_OPERATOR_TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByRole('button', { name: 'Read the pasted text' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('operative');
  // Kept for the browser session: a reload does not ask again.
  await page.reload();
  await expect(page.getByLabel('Operator token', { exact: true })).toHaveCount(0);
});
