// The SQLite store keeps every promise of the store contract: one file in a temporary
// directory per rule, a second instance being a second store on the same file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeContractSuite } from '../store-contract.ts';
import { SqliteStore } from './sqlite-store.ts';

const dirs: string[] = [];

storeContractSuite(
  'sqlite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-store-contract-'));
    dirs.push(dir);
    return { store: new SqliteStore(dir), another: async () => new SqliteStore(dir) };
  },
  async () => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  },
);
