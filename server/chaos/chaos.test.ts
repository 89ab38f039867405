import { describe, expect, it } from 'vitest';
import { runFlood } from './floods.ts';
import { runFrameFuzz } from './frame-fuzz.ts';
import { runKillNine } from './kill-nine.ts';
import { runStorageChaos } from './storage-chaos.ts';

/** A bounded part of `npm run chaos`, on every `npm test`. */
describe('chaos, bounded', () => {
  it('survives fuzzed, mutated and crafted frames with honest clients connected and equal to the server', async () => {
    const result = await runFrameFuzz({ frames: 800, seed: 20261201 });
    expect(result).toMatchObject({ serverAlive: true, honestDisconnects: 0, divergentClauses: 0 });
  }, 120_000);

  it('loses no acknowledged edit when the server is killed with SIGKILL under typing', async () => {
    const result = await runKillNine({ trials: 2, clients: 4, seed: 1201 });
    expect(result.acknowledgedEdits).toBeGreaterThan(0);
    expect(result.lostEdits).toBe(0);
  }, 120_000);

  it('acknowledges nothing it could not store when the disk fills, and tells the writer', async () => {
    const result = await runStorageChaos('disk full');
    expect(result.acknowledgedEdits).toBeGreaterThan(0);
    expect(result).toMatchObject({ lostEdits: 0, writerToldOfFailure: true });
  }, 120_000);

  it('keeps an honest participant connected through a presence flood', async () => {
    const result = await runFlood('presence', 2);
    expect(result.attempts).toBeGreaterThan(0);
    expect(result.honestDisconnects).toBe(0);
  }, 120_000);
});
