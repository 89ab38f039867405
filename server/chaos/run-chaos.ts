import { runFlood } from './floods.ts';
import { runFrameFuzz } from './frame-fuzz.ts';
import { runKillNine } from './kill-nine.ts';
import { runStorageChaos } from './storage-chaos.ts';

/**
 * `npm run chaos`: every attack the suite knows, at full scale, with its figures. Exits 1 if any
 * promise broke: a crash, an honest client disconnected or diverged, an acknowledged edit lost.
 * `CHAOS_QUICK=1` runs a short version (what `npm test` runs, in server/chaos/chaos.test.ts).
 */
const quick = process.env.CHAOS_QUICK === '1';
const broken: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) broken.push(what);
};

process.setMaxListeners(0);
console.log(`Chaos${quick ? ' (quick)' : ''}\n`);

const fuzz = await runFrameFuzz({ frames: quick ? 2_000 : 100_000, seed: Date.now() % 1_000_000 });
console.log(
  `frame fuzzing: ${fuzz.frames} frames over ${fuzz.connections} sockets in ${fuzz.seconds.toFixed(0)} s; closes ${JSON.stringify(fuzz.closes)}; honest disconnects ${fuzz.honestDisconnects}; divergent clauses ${fuzz.divergentClauses}; server alive ${fuzz.serverAlive}`,
);
check(fuzz.serverAlive && fuzz.honestDisconnects === 0 && fuzz.divergentClauses === 0, 'frame fuzzing');

const kill = await runKillNine({ trials: quick ? 3 : 100, clients: quick ? 5 : 50, seed: Date.now() % 1_000_000 });
console.log(
  `kill -9: ${kill.trials} trials × ${kill.clients} clients in ${kill.seconds.toFixed(0)} s; ${kill.acknowledgedEdits} acknowledged edits, ${kill.lostEdits} lost`,
);
check(kill.lostEdits === 0, 'kill -9');

for (const fault of ['disk full', 'unwritable log'] as const) {
  const storage = await runStorageChaos(fault);
  console.log(
    `storage, ${fault}: ${storage.injected ? '' : '(not injectable on this machine: chattr refused) '}${storage.acknowledgedEdits} acknowledged edits, ${storage.lostEdits} lost; writer told ${storage.writerToldOfFailure}`,
  );
  check(storage.lostEdits === 0 && storage.writerToldOfFailure, `storage, ${fault}`);
}

console.log('\nfloods, an honest edit from writer to reader (ms):');
console.log(
  `${'flood'.padEnd(12)}${'attempts'.padStart(10)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'harness lag p99'.padStart(18)}`,
);
for (const flood of ['none', 'presence', 'sockets', 'imports'] as const) {
  const result = await runFlood(flood, quick ? 3 : 10);
  console.log(
    `${flood.padEnd(12)}${String(result.attempts).padStart(10)}${result.honestP50Ms.toFixed(1).padStart(9)}${result.honestP99Ms.toFixed(1).padStart(9)}${result.harnessLagP99Ms.toFixed(1).padStart(18)}`,
  );
  check(result.honestDisconnects === 0, `flood ${flood}`);
}

console.log(broken.length === 0 ? '\nEvery promise held.' : `\nBroken: ${broken.join(', ')}`);
process.exit(broken.length === 0 ? 0 : 1);
