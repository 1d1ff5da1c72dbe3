// Accounts: creating and changing users, signing in, checking a token against the
// store (so a disabled user or a raised token version is refused at once), and
// watching the store for changes made elsewhere (the CLI, another instance).
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type DomainError,
  domainError,
  fail,
  holdsCommittee,
  isCommitteeId,
  isRole,
  isRowId,
  ok,
  type Principal,
  type Result,
  type Role,
} from '@civic-ledger/shared';
import { log } from '../ops/log.ts';
import type { AccountStore, UserRecord } from '../store/account-store.ts';
import type { MetaStore } from '../store/store.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { signToken, verifyToken } from './token.ts';

/** What the rest of the server knows about a signed-in user. */
export interface Account extends Principal {
  id: string;
  username: string;
  displayName: string;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  committeeId?: string | null;
  /** The people-table row of the account's person. */
  personId?: string | null;
  displayName?: string;
}

export type AccountErrorCode =
  | 'invalid_user'
  | 'user_exists'
  | 'user_not_found'
  | 'bad_credentials'
  | 'token_invalid'
  | 'token_expired'
  | 'account_disabled'
  | 'token_revoked';

type AccountError = DomainError<AccountErrorCode>;

const USERNAME = /^[\p{L}\p{N}._-]{2,40}$/u;

function toAccount(u: UserRecord): Account {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    committeeId: u.committeeId,
    personId: u.personId,
  };
}

function invalid(en: string, zh: string): AccountError {
  return domainError('invalid_user', zh, en);
}

export class Accounts {
  private constructor(
    private readonly store: AccountStore,
    private readonly secret: string,
    private readonly tokenTtlSeconds: number,
  ) {}

  /** The signing secret comes from AUTH_SECRET or is made once and kept in the store. */
  static async open(
    store: AccountStore & MetaStore,
    options: { secret?: string; tokenTtlSeconds: number },
  ): Promise<Accounts> {
    const secret = options.secret ?? (await store.initMeta('auth_secret', randomBytes(32).toString('hex')));
    return new Accounts(store, secret, options.tokenTtlSeconds);
  }

  private validate(role: unknown, committeeId: string | null, personId: string | null): AccountError | null {
    if (!isRole(role)) return invalid(`unknown role "${String(role)}"`, `未知角色“${String(role)}”`);
    if (holdsCommittee(role)) {
      if (!committeeId || !isCommitteeId(committeeId)) {
        return invalid('a committee member needs a valid committee id', '居委工作人员须指定有效的居委编号');
      }
    } else if (role === 'patrol') {
      // A patrol's committee is its assignment, and optional: none is the whole district.
      if (committeeId && !isCommitteeId(committeeId)) {
        return invalid(
          'a patrol’s assignment must be a valid committee id',
          '巡查志愿者的责任居委须为有效的居委编号',
        );
      }
    } else if (committeeId) {
      return invalid(
        'only committee members and patrols belong to a committee',
        '只有居委工作人员和巡查志愿者隶属居委',
      );
    }
    if (personId !== null && !isRowId(personId)) {
      return invalid(
        'the person must be a row id of the people registry',
        '关联人员须为人员名册中的记录编号',
      );
    }
    return null;
  }

