import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ErrorCode } from '../../shared/errors.ts';
import { ChairStatementRecord } from '../../shared/schemas/silence.ts';
import {
  chairStatementDocument,
  type PlainDocument,
  silenceLetter,
  writePlainDocx,
  writePlainHtml,
  writePlainMarkdown,
} from '../export/silence-documents.ts';
import { HttpError, parseOr400 } from '../http-error.ts';
import type { DecisionStore } from '../storage/decision-store.ts';
import type { DraftStore } from '../storage/draft-store.ts';
import { participant } from './api-routes.ts';

export interface SilenceRouteDeps {
  stores: { drafts: DraftStore; decisions: DecisionStore };
  now: () => Date;
}

const FORMATS = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', write: writePlainHtml },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    write: writePlainDocx,
  },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', write: writePlainMarkdown },
} as const;
const Format = z.enum(['html', 'docx', 'md']);

/**
 * The silence procedure's outcome letter and the Chairman's Statement, for the draft's
 * participants: `GET /api/drafts/:id/silences/:silenceId/letter?format=html|docx` and
 * `GET /api/drafts/:id/chair-statement` (JSON) or `…/chair-statement/export?format=html|docx|md`.
 */
export function registerSilenceRoutes(app: Hono, deps: SilenceRouteDeps): void {
  app.get('/api/drafts/:id/silences/:silenceId/letter', async (c) => {
    const { draft } = await participant(c, deps);
    const format = parseOr400(Format.exclude(['md']), c.req.query('format') ?? 'html', 'letter format (html or docx)');
    const records = await deps.stores.decisions.loadDecisions(draft.id);
    const silence = records.silences?.find((s) => s.id === c.req.param('silenceId'));
    if (silence === undefined) throw new HttpError(404, ErrorCode.notFound, 'This draft has no such silence.');
    const letter = silenceLetter(draft.title, silence);
    if (letter === null) {
      throw new HttpError(409, 'silence', 'The silence is still running: its outcome letter is written once it ends.');
    }
    return send(c, letter, format, `silence-${silence.id}`);
  });

  app.get('/api/drafts/:id/chair-statement', async (c) => {
    const { draft } = await participant(c, deps);
    const record = await deps.stores.decisions.getChairStatement(draft.id);
    if (record === null)
      throw new HttpError(404, ErrorCode.notFound, "No Chairman's Statement was issued on this draft.");
    return c.body(record, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.get('/api/drafts/:id/chair-statement/export', async (c) => {
    const { draft } = await participant(c, deps);
    const format = parseOr400(Format, c.req.query('format') ?? 'html', 'statement format (html, docx or md)');
    const stored = await deps.stores.decisions.getChairStatement(draft.id);
    if (stored === null)
      throw new HttpError(404, ErrorCode.notFound, "No Chairman's Statement was issued on this draft.");
    const record = ChairStatementRecord.parse(JSON.parse(stored));
    return send(c, chairStatementDocument(record), format, 'chairmans-statement');
  });
}

async function send(c: Context, doc: PlainDocument, format: z.infer<typeof Format>, name: string): Promise<Response> {
  const writer = FORMATS[format];
  const body = await writer.write(doc);
  return c.body(typeof body === 'string' ? body : body.slice(), 200, {
    'Content-Type': writer.contentType,
    'Content-Disposition': `attachment; filename="mufakat-${name}.${writer.extension}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
}
