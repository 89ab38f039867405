import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateDraftRequest, CreateDraftResponse } from '../../shared/schemas/draft.ts';
import { CreateDraftResponse as CreateDraftResponseSchema } from '../../shared/schemas/draft.ts';
import { ServerConfig, type ServerConfigInput } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type RunningServer, startServer } from '../start-server.ts';
import type { Stores } from '../storage/stores.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Closes the server; `keepData` leaves the data directory for a restart. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the real server in this process on a free port with its own data directory. */
export async function startTestServer(
  overrides: ServerConfigInput = {},
  logger: Logger = createLogger('silent'),
  wrapStores?: (stores: Stores) => Stores,
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'mufakat-test-'));
  const config = ServerConfig.parse({
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    clientDir: '',
    logLevel: 'silent',
    idleUnloadMs: 200,
    operatorToken: TEST_OPERATOR_TOKEN,
    ...overrides,
    dataDir,
  });
  const running = await startServer(config, logger, wrapStores === undefined ? {} : { wrapStores });
  return {
    ...running,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      await running.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The operator token of every test server: what starts drafts in tests. */
export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789';

/** The header that starts a draft, as the operator's program sends it. */
export const OPERATOR_HEADERS = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } as const;

export const TWO_DELEGATION_DRAFT: CreateDraftRequest = {
  title: 'Test Joint Statement',
  kind: 'joint-statement',
  delegations: ['MYS', 'PHL'],
  clauses: [
    { kind: 'preamble', text: 'RECOGNISING the importance of dialogue;' },
    { kind: 'operative', text: 'COMMEND the work of the drafting committee;' },
    { kind: 'operative', text: 'WELCOME the next meeting.' },
  ],
};

/** Creates a draft through the HTTP API, as a chair would. */
export async function createTestDraft(
  baseUrl: string,
  request: CreateDraftRequest = TWO_DELEGATION_DRAFT,
): Promise<CreateDraftResponse> {
  const response = await fetch(`${baseUrl}/api/drafts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS },
    body: JSON.stringify(request),
  });
  if (response.status !== 201)
    throw new Error(`creating a draft answered ${response.status}: ${await response.text()}`);
  return CreateDraftResponseSchema.parse(await response.json());
}

/** Exchanges a capability link for a session, as a program would; returns the Cookie header. */
export async function sessionCookieFor(baseUrl: string, link: string): Promise<string> {
  const token = link.slice(link.lastIndexOf('/') + 1);
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(`session exchange answered ${response.status}`);
  const setCookie = response.headers.get('set-cookie');
  if (setCookie === null) throw new Error('session exchange set no cookie');
  return setCookie.split(';')[0] ?? '';
}
