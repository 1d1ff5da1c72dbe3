// Account administration from the shell, on the store the server uses (DATA_DIR or
// DATABASE_URL; flags --data-dir / --database-url too):
//   users add <name> --role admin|staff|member|manager|patrol [--committee <id>] [--person <personId>]
//             [--name <显示名>] [--password <p>]
//   users list | disable <name> | enable <name> | reset-password <name> [--password <p>]
//   users set-role <name> --role <role> [--committee <id>]
//   users set-person <name> --person <personId>|-   (links the account to a person; - unlinks)
// Without --password a strong one is made and printed once. Running servers notice
// changes within seconds and close the sockets of disabled or changed accounts.
import { randomBytes } from 'node:crypto';
import { isRole, type Role } from '@civic-ledger/shared';
import { Accounts } from '../auth/accounts.ts';
import { loadConfig } from '../ops/config.ts';
import { openStore } from '../store/open-store.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

const USAGE = `usage: users add <name> --role <admin|staff|member|manager|patrol> [--committee <id>] [--person <personId>] [--name <display>] [--password <p>]
       users list
       users disable <name> | enable <name>
       users reset-password <name> [--password <p>]
       users set-role <name> --role <role> [--committee <id>]
       users set-person <name> --person <personId>|-`;

export async function runUsersCli(argv: string[]): Promise<number> {
  const [command, username] = argv;
  const config = loadConfig(process.env, argv);
  const store = await openStore(config);
  const accounts = await Accounts.open(store, {
    secret: config.authSecret,
    tokenTtlSeconds: config.tokenTtlSeconds,
  });
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 1;
  };
  try {
    if (command === 'list') {
      for (const u of await accounts.listUsers()) {
        out(
          `${u.username}\t${u.role}\t${u.committeeId ?? '-'}\t${u.personId ?? '-'}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}`,
        );
      }
      return 0;
    }
    if (!command || !username || username.startsWith('--')) return fail(USAGE);
    const role = option(argv, 'role');
    if (role !== undefined && !isRole(role)) return fail(`unknown role "${role}"`);
    const given = option(argv, 'password');
    const password = given ?? randomBytes(12).toString('base64url');
    switch (command) {
      case 'add': {
        if (!role) return fail('add needs --role');
        const result = await accounts.createUser({
          username,
          password,
          role: role as Role,
          committeeId: option(argv, 'committee') ?? null,
          personId: option(argv, 'person') ?? null,
          displayName: option(argv, 'name'),
        });
        if (!result.ok) return fail(result.error.message.en);
        out(`added ${username} (${role})${given ? '' : ` with password: ${password}`}`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const result = await accounts.updateUser(username, { disabled: command === 'disable' });
        if (!result.ok) return fail(result.error.message.en);
        out(`${command}d ${username}`);
        return 0;
      }
      case 'reset-password': {
        const result = await accounts.updateUser(username, { password });
        if (!result.ok) return fail(result.error.message.en);
        out(`password of ${username} reset${given ? '' : ` to: ${password}`}`);
        return 0;
      }
      case 'set-role': {
        if (!role) return fail('set-role needs --role');
        const committee = option(argv, 'committee');
        const result = await accounts.updateUser(username, {
          role: role as Role,
          committeeId: committee ?? (role === 'member' ? undefined : null),
        });
        if (!result.ok) return fail(result.error.message.en);
        out(`${username} is now ${role}${result.value.committeeId ? ` of ${result.value.committeeId}` : ''}`);
        return 0;
      }
      case 'set-person': {
        const person = option(argv, 'person');
        if (!person) return fail('set-person needs --person <personId> (or - to unlink)');
        const result = await accounts.updateUser(username, { personId: person === '-' ? null : person });
        if (!result.ok) return fail(result.error.message.en);
        out(
          `${username} is ${result.value.personId ? `linked to ${result.value.personId}` : 'linked to no one'}`,
        );
        return 0;
      }
      default:
        return fail(USAGE);
    }
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runUsersCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`users: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
