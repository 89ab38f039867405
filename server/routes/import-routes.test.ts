import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/errors.ts';
import { importToClauses } from '../../shared/import/import-to-clauses.ts';
import { ImportResult } from '../../shared/schemas/import.ts';
import { createApp, type MufakatApp } from '../app.ts';
import { ServerConfig } from '../config.ts';
import { readCorpusText } from '../import/corpus/read-corpus-text.ts';
import { PLAIN_TEXT_NOTICE } from '../import/recognise/assemble-report.ts';
import { createLogger } from '../logger.ts';
import { createSqliteStores } from '../storage/sqlite/sqlite-stores.ts';
import type { Stores } from '../storage/stores.ts';
import { buildDocx, type DocxBlock } from '../testing/build-docx.ts';
import { readFixture } from '../testing/fixtures.ts';
import { OPERATOR_HEADERS, TEST_OPERATOR_TOKEN } from '../testing/test-server.ts';

const fixture = (name: string) => readFixture(name).toString('utf8');
const ADMM_PLUS = fixture('admm-plus-2025-joint-statement.txt');
const SIEM_REAP = fixture('nadi-2024-siem-reap-chairmans-report.txt');
const MANILA = fixture('nadi-2025-manila-chairmans-report.txt');
const corpus = (file: string) => readCorpusText({ file, dir: 'corpus' });
const UN_80_1 = corpus('un-ga-80-1-palestine-participation.txt');
const ASEAN_US_2023 = corpus('asean-us-2023-aoip-leaders-statement.txt');
const EAST_ROOM = corpus('apep-2023-east-room-declaration.txt');
const TWO_MB = 2 * 1024 * 1024;
const BASE = 'http://mufakat.test';

let stores: Stores;
let draftsCreated: number;
let mufakat: MufakatApp;

beforeEach(() => {
  const sqlite = createSqliteStores({ file: ':memory:' });
  draftsCreated = 0;
  stores = {
    ...sqlite,
    drafts: {
      ...sqlite.drafts,
      createDraft: (...args) => {
        draftsCreated += 1;
        return sqlite.drafts.createDraft(...args);
      },
    },
  };
  mufakat = createApp({
    stores,
    logger: createLogger('silent'),
    config: { ...ServerConfig.parse({ clientDir: '' }), operatorToken: TEST_OPERATOR_TOKEN },
  });
});

afterEach(async () => {
  await mufakat.close();
  await stores.close();
});

