import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { connectClient, waitFor } from './collab-client.ts';
import { createTestDraft, sessionCookieFor, startTestServer, type TestServer } from './test-server.ts';

// A test of memory needs a collection on demand; the flag takes effect for new contexts.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let server: TestServer;

describe('test collaboration client', () => {
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('lets a destroyed client’s document be collected, so long runs of clients do not fill the heap', async () => {
    const doc = await joinAndLeave();
    await waitFor(
      () => {
        collectGarbage();
        return doc.deref() === undefined;
      },
      'the destroyed client’s document to be collected',
      5_000,
    );
  });
});

/** Joins a draft, syncs and destroys the client; only a weak reference to its doc leaves here. */
async function joinAndLeave(): Promise<WeakRef<object>> {
  const draft = await createTestDraft(server.url);
  const cookie = await sessionCookieFor(server.url, draft.links.secretariat);
  const client = connectClient(server.url, draft.id, cookie);
  await client.synced;
  client.destroy();
  return new WeakRef(client.doc);
}
