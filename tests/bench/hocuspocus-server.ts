// Peer for the cold-load benchmark: a Hocuspocus 4 server with its SQLite extension on
// the file in HOCUSPOCUS_DB, listening on a free port of 127.0.0.1. Prints one JSON
// line `{"msg":"listening","port":N}` once it accepts connections.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const database = process.env.HOCUSPOCUS_DB;
if (!database) throw new Error('HOCUSPOCUS_DB is required');

const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  stopOnSignals: true,
  extensions: [new SQLite({ database })],
});
await server.listen(0);
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: server.address.port })}\n`);
