import { z } from 'zod';
import { Role } from '../../../shared/roles.ts';
import { ConsensusRule, DraftKind } from '../../../shared/schemas/draft.ts';
import type { DraftRecord, DraftStore, LinkRecord, SessionWithLink } from '../draft-store.ts';
import type { PostgresDatabase, Queryable } from './postgres-database.ts';

const iso = z.date().transform((date) => date.toISOString());

/** Rows are parsed like any other input: a corrupted or hand-edited row fails loudly here. */
const DraftRow = z.object({
  id: z.string(),
  title: z.string(),
  kind: DraftKind,
  delegations: z.array(z.string()),
  consensus: ConsensusRule,
  created_at: iso,
});
const LinkRow = z.object({
  id: z.string(),
  draft_id: z.string(),
  role: Role,
  delegation: z.string().nullable(),
  token_hash: z.string(),
  created_at: iso,
  expires_at: iso.nullable(),
  revoked_at: iso.nullable(),
});
const SessionLinkRow = LinkRow.extend({
  session_id_hash: z.string(),
  session_created_at: iso,
  session_expires_at: iso,
});
const LINK_COLUMNS = 'id, draft_id, role, delegation, token_hash, created_at, expires_at, revoked_at';

async function insertLinks(tx: Queryable, links: readonly LinkRecord[]): Promise<void> {
  if (links.length === 0) return;
  await tx.query(
    `INSERT INTO links (${LINK_COLUMNS})
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])`,
    [
      links.map((l) => l.id),
      links.map((l) => l.draftId),
      links.map((l) => l.role),
      links.map((l) => l.delegation),
      links.map((l) => l.tokenHash),
      links.map((l) => l.createdAt),
      links.map((l) => l.expiresAt),
      links.map((l) => l.revokedAt),
    ],
  );
}

/** Drafts, links and sessions in PostgreSQL. */
export function createPostgresDraftStore(db: PostgresDatabase): DraftStore {
  return {
    async createDraft(draft: DraftRecord, links) {
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO drafts (id, title, kind, delegations, consensus, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [draft.id, draft.title, draft.kind, draft.delegations, JSON.stringify(draft.consensus), draft.createdAt],
        );
        // The row every per-draft number is given from (postgres-migrations.ts).
        await tx.query('INSERT INTO draft_heads (draft_id) VALUES ($1)', [draft.id]);
        await insertLinks(tx, links);
      });
    },
    async getDraft(draftId) {
      const { rows } = await db.query(
        'SELECT id, title, kind, delegations, consensus, created_at FROM drafts WHERE id = $1',
        [draftId],
      );
      if (rows.length === 0) return null;
      const d = DraftRow.parse(rows[0]);
      return {
        id: d.id,
        title: d.title,
        kind: d.kind,
        delegations: d.delegations,
        consensus: d.consensus,
        createdAt: d.created_at,
      };
    },
    async addLinks(links) {
      await db.transaction((tx) => insertLinks(tx, links));
    },
    async findLinkByTokenHash(tokenHash) {
      const { rows } = await db.query(`SELECT ${LINK_COLUMNS} FROM links WHERE token_hash = $1`, [tokenHash]);
      return rows.length === 0 ? null : toLink(LinkRow.parse(rows[0]));
    },
    async listLinks(draftId) {
      const { rows } = await db.query(
        `SELECT ${LINK_COLUMNS} FROM links WHERE draft_id = $1 ORDER BY created_at, ord`,
        [draftId],
      );
      return rows.map((row) => toLink(LinkRow.parse(row)));
    },
    async revokeLinks(draftId, who, at) {
      // One statement: every live link of the role goes at once, or none does.
      const { rows } = await db.query(
        `UPDATE links SET revoked_at = $4
          WHERE draft_id = $1 AND role = $2 AND delegation IS NOT DISTINCT FROM $3 AND revoked_at IS NULL
          RETURNING id`,
        [draftId, who.role, who.delegation, at],
      );
      return rows.map((row) => z.object({ id: z.string() }).parse(row).id);
    },
    async createSession(session) {
      await db.query('INSERT INTO sessions (id_hash, link_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        session.idHash,
        session.linkId,
        session.createdAt,
        session.expiresAt,
      ]);
    },
    async findSession(sessionIdHash, now): Promise<SessionWithLink | null> {
      const { rows } = await db.query(
        `SELECT l.id, l.draft_id, l.role, l.delegation, l.token_hash, l.created_at, l.expires_at, l.revoked_at,
                s.id_hash AS session_id_hash, s.created_at AS session_created_at, s.expires_at AS session_expires_at
           FROM sessions s JOIN links l ON l.id = s.link_id
          WHERE s.id_hash = $1 AND s.expires_at > $2
            AND l.revoked_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > $2)`,
        [sessionIdHash, now.toISOString()],
      );
      if (rows.length === 0) return null;
      const r = SessionLinkRow.parse(rows[0]);
      return {
        session: {
          idHash: r.session_id_hash,
          linkId: r.id,
          createdAt: r.session_created_at,
          expiresAt: r.session_expires_at,
        },
        link: toLink(r),
      };
    },
    async getMeta(key) {
      const { rows } = await db.query('SELECT value FROM meta WHERE key = $1', [key]);
      return rows.length === 0 ? null : z.object({ value: z.string() }).parse(rows[0]).value;
    },
    async setMeta(key, value) {
      await db.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
  };
}

function toLink(row: z.infer<typeof LinkRow>): LinkRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    role: row.role,
    delegation: row.delegation,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
