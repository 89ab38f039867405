import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { z } from 'zod';
import { type CreateDraftRequest, CreateDraftResponse } from '../shared/schemas/draft.ts';
import { E2E_OPERATOR_TOKEN } from './global-setup.ts';

/** The demo links the server printed at start-up, handed over by global-setup. */
const links = z.record(z.string(), z.string()).parse(JSON.parse(process.env.MUFAKAT_E2E_LINKS ?? '{}'));

/** The demo draft's link for `name`: `chair`, `secretariat`, `observer` or a delegation code. */
export function demoLink(name: string): string {
  const found = links[name];
  if (found === undefined) throw new Error(`global-setup printed no ${name} link`);
  return found;
}

/** Creates a draft of its own through the API, as a chair would, for a test that changes much. */
export async function createDraft(request: APIRequestContext, draft: CreateDraftRequest): Promise<CreateDraftResponse> {
  const response = await request.post(`${new URL(demoLink('chair')).origin}/api/drafts`, {
    data: draft,
    headers: { authorization: `Bearer ${E2E_OPERATOR_TOKEN}` },
  });
  if (response.status() !== 201) throw new Error(`creating a draft answered ${response.status()}`);
  return CreateDraftResponse.parse(await response.json());
}

/** Opens the import screen as an operator would: giving the operator token it asks for once. */
export async function openImportScreen(page: Page): Promise<void> {
  await page.goto(`${new URL(demoLink('chair')).origin}/import`);
  await page.getByLabel('Operator token', { exact: true }).fill(E2E_OPERATOR_TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
}

/** The card of a clause, found by its editor's label ("Operative 3"). */
export function clauseCard(page: Page, label: string): Locator {
  return page.getByTestId('clause').filter({ has: page.getByRole('textbox', { name: label, exact: true }) });
}

/**
 * Scrolls to a clause, as a person does before acting on it: far from the viewport a card shows
 * its text alone, and its positions and buttons appear once it comes near.
 */
export async function revealClause(page: Page, label: string): Promise<Locator> {
  const card = clauseCard(page, label);
  await card.scrollIntoViewIfNeeded();
  await card.getByTestId('decisions').waitFor();
  return card;
}

/** Where the workplace's real texts are (found by the Playwright configuration). */
export function fixturesDir(): string {
  const dir = process.env.MUFAKAT_FIXTURES_DIR;
  if (dir === undefined) throw new Error('MUFAKAT_FIXTURES_DIR is not set: run the tests through Playwright.');
  return dir;
}

/** The WCAG 2.2 A and AA rules, as axe tags them. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * What axe finds against WCAG 2.2 A/AA on the page as it is now, one line per failing element
 * ("color-contrast: .structure > button"), so that a failure says what to fix.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
  );
}

/** Shows every delegation's position on a card: cards show a one-line summary until asked. */
export async function showPositions(card: Locator): Promise<void> {
  const toggle = card.getByRole('button', { name: /^All \d+ positions$/ });
  if ((await toggle.count()) > 0) await toggle.click();
}
