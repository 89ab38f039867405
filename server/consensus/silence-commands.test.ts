import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readClauseText } from '../../shared/clause-text.ts';
import { CloseCode } from '../../shared/protocol.ts';
import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { ChairStatementRecord } from '../../shared/schemas/silence.ts';
import { type CollabClient, clauseRoot, connectClient, typeIntoClause, waitFor } from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const MINUTE = 60_000;

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer', string>;
let clients: CollabClient[];

beforeEach(async () => {
  clients = [];
  server = await startTestServer({ testClockOffsetMs: 0 });
  draft = await createTestDraft(server.url);
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    secretariat: await cookie(draft.links.secretariat),
    observer: await cookie(draft.links.observer),
  };
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

async function command(as: keyof typeof cookies | null, body: unknown) {
  return sendCommand(server.url, draft.id, as === null ? null : cookies[as], body);
}

async function hashes(): Promise<Record<string, string>> {
  const state = await fetchState(server.url, draft.id, cookies.chair);
  return Object.fromEntries(state.clauses.map((c) => [c.id, c.textHash]));
}

async function serverNow(advanceMs = 0): Promise<number> {
  const response = await fetch(`${server.url}/api/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  expect(response.status).toBe(200);
  return Date.parse(((await response.json()) as { now: string }).now);
}

async function circulate(clauseIds: string[] | null, inMs = 10 * MINUTE) {
  const all = await hashes();
  const textHashes = clauseIds === null ? all : Object.fromEntries(clauseIds.map((id) => [id, all[id] ?? '']));
  return command('chair', {
    type: 'circulate-silence',
    clauseIds,
    deadline: new Date((await serverNow()) + inMs).toISOString(),
    textHashes,
    place: 'Kuala Lumpur',
  });
}

async function runningId(): Promise<string> {
  const state = await fetchState(server.url, draft.id, cookies.chair);
  const running = state.silences?.find((s) => s.state === 'running');
  if (running === undefined) throw new Error('no silence runs');
  return running.id;
}

async function rawClient(as: keyof typeof cookies = 'secretariat'): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, cookies[as]);
  clients.push(client);
  await client.synced;
  return client;
}

async function auditCommands(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}/audit`, { headers: { cookie: cookies.chair } });
  return ((await response.json()) as { entries: Array<{ command: string }> }).entries.map((e) => e.command);
}

describe('the silence commands, role by role', () => {
  it('lets the chair circulate and withdraw, a delegation break, nobody else', async () => {
    const [first = ''] = Object.keys(await hashes());
    const roles = ['MYS', 'secretariat', 'observer', null] as const;
    for (const role of roles) {
      const all = await hashes();
      const refused = await command(role, {
        type: 'circulate-silence',
        clauseIds: null,
        deadline: new Date((await serverNow()) + 10 * MINUTE).toISOString(),
        textHashes: all,
        place: 'Kuala Lumpur',
      });
      expect(refused.status).toBe(role === null ? 401 : 403);
    }
    expect((await circulate([first])).status).toBe(200);
    const silenceId = await runningId();
    const breaking = { type: 'break-silence', silenceId, clauseIds: [first], reason: 'We need instructions.' };
    const withdraw = { type: 'withdraw-silence', silenceId };
    const statuses: Record<string, number[]> = {};
    for (const role of ['chair', 'secretariat', 'observer'] as const) {
      statuses[role] = [(await command(role, breaking)).status];
    }
    for (const role of ['MYS', 'secretariat', 'observer'] as const) {
      statuses[role] = [...(statuses[role] ?? []), (await command(role, withdraw)).status];
    }
    expect(statuses).toEqual({ chair: [403], secretariat: [403, 403], observer: [403, 403], MYS: [403] });
    expect((await command('chair', withdraw)).status).toBe(200);
    expect(errorCode((await command('MYS', breaking)).body)).toBe('silence_ended');
    const statement = { type: 'issue-chair-statement', place: 'Kuala Lumpur', date: TODAY };
    for (const role of ['MYS', 'secretariat', 'observer'] as const) {
      expect((await command(role, statement)).status).toBe(403);
    }
  });

  it('refuses a deadline under 5 minutes of the server clock and a second silence', async () => {
    const refused = await circulate(null, 4 * MINUTE);
    expect(refused.status).toBe(400);
    expect(errorCode(refused.body)).toBe('invalid_date');
    expect((await circulate(null)).status).toBe(200);
    expect(errorCode((await circulate(null)).body)).toBe('silence');
  });
});

describe('the circulated text is locked', () => {
  it('refuses a raw Yjs edit of a circulated clause with 4403, and unlocks it once silence is broken', async () => {
    const [circulated = '', other = ''] = Object.keys(await hashes());
    expect((await circulate([circulated])).status).toBe(200);
    const editor = await rawClient();
    const before = readClauseText(clauseRoot(editor.doc, circulated));
    typeIntoClause(editor.doc, circulated, ' SNEAKED IN');
    await waitFor(() => editor.closeCodes.includes(CloseCode.forbidden), 'close 4403');
    const reader = await rawClient('observer');
    expect(readClauseText(clauseRoot(reader.doc, circulated))).toBe(before);

    // The clause not circulated is open; positions on the circulated one are refused.
    const writer = await rawClient('secretariat');
    typeIntoClause(writer.doc, other, ' more');
    await waitFor(() => readClauseText(clauseRoot(reader.doc, other)).endsWith(' more'), 'the edit to arrive');
    const position = {
      type: 'position',
      clauseId: circulated,
      stance: 'endorsed',
      textHash: (await hashes())[circulated],
    };
    expect(errorCode((await command('PHL', position)).body)).toBe('silence');

    const silenceId = await runningId();
    const broken = await command('MYS', { type: 'break-silence', silenceId, clauseIds: [circulated], reason: 'No.' });
    expect(broken.status).toBe(200);
    typeIntoClause(writer.doc, circulated, ' now allowed');
    await waitFor(
      () => readClauseText(clauseRoot(reader.doc, circulated)).endsWith(' now allowed'),
      'the edit after silence was broken',
    );
    const letter = await fetch(`${server.url}/api/drafts/${draft.id}/silences/${silenceId}/letter?format=html`, {
      headers: { cookie: cookies.PHL },
    });
    expect(await letter.text()).toContain('the silence was broken by MYS on preambular paragraph 1 (No.)');
  });
});

describe('the conclusion at the deadline', () => {
  it('adopts the whole draft under silence once the test clock passes the deadline, once', async () => {
    expect((await circulate(null)).status).toBe(200);
    const silenceId = await runningId();
    await serverNow(9 * MINUTE);
    expect((await fetchState(server.url, draft.id, cookies.chair)).adoption).toBeNull();
    await serverNow(MINUTE);
    await serverNow(MINUTE);
    const state = await fetchState(server.url, draft.id, cookies.chair);
    expect(state.adoption).not.toBeNull();
    expect(state.silences?.[0]?.state).toBe('concluded');
    expect((await auditCommands()).filter((c) => c === 'conclude-silence')).toHaveLength(1);
    const response = await fetch(`${server.url}/api/drafts/${draft.id}/adoption`, { headers: { cookie: cookies.MYS } });
    const record = AdoptionRecord.parse(await response.json());
    expect(record.underSilence?.silenceId).toBe(silenceId);
    const html = await fetch(`${server.url}/api/drafts/${draft.id}/export?format=html&version=adopted`, {
      headers: { cookie: cookies.MYS },
    });
    expect(await html.text()).toContain('Adopted under silence');
    const letter = await fetch(`${server.url}/api/drafts/${draft.id}/silences/${silenceId}/letter?format=docx`, {
      headers: { cookie: cookies.MYS },
    });
    expect(letter.headers.get('content-type')).toContain('wordprocessingml');
    // Adopted: the guard refuses every edit now.
    const editor = await rawClient();
    const [clauseId = ''] = Object.keys(await hashes());
    typeIntoClause(editor.doc, clauseId, ' late');
    await waitFor(() => editor.closeCodes.includes(CloseCode.forbidden), 'close 4403 after adoption');
  });

  it('concludes by its own timer when the deadline comes, with no request to make it', async () => {
    const deadline = (await serverNow()) + 10 * MINUTE;
    const all = await hashes();
    const circulated = await command('chair', {
      type: 'circulate-silence',
      clauseIds: null,
      deadline: new Date(deadline).toISOString(),
      textHashes: all,
      place: 'Kuala Lumpur',
    });
    expect(circulated.status).toBe(200);
    // Moved to just short of the deadline: nothing is due yet, and the clock re-arms its timer.
    const now = await serverNow(0);
    await serverNow(deadline - now - 1500);
    expect((await fetchState(server.url, draft.id, cookies.chair)).adoption).toBeNull();
    await waitFor(async () => (await auditCommands()).includes('conclude-silence'), 'the timer to conclude');
    expect((await fetchState(server.url, draft.id, cookies.chair)).adoption).not.toBeNull();
  });

  it('refuses to break silence once the deadline has passed, even before the clock concludes it', async () => {
    const [first = ''] = Object.keys(await hashes());
    expect((await circulate([first])).status).toBe(200);
    const silenceId = await runningId();
    // Moved past the deadline; the route concludes too, so break is refused as ended.
    await serverNow(11 * MINUTE);
    const late = await command('MYS', { type: 'break-silence', silenceId, clauseIds: [first], reason: 'Too late.' });
    expect(errorCode(late.body)).toBe('silence_ended');
    const state = await fetchState(server.url, draft.id, cookies.chair);
    expect(state.clauses.find((c) => c.id === first)?.frozen?.by).toBe('silence-procedure');
    expect(state.adoption).toBeNull();
  });
});

describe("the Chairman's Statement", () => {
  it('closes the draft like an adoption, with a record that names no delegation as agreeing', async () => {
    const issued = await command('chair', { type: 'issue-chair-statement', place: 'Kuala Lumpur', date: TODAY });
    expect(issued.status).toBe(200);
    const response = await fetch(`${server.url}/api/drafts/${draft.id}/chair-statement`, {
      headers: { cookie: cookies.PHL },
    });
    const record = ChairStatementRecord.parse(await response.json());
    expect(JSON.stringify(record)).not.toContain('positions');
    const html = await fetch(`${server.url}/api/drafts/${draft.id}/chair-statement/export?format=html`, {
      headers: { cookie: cookies.PHL },
    });
    const text = await html.text();
    expect(text).toContain('<h1>Chairman&#39;s Statement</h1>');
    expect(text).toContain('does not record the agreement of any delegation');
    expect(errorCode((await command('chair', { type: 'adopt', place: 'KL', date: TODAY })).body)).toBe('adopted');
    const editor = await rawClient();
    const [clauseId = ''] = Object.keys(await hashes());
    typeIntoClause(editor.doc, clauseId, ' late');
    await waitFor(() => editor.closeCodes.includes(CloseCode.forbidden), "close 4403 after the Chairman's Statement");
  });
});
