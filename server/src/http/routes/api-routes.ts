// The JSON API beside the sync endpoint: sign-in, who am I, and the audit trail of a
// room (optionally one row, a time range).
import { can, domainError, parseRoomName } from '@civic-ledger/shared';
import type { Hono } from 'hono';
import type { Accounts } from '../../auth/accounts.ts';
import { LoginThrottle } from '../../auth/login-throttle.ts';
import { log } from '../../ops/log.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';
import { addressOf } from '../request-address.ts';

export function mountApi(app: Hono<AppEnv>, deps: { accounts: Accounts; store: Store }) {
  const throttle = new LoginThrottle();
  const badRequest = () => domainError('bad_request', '请求格式错误', 'send JSON { username, password }');

  app.post('/api/login', async (c) => {
    const address = addressOf(c);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: badRequest() }, 400);
    }
    const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > 200) {
      return c.json({ error: badRequest() }, 400);
    }
    const verdict = throttle.check(username, address);
    if (verdict !== 'allowed') {
      log.warn('login refused: too many failures', { username: username.slice(0, 40), address, verdict });
      return c.json(
        {
          error: domainError('too_many_attempts', '尝试次数过多，请稍后再试', 'too many attempts: try later'),
        },
        429,
      );
    }
    const result = await deps.accounts.login(username, password);
    if (!result.ok) {
      throttle.failed(username, address);
      log.warn('login failed', { username: username.slice(0, 40), address, code: result.error.code });
      return c.json({ error: result.error }, 401);
    }
    throttle.succeeded(username, address);
    log.info('login', { username, role: result.value.user.role });
    return c.json(result.value);
  });

  app.get('/api/me', async (c) => {
    const account = c.get('account');
    const { tokenVersion: _v, ...user } = account;
    return c.json({ user });
  });

  app.get('/api/audit', async (c) => {
    const account = c.get('account');
    const parsed = parseRoomName(c.req.query('room') ?? '');
    if (!parsed.ok) return c.json({ error: parsed.error }, 400);
    if (!can(account, 'audit', parsed.value)) {
      return c.json({ error: domainError('forbidden', '无权查看此表的记录', 'no access to this room') }, 403);
    }
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    const from = num(c.req.query('from'));
    const to = num(c.req.query('to'));
    const limit = Math.min(num(c.req.query('limit')) ?? 1000, 10_000);
    if ([from, to, limit].some((n) => n !== undefined && !Number.isFinite(n))) {
      return c.json(
        { error: domainError('bad_request', '时间范围格式错误', 'from/to are milliseconds since the epoch') },
        400,
      );
    }
    const entries = await deps.store.queryAudit({
      room: parsed.value.name,
      rowId: c.req.query('row') || undefined,
      from,
      to,
      limit,
    });
    return c.json({ entries });
  });
}
