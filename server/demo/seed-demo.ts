import { CreateDraftRequest } from '../../shared/schemas/draft.ts';
import { createDraft } from '../drafts/create-draft.ts';
import { type DraftTokens, issueFreshLinks } from '../drafts/issue-links.ts';
import type { Stores } from '../storage/stores.ts';
import { ADMM_PLUS_2025_DEMO } from './admm-plus-2025.ts';
import { seedDemoAlternative } from './demo-alternative.ts';
import { seedDemoBrackets } from './demo-brackets.ts';

const DEMO_META_KEY = 'demo_draft_id';

/**
 * Makes sure the demo draft exists and returns links into it. Tokens are stored only hashed, so
 * earlier links cannot be shown again: each start issues fresh ones (earlier ones keep working).
 */
export async function ensureDemoDraft(
  stores: Pick<Stores, 'drafts' | 'documents' | 'decisions'>,
  now: Date,
): Promise<{ draftId: string; created: boolean; tokens: DraftTokens }> {
  const existingId = await stores.drafts.getMeta(DEMO_META_KEY);
  const existing = existingId === null ? null : await stores.drafts.getDraft(existingId);
  if (existing !== null) {
    return { draftId: existing.id, created: false, tokens: await issueFreshLinks(stores.drafts, existing, now) };
  }
  const { draft, tokens } = await createDraft(stores, CreateDraftRequest.parse(ADMM_PLUS_2025_DEMO), now);
  await seedDemoBrackets(stores, draft, now);
  await seedDemoAlternative(stores, draft.id, now);
  await stores.drafts.setMeta(DEMO_META_KEY, draft.id);
  return { draftId: draft.id, created: true, tokens };
}
