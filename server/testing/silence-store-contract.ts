import { expect, it } from 'vitest';
import type { DecisionEffect } from '../../shared/consensus/decide.ts';
import { SILENCE_PROCEDURE_ACTOR } from '../../shared/consensus/silence.ts';
import type { AuditEntryInput } from '../../shared/schemas/audit.ts';
import type { Actor } from '../../shared/schemas/decisions.ts';
import type { SilenceRecord } from '../../shared/schemas/silence.ts';
import type { Stores } from '../storage/stores.ts';

const AT = '2026-11-22T10:00:00.000Z';
const CHAIR: Actor = { session: 'chair-session', role: 'chair', delegation: null };

function running(id = 'silence-1'): SilenceRecord {
  return {
    id,
    clauseIds: ['c1'],
    clauses: [{ id: 'c1', label: 'paragraph 1', textHash: 'h1' }],
    textHash: 'a'.repeat(64),
    place: null,
    circulatedAt: AT,
    circulatedBy: 'chair-session',
    deadline: '2026-11-22T10:10:00.000Z',
    state: 'running',
    endedAt: null,
    broken: null,
  };
}

function entry(command: string, actor: Actor = CHAIR): AuditEntryInput {
  return { at: AT, actor, command, clauseId: null, textHash: 'a'.repeat(64), details: {} };
}

const circulate = (silence = running()): DecisionEffect => ({
  type: 'circulate-silence',
  silence,
  texts: [{ textHash: 'h1', text: 'the words of c1' }],
});

const conclude = (silence = running()): DecisionEffect => ({
  type: 'conclude-silence',
  silence: { ...silence, state: 'concluded', endedAt: silence.deadline },
  adoption: null,
  freezes: [{ clauseId: 'c1', frozen: { at: silence.deadline, by: 'silence-procedure', textHash: 'h1' }, text: 'x' }],
});

/**
 * The silence procedure's part of the store contract, run inside `describeStoreContract` with its
 * stores and draft: a silence ends once, whoever tries again (a second process, a restart).
 */
export function silenceContractCases(current: () => { stores: Stores; draftId: string }): void {
  it('keeps each silence, lists the running ones, and ends one only once', async () => {
    const { stores, draftId } = current();
    await stores.decisions.recordDecision(draftId, circulate(), entry('circulate-silence'));
    expect((await stores.decisions.loadDecisions(draftId)).silences).toEqual([running()]);
    expect(await stores.decisions.listRunningSilences()).toEqual([{ draftId, silence: running() }]);
    expect(await stores.decisions.getClauseText(draftId, 'h1')).toBe('the words of c1');

    await stores.decisions.recordDecision(draftId, conclude(), entry('conclude-silence', SILENCE_PROCEDURE_ACTOR));
    const after = await stores.decisions.loadDecisions(draftId);
    expect(after.silences?.[0]?.state).toBe('concluded');
    expect(after.clauses.get('c1')?.frozen?.by).toBe('silence-procedure');
    expect(await stores.decisions.listRunningSilences()).toEqual([]);
    // The second conclusion, and a break after it, write nothing at all: not even an audit entry.
    await expect(
      stores.decisions.recordDecision(draftId, conclude(), entry('conclude-silence', SILENCE_PROCEDURE_ACTOR)),
    ).rejects.toThrow();
    const broken: DecisionEffect = { type: 'break-silence', silence: { ...running(), state: 'broken', endedAt: AT } };
    await expect(stores.decisions.recordDecision(draftId, broken, entry('break-silence'))).rejects.toThrow();
    expect(await stores.decisions.loadDecisions(draftId)).toEqual(after);
    expect((await stores.decisions.listAudit(draftId)).map((e) => e.command)).toEqual([
      'circulate-silence',
      'conclude-silence',
    ]);
  });

  it('runs one silence per draft at a time', async () => {
    const { stores, draftId } = current();
    await stores.decisions.recordDecision(draftId, circulate(), entry('circulate-silence'));
    await expect(
      stores.decisions.recordDecision(draftId, circulate(running('silence-2')), entry('circulate-silence')),
    ).rejects.toThrow();
    expect(await stores.decisions.listAudit(draftId)).toHaveLength(1);
  });

  it("keeps the Chairman's Statement once, as issued", async () => {
    const { stores, draftId } = current();
    const record = {
      draftId,
      title: 'T',
      kind: 'joint-statement' as const,
      consensus: { rule: 'unanimous' as const },
      delegations: ['MYS'],
      place: 'Kuala Lumpur',
      date: '2026-11-22',
      issuedAt: AT,
      issuedBy: CHAIR,
      clauses: [],
      textHash: 'b'.repeat(64),
    };
    const issue: DecisionEffect = { type: 'issue-chair-statement', record };
    expect(await stores.decisions.getChairStatement(draftId)).toBeNull();
    await stores.decisions.recordDecision(draftId, issue, entry('issue-chair-statement'));
    expect(await stores.decisions.getChairStatement(draftId)).toBe(JSON.stringify(record));
    expect((await stores.decisions.loadDecisions(draftId)).chairStatement).toEqual({
      at: AT,
      textHash: record.textHash,
    });
    await expect(stores.decisions.recordDecision(draftId, issue, entry('issue-chair-statement'))).rejects.toThrow();
    expect(await stores.decisions.listAudit(draftId)).toHaveLength(1);
  });
}
