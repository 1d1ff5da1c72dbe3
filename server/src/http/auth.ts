// Who is calling: the token read from a request (Authorization: Bearer, or `token` in the
// query for sockets and downloads), checked against the accounts, and 401 answered the
// same way everywhere. `requireAccount` does it once for every API route and puts the
// account on the context; the sync endpoint calls `authenticate` after its own checks.
import type { Context, MiddlewareHandler } from 'hono';
import type { Accounts } from '../auth/accounts.ts';
import type { AppEnv, SignedIn } from './app-env.ts';

export function requestToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return c.req.query('token') || undefined;
}

export type Authenticated = { ok: true; account: SignedIn } | { ok: false; response: Response };

export async function authenticate(c: Context, accounts: Accounts): Promise<Authenticated> {
  const token = requestToken(c);
  if (!token) {
    return {
      ok: false,
      response: c.json(
        { error: { code: 'token_missing', message: { 'zh-CN': '请先登录', en: 'sign in first' } } },
        401,
      ),
    };
  }
  const result = await accounts.authenticate(token);
  if (!result.ok) return { ok: false, response: c.json({ error: result.error }, 401) };
  return { ok: true, account: result.value };
}

/** Routes anyone may call: signing in. */
const PUBLIC_API = new Set(['/api/login']);

/** Every API route but sign-in answers 401 without a valid token; handlers read `c.var.account`. */
export function requireAccount(accounts: Accounts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (PUBLIC_API.has(c.req.path)) return next();
    const auth = await authenticate(c, accounts);
    if (!auth.ok) return auth.response;
    c.set('account', auth.account);
    return next();
  };
}
