// What the HTTP layer keeps on a request's context, typed once for the app and every route:
// the signed-in account (set by `requireAccount` on /api), and for a sync upgrade the
// session and the caller's address.
import type { Account } from '../auth/accounts.ts';
import type { Session } from '../sync/connection.ts';

/** An account signed in with a token of its current version. */
export type SignedIn = Account & { tokenVersion: number };

export type AppEnv = {
  Variables: {
    account: SignedIn;
    session: Session;
    address: string;
  };
};
