// A small scripted district for report tests: a real server with accounts of every role,
// two committees with their sites and people written through the official client, and
// helpers to write valid rows and call the HTTP API as one of the accounts.
import {
  initTable,
  insertRow,
  type Role,
  type RowValues,
  readRows,
  schemaForTable,
  type TableName,
  updateRow,
} from '@civic-ledger/shared';
import { createAccounts, login } from './accounts.ts';
import { connectClient, type TestClient, whenSynced } from './clients.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from './server-process.ts';

export const USERS = [
  { username: 'r-staff', role: 'staff' },
  { username: 'r-manager', role: 'manager' },
  { username: 'r-taoyuan', role: 'member', committeeId: 'taoyuan' },
  { username: 'r-hongqiao', role: 'member', committeeId: 'hongqiao' },
] as const satisfies ReadonlyArray<{ username: string; role: Role; committeeId?: string }>;
export type Username = (typeof USERS)[number]['username'];

export interface District {
  server: ServerProcess;
  tokens: Record<Username, string>;
  /** Site ids by name. */
  sites: Map<string, string>;
  /** Person ids by name. */
  people: Map<string, string>;
  /** Opens a room as a user (synced, table initialised); closed by `close`. */
  open(room: string, user: Username): Promise<TestClient>;
  /** An HTTP call as a user. */
  api(path: string, user: Username | null, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const SITES = [
  { name: '桃园新村3号楼', kind: 'residential_compound', committeeId: 'taoyuan' },
  { name: '桃园菜场', kind: 'market', committeeId: 'taoyuan' },
  { name: '虹桥路口', kind: 'key_crossing', committeeId: 'hongqiao' },
] as const;

export const PEOPLE = [
  { name: '张伟', role: 'social_worker', committeeId: 'taoyuan', volunteer: false },
  { name: '李娜', role: 'resident', committeeId: 'hongqiao', volunteer: true, phone: '+86 138 0000 0000' },
] as const;

function tableOf(room: string): TableName {
  return room.split('.')[0] as TableName;
}

/** Inserts valid rows in one transaction and waits until the server has stored them. */
export async function writeRows(
  client: TestClient,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<RowValues[]> {
  const out: RowValues[] = [];
  client.doc.transact(() => {
    for (const values of rows) {
      const inserted = insertRow(client.doc, values);
      if (!inserted.ok) throw new Error(inserted.error.message.en);
      out.push(inserted.value);
    }
  });
  await client.confirm();
  return out;
}

/** Changes one row and waits until the server has stored it. */
export async function patchRow(
  client: TestClient,
  id: string,
  patch: Record<string, unknown>,
): Promise<void> {
  const updated = updateRow(client.doc, id, patch);
  if (!updated.ok) throw new Error(updated.error.message.en);
  await client.confirm();
}

export async function startDistrict(env: Record<string, string> = {}): Promise<District> {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, USERS);
  const server = await startServerProcess({ dataDir, env: { SNAPSHOT_SCHEDULE: 'off', ...env } });
  const tokens = {} as Record<Username, string>;
  for (const u of USERS) tokens[u.username] = await login(server.url, u.username);
  const clients: TestClient[] = [];
  const open = async (room: string, user: Username) => {
    const client = connectClient(server.wsUrl, room, { token: tokens[user] });
    clients.push(client);
    await whenSynced(client);
    const init = initTable(client.doc, schemaForTable(tableOf(room)));
    if (!init.ok) throw new Error(init.error.message.en);
    return client;
  };
  const office = await open('committees', 'r-staff');
  await writeRows(office, [
    { id: 'taoyuan', name: '桃园居委' },
    { id: 'hongqiao', name: '虹桥居委' },
  ]);
  const sitesRoom = await open('sites', 'r-staff');
  const sites = new Map<string, string>();
  for (const row of await writeRows(sitesRoom, SITES)) sites.set(String(row.name), String(row.id));
  const peopleRoom = await open('people', 'r-staff');
  const people = new Map<string, string>();
  for (const row of await writeRows(peopleRoom, PEOPLE)) people.set(String(row.name), String(row.id));
  return {
    server,
    tokens,
    sites,
    people,
    open,
    api(path, user, init = {}) {
      const headers = new Headers(init.headers);
      if (user) headers.set('authorization', `Bearer ${tokens[user]}`);
      return fetch(`${server.url}${path}`, { ...init, headers });
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.stop();
    },
  };
}

/** The rows a client sees, as `readRows` gives them. */
export function rowsOf(client: TestClient): RowValues[] {
  return readRows(client.doc);
}
