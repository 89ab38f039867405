import { describe, expect, it } from 'vitest';
import { type LiveConnection, SessionLimits } from './session-limits.ts';

function limits(now: { t: number }) {
  return new SessionLimits({
    maxSockets: 2,
    maxStreams: 1,
    messagesPerSecond: 10,
    messageBurst: 3,
    bytesPerSecond: 1000,
    byteBurst: 2000,
    forgetAfterMs: 60_000,
    now: () => now.t,
  });
}

function live(
  linkId = 'link-1',
  expiresAt = '2099-01-01T00:00:00.000Z',
): LiveConnection & { closedWith: number | null } {
  const connection = {
    linkId,
    expiresAt,
    closedWith: null as number | null,
    close: (code: number) => {
      connection.closedWith = code;
    },
  };
  return connection;
}

describe('SessionLimits', () => {
  it('refuses a session a socket or an events channel beyond its caps, and gives them back when released', () => {
    const sessions = limits({ t: 0 });
    const first = sessions.openSocket('s1', live());
    expect(first).not.toBeNull();
    expect(sessions.openSocket('s1', live())).not.toBeNull();
    expect(sessions.openSocket('s1', live())).toBeNull();
    expect(sessions.openSocket('s2', live())).not.toBeNull();
    first?.release();
    expect(sessions.openSocket('s1', live())).not.toBeNull();
    expect(sessions.openStream('s1', live())).not.toBeNull();
    expect(sessions.openStream('s1', live())).toBeNull();
  });

  it('shares one budget between a session’s sockets, and keeps it across a reconnection', () => {
    const sessions = limits({ t: 0 });
    const first = sessions.openSocket('s1', live());
    const second = sessions.openSocket('s1', live());
    const takes = [first, second, first, second].map((lease) => lease?.budget.takeMessage());
    expect(takes).toEqual([true, true, true, false]);
    first?.release();
    second?.release();
    expect(sessions.openSocket('s1', live())?.budget.takeMessage()).toBe(false);
  });

  it('counts bytes as well as messages', () => {
    const budget = limits({ t: 0 }).openSocket('s1', live())?.budget;
    expect(budget?.takeBytes(1500)).toBe(true);
    expect(budget?.takeBytes(600)).toBe(false);
    expect(budget?.takeBytes(500)).toBe(true);
  });

  it('forgets a session a while after its last socket closed', () => {
    const now = { t: 0 };
    const sessions = limits(now);
    sessions.openSocket('s1', live())?.release();
    now.t = 61_000;
    sessions.openSocket('s2', live());
    expect(sessions.trackedSessions).toBe(1);
  });

  it('closes at once every socket and channel of a revoked link, and those whose session ended', () => {
    const sessions = limits({ t: 0 });
    const revoked = [live('link-1'), live('link-1')];
    const kept = live('link-2');
    const ending = live('link-3', '2026-12-01T10:00:00.000Z');
    sessions.openSocket('s1', revoked[0] as LiveConnection);
    sessions.openStream('s1', revoked[1] as LiveConnection);
    sessions.openSocket('s2', kept);
    sessions.openSocket('s3', ending);
    expect(sessions.closeLinks(new Set(['link-1']), 4401, 'revoked')).toBe(2);
    expect(revoked.map((c) => c.closedWith)).toEqual([4401, 4401]);
    expect(sessions.closeExpired(new Date('2026-12-01T10:00:00.000Z'), 4401, 'ended')).toBe(1);
    expect([kept.closedWith, ending.closedWith]).toEqual([null, 4401]);
  });
});
