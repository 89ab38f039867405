import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runFlood } from './floods.ts';
import { runFrameFuzz } from './frame-fuzz.ts';
import { runKillNine } from './kill-nine.ts';
import { runStorageChaos } from './storage-chaos.ts';

/**
 * `npm run chaos`: every attack the suite knows, at full scale, with its figures. Exits 1 if any
 * promise broke: a crash, an honest client disconnected or diverged, an acknowledged edit lost.
 * `CHAOS_QUICK=1` runs a short version (what `npm test` runs, in server/chaos/chaos.test.ts).
 * `npm run chaos -- --only kill-nine --trials 20` reruns one phase with chosen parameters.
 */
const quick = process.env.CHAOS_QUICK === '1';
const Phase = z.enum(['fuzz', 'kill-nine', 'storage', 'floods']);
const count = z.coerce.number().int().positive();
const Options = z.object({
  only: z
    .string()
    .transform((list) => list.split(','))
    .pipe(z.array(Phase))
    .default(Phase.options),
  frames: count.default(quick ? 2_000 : 100_000),
  trials: count.default(quick ? 3 : 100),
  clients: count.default(quick ? 5 : 50),
  'flood-seconds': count.default(quick ? 3 : 10),
  seed: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(Date.now() % 1_000_000),
});
const usage =
  'usage: npm run chaos -- [--only fuzz,kill-nine,storage,floods] [--frames N] [--trials N] [--clients N] [--flood-seconds N] [--seed N]';
const parsedOptions = (() => {
  try {
    const { values } = parseArgs({
      options: Object.fromEntries(
        ['only', 'frames', 'trials', 'clients', 'flood-seconds', 'seed'].map((name) => [name, { type: 'string' }]),
      ),
    });
    const parsed = Options.safeParse(values);
    return parsed.success ? parsed.data : z.prettifyError(parsed.error);
  } catch (unknownOption: unknown) {
    return unknownOption instanceof Error ? unknownOption.message : String(unknownOption);
  }
})();
if (typeof parsedOptions === 'string') {
  console.error(`npm run chaos: ${parsedOptions}\n${usage}`);
  process.exit(2);
}
const options = parsedOptions;
const runs = (phase: z.infer<typeof Phase>) => options.only.includes(phase);
const broken: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) broken.push(what);
};
/** The harness's own memory: its peak so far (the kernel's high-water mark) and its heap now. */
const memory = () =>
  `harness peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;

process.setMaxListeners(0);
console.log(`Chaos${quick ? ' (quick)' : ''}, seed ${options.seed}\n`);

if (runs('fuzz')) {
  const fuzz = await runFrameFuzz({ frames: options.frames, seed: options.seed });
  console.log(
    `frame fuzzing: ${fuzz.frames} frames over ${fuzz.connections} sockets in ${fuzz.seconds.toFixed(0)} s; closes ${JSON.stringify(fuzz.closes)}; honest disconnects ${fuzz.honestDisconnects}; divergent clauses ${fuzz.divergentClauses}; server alive ${fuzz.serverAlive}; ${memory()}`,
  );
  check(fuzz.serverAlive && fuzz.honestDisconnects === 0 && fuzz.divergentClauses === 0, 'frame fuzzing');
}

if (runs('kill-nine')) {
  const started = performance.now();
  const kill = await runKillNine({
    trials: options.trials,
    clients: options.clients,
    seed: options.seed,
    // A long phase: a line every tenth of it shows it is moving and what it holds.
    onTrial: (trial) => {
      if ((trial + 1) % Math.max(1, Math.round(options.trials / 10)) !== 0 || trial + 1 === options.trials) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`  kill -9: ${trial + 1} of ${options.trials} trials in ${seconds} s; ${memory()}`);
    },
  });
  console.log(
    `kill -9: ${kill.trials} trials × ${kill.clients} clients in ${kill.seconds.toFixed(0)} s; ${kill.acknowledgedEdits} acknowledged edits, ${kill.lostEdits} lost; ${memory()}`,
  );
  check(kill.lostEdits === 0, 'kill -9');
}

if (runs('storage')) {
  for (const fault of ['disk full', 'unwritable log'] as const) {
    const storage = await runStorageChaos(fault);
    console.log(
      `storage, ${fault}: ${storage.injected ? '' : '(not injectable on this machine: chattr refused) '}${storage.acknowledgedEdits} acknowledged edits, ${storage.lostEdits} lost; writer told ${storage.writerToldOfFailure}`,
    );
    check(storage.lostEdits === 0 && storage.writerToldOfFailure, `storage, ${fault}`);
  }
}

if (runs('floods')) {
  console.log('\nfloods, an honest edit from writer to reader (ms):');
  console.log(
    `${'flood'.padEnd(12)}${'attempts'.padStart(10)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'harness lag p99'.padStart(18)}`,
  );
  for (const flood of ['none', 'presence', 'sockets', 'imports'] as const) {
    const result = await runFlood(flood, options['flood-seconds']);
    console.log(
      `${flood.padEnd(12)}${String(result.attempts).padStart(10)}${result.honestP50Ms.toFixed(1).padStart(9)}${result.honestP99Ms.toFixed(1).padStart(9)}${result.harnessLagP99Ms.toFixed(1).padStart(18)}`,
    );
    check(result.honestDisconnects === 0, `flood ${flood}`);
  }
}

console.log(broken.length === 0 ? `\nEvery promise held; ${memory()}.` : `\nBroken: ${broken.join(', ')}`);
process.exit(broken.length === 0 ? 0 : 1);
