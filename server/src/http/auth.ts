// Reading the caller's token from a request (Authorization: Bearer, or `token` in the
// query for sockets and downloads) and answering 401 the same way everywhere.
import type { Context } from 'hono';
import type { Account, Accounts } from '../auth/accounts.ts';

export function requestToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return c.req.query('token') || undefined;
}

export type Authenticated =
  | { ok: true; account: Account & { tokenVersion: number } }
  | { ok: false; response: Response };

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
