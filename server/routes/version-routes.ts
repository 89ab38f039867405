import type { Hono } from 'hono';
import { z } from 'zod';
import { versionClausesOf } from '../../shared/consensus/versions.ts';
import { ErrorCode } from '../../shared/errors.ts';
import {
  CompareTarget,
  type Comparison,
  type Version,
  type VersionClause,
  type VersionList,
  VersionNumber,
} from '../../shared/schemas/versions.ts';
import { type CompareEdit, compareClauses } from '../../shared/versions/compare.ts';
import type { RoomRegistry } from '../collab/room-registry.ts';
import { roomDecisionFacts } from '../consensus/room-facts.ts';
import { compareDocx, compareHtml } from '../export/compare-export.ts';
import { HttpError, parseOr400 } from '../http-error.ts';
import type { DraftRecord } from '../storage/draft-store.ts';
import type { Stores } from '../storage/stores.ts';
import { participant } from './api-routes.ts';

export interface VersionRouteDeps {
  stores: Stores;
  registry: RoomRegistry;
  now: () => Date;
}

/** A version of the draft, or 404. */
export async function requireVersion(stores: Stores, draftId: string, n: number): Promise<Version> {
  const version = await stores.decisions.getVersion(draftId, n);
  if (version === null) throw new HttpError(404, ErrorCode.notFound, `This draft has no version ${n}.`);
  return version;
}

/** Every clause of the draft's current text, in reading order, as a version would hold it. */
export async function currentClauses(deps: VersionRouteDeps, draft: DraftRecord): Promise<VersionClause[]> {
  return deps.registry.withRoom(draft.id, async (room) => {
    await room.drain();
    const records = await deps.stores.decisions.loadDecisions(draft.id);
    return versionClausesOf(roomDecisionFacts(draft, room, records, deps.now()).clauses);
  });
}

/**
 * The compare of version `fromN` with version `to` or the current text: what the room shows and
 * the exports print. Who changed each clause is read from its recorded edits between the times.
 */
export async function comparisonOf(
  deps: VersionRouteDeps,
  draft: DraftRecord,
  fromN: number,
  to: number | 'current',
): Promise<Comparison> {
  const from = await requireVersion(deps.stores, draft.id, fromN);
  const later = to === 'current' ? null : await requireVersion(deps.stores, draft.id, to);
  const toClauses = later === null ? await currentClauses(deps, draft) : later.clauses;
  const toAt = later === null ? deps.now().toISOString() : later.at;
  // Earlier first, whichever way round they were asked for.
  const [a, b, aAt, bAt] =
    later !== null && later.n < from.n
      ? [later.clauses, from.clauses, later.at, from.at]
      : [from.clauses, toClauses, from.at, toAt];
  const differs = new Set<string>();
  const aById = new Map(a.map((c) => [c.id, c.textHash]));
  const bIds = new Set(b.map((c) => c.id));
  for (const c of b) if (aById.get(c.id) !== c.textHash) differs.add(c.id);
  for (const c of a) if (!bIds.has(c.id)) differs.add(c.id);
  // Each author's first edit of a changed clause between the two times: all the compare names.
  const authors = await deps.stores.documents.loadClauseAuthors(draft.id, [...differs], { after: aAt, upTo: bAt });
  const edits: CompareEdit[] = authors.map(({ clauseId, author, firstAt }) => ({ clauseId, at: firstAt, author }));
  return {
    from: summaryOf(from),
    to: later === null ? null : summaryOf(later),
    toAt,
    clauses: compareClauses(a, b, edits, { fromAt: aAt, toAt: bAt }),
  };
}

function summaryOf(version: Version): Comparison['from'] {
  const { clauses: _clauses, ...summary } = version;
  return summary;
}

/**
 * Versions of a draft, for every participant: `GET /api/drafts/:id/versions` (the list),
 * `GET /api/drafts/:id/versions/:n` (one, with every clause's words) and
 * `GET /api/drafts/:id/compare?from=<n>&to=<n|current>`. The chair names a version with the
 * `name-version` command; the server records the others with the decisions that make them.
 */
export function registerVersionRoutes(app: Hono, deps: VersionRouteDeps): void {
  app.get('/api/drafts/:id/versions', async (c) => {
    const { draft } = await participant(c, deps);
    const body: VersionList = { versions: await deps.stores.decisions.listVersions(draft.id) };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });

  app.get('/api/drafts/:id/versions/:n', async (c) => {
    const { draft } = await participant(c, deps);
    const n = parseOr400(VersionNumber, c.req.param('n'), 'version number');
    return c.json(await requireVersion(deps.stores, draft.id, n));
  });

  app.get('/api/drafts/:id/compare', async (c) => {
    const { draft } = await participant(c, deps);
    const from = parseOr400(VersionNumber, c.req.query('from'), 'from (a version number)');
    const to = parseOr400(CompareTarget, c.req.query('to') ?? 'current', 'to (a version number or current)');
    return c.json(await comparisonOf(deps, draft, from, to), 200, { 'Cache-Control': 'no-store' });
  });

  // The compare as a presidency compromise text to download: `format=docx` or `format=html`.
  app.get('/api/drafts/:id/compare/export', async (c) => {
    const { draft } = await participant(c, deps);
    const from = parseOr400(VersionNumber, c.req.query('from'), 'from (a version number)');
    const to = parseOr400(CompareTarget, c.req.query('to') ?? 'current', 'to (a version number or current)');
    const format = parseOr400(z.enum(['docx', 'html']), c.req.query('format'), 'format (docx or html)');
    const comparison = await comparisonOf(deps, draft, from, to);
    const name = `mufakat-${draft.id}-compare-${from}-${to}`;
    c.header('Cache-Control', 'no-store');
    if (format === 'html') {
      c.header('Content-Disposition', `attachment; filename="${name}.html"`);
      return c.body(compareHtml(comparison, draft.title), 200, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    c.header('Content-Disposition', `attachment; filename="${name}.docx"`);
    const bytes = await compareDocx(comparison, draft.title);
    return c.body(bytes, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });
}
