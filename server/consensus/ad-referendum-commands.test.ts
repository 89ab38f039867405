import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { DecisionEvent } from '../../shared/schemas/events.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import {
  createTestDraft,
  sessionCookieFor,
  startTestServer,
  type TestServer,
  TWO_DELEGATION_DRAFT,
} from '../testing/test-server.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const IN_A_WEEK = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const LAST_WEEK = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer', string>;

async function setUp(consensus = TWO_DELEGATION_DRAFT.consensus): Promise<void> {
  draft = await createTestDraft(server.url, { ...TWO_DELEGATION_DRAFT, ...(consensus ? { consensus } : {}) });
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    secretariat: await cookie(draft.links.secretariat),
    observer: await cookie(draft.links.observer),
  };
}

const command = (as: keyof typeof cookies | null, body: unknown) =>
  sendCommand(server.url, draft.id, as === null ? null : cookies[as], body);

async function hashes(): Promise<Array<[string, string]>> {
  const state = await fetchState(server.url, draft.id, cookies.chair);
  return state.clauses.map((c) => [c.id, c.textHash]);
}

/** Both delegations endorse every clause plainly and the chair freezes them all, but `except`. */
async function agreeAndFreeze(except: string): Promise<void> {
  for (const [clauseId, textHash] of await hashes()) {
    for (const d of ['MYS', 'PHL'] as const) {
      if (clauseId === except && d === 'PHL') continue;
      expect((await command(d, { type: 'position', clauseId, stance: 'endorsed', textHash })).status).toBe(200);
    }
    expect((await command('chair', { type: 'freeze', clauseId, textHash })).status).toBe(200);
  }
}

beforeEach(async () => {
  server = await startTestServer();
  await setUp();
});

afterEach(async () => {
  await server.stop();
});

