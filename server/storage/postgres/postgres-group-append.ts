import pg from 'pg';

/** The client bindings of an append, one entry per binding, each naming its update from 1. */
export interface ClientColumns {
  client: number[];
  session: (string | null)[];
  role: string[];
  delegation: (string | null)[];
  update: number[];
}

/** The clause edits of an append, one entry per edit, each naming its update from 1. */
export interface EditColumns {
  update: number[];
  clause: string[];
  kind: string[];
  pos: number[];
  text: Buffer[];
  author: number[];
  at: string[];
}

/** One room's append, waiting for the statement that commits it. */
export interface PendingAppend {
  draftId: string;
  updates: Buffer[];
  clients: ClientColumns;
  edits: EditColumns;
  /** The locks version the updates were judged by, or null when nothing is checked. */
  locksVersion: number | null;
}

/**
 * The appends of several drafts as one statement: one round trip, one commit and one sync to
 * disk for all of them. The heads are locked first, in the order of their ids, so that two
 * instances' groups (or a group and a decision) never wait on each other in a circle; a head
 * waiting behind a decision is judged again on what the decision wrote, as in the single append.
 * A draft whose locks moved (or that does not exist) is left out and answers no row: nothing of
 * it is written, and the caller finds out why with the single append.
 *
 * $1–$3: draft ids, update counts, locks versions, one per append (its `d`, from 1);
 * $4–$6: every update with its append and its place in it;
 * $7–$12 client bindings and $13–$20 clause edits, each with its append and update.
 */
const GROUP_APPEND = `
  WITH batch AS (
    SELECT b.draft_id, b.n, b.locks, b.d
      FROM unnest($1::text[], $2::integer[], $3::bigint[]) WITH ORDINALITY AS b(draft_id, n, locks, d)
  ), locked AS (
    SELECT h.draft_id FROM draft_heads h JOIN batch b ON b.draft_id = h.draft_id
     WHERE b.locks IS NULL OR h.locks_version = b.locks
     ORDER BY h.draft_id
       FOR UPDATE OF h
  ), head AS (
    UPDATE draft_heads h SET update_seq = h.update_seq + b.n
      FROM batch b
     WHERE h.draft_id = b.draft_id AND h.draft_id IN (SELECT draft_id FROM locked)
       AND (b.locks IS NULL OR h.locks_version = b.locks)
    RETURNING b.d, h.draft_id, h.update_seq - b.n AS base, h.update_seq
  ), updates AS (
    INSERT INTO doc_updates (draft_id, seq, data)
    SELECT head.draft_id, head.base + u.i, u.data
      FROM unnest($4::integer[], $5::integer[], $6::bytea[]) AS u(d, i, data) JOIN head ON head.d = u.d
  ), clients AS (
    INSERT INTO doc_clients (draft_id, client_id, session_id_hash, role, delegation, first_seq)
    SELECT head.draft_id, c.client, c.session, c.role, c.delegation, head.base + c.i
      FROM unnest($7::integer[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::bigint[])
        AS c(d, client, session, role, delegation, i)
      JOIN head ON head.d = c.d
  ), edits AS (
    INSERT INTO doc_edits (draft_id, seq, clause_id, kind, pos, text, author_id, at)
    SELECT head.draft_id, head.base + e.i, e.clause, e.kind, e.pos, e.text, e.author, e.at
      FROM unnest($13::integer[], $14::bigint[], $15::text[], $16::text[], $17::integer[], $18::bytea[],
                  $19::bigint[], $20::timestamptz[])
        AS e(d, i, clause, kind, pos, text, author, at)
      JOIN head ON head.d = e.d
  )
  SELECT d, update_seq FROM head`;

/** Groups in flight at once: one commits while the next gathers and is planned. */
const GROUPS_IN_FLIGHT = 2;

/** Columns of several appends' rows, each row marked with its append (`d`, from 1). */
type Marked<C> = { d: number[] } & { [K in keyof C]: unknown[] };

/** Appends the rows of `source` to `target`'s columns of the same names, each marked with `d`. */
function extendColumns<C extends object>(target: Marked<C>, source: { [K in keyof C]: unknown[] }, d: number): void {
  const keys = Object.keys(source) as (keyof C)[];
  const rows = keys.length === 0 ? 0 : source[keys[0] as keyof C].length;
  for (let row = 0; row < rows; row++) target.d.push(d);
  for (const key of keys) target[key].push(...source[key]);
}

