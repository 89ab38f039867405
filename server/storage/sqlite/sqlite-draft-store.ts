import { z } from 'zod';
import { Role } from '../../../shared/roles.ts';
import { ConsensusRule, DraftKind } from '../../../shared/schemas/draft.ts';
import type { DraftRecord, DraftStore, LinkRecord, SessionWithLink } from '../draft-store.ts';
import { guarded, type SqliteDatabase } from './sqlite-database.ts';

/** Rows are parsed like any other input: a corrupted or hand-edited row fails loudly here. */
const DraftRow = z.object({
  id: z.string(),
  title: z.string(),
  kind: DraftKind,
  delegations: z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s))),
  consensus: z.string().transform((s) => ConsensusRule.parse(JSON.parse(s))),
  created_at: z.string(),
});
const LinkRow = z.object({
  id: z.string(),
  draft_id: z.string(),
  role: Role,
  delegation: z.string().nullable(),
  token_hash: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
const SessionLinkRow = LinkRow.extend({
  session_id_hash: z.string(),
  session_created_at: z.string(),
  session_expires_at: z.string(),
});
const MetaRow = z.object({ value: z.string() });

/** Drafts, links and sessions in the embedded database. */
export function createSqliteDraftStore(database: SqliteDatabase): DraftStore {
  const { db } = database;
  const insertDraft = db.prepare(
    'INSERT INTO drafts (id, title, kind, delegations, consensus, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectDraft = db.prepare('SELECT * FROM drafts WHERE id = ?');
  const insertLink = db.prepare(
    `INSERT INTO links (id, draft_id, role, delegation, token_hash, created_at, expires_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectLinkByHash = db.prepare('SELECT * FROM links WHERE token_hash = ?');
  const selectLinks = db.prepare('SELECT * FROM links WHERE draft_id = ? ORDER BY created_at, rowid');
  const selectLiveLinkIds = db
    .prepare(`SELECT id FROM links WHERE draft_id = ? AND role = ? AND delegation IS ? AND revoked_at IS NULL`)
    .pluck();
  const revokeLink = db.prepare('UPDATE links SET revoked_at = ? WHERE id = ?');
  const insertSession = db.prepare(
    'INSERT INTO sessions (id_hash, link_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const selectSession = db.prepare(
    `SELECT links.*, sessions.id_hash AS session_id_hash, sessions.created_at AS session_created_at,
            sessions.expires_at AS session_expires_at
       FROM sessions JOIN links ON links.id = sessions.link_id
      WHERE sessions.id_hash = ? AND sessions.expires_at > ?
        AND links.revoked_at IS NULL AND (links.expires_at IS NULL OR links.expires_at > ?)`,
  );
  const selectMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const upsertMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  const insertLinks = (links: LinkRecord[]) => {
    for (const link of links) {
      insertLink.run(
        link.id,
        link.draftId,
        link.role,
        link.delegation,
        link.tokenHash,
        link.createdAt,
        link.expiresAt,
        link.revokedAt,
      );
    }
  };
  const createDraftTx = db.transaction((draft: DraftRecord, links: LinkRecord[]) => {
    insertDraft.run(
      draft.id,
      draft.title,
      draft.kind,
      JSON.stringify(draft.delegations),
      JSON.stringify(draft.consensus),
      draft.createdAt,
    );
    insertLinks(links);
  });
  const addLinksTx = db.transaction(insertLinks);
  const revokeTx = db.transaction((draftId: string, role: string, delegation: string | null, at: string) => {
    const ids = z.array(z.string()).parse(selectLiveLinkIds.all(draftId, role, delegation));
    for (const id of ids) revokeLink.run(at, id);
    return ids;
  });

  return guarded(database, {
    async createDraft(draft, links) {
      createDraftTx(draft, links);
    },
    async getDraft(draftId) {
      const row = selectDraft.get(draftId);
      if (row === undefined) return null;
      const d = DraftRow.parse(row);
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
      addLinksTx(links);
    },
    async findLinkByTokenHash(tokenHash) {
      const row = selectLinkByHash.get(tokenHash);
      return row === undefined ? null : toLink(LinkRow.parse(row));
    },
    async listLinks(draftId) {
      return selectLinks.all(draftId).map((row) => toLink(LinkRow.parse(row)));
    },
    async revokeLinks(draftId, who, at) {
      return revokeTx(draftId, who.role, who.delegation, at);
    },
    async createSession(session) {
      insertSession.run(session.idHash, session.linkId, session.createdAt, session.expiresAt);
    },
    async findSession(sessionIdHash, now): Promise<SessionWithLink | null> {
      const row = selectSession.get(sessionIdHash, now.toISOString(), now.toISOString());
      if (row === undefined) return null;
      const r = SessionLinkRow.parse(row);
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
      const row = selectMeta.get(key);
      return row === undefined ? null : MetaRow.parse(row).value;
    },
    async setMeta(key, value) {
      upsertMeta.run(key, value);
    },
  });
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
