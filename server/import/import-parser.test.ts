import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { readFixture } from '../testing/fixtures.ts';
import { ImportBusyError, ImportParser, ImportTimeoutError } from './import-parser.ts';
import { parseImport } from './parse/parse-import.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const parsers: ImportParser[] = [];
afterEach(async () => {
  for (const parser of parsers.splice(0)) await parser.close();
});

function parser(options: { timeoutMs?: number; maxQueued?: number } = {}): ImportParser {
  const created = new ImportParser({ logger: quiet, ...options });
  parsers.push(created);
  return created;
}

describe('the import parser in its worker thread', () => {
  it('answers exactly what the parser answers in-process', async () => {
    const text = readFixture('admm-plus-2025-joint-statement.txt').toString('utf8');
    expect(await parser().parse(text)).toEqual(parseImport(text));
  });

  it('reads texts sent at once one after the other, each getting its own answer', async () => {
    const reader = parser();
    const texts = ['1. One.\n2. Two.', 'RECOGNISING x;\nWE HEREBY COMMIT TO:\nCOMMEND y.', 'Plain words.'];
    const answers = await Promise.all(texts.map((text) => reader.parse(text)));
    expect(answers).toEqual(texts.map((text) => parseImport(text)));
  });

  it('refuses a text beyond the queue as busy rather than holding it', async () => {
    const reader = parser({ maxQueued: 1 });
    const first = reader.parse('1. One.');
    const second = reader.parse('1. Two.');
    await expect(reader.parse('1. Three.')).rejects.toBeInstanceOf(ImportBusyError);
    await Promise.all([first, second]);
  });

  it('gives up a text that takes too long, and goes on to the next one instead of hanging', async () => {
    // One millisecond is less than a worker takes to start: every text here times out.
    const reader = parser({ timeoutMs: 1 });
    const first = reader.parse('1. One.');
    const second = reader.parse('1. Two.');
    await expect(first).rejects.toBeInstanceOf(ImportTimeoutError);
    await expect(second).rejects.toBeInstanceOf(ImportTimeoutError);
  });
});
