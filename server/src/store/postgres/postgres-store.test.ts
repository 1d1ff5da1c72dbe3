// The PostgreSQL store keeps every promise of the store contract: a schema of its own
// per rule in the run's PostgreSQL (TEST_DATABASE_URL, which vitest's global setup
// provides: tests/support/global-setup.ts), dropped after.
import pg from 'pg';
import { setLogLevel } from '../../ops/log.ts';
import { storeContractSuite } from '../store-contract.ts';
import { PostgresStore } from './postgres-store.ts';

const BASE_URL = process.env.TEST_DATABASE_URL ?? '';
if (!BASE_URL)
  throw new Error('TEST_DATABASE_URL is not set: run this through vitest, whose global setup provides it');
const schemas: string[] = [];
// Each rule migrates a fresh schema: those log lines say nothing here.
setLogLevel('warn');

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

storeContractSuite(
  'postgres',
  async () => {
    const schema = `cl_contract_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await admin(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    const url = `${BASE_URL}${BASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    return { store: await PostgresStore.open(url), another: () => PostgresStore.open(url) };
  },
  async () => {
    for (const schema of schemas.splice(0)) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  },
);
