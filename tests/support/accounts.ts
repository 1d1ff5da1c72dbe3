// Test accounts: created straight in the store the server uses (before or while it
// runs), and signed in over HTTP like any client.
import { Accounts, loadConfig, openStore, setLogLevel } from '@civic-ledger/server';
import type { Role } from '@civic-ledger/shared';

export const TEST_PASSWORD = 'test-password-2026';

// Opening stores in the test process (to create accounts) need not narrate migrations.
setLogLevel('warn');

export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string;
}

export async function createAccounts(
  where: StoreLocation,
  users: ReadonlyArray<{
    username: string;
    role: Role;
    committeeId?: string | null;
    personId?: string | null;
  }>,
): Promise<void> {
  const config = loadConfig({ DATA_DIR: where.dataDir, DATABASE_URL: where.databaseUrl ?? '' }, []);
  const store = await openStore(config);
  try {
    const accounts = await Accounts.open(store, { tokenTtlSeconds: 3600 });
    for (const u of users) {
      const created = await accounts.createUser({ ...u, password: TEST_PASSWORD });
      if (!created.ok && created.error.code !== 'user_exists') throw new Error(created.error.message.en);
    }
  } finally {
    await store.close();
  }
}

/** The sign-in answer's account, as the client receives it. */
export interface LoginUser {
  id: string;
  username: string;
  role: Role;
  committeeId: string | null;
  personId: string | null;
}

/** Signs in; the whole answer (token and the account). */
export async function loginAnswer(
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<{ token: string; user: LoginUser }> {
  const res = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; user: LoginUser };
}

export async function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  return (await loginAnswer(baseUrl, username, password)).token;
}
