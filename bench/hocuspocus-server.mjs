// The second reference: Hocuspocus 4.7 with its SQLite extension, as its documentation sets it
// up, in plain JavaScript like the stock server (no TypeScript loader in its process). Its
// defaults are kept: the whole document is stored 2 s after the last change, at most 10 s after
// the first. Reads PORT, HOST and HOCUSPOCUS_DATABASE (the SQLite file the benchmark seeded).
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 1234);
const address = process.env.HOST ?? '127.0.0.1';
const database = process.env.HOCUSPOCUS_DATABASE;
if (database === undefined || database === '') throw new Error('HOCUSPOCUS_DATABASE is not set');

const server = new Server({ port, address, quiet: true, extensions: [new SQLite({ database })] });
await server.listen();
console.log(`hocuspocus running at ${address}:${port}`);
