// Once per test run: a PostgreSQL for every test that needs one. TEST_DATABASE_URL names
// an existing server; without it an embedded one from npm is started (even when the
// machine runs its own, so every machine runs the tests alike) and removed at the end.
// The URL reaches the test workers and the servers they start through the environment.
import { startTestPostgres } from './embedded-postgres.ts';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const started = Date.now();
  const postgres = await startTestPostgres();
  process.env.TEST_DATABASE_URL = postgres.url;
  console.log(`embedded PostgreSQL ready in ${Date.now() - started} ms`);
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    await postgres.stop();
  };
}
