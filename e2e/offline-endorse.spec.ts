import { expect, test } from '@playwright/test';
import { clauseCard, createDraft, revealClause } from './support.ts';

const LABEL = 'Operative 1';

test('an Endorse clicked offline is sent once the connection is back, and the others see it', async ({
  browser,
  request,
}) => {
  const draft = await createDraft(request, {
    title: 'Joint Statement on Patchy Networks',
    kind: 'joint-statement',
    delegations: ['MYS', 'PHL'],
    clauses: [{ kind: 'operative', text: 'STRENGTHEN cooperation on search and rescue.' }],
  });
  const [mysContext, phlContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [mys, phl] = await Promise.all([mysContext.newPage(), phlContext.newPage()]);
  await Promise.all([mys.goto(draft.links.delegations.MYS ?? ''), phl.goto(draft.links.delegations.PHL ?? '')]);
  const mysCard = await revealClause(mys, LABEL);
  const phlCard = await revealClause(phl, LABEL);
  await expect(phlCard.getByTestId('endorsed-count')).toHaveText('0/2 endorsed');

  await mysContext.setOffline(true);
  await expect(mys.getByTestId('connection')).toContainText('Offline');
  await mysCard.getByRole('button', { name: 'Endorse' }).click();
  // Nothing reached the server while offline.
  await expect(phlCard.getByTestId('endorsed-count')).toHaveText('0/2 endorsed');

  await mysContext.setOffline(false);
  await expect(phlCard.getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  await expect(clauseCard(mys, LABEL).getByTestId('endorsed-count')).toHaveText('1/2 endorsed');
  await expect(mysCard.getByRole('button', { name: 'Endorse' })).toBeDisabled();
  await expect(mysCard.getByRole('alert')).toHaveCount(0);
  await Promise.all([mysContext.close(), phlContext.close()]);
});
