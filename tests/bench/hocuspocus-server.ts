// Peer for the benchmarks: a Hocuspocus 4 server with its SQLite extension on the file in
// HOCUSPOCUS_DB, listening on a free port of 127.0.0.1; with HOCUSPOCUS_REDIS
// (`host:port`) also its Redis extension, so that several of them share documents.
// Prints one JSON line `{"msg":"listening","port":N}` once it accepts connections.
import { Redis } from '@hocuspocus/extension-redis';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { type Extension, Server } from '@hocuspocus/server';

const database = process.env.HOCUSPOCUS_DB;
if (!database) throw new Error('HOCUSPOCUS_DB is required');
const extensions: Extension[] = [new SQLite({ database })];
const redis = process.env.HOCUSPOCUS_REDIS;
if (redis) {
  const [host = '127.0.0.1', port = '6379'] = redis.split(':');
  extensions.push(new Redis({ host, port: Number(port) }));
}

const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  stopOnSignals: true,
  extensions,
});
await server.listen(0);
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: server.address.port })}\n`);