function postText(text: unknown) {
  return mufakat.app.request(`${BASE}/api/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS },
    body: JSON.stringify(typeof text === 'string' ? { text } : text),
  });
}

function postFile(name: string, content: string | Uint8Array, type = '') {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  return mufakat.app.request(`${BASE}/api/import`, { method: 'POST', body: form, headers: OPERATOR_HEADERS });
}

async function resultOf(response: Response): Promise<ImportResult> {
  expect(response.status).toBe(200);
  return ImportResult.parse(await response.json());
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = ErrorBody.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(20);
  return body.error.message;
}

function count(result: ImportResult, kind: string): number {
  return result.clauses.filter((clause) => clause.kind === kind).length;
}

function paragraphCount(result: ImportResult): number {
  return result.kind === 'chairs-report' ? count(result, 'paragraph') : -1;
}

/** The report as Word holds it: numbers and letters in the list style, not in the text. */
function asWordList(report: string): DocxBlock[] {
  return report
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): DocxBlock => {
      const paragraph = /^\d+\.\s+(.*)$/.exec(line);
      if (paragraph !== null) return { text: paragraph[1] ?? '', list: { level: 0 } };
      const subItem = /^\s*-?\s*(?:[a-z]\.|\([a-z]\))\s+(.*)$/.exec(line);
      if (subItem !== null) return { text: subItem[1] ?? '', list: { level: 1 } };
      return { text: line.trim() };
    });
}

describe('POST /api/import with pasted text', () => {
  it('answers the ADMM-Plus joint statement with 9 preambular and 11 operative clauses', async () => {
    const result = await resultOf(await postText(ADMM_PLUS));
    expect(result).toMatchObject({
      kind: 'joint-statement',
      title: 'Joint Statement by the ASEAN Defence Ministers’ Meeting Plus (ADMM-PLUS)',
      date: '2025-11-01',
      closing: { place: 'Kuala Lumpur, Malaysia', date: '2025-11-01' },
    });
    expect(result.clauses.find((clause) => clause.kind === 'lead-in')?.text).toBe('WE HEREBY COMMIT TO:');
    expect([count(result, 'preamble'), count(result, 'operative')]).toEqual([9, 11]);
  });

  it('answers each NADI report with every numbered paragraph', async () => {
    expect(paragraphCount(await resultOf(await postText(SIEM_REAP)))).toBe(55);
    expect(paragraphCount(await resultOf(await postText(MANILA)))).toBe(50);
  });

  it('answers plain paragraphs with a notice for text without structure', async () => {
    const result = await resultOf(await postText('The delegations met informally over lunch.'));
    expect(result.warnings).toEqual([PLAIN_TEXT_NOTICE]);
  });

  it('creates nothing, and its answer creates the draft through POST /api/drafts', async () => {
    const result = await resultOf(await postText(ADMM_PLUS));
    expect(draftsCreated).toBe(0);
    const created = await mufakat.app.request(`${BASE}/api/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS },
      body: JSON.stringify({ ...importToClauses(result), delegations: ['MYS', 'PHL'] }),
    });
    expect(created.status).toBe(201);
    expect(draftsCreated).toBe(1);
  });

  it('refuses empty and blank text with 400', async () => {
    await expectError(await postText(''), 400, 'empty_input');
    await expectError(await postText(' \r\n\t\n '), 400, 'empty_input');
  });

  it('refuses text over 2 MB with 413', async () => {
    const message = await expectError(await postText('a'.repeat(TWO_MB + 1)), 413, 'payload_too_large');
    expect(message).toContain('2 MB');
  });

  it('refuses a body that is not JSON, or JSON without a text', async () => {
    const response = await mufakat.app.request(`${BASE}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS },
      body: '{"text":',
    });
    await expectError(response, 400, 'invalid_request');
    await expectError(await postText({ words: 'x' }), 400, 'invalid_request');
  });

  it('refuses another content type with 415, saying what to send', async () => {
    const response = await mufakat.app.request(`${BASE}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...OPERATOR_HEADERS },
      body: 'RECOGNISING',
    });
    expect(await expectError(response, 415, 'unsupported_file')).toContain('multipart/form-data');
  });
});

