import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { configFromEnv } from './config.ts';

/**
 * Writes a consistent copy of the live database to `destination` with SQLite's online backup:
 * the server goes on serving meanwhile, and the copy is the store as of one moment, every
 * committed update and decision up to it. The copy is checked (`PRAGMA quick_check`) before it is
 * reported. To restore: stop the server, put the copy in place of `mufakat.sqlite` in the data
 * directory (removing any `-wal` and `-shm` beside it), start the server.
 */
export async function backupDatabase(dataDir: string, destination: string): Promise<{ file: string; bytes: number }> {
  const source = new Database(join(dataDir, 'mufakat.sqlite'), { readonly: true, fileMustExist: true });
  try {
    mkdirSync(dirname(destination), { recursive: true });
    await source.backup(destination);
  } finally {
    source.close();
  }
  const copy = new Database(destination, { readonly: true, fileMustExist: true });
  try {
    const check = copy.prepare('PRAGMA quick_check').pluck().all();
    if (check.length !== 1 || check[0] !== 'ok')
      throw new Error(`The backup ${destination} does not check out: ${check.join('; ')}`);
  } finally {
    copy.close();
  }
  return { file: destination, bytes: statSync(destination).size };
}

// `npm run backup [-- <file>]`: into ./backups/mufakat-<time>.sqlite unless a file is named.
if (import.meta.url === `file://${process.argv[1]}`) {
  const config = configFromEnv(process.env);
  if (config.databaseUrl !== undefined) {
    process.stderr.write(
      'npm run backup copies the embedded SQLite file; with MUFAKAT_DATABASE_URL set the store is PostgreSQL: back it up with pg_dump (or your PostgreSQL backups) instead.\n',
    );
    process.exit(1);
  }
  const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\..*$/, '');
  const destination = resolve(process.argv[2] ?? join('backups', `mufakat-${stamp}.sqlite`));
  backupDatabase(config.dataDir, destination).then(
    ({ file, bytes }) => {
      process.stdout.write(`Backed up ${join(config.dataDir, 'mufakat.sqlite')} to ${file} (${bytes} bytes).\n`);
    },
    (error: unknown) => {
      process.stderr.write(`The backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
