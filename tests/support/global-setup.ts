// Once per test run: a PostgreSQL for every test that needs one. TEST_DATABASE_URL names
// an existing server; without it an embedded one from npm is started (even when the
// machine runs its own, so every machine runs the tests alike) and removed at the end.
// The URL reaches the test workers and the servers they start through the environment.
import { spawn } from 'node:child_process';
import path from 'node:path';

const TESTS_DIR = path.resolve(import.meta.dirname, '..');

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const started = Date.now();
  // Its own process (see postgres-server.ts); tsx resolves from tests/.
  const child = spawn(process.execPath, ['--import', 'tsx', 'support/postgres-server.ts'], {
    cwd: TESTS_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve((JSON.parse(out.slice(0, nl)) as { url: string }).url);
    });
    void exited.then((code) => reject(new Error(`embedded PostgreSQL exited with ${code}:\n${err}`)));
  });
  process.env.TEST_DATABASE_URL = url;
  console.log(`embedded PostgreSQL ready in ${Date.now() - started} ms`);
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    child.stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`embedded PostgreSQL did not stop cleanly (exit ${code})`);
  };
}
