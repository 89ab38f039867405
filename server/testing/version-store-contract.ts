import { describe, expect, it } from 'vitest';
import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import type { AuditEntryInput } from '../../shared/schemas/audit.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { VersionInput } from '../../shared/schemas/versions.ts';
import type { Stores } from '../storage/stores.ts';

const AT = '2026-11-22T10:00:00.000Z';
const CHAIR: Actor = { session: 'chair-session', role: 'chair', delegation: null };

function named(label: string, texts: readonly string[]): VersionInput {
  return {
    label,
    kind: 'named',
    at: AT,
    actor: CHAIR,
    clauses: texts.map((text, i) => ({
      id: `c${i + 1}`,
      kind: 'operative',
      label: `paragraph ${i + 1}`,
      text,
      runs: text === '' ? [] : [{ text, format: i === 0 ? 'b' : '' }],
      textHash: String(i).repeat(64),
    })),
  };
}

const NAME: DecisionEffect = { type: 'name-version', label: 'Rev.1' };
const AUDIT: AuditEntryInput = {
  at: AT,
  actor: CHAIR,
  command: 'name-version',
  clauseId: null,
  textHash: null,
  details: { label: 'Rev.1' },
};

/**
 * The versions' part of the contract, run inside `describeStoreContract`: a version is written
 * with its decision, numbered 1, 2, 3, … per draft, read back exactly, and kept across a reopen.
 */
export function versionContractCases(
  context: () => { stores: Stores; draftId: string },
  reopen: () => Promise<Stores>,
): void {
  describe('versions', () => {
    it('records a version with its decision, numbered per draft, and reads every clause back exactly', async () => {
      const { stores, draftId } = context();
      const first = named('Rev.1', ['COMMEND the work;', 'NOTE the report;\nwith thanks']);
      const entry = await stores.decisions.recordDecision(draftId, NAME, AUDIT, first);
      await stores.decisions.recordDecision(
        draftId,
        NAME,
        { ...AUDIT, details: { label: 'Rev.2' } },
        named('Rev.2', ['']),
      );
      // A decision without a version records none.
      await stores.decisions.recordDecision(draftId, NAME, AUDIT);
      const list = await stores.decisions.listVersions(draftId);
      expect(list.map((v) => [v.n, v.label, v.auditSeq])).toEqual([
        [1, 'Rev.1', entry.seq],
        [2, 'Rev.2', entry.seq + 1],
      ]);
      expect(await stores.decisions.getVersion(draftId, 1)).toEqual({ ...first, n: 1, auditSeq: entry.seq });
      expect(await stores.decisions.getVersion(draftId, 3)).toBeNull();
      expect(await stores.decisions.listVersions('no-such-draft')).toEqual([]);

      const reopened = await reopen();
      expect(await reopened.decisions.listVersions(draftId)).toEqual(list);
      expect((await reopened.decisions.getVersion(draftId, 1))?.clauses).toEqual(first.clauses);
    });
  });
}
