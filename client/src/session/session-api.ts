// The JSON API as the client uses it: sign in, check the token, read a row's audit trail.
// Failures come back as values; a 401 is its own kind, since it means "sign in again".
import { type DomainError, domainError } from '@civic-ledger/shared';
import { parseSession, parseUser, type Session, type SessionUser } from './session.ts';

export type LoginFailure =
  | 'bad_credentials'
  | 'account_disabled'
  | 'too_many_attempts'
  | 'unreachable'
  | 'failed';

export type LoginResult =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly failure: LoginFailure; readonly error: DomainError | null };

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly unauthorized: boolean; readonly error: DomainError };

function serverError(body: unknown): DomainError | null {
  const error = (body as { error?: unknown } | null)?.error as DomainError | undefined;
  return error && typeof error.code === 'string' && typeof error.message === 'object' ? error : null;
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

export async function login(username: string, password: string, fetchImpl = fetch): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetchImpl('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, failure: 'unreachable', error: null };
  }
  const body = await readJson(res);
  if (res.ok) {
    const session = parseSession(body);
    return session
      ? { ok: true, session }
      : {
          ok: false,
          failure: 'failed',
          error: domainError('bad_answer', '服务器应答无效', 'bad answer from the server'),
        };
  }
  const error = serverError(body);
  if (res.status === 429) return { ok: false, failure: 'too_many_attempts', error };
  if (error?.code === 'bad_credentials' || error?.code === 'account_disabled')
    return { ok: false, failure: error.code, error };
  return { ok: false, failure: 'failed', error };
}

/** GET with the session's token; a 401 means the sign-in is no longer good. */
export async function apiGet<T>(session: Session, path: string, fetchImpl = fetch): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetchImpl(path, { headers: { authorization: `Bearer ${session.token}` } });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      unauthorized: false,
      error: domainError('unreachable', `无法连接服务器（${detail}）`, `cannot reach the server (${detail})`),
    };
  }
  const body = await readJson(res);
  if (res.ok) return { ok: true, value: body as T };
  return {
    ok: false,
    unauthorized: res.status === 401,
    error:
      serverError(body) ??
      domainError('http_error', `服务器返回 ${res.status}`, `the server answered ${res.status}`),
  };
}

/** Who the token belongs to now (role and committee may have changed since sign-in). */
export async function fetchMe(session: Session, fetchImpl = fetch): Promise<ApiResult<SessionUser>> {
  const result = await apiGet<{ user?: unknown }>(session, '/api/me', fetchImpl);
  if (!result.ok) return result;
  const user = parseUser(result.value.user);
  return user
    ? { ok: true, value: user }
    : {
        ok: false,
        unauthorized: false,
        error: domainError('bad_answer', '服务器应答无效', 'bad answer from the server'),
      };
}
