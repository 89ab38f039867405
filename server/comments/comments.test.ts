import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeRelativePosition } from '../../shared/comments/comment-anchor.ts';
import { clauseOrder } from '../../shared/doc-layout.ts';
import { COMMENT_MAX_CHARS, CommentEvent, CommentsState } from '../../shared/schemas/comments.ts';
import type { CreateDraftResponse } from '../../shared/schemas/draft.ts';
import {
  type CollabClient,
  clauseRoot,
  connectClient,
  deleteFromClause,
  typeIntoClause,
  waitFor,
} from '../testing/collab-client.ts';
import { errorCode, fetchState, sendCommand } from '../testing/commands.ts';
import { openEventStream } from '../testing/event-stream.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from '../testing/test-server.ts';

type Who = 'chair' | 'MYS' | 'PHL' | 'secretariat' | 'observer';
const EVERYONE: Who[] = ['chair', 'MYS', 'PHL', 'secretariat', 'observer'];

let server: TestServer;
let draft: CreateDraftResponse;
let cookies: Record<Who, string>;
let clients: CollabClient[];

async function signIn(): Promise<void> {
  const cookie = (link: string | undefined) => sessionCookieFor(server.url, link ?? '');
  cookies = {
    chair: await cookie(draft.links.chair),
    MYS: await cookie(draft.links.delegations.MYS),
    PHL: await cookie(draft.links.delegations.PHL),
    secretariat: await cookie(draft.links.secretariat),
    observer: await cookie(draft.links.observer),
  };
}

async function comment(as: Who, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookies[as] },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function threadId(as: Who, body: unknown): Promise<string> {
  const answer = await comment(as, body);
  expect(answer.status).toBe(200);
  return String((answer.body as { threadId: string }).threadId);
}

async function seen(as: Who): Promise<CommentsState> {
  const response = await fetch(`${server.url}/api/drafts/${draft.id}/comments`, { headers: { cookie: cookies[as] } });
  expect(response.status).toBe(200);
  return CommentsState.parse(await response.json());
}

async function rawClient(as: Who = 'secretariat'): Promise<CollabClient> {
  const client = connectClient(server.url, draft.id, cookies[as]);
  clients.push(client);
  await client.synced;
  return client;
}

/** A span over `words` in a clause's first paragraph, as the browser builds it from a selection. */
function spanOver(doc: Y.Doc, clauseId: string, words: string) {
  const paragraph = (clauseRoot(doc, clauseId).toDelta()[0] as { insert: Y.XmlText }).insert;
  const text = (paragraph.toDelta() as Array<{ insert: unknown }>)
    .map((op) => (typeof op.insert === 'string' ? op.insert : '\u0000'))
    .join('');
  const at = text.indexOf(words);
  if (at < 0) throw new Error(`no "${words}" in the clause`);
  return {
    start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(paragraph, at, 0)),
    end: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(paragraph, at + words.length, -1)),
    quote: words,
  };
}

let first = '';
let second = '';

