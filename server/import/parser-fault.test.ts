import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { answerAfterParserFault, PARSER_FAULT_NOTICE } from './parser-fault.ts';

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const log = (msg: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ msg, ...fields }));
  return { logger: { info: log, warn: log, error: log }, lines };
}

describe('answerAfterParserFault', () => {
  it('answers plain paragraphs with a notice when the parser fails, and logs it without the text', () => {
    const { logger, lines } = capture();
    const outcome = answerAfterParserFault('Secret one.\r\n\r\nSecret two.', logger, new Error('parser bug'));
    expect(outcome).toEqual({
      ok: true,
      result: {
        kind: 'chairs-report',
        title: '',
        date: null,
        place: null,
        closing: null,
        clauses: [
          { kind: 'paragraph', text: 'Secret one.', closeCall: null },
          { kind: 'paragraph', text: 'Secret two.', closeCall: null },
        ],
        dropped: [],
        warnings: [PARSER_FAULT_NOTICE],
      },
    });
    expect(lines).toEqual([expect.stringContaining('parser bug')]);
    expect(lines.join('')).not.toContain('Secret');
  });
});
