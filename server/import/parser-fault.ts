import type { ImportResult } from '../../shared/schemas/import.ts';
import type { Logger } from '../logger.ts';
import type { ParseImportOutcome } from './parse/parse-import.ts';

export const PARSER_FAULT_NOTICE =
  'The structure of this text could not be read (a fault in Mufakat, now logged): each block of text became one paragraph. Check the clauses before creating the draft.';

/**
 * The parser is built never to throw; should it still fail on some text (in its worker, see
 * `ImportParser`), the secretariat gets that text as plain paragraphs with a notice rather than
 * an error in the middle of a meeting, and the fault is logged without the text, which is a
 * confidential negotiating text: this logs the fault and answers the paragraphs.
 */
export function answerAfterParserFault(text: string, logger: Logger, err: unknown): ParseImportOutcome {
  logger.error('import parser failed', {
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
    chars: text.length,
  });
  return { ok: true, result: asParagraphs(text) };
}

/** Blocks of text separated by blank lines, each one paragraph: nothing here can fail. */
function asParagraphs(text: string): ImportResult {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  return {
    kind: 'chairs-report',
    title: '',
    date: null,
    place: null,
    closing: null,
    clauses: paragraphs.map((text) => ({ kind: 'paragraph', text, closeCall: null })),
    dropped: [],
    warnings: [PARSER_FAULT_NOTICE],
  };
}
