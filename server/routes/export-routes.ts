import type { Hono } from 'hono';
import { z } from 'zod';
import { DecisionErrorCode } from '../../shared/consensus/decision-error.ts';
import { ErrorCode } from '../../shared/errors.ts';
import { AdoptionRecord } from '../../shared/schemas/adoption.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { commentsAnnexFor } from '../comments/comment-export.ts';
import { roomDecisionFacts } from '../consensus/room-facts.ts';
import { writeAkn } from '../export/akn-export.ts';
import { CommentsAnnexScope } from '../export/comments-annex.ts';
import { writeDocx } from '../export/docx-export.ts';
import { exportFileName } from '../export/export-file-name.ts';
import { adoptedExportModel, currentExportModel, type ExportModel, ExportVersion } from '../export/export-model.ts';
import { writeHtml } from '../export/html-export.ts';
import { writeMarkdown } from '../export/markdown-export.ts';
import { HttpError, parseOr400 } from '../http-error.ts';
import type { CommentStore } from '../storage/comment-store.ts';
import type { DecisionStore } from '../storage/decision-store.ts';
import type { DraftRecord, DraftStore } from '../storage/draft-store.ts';
import { participant } from './api-routes.ts';

export interface ExportRouteDeps {
  stores: { drafts: DraftStore; decisions: DecisionStore; comments: CommentStore };
  registry: RoomRegistry;
  now: () => Date;
}

export const ExportFormat = z.enum(['md', 'html', 'docx', 'akn']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const ExportQuery = z.object({
  format: ExportFormat,
  version: ExportVersion.default('current'),
  comments: CommentsAnnexScope.optional(),
  /** `clean=true`: the clean text only, refused (409 `bracketed`) while any bracket is open. */
  clean: z.enum(['true', 'false']).default('false'),
});

/** Each format's media type, file extension and writer. */
export const EXPORT_FORMATS = {
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', write: writeMarkdown },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', write: writeHtml },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    write: writeDocx,
  },
  akn: { contentType: 'application/akn+xml; charset=utf-8', extension: 'akn.xml', write: writeAkn },
} as const satisfies Record<
  ExportFormat,
  { contentType: string; extension: string; write: (model: ExportModel) => string | Promise<Uint8Array> }
>;

/**
 * `GET /api/drafts/:id/export?format=md|html|docx|akn&version=current|adopted`, for the draft's
 * participants: the live text as a draft (`current`, the default) or the adopted text. Once a
 * draft is adopted its current text is the adopted text, and `current` gives the adopted document.
 */
export function registerExportRoutes(app: Hono, deps: ExportRouteDeps): void {
  app.get('/api/drafts/:id/export', async (c) => {
    const { draft, actor } = await participant(c, deps);
    const query = parseOr400(
      ExportQuery,
      {
        format: c.req.query('format'),
        version: c.req.query('version'),
        clean: c.req.query('clean'),
        comments: c.req.query('comments'),
      },
      'export request (format: md, html, docx or akn; version: current or adopted; clean: true or false; comments: all or unresolved)',
    );
    const model = await exportModel(deps, draft, query.version);
    if (query.clean === 'true') refuseBracketed(model);
    if (query.comments !== undefined) {
      if (query.format !== 'html' && query.format !== 'docx') {
        throw new HttpError(
          400,
          ErrorCode.invalidRequest,
          'The comments annex comes with the HTML and Word exports only.',
        );
      }
      model.commentsAnnex = await commentsAnnexFor(deps, draft, actor, query.comments, model);
    }
    const format = EXPORT_FORMATS[query.format];
    const body = await format.write(model);
    return c.body(typeof body === 'string' ? body : body.slice(), 200, {
      'Content-Type': format.contentType,
      'Content-Disposition': `attachment; filename="${exportFileName(model.title, model.version, format.extension)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // Opened from the disk or the browser, an export runs nothing and loads nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
  });
}

async function exportModel(deps: ExportRouteDeps, draft: DraftRecord, version: ExportVersion): Promise<ExportModel> {
  const stored = await deps.stores.decisions.getAdoptionRecord(draft.id);
  if (stored !== null) {
    const record = AdoptionRecord.safeParse(JSON.parse(stored));
    if (!record.success) throw new Error(`The adoption record of draft ${draft.id} does not parse.`);
    return adoptedExportModel(record.data, draft.createdAt);
  }
  if (version === 'adopted') {
    throw new HttpError(
      404,
      ErrorCode.notFound,
      'This draft has not been adopted yet: export the current version (version=current) instead.',
    );
  }
  // Read inside the room's exclusive section: no command lands between reading the text and the positions.
  return deps.registry.withRoom(draft.id, (room) =>
    room.exclusive(async () => {
      const records = await deps.stores.decisions.loadDecisions(draft.id);
      const facts = roomDecisionFacts(draft, room, records, deps.now());
      return currentExportModel(draft, facts.clauses, deps.now(), facts.bracketSpan);
    }),
  );
}

/** A clean-text export is refused while any clause carries an open bracket, naming each clause. */
function refuseBracketed(model: ExportModel): void {
  const where = model.clauses.flatMap((clause) =>
    clause.bracketHolders === undefined
      ? []
      : [{ clauseId: clause.id, label: clause.label, holders: clause.bracketHolders }],
  );
  if (where.length === 0) return;
  throw new HttpError(
    409,
    DecisionErrorCode.bracketed,
    `The clean text cannot be exported while brackets are open: ${where
      .map((w) => `${w.label} (held by ${w.holders.join(', ')})`)
      .join('; ')}. Lift them, or export the text with its brackets.`,
    { clauses: where },
  );
}
