/**
 * The PostgreSQL schema, as numbered migrations: every aggregate in one database. The same data
 * as the SQLite schema (`sqlite-database.ts`) in PostgreSQL's own types: bytea for Yjs updates,
 * text[] for lists of codes, timestamptz for the instants of access (links, sessions) and edits,
 * text for the instants that are part of a decision record. Records are kept as the JSON text
 * they were written as (an adoption and a Chairman's Statement must come back byte for byte),
 * not jsonb, and the words of clauses and edits as UTF-8 bytea: PostgreSQL's text and jsonb
 * refuse U+0000, which a client may type into a clause, and a refused append would be retried
 * by that client at every reconnect, failing the room for everyone each time.
 *
 * Every per-draft number (update log, audit log, comment log, versions) is given from the
 * draft's row in `draft_heads`, under that row's lock, in the transaction that writes the entry:
 * numbers are gap-free and committed in order, so "everything after N" never skips a row that
 * commits late, as a reader of a global SEQUENCE could.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: the whole schema of the SQLite store's eleven migrations.
  `
  CREATE FUNCTION mufakat_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
  END
  $$;

  CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

  CREATE TABLE drafts (
    id text PRIMARY KEY,
    title text NOT NULL,
    kind text NOT NULL,
    delegations text[] NOT NULL,
    consensus jsonb NOT NULL,
    created_at timestamptz NOT NULL
  );
  -- The last number given in each of the draft's logs. Appending to a log updates this row
  -- first, so writers of one draft queue on its lock and commit in the order of their numbers.
  CREATE TABLE draft_heads (
    draft_id text PRIMARY KEY REFERENCES drafts(id),
    update_seq bigint NOT NULL DEFAULT 0,
    audit_seq bigint NOT NULL DEFAULT 0,
    comment_seq bigint NOT NULL DEFAULT 0,
    version_n integer NOT NULL DEFAULT 0
  );
  CREATE TABLE links (
    id text PRIMARY KEY,
    draft_id text NOT NULL REFERENCES drafts(id),
    role text NOT NULL,
    delegation text,
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz,
    revoked_at timestamptz,
    -- Only the order links were written in, for links made in the same millisecond.
    ord bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX links_by_draft ON links (draft_id, role, delegation);
  CREATE TABLE sessions (
    id_hash text PRIMARY KEY,
    link_id text NOT NULL REFERENCES links(id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX sessions_by_link ON sessions (link_id);

  CREATE TABLE doc_snapshots (
    draft_id text PRIMARY KEY REFERENCES drafts(id),
    upto_seq bigint NOT NULL,
    data bytea NOT NULL
  );
  -- The update log: "the updates of draft D after seq N" is a range scan of this primary key.
  CREATE TABLE doc_updates (
    draft_id text NOT NULL REFERENCES drafts(id),
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (draft_id, seq)
  );
  CREATE TABLE doc_clients (
    draft_id text NOT NULL REFERENCES drafts(id),
    client_id bigint NOT NULL,
    session_id_hash text,
    role text NOT NULL,
    delegation text,
    first_seq bigint,
    PRIMARY KEY (draft_id, client_id)
  );
  CREATE TABLE doc_authors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id text NOT NULL REFERENCES drafts(id),
    author_key text NOT NULL,
    session_id_hash text,
    role text NOT NULL,
    delegation text,
    UNIQUE (draft_id, author_key)
  );
  CREATE TABLE doc_edits (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    draft_id text NOT NULL REFERENCES drafts(id),
    seq bigint NOT NULL,
    clause_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('insert', 'delete')),
    pos integer NOT NULL,
    text bytea NOT NULL,
    author_id bigint NOT NULL REFERENCES doc_authors(id),
    at timestamptz NOT NULL
  );
  -- A clause's history (newest first) and who edited it between two times (a compare), both
  -- from the index alone.
  CREATE INDEX doc_edits_by_clause ON doc_edits (draft_id, clause_id, seq, id) INCLUDE (author_id, at);

  CREATE TABLE positions (
    draft_id text NOT NULL REFERENCES drafts(id),
    clause_id text NOT NULL,
    delegation text NOT NULL,
    stance text NOT NULL,
    reason text,
    text_hash text NOT NULL,
    at text NOT NULL,
    number text,
    numbered boolean NOT NULL,
    ad_referendum boolean NOT NULL,
    ad_referendum_expected_by text,
    reservation_kind text,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (draft_id, clause_id, delegation)
  );
  CREATE TABLE clause_texts (
    draft_id text NOT NULL REFERENCES drafts(id),
    text_hash text NOT NULL,
    text bytea NOT NULL,
    PRIMARY KEY (draft_id, text_hash)
  );
  CREATE TABLE frozen_clauses (
    draft_id text NOT NULL REFERENCES drafts(id),
    clause_id text NOT NULL,
    text_hash text NOT NULL,
    frozen_by text NOT NULL,
    at text NOT NULL,
    PRIMARY KEY (draft_id, clause_id)
  );
  CREATE TABLE brackets (
    draft_id text NOT NULL REFERENCES drafts(id),
    clause_id text NOT NULL,
    bracket_id text NOT NULL,
    kind text NOT NULL,
    note text,
    holders text[] NOT NULL,
    start_anchor text,
    end_anchor text,
    quote text NOT NULL,
    placed_at text NOT NULL,
    lifted_at text,
    lifted_by text,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (draft_id, clause_id, bracket_id)
  );
  CREATE TABLE alternatives (
    draft_id text NOT NULL REFERENCES drafts(id),
    clause_id text NOT NULL,
    n integer NOT NULL,
    proposed_by text NOT NULL,
    sponsors text[] NOT NULL,
    state text NOT NULL,
    at text NOT NULL,
    PRIMARY KEY (draft_id, clause_id, n)
  );
  CREATE TABLE alternative_positions (
    draft_id text NOT NULL REFERENCES drafts(id),
    clause_id text NOT NULL,
    n integer NOT NULL,
    delegation text NOT NULL,
    stance text NOT NULL,
    reason text,
    text_hash text NOT NULL,
    at text NOT NULL,
    number text,
    numbered boolean NOT NULL,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (draft_id, clause_id, n, delegation)
  );

  CREATE TABLE adoptions (
    draft_id text PRIMARY KEY REFERENCES drafts(id),
    record text NOT NULL,
    text_hash text NOT NULL,
    at text NOT NULL
  );
  CREATE TABLE chair_statements (
    draft_id text PRIMARY KEY REFERENCES drafts(id),
    record text NOT NULL,
    text_hash text NOT NULL,
    at text NOT NULL
  );
  -- A row leaves 'running' once, by an update conditioned on 'running'.
  CREATE TABLE silences (
    draft_id text NOT NULL REFERENCES drafts(id),
    id text NOT NULL,
    ordinal integer NOT NULL,
    state text NOT NULL,
    deadline timestamptz NOT NULL,
    record text NOT NULL,
    PRIMARY KEY (draft_id, id)
  );
  CREATE UNIQUE INDEX silences_one_running ON silences (draft_id) WHERE state = 'running';
  CREATE INDEX silences_running ON silences (deadline) WHERE state = 'running';

  CREATE TABLE audit_log (
    draft_id text NOT NULL REFERENCES drafts(id),
    seq bigint NOT NULL,
    at text NOT NULL,
    actor_session text NOT NULL,
    actor_role text NOT NULL,
    actor_delegation text,
    command text NOT NULL,
    clause_id text,
    text_hash text,
    details text NOT NULL,
    PRIMARY KEY (draft_id, seq)
  );
  CREATE TABLE comment_log (
    draft_id text NOT NULL REFERENCES drafts(id),
    seq bigint NOT NULL,
    at text NOT NULL,
    actor_session text NOT NULL,
    actor_role text NOT NULL,
    actor_delegation text,
    command text NOT NULL,
    thread_id text,
    clause_id text,
    visibility text,
    owner text,
    span text,
    comment_id text,
    text text,
    mentions text[] NOT NULL,
    PRIMARY KEY (draft_id, seq)
  );
  CREATE TABLE versions (
    draft_id text NOT NULL REFERENCES drafts(id),
    n integer NOT NULL,
    label text NOT NULL,
    kind text NOT NULL,
    at text NOT NULL,
    actor_session text NOT NULL,
    actor_role text NOT NULL,
    actor_delegation text,
    audit_seq bigint NOT NULL,
    clauses text NOT NULL,
    PRIMARY KEY (draft_id, n)
  );

  -- What is recorded for ever, the database itself refuses to change.
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION mufakat_refuse_change('the audit log is append-only');
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION mufakat_refuse_change('the audit log is append-only');
  CREATE TRIGGER comment_log_append_only BEFORE UPDATE OR DELETE ON comment_log
    FOR EACH ROW EXECUTE FUNCTION mufakat_refuse_change('the comment log is append-only');
  CREATE TRIGGER adoptions_immutable BEFORE UPDATE OR DELETE ON adoptions
    FOR EACH ROW EXECUTE FUNCTION mufakat_refuse_change('an adoption record is immutable');
  CREATE TRIGGER chair_statements_immutable BEFORE UPDATE OR DELETE ON chair_statements
    FOR EACH ROW EXECUTE FUNCTION mufakat_refuse_change('a chairman''s statement is immutable');
  CREATE TRIGGER versions_immutable BEFORE UPDATE OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION mufakat_refuse_change('a version never changes');
  CREATE TRIGGER silences_end_once BEFORE UPDATE ON silences
    FOR EACH ROW WHEN (OLD.state <> 'running') EXECUTE FUNCTION mufakat_refuse_change('a silence that ended never changes');
  CREATE TRIGGER silences_no_delete BEFORE DELETE ON silences
    FOR EACH ROW EXECUTE FUNCTION mufakat_refuse_change('a silence is never deleted');
  `,
  // 2: the count of decisions that lock text, moved with them under the draft's lock: an
  // append judged by older locks is refused (several instances, server/collab/room.ts).
  `
  ALTER TABLE draft_heads ADD COLUMN locks_version bigint NOT NULL DEFAULT 0;
  `,
];

/** The schema version this code writes. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;