beforeEach(async () => {
  clients = [];
  server = await startTestServer();
  draft = await createTestDraft(server.url);
  await signIn();
  const client = await rawClient();
  [first = '', second = ''] = clauseOrder(client.doc);
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

describe('who sees which comment', () => {
  it('shows a public comment to everyone and a private note only to its own delegation, over HTTP', async () => {
    await threadId('MYS', { type: 'start-thread', clauseId: first, text: 'For everyone', visibility: 'everyone' });
    await threadId('MYS', {
      type: 'start-thread',
      clauseId: first,
      text: 'MYS only: hold firm',
      visibility: 'delegation',
    });
    await threadId('PHL', { type: 'start-thread', clauseId: first, text: 'PHL only', visibility: 'delegation' });
    const texts = async (as: Who) => (await seen(as)).threads.flatMap((t) => t.comments.map((c) => c.text)).sort();
    expect(await texts('MYS')).toEqual(['For everyone', 'MYS only: hold firm']);
    expect(await texts('PHL')).toEqual(['For everyone', 'PHL only']);
    for (const as of ['chair', 'secretariat', 'observer'] as const) expect(await texts(as)).toEqual(['For everyone']);
  });

  it('pushes a private note only to its delegation’s channel, and the public one to all', async () => {
    const streams = new Map<Who, Awaited<ReturnType<typeof openEventStream>>>();
    for (const as of EVERYONE) {
      const stream = await openEventStream(`${server.url}/api/drafts/${draft.id}/comments/events`, cookies[as]);
      expect((await stream.next()).event).toBe('comments');
      streams.set(as, stream);
    }
    await threadId('MYS', { type: 'start-thread', clauseId: first, text: 'secret', visibility: 'delegation' });
    await threadId('PHL', { type: 'start-thread', clauseId: first, text: 'public', visibility: 'everyone' });
    for (const [as, stream] of streams) {
      // Events go out in order: whoever would have had the private note has it before the public one.
      const received = CommentEvent.parse(JSON.parse((await stream.next()).data));
      const text = received.type === 'thread' ? received.thread.comments[0]?.text : null;
      expect(text, as).toBe(as === 'MYS' ? 'secret' : 'public');
      stream.close();
    }
  });

  it('answers a reply or a resolve to another delegation’s private note as a thread that does not exist', async () => {
    const note = await threadId('MYS', {
      type: 'start-thread',
      clauseId: first,
      text: 'ours',
      visibility: 'delegation',
    });
    for (const as of ['PHL', 'chair'] as const) {
      expect((await comment(as, { type: 'reply', threadId: note, text: 'peek' })).status).toBe(404);
      expect((await comment(as, { type: 'resolve', threadId: note })).status).toBe(404);
    }
  });

  it('refuses a private note from the chair, who has no delegation, and any comment from an observer', async () => {
    const chair = await comment('chair', {
      type: 'start-thread',
      clauseId: first,
      text: 'x',
      visibility: 'delegation',
    });
    expect(chair.status).toBe(403);
    expect((await comment('observer', { type: 'start-thread', clauseId: first, text: 'x' })).status).toBe(403);
  });

  it('audits every comment with its session, each audit showing only what its reader may see', async () => {
    await threadId('MYS', { type: 'start-thread', clauseId: first, text: 'ours', visibility: 'delegation' });
    const open = await threadId('PHL', { type: 'start-thread', clauseId: first, text: 'public' });
    await comment('chair', { type: 'resolve', threadId: open });
    const audit = async (as: Who) => {
      const response = await fetch(`${server.url}/api/drafts/${draft.id}/comments/audit`, {
        headers: { cookie: cookies[as] },
      });
      const body = (await response.json()) as {
        entries: Array<{ command: string; text: string | null; actor: { role: string } }>;
      };
      return body.entries.map((e) => `${e.actor.role}:${e.command}:${e.text ?? ''}`);
    };
    expect(await audit('MYS')).toEqual([
      'delegation:start-thread:ours',
      'delegation:start-thread:public',
      'chair:resolve:',
    ]);
    for (const as of ['PHL', 'chair', 'observer'] as const) {
      expect(await audit(as)).toEqual(['delegation:start-thread:public', 'chair:resolve:']);
    }
  });

  it('keeps the decisions’ seq where it was: comments are not decisions', async () => {
    const before = (await fetchState(server.url, draft.id, cookies.chair)).seq;
    await threadId('MYS', { type: 'start-thread', clauseId: first, text: 'secret', visibility: 'delegation' });
    await threadId('PHL', { type: 'start-thread', clauseId: first, text: 'public' });
    expect((await fetchState(server.url, draft.id, cookies.PHL)).seq).toBe(before);
  });
});

describe('resolving and re-opening', () => {
  it('lets the starter’s delegation and the chair resolve and re-open, but not another delegation', async () => {
    const thread = await threadId('MYS', { type: 'start-thread', clauseId: first, text: 'Is "dialogue" enough?' });
    const refused = await comment('PHL', { type: 'resolve', threadId: thread });
    expect([refused.status, errorCode(refused.body)]).toEqual([403, 'forbidden']);
    expect((await comment('MYS', { type: 'resolve', threadId: thread })).status).toBe(200);
    expect((await seen('PHL')).threads[0]?.resolved?.by).toEqual({ role: 'delegation', delegation: 'MYS' });
    expect((await comment('chair', { type: 'reopen', threadId: thread })).status).toBe(200);
    expect((await seen('PHL')).threads[0]?.resolved).toBeNull();
  });

  it('takes comments on a frozen clause', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    const clause = state.clauses.find((c) => c.id === first);
    const freeze = await sendCommand(server.url, draft.id, cookies.chair, {
      type: 'freeze',
      clauseId: first,
      textHash: clause?.textHash,
    });
    expect(freeze.status).toBe(200);
    expect((await comment('PHL', { type: 'start-thread', clauseId: first, text: 'Noted for the record' })).status).toBe(
      200,
    );
  });
});

describe('an adopted draft', () => {
  it('still takes comments, replies and resolutions once the text is adopted', async () => {
    const state = await fetchState(server.url, draft.id, cookies.chair);
    for (const clause of state.clauses) {
      for (const as of ['MYS', 'PHL'] as const) {
        const body = { type: 'position', clauseId: clause.id, stance: 'endorsed', textHash: clause.textHash };
        expect((await sendCommand(server.url, draft.id, cookies[as], body)).status).toBe(200);
      }
      const freeze = { type: 'freeze', clauseId: clause.id, textHash: clause.textHash };
      expect((await sendCommand(server.url, draft.id, cookies.chair, freeze)).status).toBe(200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const adopt = { type: 'adopt', place: 'Kuala Lumpur, Malaysia', date: today };
    expect((await sendCommand(server.url, draft.id, cookies.chair, adopt)).status).toBe(200);
    const thread = await threadId('PHL', {
      type: 'start-thread',
      clauseId: first,
      text: 'For the report of the meeting',
    });
    expect((await comment('MYS', { type: 'reply', threadId: thread, text: 'Agreed' })).status).toBe(200);
    expect((await comment('chair', { type: 'resolve', threadId: thread })).status).toBe(200);
  });
});

describe('mentions', () => {
  it('counts the mentions waiting for a delegation until it opens them', async () => {
    const stream = await openEventStream(`${server.url}/api/drafts/${draft.id}/comments/events`, cookies.PHL);
    await stream.next();
    await threadId('MYS', { type: 'start-thread', clauseId: first, text: '@PHL can you accept this? @XYZ' });
    const events = [
      CommentEvent.parse(JSON.parse((await stream.next()).data)),
      CommentEvent.parse(JSON.parse((await stream.next()).data)),
    ];
    expect(events).toContainEqual({ type: 'mentions', mentionsWaiting: 1 });
    expect((await seen('PHL')).mentionsWaiting).toBe(1);
    expect((await seen('MYS')).mentionsWaiting).toBe(0);
    expect((await comment('PHL', { type: 'read-mentions' })).status).toBe(200);
    expect((await seen('PHL')).mentionsWaiting).toBe(0);
    stream.close();
  });

  it('does not count a mention in another delegation’s private note', async () => {
    await threadId('MYS', { type: 'start-thread', clauseId: first, text: 'ask @PHL later', visibility: 'delegation' });
    expect((await seen('PHL')).mentionsWaiting).toBe(0);
  });

  it('refuses an explicit mention of a delegation that is not in the draft', async () => {
    const answer = await comment('MYS', { type: 'start-thread', clauseId: first, text: 'x', mentions: ['USA'] });
    expect([answer.status, errorCode(answer.body)]).toEqual([409, 'unknown_delegation']);
  });
});

describe('caps', () => {
  it(`refuses a comment of more than ${COMMENT_MAX_CHARS} characters`, async () => {
    const long = await comment('MYS', {
      type: 'start-thread',
      clauseId: first,
      text: 'a'.repeat(COMMENT_MAX_CHARS + 1),
    });
    expect(long.status).toBe(400);
    expect(
      (await comment('MYS', { type: 'start-thread', clauseId: first, text: 'a'.repeat(COMMENT_MAX_CHARS) })).status,
    ).toBe(200);
  });
});

describe('spans', () => {
  it('refuses a span whose quote is not the words between its positions in the server’s text', async () => {
    const client = await rawClient('MYS');
    const span = { ...spanOver(client.doc, first, 'importance'), quote: 'significance' };
    const answer = await comment('MYS', { type: 'start-thread', clauseId: first, span, text: 'x' });
    expect([answer.status, errorCode(answer.body)]).toEqual([409, 'span_changed']);
  });

  it('refuses a span whose positions lie in another clause’s text', async () => {
    const client = await rawClient('MYS');
    const span = spanOver(client.doc, second, 'work');
    const answer = await comment('MYS', { type: 'start-thread', clauseId: first, span, text: 'x' });
    expect([answer.status, errorCode(answer.body)]).toEqual([409, 'span_changed']);
  });

  it('follows its words through edits and a restart, and keeps the quote once they are deleted', async () => {
    const client = await rawClient('MYS');
    const span = spanOver(client.doc, first, 'importance');
    await threadId('MYS', { type: 'start-thread', clauseId: first, span, text: 'Say "value"?' });
    typeIntoClause(client.doc, first, 'FURTHER ', 'start');
    await waitFor(
      async () => (await seen('PHL')).threads[0]?.currentQuote === 'importance',
      'the span to follow its words',
    );
    client.destroy();
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir: server.dataDir });
    expect((await seen('PHL')).threads[0]?.currentQuote).toBe('importance');
    const after = await rawClient('MYS');
    // "FURTHER RECOGNISING the " is 24 characters: the quoted word starts there.
    deleteFromClause(after.doc, first, 24, 'importance'.length);
    await waitFor(async () => (await seen('PHL')).threads[0]?.currentQuote === null, 'the words to be gone');
    expect((await seen('PHL')).threads[0]?.span?.quote).toBe('importance');
  });

  it('still resolves after the log was compacted into a snapshot and the server restarted', async () => {
    await server.stop();
    server = await startTestServer({ compactAfterUpdates: 2 });
    draft = await createTestDraft(server.url);
    await signIn();
    const client = await rawClient('MYS');
    [first = ''] = clauseOrder(client.doc);
    await threadId('MYS', {
      type: 'start-thread',
      clauseId: first,
      span: spanOver(client.doc, first, 'importance'),
      text: 'x',
    });
    // Edits that compact the log, one of them inside the span: its last letter goes.
    for (const word of ['ONE ', 'TWO ', 'THREE ']) typeIntoClause(client.doc, first, word, 'start');
    deleteFromClause(client.doc, first, 'THREE TWO ONE RECOGNISING the importanc'.length, 1);
    await waitFor(async () => (await seen('PHL')).threads[0]?.currentQuote === 'importanc', 'the edits to arrive');
    client.destroy();
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir: server.dataDir, compactAfterUpdates: 2 });
    expect((await seen('PHL')).threads[0]?.currentQuote).toBe('importanc');
  });
});