/** What GROUP_APPEND binds for a group, in parameter order. */
function groupParameters(group: readonly PendingAppend[]): unknown[] {
  // Key order is parameter order.
  const appends = { draft: [] as string[], count: [] as number[], locks: [] as (number | null)[] };
  const updates = { d: [] as number[], i: [] as number[], data: [] as Buffer[] };
  const clients: Marked<ClientColumns> = { d: [], client: [], session: [], role: [], delegation: [], update: [] };
  const edits: Marked<EditColumns> = { d: [], update: [], clause: [], kind: [], pos: [], text: [], author: [], at: [] };
  for (const [index, append] of group.entries()) {
    const d = index + 1;
    appends.draft.push(append.draftId);
    appends.count.push(append.updates.length);
    appends.locks.push(append.locksVersion);
    for (const [at, data] of append.updates.entries()) {
      updates.d.push(d);
      updates.i.push(at + 1);
      updates.data.push(data);
    }
    extendColumns<ClientColumns>(clients, append.clients, d);
    extendColumns<EditColumns>(edits, append.edits, d);
  }
  return [appends, updates, clients, edits].flatMap((columns) => Object.values(columns));
}

interface Waiting {
  append: PendingAppend;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit across rooms: the appends that rooms make in one turn of the event loop (and
 * while earlier groups are still committing) go to PostgreSQL as one statement. On a busy
 * instance that is one statement, one socket write and one sync to disk for a hundred drafts'
 * keystrokes instead of one each. A draft has at most one append in flight, so its appends
 * commit in the order they were made.
 *
 * An append the group leaves out (its locks moved) and every append of a group PostgreSQL
 * refused (a client id bound elsewhere fails the whole statement) are made again alone by
 * `appendOne`, which says which one fails and why. A fault of the connection fails them all.
 */
export class GroupAppend {
  private waiting: Waiting[] = [];
  private readonly inFlight = new Set<string>();
  private groupsInFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (text: string, values: readonly unknown[]) => Promise<pg.QueryResult>,
    private readonly appendOne: (append: PendingAppend) => Promise<number>,
  ) {}

  append(append: PendingAppend): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.groupsInFlight >= GROUPS_IN_FLIGHT || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commitNext();
    });
  }

  /** Takes the first waiting append of each draft that has none in flight, and commits them. */
  private async commitNext(): Promise<void> {
    const group: Waiting[] = [];
    const left: Waiting[] = [];
    const taken = new Set<string>();
    for (const waiting of this.waiting) {
      const { draftId } = waiting.append;
      if (taken.has(draftId) || this.inFlight.has(draftId)) {
        left.push(waiting);
        continue;
      }
      taken.add(draftId);
      group.push(waiting);
    }
    this.waiting = left;
    if (group.length === 0) return;
    for (const draftId of taken) this.inFlight.add(draftId);
    this.groupsInFlight++;
    this.schedule();
    try {
      await this.commit(group);
    } finally {
      for (const draftId of taken) this.inFlight.delete(draftId);
      this.groupsInFlight--;
      this.schedule();
    }
  }

  private async commit(group: readonly Waiting[]): Promise<void> {
    const alone = async ({ append, resolve, reject }: Waiting) => {
      try {
        resolve(await this.appendOne(append));
      } catch (error: unknown) {
        reject(error);
      }
    };
    const [only] = group;
    if (group.length === 1 && only !== undefined) {
      await alone(only);
      return;
    }
    let rows: pg.QueryResult['rows'];
    try {
      ({ rows } = await this.run(GROUP_APPEND, groupParameters(group.map(({ append }) => append))));
    } catch (error: unknown) {
      // Rolled back whole. A statement PostgreSQL refused names no culprit: each alone does.
      if (error instanceof pg.DatabaseError) {
        await Promise.all(group.map(alone));
        return;
      }
      for (const { reject } of group) reject(error);
      return;
    }
    const seqs = new Map<number, number>();
    for (const row of rows) seqs.set(Number(row.d), Number(row.update_seq));
    const leftOut: Waiting[] = [];
    for (const [index, waiting] of group.entries()) {
      const seq = seqs.get(index + 1);
      if (seq === undefined) leftOut.push(waiting);
      else waiting.resolve(seq);
    }
    await Promise.all(leftOut.map(alone));
  }
}