describe('agreement ad referendum', () => {
  it('answers the ad referendum and the kinds of reservation as every role as the rules say', async () => {
    const [[clauseId, textHash] = ['', '']] = await hashes();
    const adRef = { type: 'position', clauseId, stance: 'endorsed', textHash, adReferendum: { expectedBy: IN_A_WEEK } };
    const scrutiny = { type: 'position', clauseId, stance: 'reserved', textHash, reservationKind: 'scrutiny' };
    const matrix: Record<string, number[]> = {};
    for (const role of ['observer', 'secretariat', 'chair', 'MYS'] as const) {
      matrix[role] = [(await command(role, adRef)).status, (await command(role, scrutiny)).status];
    }
    matrix['no session'] = [(await command(null, adRef)).status, (await command(null, scrutiny)).status];
    expect(matrix).toEqual({
      observer: [403, 403],
      secretariat: [403, 403],
      chair: [403, 403],
      MYS: [200, 200],
      'no session': [401, 401],
    });
  });

  it('refuses malformed ad referendum commands with 400, and a past date with 400 invalid_date', async () => {
    const [[clauseId, textHash] = ['', '']] = await hashes();
    const base = { type: 'position', clauseId, textHash };
    const bad = [
      { ...base, stance: 'reserved', reason: 'r', adReferendum: {} },
      { ...base, stance: 'endorsed', adReferendum: { expectedBy: 'next week' } },
      { ...base, stance: 'endorsed', adReferendum: { expectedBy: IN_A_WEEK, confirmed: true } },
      { ...base, stance: 'endorsed', reservationKind: 'scrutiny' },
      { ...base, stance: 'reserved', reservationKind: 'general' },
      { ...base, stance: 'reserved', reason: 'r', reservationKind: 'procedural' },
    ];
    for (const body of bad) expect((await command('MYS', body)).status).toBe(400);
    const past = await command('MYS', { ...base, stance: 'endorsed', adReferendum: { expectedBy: LAST_WEEK } });
    expect(past.status).toBe(400);
    expect(errorCode(past.body)).toBe('invalid_date');
  });

  it('shows the clause agreed ad ref, lets the chair freeze it, blocks adoption until the delegation confirms', async () => {
    const [[clauseId, textHash] = ['', '']] = await hashes();
    const events = await openEventStream(`${server.url}/api/drafts/${draft.id}/events`, cookies.observer);
    await agreeAndFreeze(clauseId);
    const adRef = { type: 'position', clauseId, stance: 'endorsed', textHash, adReferendum: { expectedBy: IN_A_WEEK } };
    expect((await command('PHL', adRef)).status).toBe(200);

    const state = await fetchState(server.url, draft.id, cookies.observer);
    const clause = state.clauses.find((c) => c.id === clauseId);
    expect(clause?.status).toBe('frozen');
    expect(clause?.positions.find((p) => p.delegation === 'PHL')).toMatchObject({
      stance: 'endorsed',
      adReferendum: { expectedBy: IN_A_WEEK },
      stale: false,
    });

    const blocked = await command('chair', { type: 'adopt', place: 'Manila', date: TODAY });
    expect(errorCode(blocked.body)).toBe('adoption_blocked');
    expect((blocked.body as { error: { message: string } }).error.message).toContain(
      `The Philippines agreed preambular paragraph 1 ad referendum and has not confirmed (expected by ${IN_A_WEEK}).`,
    );

    // The events carry the ad referendum, so that every client's matrix shows it.
    let event = DecisionEvent.parse(JSON.parse((await events.next()).data));
    while (
      !(event.change.type === 'position' && event.change.delegation === 'PHL' && event.change.clauseId === clauseId)
    ) {
      event = DecisionEvent.parse(JSON.parse((await events.next()).data));
    }
    expect(event.change).toMatchObject({ position: { adReferendum: { expectedBy: IN_A_WEEK } } });
    events.close();

    expect((await command('PHL', { type: 'position', clauseId, stance: 'endorsed', textHash })).status).toBe(200);
    expect((await command('chair', { type: 'adopt', place: 'Manila', date: TODAY })).status).toBe(200);
  });

  it('agreed ad ref before the freeze: the status says so, and withdrawing it on the frozen clause is allowed', async () => {
    const [[clauseId, textHash] = ['', '']] = await hashes();
    await command('MYS', { type: 'position', clauseId, stance: 'endorsed', textHash });
    await command('PHL', { type: 'position', clauseId, stance: 'endorsed', textHash, adReferendum: {} });
    const state = await fetchState(server.url, draft.id, cookies.observer);
    expect(state.clauses.find((c) => c.id === clauseId)?.status).toBe('agreed-ad-ref');
    expect((await command('chair', { type: 'freeze', clauseId, textHash })).status).toBe(200);
    const mysWithdraws = await command('MYS', { type: 'position', clauseId, stance: 'withdrawn', textHash });
    expect(errorCode(mysWithdraws.body)).toBe('frozen');
    const downgrade = await command('MYS', {
      type: 'position',
      clauseId,
      stance: 'endorsed',
      textHash,
      adReferendum: {},
    });
    expect(errorCode(downgrade.body)).toBe('frozen');
    expect((await command('PHL', { type: 'position', clauseId, stance: 'withdrawn', textHash })).status).toBe(200);
  });

  it('keeps the ad referendum and the reservation kind across a restart', async () => {
    const [[first, firstHash] = ['', ''], [second, secondHash] = ['', '']] = await hashes();
    await command('MYS', {
      type: 'position',
      clauseId: first,
      stance: 'endorsed',
      textHash: firstHash,
      adReferendum: { expectedBy: IN_A_WEEK },
    });
    await command('PHL', {
      type: 'position',
      clauseId: second,
      stance: 'reserved',
      textHash: secondHash,
      reservationKind: 'linguistic',
    });
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const state = await fetchState(server.url, draft.id, cookies.observer);
    expect(state.clauses[0]?.positions[0]).toMatchObject({ adReferendum: { expectedBy: IN_A_WEEK } });
    expect(state.clauses[1]?.positions[0]).toMatchObject({
      stance: 'reserved',
      reason: null,
      reservationKind: 'linguistic',
    });
  });
});

describe('kinds of reservation', () => {
  it('prints each kind’s footnote in the adoption record and the exports', async () => {
    await server.stop();
    server = await startTestServer();
    await setUp({ rule: 'minus-x', x: 1 });
    const [, [clauseId, textHash] = ['', '']] = await hashes();
    await agreeAndFreeze(clauseId);
    await command('chair', { type: 'reopen', clauseId, reason: 'PHL has a scrutiny reservation' });
    await command('PHL', { type: 'position', clauseId, stance: 'reserved', textHash, reservationKind: 'scrutiny' });
    await command('chair', { type: 'freeze', clauseId, textHash });
    const footnote = 'PHL maintains a parliamentary scrutiny reservation on paragraph 1.';

    const current = await fetch(`${server.url}/api/drafts/${draft.id}/export?format=md`, {
      headers: { cookie: cookies.observer },
    });
    expect(await current.text()).toContain(footnote);

    expect((await command('chair', { type: 'adopt', place: 'Manila', date: TODAY })).status).toBe(200);
    const record = await (
      await fetch(`${server.url}/api/drafts/${draft.id}/adoption`, { headers: { cookie: cookies.observer } })
    ).json();
    expect(record).toMatchObject({ footnotes: [footnote] });
    for (const format of ['md', 'html', 'akn'] as const) {
      const adopted = await fetch(`${server.url}/api/drafts/${draft.id}/export?format=${format}&version=adopted`, {
        headers: { cookie: cookies.observer },
      });
      expect(await adopted.text()).toContain('maintains a parliamentary scrutiny reservation on paragraph 1.');
    }
  });
});
