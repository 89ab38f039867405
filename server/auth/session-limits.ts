import { RateLimiter } from '../collab/rate-limiter.ts';

export interface SessionLimitOptions {
  /** Collaboration sockets one session may hold open at once (its tabs). */
  maxSockets: number;
  /** Events channels one session may hold open at once. */
  maxStreams: number;
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** How long a session's budget is kept after its last socket and channel closed. */
  forgetAfterMs: number;
  now?: () => number;
}

/** Below this many bytes of budget a session is spent: not even a sync message would pass. */
const SPENT_BELOW_BYTES = 1024;

/** What one session may still send: shared by all its sockets, kept across its reconnections. */
export interface SessionBudget {
  /** Takes one message; false once the session sends faster than allowed. */
  takeMessage(): boolean;
  /** Takes `count` bytes; false once the session sends more bytes than allowed. */
  takeBytes(count: number): boolean;
  /** Whether the session has spent its budget: a socket it opens now would be cut off at once. */
  spent(): boolean;
}

/** A socket or events channel that is open, as far as revoking its link must reach it. */
export interface LiveConnection {
  /** The link its session was opened with. */
  linkId: string;
  /** When its session ends (ISO): it is closed then. */
  expiresAt: string;
  close(code: number, reason: string): void;
}

/** An open socket's or channel's hold on its session: its budget, and its release. */
export interface SessionLease {
  budget: SessionBudget;
  release(): void;
}

interface Entry extends SessionBudget {
  sockets: Set<LiveConnection>;
  streams: Set<LiveConnection>;
  /** When its last socket or channel closed; null while one is open. */
  idleSince: number | null;
}

/**
 * What each session holds open and may send, counted per session, not per socket: how many
 * sockets and events channels it holds, and how fast all its sockets together may send. A client
 * that reconnects after 4429 finds the budget it left, not a fresh one, for `forgetAfterMs` after
 * it last went away. It also knows every live connection by the link its session came from, so
 * that revoking a link, or a session running out, closes them at once.
 */
export class SessionLimits {
  private readonly sessions = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: SessionLimitOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** A socket of `session` opens: its lease, or null when the session holds too many already. */
  openSocket(session: string, live: LiveConnection): SessionLease | null {
    return this.open(session, live, 'sockets', this.options.maxSockets);
  }

  /** An events channel of `session` opens: its lease, or null when it holds too many already. */
  openStream(session: string, live: LiveConnection): SessionLease | null {
    return this.open(session, live, 'streams', this.options.maxStreams);
  }

  /** Closes every socket and channel of sessions opened with these links; answers how many. */
  closeLinks(linkIds: ReadonlySet<string>, code: number, reason: string): number {
    return this.closeWhere((live) => linkIds.has(live.linkId), code, reason);
  }

  /** Closes every socket and channel whose session has ended by `now`. */
  closeExpired(now: Date, code: number, reason: string): number {
    const at = now.toISOString();
    return this.closeWhere((live) => live.expiresAt <= at, code, reason);
  }

  /** Whether this session spent its budget: its next socket would be cut off at once. */
  isSpent(session: string): boolean {
    return this.sessions.get(session)?.spent() ?? false;
  }

  /** Sessions whose budget is kept (for tests and the operator). */
  get trackedSessions(): number {
    return this.sessions.size;
  }

  private open(session: string, live: LiveConnection, kind: 'sockets' | 'streams', max: number): SessionLease | null {
    const entry = this.entry(session);
    if (entry[kind].size >= max) return null;
    entry[kind].add(live);
    entry.idleSince = null;
    return {
      budget: entry,
      release: () => {
        entry[kind].delete(live);
        if (entry.sockets.size === 0 && entry.streams.size === 0) entry.idleSince = this.now();
      },
    };
  }

  private closeWhere(match: (live: LiveConnection) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const entry of this.sessions.values()) {
      for (const live of [...entry.sockets, ...entry.streams]) {
        if (!match(live)) continue;
        live.close(code, reason);
        closed += 1;
      }
    }
    return closed;
  }

  private entry(session: string): Entry {
    this.forgetIdle();
    let entry = this.sessions.get(session);
    if (entry === undefined) {
      const messages = new RateLimiter(this.options.messagesPerSecond, this.options.messageBurst, this.now);
      const bytes = new RateLimiter(this.options.bytesPerSecond, this.options.byteBurst, this.now);
      entry = {
        sockets: new Set(),
        streams: new Set(),
        idleSince: null,
        takeMessage: () => messages.take(),
        takeBytes: (count) => bytes.take(count),
        spent: () => !messages.holds(1) || !bytes.holds(SPENT_BELOW_BYTES),
      };
      this.sessions.set(session, entry);
    }
    return entry;
  }

  private forgetIdle(): void {
    const before = this.now() - this.options.forgetAfterMs;
    for (const [session, entry] of this.sessions) {
      if (entry.idleSince !== null && entry.idleSince < before) this.sessions.delete(session);
    }
  }
}
