/**
 * `npm run server -- --port <p> --data-dir <dir>`, `npm run server -- create-user ...`, and
 * `npm run server -- deactivate-user --email <e>` / `reactivate-user --email <e>`.
 * Configuration mistakes print one line naming the setting and exit with code 2.
 */
import { createInterface } from 'node:readline';
import { Role } from '../../shared/api/schemas';
import { createServer } from './app';
import { ConfigError, parseConfig } from './config';
import { createUser, DEMO_PASSWORD, DEMO_USERS } from './demo/seed';
import { deactivateAccount, reactivateAccount } from './auth/accounts';
import { findUserByEmail } from './repo/users';

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function runCreateUser(args: string[]) {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const email = value('--email');
  const role = Role.safeParse(value('--role') ?? 'administrator');
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new ConfigError('create-user needs --email with a valid e-mail address');
  if (!role.success) throw new ConfigError('--role must be administrator, operator, agent or supervisor');
  const password = (await readPassword()).trim();
  if (password.length < 10) throw new ConfigError('the password (read from standard input) must have at least 10 characters');
  const config = parseConfig(args, process.env);
  const server = await createServer({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, demoData: false, sweepIntervalMs: 0 });
  try {
    await createUser(server.db, { email, name: value('--name') ?? email.split('@')[0]!, role: role.data, password }, server.clock.now());
    console.log(`created ${role.data} ${email}`);
  } finally {
    await server.close();
  }
}

/** Turns an account off (its sessions end at once) or back on, by e-mail; the same as /admin/users/:id/... */
async function runAccountState(args: string[], off: boolean) {
  const i = args.indexOf('--email');
  const email = i === -1 ? undefined : args[i + 1];
  if (!email) throw new ConfigError(`${off ? 'deactivate-user' : 'reactivate-user'} needs --email`);
  const config = parseConfig(args, process.env);
  const server = await createServer({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, demoData: false, sweepIntervalMs: 0 });
  try {
    const id = (await findUserByEmail(server.db, email))?.id;
    const account = id && (off ? await deactivateAccount(server.db, id, server.clock.now()) : await reactivateAccount(server.db, id));
    if (!account) throw new ConfigError(`no user with the e-mail ${email}`);
    console.log(`${off ? 'deactivated' : 'reactivated'} ${account.role} ${account.email}`);
  } finally {
    await server.close();
  }
}

async function runServer(args: string[]) {
  const config = parseConfig(args, process.env);
  const server = await createServer({
    dataDir: config.dataDir,
    attachmentsDir: config.attachmentsDir,
    databaseUrl: config.databaseUrl,
    demoData: config.demoData,
    provider: config.provider,
    meta: config.meta,
    zenvia: config.zenvia,
    providerLog: { info: (message) => console.log(message), warn: (message) => console.warn(`warning: ${message}`) },
    loginRateLimit: { max: config.loginRateLimit, timeWindowMs: 60_000 },
    logger: process.env.LOG_REQUESTS === '1',
    businessCountry: config.businessCountry,
  });
  if (server.demoLoaded) {
    console.log('Demo data loaded. Sign in with any of these users, password "%s":', DEMO_PASSWORD);
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(22)} ${u.role}`);
  } else if (config.demoData) {
    console.log(`Demo users (if this database holds the demo data) use the password "${DEMO_PASSWORD}".`);
  }
  const url = await server.listen(config.port, config.host);
  console.log(`listening on ${url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const args = process.argv.slice(2);
const commands: Record<string, (rest: string[]) => Promise<void>> = {
  'create-user': runCreateUser,
  'deactivate-user': (rest) => runAccountState(rest, true),
  'reactivate-user': (rest) => runAccountState(rest, false),
};
(Object.hasOwn(commands, args[0] ?? '') ? commands[args[0]!]!(args.slice(1)) : runServer(args)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(2);
  }
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    console.error('configuration error: the port is already in use (set PORT or --port to another)');
    process.exit(2);
  }
  console.error(`the server could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