describe('POST /api/import with an uploaded file', () => {
  it('reads a .txt upload as pasted text', async () => {
    expect(await resultOf(await postFile('statement.txt', ADMM_PLUS, 'text/plain'))).toEqual(
      await resultOf(await postText(ADMM_PLUS)),
    );
  });

  it('reads a .md upload with Windows line endings and a byte order mark', async () => {
    const markdown = `\ufeff# Chair’s Report\r\n\r\n1. One.\r\n2. Two.\r\n`;
    const result = await resultOf(await postFile('report.md', markdown));
    expect(result).toMatchObject({ kind: 'chairs-report', title: 'Chair’s Report' });
    expect(result.clauses.map((clause) => clause.text)).toEqual(['One.', 'Two.']);
  });

  it('reads a .docx of the ADMM-Plus statement, one Word paragraph per line, as 9 and 11 clauses', async () => {
    const docx = await buildDocx(
      ADMM_PLUS.split('\n')
        .filter((line) => line.trim() !== '')
        .map((text) => ({ text })),
    );
    const result = await resultOf(await postFile('admm-plus.docx', docx));
    expect(result).toEqual(await resultOf(await postText(ADMM_PLUS)));
    expect([count(result, 'preamble'), count(result, 'operative')]).toEqual([9, 11]);
  });

  it('reads a .docx report whose paragraph numbers and letters are Word list numbering', async () => {
    const docx = await buildDocx(asWordList(SIEM_REAP));
    const result = await resultOf(await postFile('siem-reap.docx', docx));
    expect(paragraphCount(result)).toBe(55);
    const paragraphs = result.clauses.filter((clause) => clause.kind === 'paragraph').map((clause) => clause.text);
    expect(paragraphs[5]?.split('\n').map((line) => line.slice(0, 3))).toEqual(['The', 'a. ', 'b. ', 'c. ']);
    expect(paragraphs[51]).toContain('Date\tActivities\tCountry\tVia');
    expect(result.warnings).toEqual([]);
  });

  it('reads a .docx resolution whose operative numbers and sub-item letters are Word list numbering', async () => {
    const docx = await buildDocx(asWordList(UN_80_1));
    const result = await resultOf(await postFile('resolution.docx', docx));
    expect(result).toMatchObject({
      kind: 'resolution',
      title: 'Participation by the State of Palestine during the eightieth session',
    });
    expect([
      count(result, 'chapeau'),
      count(result, 'preamble'),
      count(result, 'operative'),
      count(result, 'closing'),
    ]).toEqual([1, 5, 3, 1]);
    // Word shows its list letters as the list style writes them ("a."): the text had "(a)".
    const operative = result.clauses.find((clause) => clause.kind === 'operative')?.text.split('\n') ?? [];
    expect(operative.map((line) => line.slice(0, 3))).toEqual(['Dec', 'a. ', 'b. ', 'c. ']);
  });

  it('reads a .docx statement with a Title style and sub-headings between its operative clauses', async () => {
    const lines = ASEAN_US_2023.split('\n').filter((line) => line.trim() !== '');
    const docx = await buildDocx(
      lines.map((text, i): DocxBlock => {
        if (i === 0) return { text, style: 'Title' };
        const item = /^1\.\s+(.*)$/.exec(text);
        return item === null ? { text } : { text: item[1] ?? '', list: { level: 0 } };
      }),
    );
    const result = await resultOf(await postFile('statement.docx', docx));
    expect(importToClauses(result)).toEqual(importToClauses(await resultOf(await postText(ASEAN_US_2023))));
    expect(count(result, 'heading')).toBe(4);
  });

  it('reads a .docx declaration of prose paragraphs with a bulleted list', async () => {
    const lines = EAST_ROOM.split('\n').filter((line) => line.trim() !== '');
    const docx = await buildDocx(
      lines.map((text, i): DocxBlock => (i >= 3 && i <= 7 ? { text, list: { level: 0, ordered: false } } : { text })),
    );
    const result = await resultOf(await postFile('declaration.docx', docx));
    expect(result.kind).toBe('chairs-report');
    expect(count(result, 'paragraph')).toBe(10);
    expect(result.clauses[1]?.text).toMatch(/work:\nStrengthening regional competitiveness and integration\nFostering/);
  });

  it('refuses a file over 2 MB with 413', async () => {
    await expectError(await postFile('big.txt', 'a'.repeat(TWO_MB + 1)), 413, 'payload_too_large');
  });

  it('refuses a body far over the limit before reading it', async () => {
    await expectError(await postFile('huge.txt', 'a'.repeat(5 * TWO_MB)), 413, 'payload_too_large');
  });

  it('refuses an empty file with 400', async () => {
    await expectError(await postFile('empty.txt', ''), 400, 'empty_input');
  });

  it('refuses binary data with 400', async () => {
    await expectError(
      await postFile('photo.txt', new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10])),
      400,
      'unreadable_file',
    );
  });

  it('refuses an unsupported type with 415, naming the accepted ones', async () => {
    const message = await expectError(await postFile('statement.pdf', '%PDF-1.7'), 415, 'unsupported_file');
    expect(message).toContain('.txt, .md, .markdown, .docx');
  });

  it('refuses a form without a "file" field', async () => {
    const form = new FormData();
    form.append('document', 'RECOGNISING');
    const response = await mufakat.app.request(`${BASE}/api/import`, {
      method: 'POST',
      body: form,
      headers: OPERATOR_HEADERS,
    });
    expect(await expectError(response, 400, 'invalid_request')).toContain('"file"');
  });
});