  async createUser(input: NewUser): Promise<Result<Account, AccountError>> {
    if (!USERNAME.test(input.username)) {
      return fail(invalid('username: 2–40 letters, digits, . _ -', '用户名须为 2–40 个字母、数字或 . _ -'));
    }
    const problem = passwordProblem(input.password);
    if (problem) return fail(invalid(problem, '密码长度须在 8 到 200 个字符之间'));
    const committeeId = input.committeeId ?? null;
    const personId = input.personId ?? null;
    const bad = this.validate(input.role, committeeId, personId);
    if (bad) return fail(bad);
    if (await this.store.getUserByName(input.username)) {
      return fail(
        domainError('user_exists', `用户“${input.username}”已存在`, `user "${input.username}" exists`),
      );
    }
    const user: UserRecord = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      committeeId,
      personId,
      disabled: false,
      tokenVersion: 0,
      createdAt: new Date().toISOString(),
      updatedAt: Date.now(),
    };
    try {
      await this.store.putUser(user);
    } catch (err) {
      // Another process created the same name between our check and our insert.
      if (await this.store.getUserByName(input.username)) {
        return fail(
          domainError('user_exists', `用户“${input.username}”已存在`, `user "${input.username}" exists`),
        );
      }
      throw err;
    }
    return ok(toAccount(user));
  }

  /** Changes a user; every change that affects rights also revokes their tokens. */
  async updateUser(
    username: string,
    change: {
      disabled?: boolean;
      role?: Role;
      committeeId?: string | null;
      personId?: string | null;
      password?: string;
    },
  ): Promise<Result<Account, AccountError>> {
    const user = await this.store.getUserByName(username);
    if (!user) return fail(domainError('user_not_found', `没有用户“${username}”`, `no user "${username}"`));
    const next: UserRecord = { ...user };
    if (change.role !== undefined || change.committeeId !== undefined || change.personId !== undefined) {
      next.role = change.role ?? user.role;
      next.committeeId =
        change.committeeId !== undefined
          ? change.committeeId
          : holdsCommittee(next.role) || (next.role === 'patrol' && user.role === 'patrol')
            ? user.committeeId
            : null;
      if (change.personId !== undefined) next.personId = change.personId;
      const bad = this.validate(next.role, next.committeeId, next.personId);
      if (bad) return fail(bad);
    }
    if (change.password !== undefined) {
      const problem = passwordProblem(change.password);
      if (problem) return fail(invalid(problem, '密码长度须在 8 到 200 个字符之间'));
      next.passwordHash = await hashPassword(change.password);
    }
    if (change.disabled !== undefined) next.disabled = change.disabled;
    next.tokenVersion = user.tokenVersion + 1;
    next.updatedAt = Math.max(Date.now(), user.updatedAt + 1);
    await this.store.putUser(next);
    return ok(toAccount(next));
  }

  async listUsers(): Promise<Array<Account & { disabled: boolean }>> {
    return (await this.store.listUsers()).map((u) => ({ ...toAccount(u), disabled: u.disabled }));
  }

  async login(
    username: string,
    password: string,
  ): Promise<Result<{ token: string; expiresAt: string; user: Account }, AccountError>> {
    const user = await this.store.getUserByName(username);
    // Same answer (and similar time) for an unknown user and a wrong password.
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      return fail(domainError('bad_credentials', '用户名或密码错误', 'wrong username or password'));
    }
    if (user.disabled) return fail(domainError('account_disabled', '账号已停用', 'this account is disabled'));
    const exp = Math.floor(Date.now() / 1000) + this.tokenTtlSeconds;
    const token = signToken({ sub: user.id, ver: user.tokenVersion, exp }, this.secret);
    return ok({ token, expiresAt: new Date(exp * 1000).toISOString(), user: toAccount(user) });
  }

  async authenticate(token: string): Promise<Result<Account & { tokenVersion: number }, AccountError>> {
    const verified = verifyToken(token, this.secret);
    if (!verified.ok) {
      return verified.reason === 'expired'
        ? fail(domainError('token_expired', '登录已过期，请重新登录', 'sign-in expired: sign in again'))
        : fail(domainError('token_invalid', '无效的登录凭据', 'invalid token'));
    }
    const user = await this.store.getUser(verified.claims.sub);
    if (!user) return fail(domainError('token_invalid', '无效的登录凭据', 'invalid token'));
    if (user.disabled) return fail(domainError('account_disabled', '账号已停用', 'this account is disabled'));
    if (user.tokenVersion !== verified.claims.ver) {
      return fail(domainError('token_revoked', '账号已变更，请重新登录', 'account changed: sign in again'));
    }
    return ok({ ...toAccount(user), tokenVersion: user.tokenVersion });
  }

  /** Polls the store for changed users (CLI, other instances) and reports each. */
  watch(intervalMs: number, onChange: (user: UserRecord) => void): () => void {
    let since = Date.now() - 1000;
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        for (const user of await this.store.usersChangedSince(since)) {
          since = Math.max(since, user.updatedAt);
          onChange(user);
        }
      } catch (err) {
        log.warn('user watch failed', { error: err instanceof Error ? err.message : String(err) });
      } finally {
        running = false;
      }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

// A real scrypt hash of a random password, so unknown users cost the same to refuse.
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));
