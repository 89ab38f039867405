import { configFromEnv } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start-server.ts';

const config = configFromEnv(process.env);
const logger = createLogger(config.logLevel);
const running = await startServer(config, logger).catch((error: unknown) => {
  // Said plainly, whatever the log level: a damaged or unwritable store is the operator's to mend.
  const message = error instanceof Error ? error.message : String(error);
  logger.error('could not start', { error: message });
  process.stderr.write(`Mufakat could not start: ${message}\n`);
  process.exit(1);
});
logger.info('listening', {
  port: running.port,
  url: running.url,
  store: config.databaseUrl === undefined ? 'sqlite' : 'postgresql',
  dataDir: config.dataDir,
});

// Always said, whatever the log level: the operator (and scripts) need to know where to connect.
process.stdout.write(`Mufakat is running at ${running.url}\n`);
if (running.operatorTokenGenerated) {
  process.stdout.write(
    `Operator token for this run (set MUFAKAT_OPERATOR_TOKEN to keep one): ${running.operatorToken}\n  start a draft at ${running.url}/import\n`,
  );
}
if (running.demo !== null) {
  const { links } = running.demo;
  const lines = [
    `Demo draft (ADMM-Plus Joint Statement, 1 November 2025) — fresh links, earlier ones keep working:`,
    `  chair        ${links.chair}`,
    `  secretariat  ${links.secretariat}`,
    `  observer     ${links.observer}`,
    ...Object.entries(links.delegations).map(([code, link]) => `  ${code}          ${link}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// A rejected promise nobody handled is a bug to fix, not a reason to drop every room.
process.on('unhandledRejection', (reason: unknown) => {
  logger.error('unhandled rejection', {
    error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
  });
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info('shutting down', { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  });
}
