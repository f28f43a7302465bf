import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAccount, createPersonWithTemporaryPassword, isUniqueViolation } from './accounts/accounts.service.ts';
import { findAccountByIdentifier } from './accounts/accounts.repository.ts';
import { ConfigError, loadConfig, S3_URL, s3Location, type Config } from './config.ts';
import { isKnownTimeZone } from '../shared/reference.ts';
import { openConfiguredDatabase, type Db } from './db/database.ts';
import type { Role } from './db/schema.ts';
import { migrateToLatest, NewerDatabaseError, pendingMigrations } from './db/migrate.ts';
import { AppError } from './lib/errors.ts';
import { normalizeCustomerIdentifier } from './lib/identifiers.ts';
import { importArticles, ImportError } from './knowledge/knowledge.import.ts';

const USAGE = `Usage:
  caseway start
  caseway migrate [--dry-run]   (--dry-run: list what would run, change nothing)
  caseway account create --name NAME
  caseway contact create --account IDENTIFIER --email E --first-name F --last-name L [--roles approver,account-admin] [--language en|ja] [--time-zone ZONE] [--otp email|app]
  caseway staff create --email E --first-name F --last-name L --role agent|admin [--otp email|app]
                       [--language en|ja] [--time-zone ZONE]   (ZONE: IANA, default DEFAULT_TIME_ZONE)
  caseway product create --name NAME
  caseway kb import FILE   (JSON Lines: {"title", "body", "language", "visibility", "state", "products"} a line)
  caseway attachments migrate --to s3://BUCKET[/PREFIX]   (copies DATA_DIR/attachments into the bucket; safe to re-run)
  caseway backup FILE    (SQLite: the database and attachment files in one archive, while the portal runs)
  caseway restore FILE   (into an empty DATA_DIR; then caseway start migrates it forward)`;

/** Thrown for a mistake in the command line itself; printed without a stack, with the usage. */
class UsageError extends Error {}
/** Bad input that is not a mistake in the command line (a bad file); printed without the usage. */
class InputError extends Error {}

const personOptions = {
  email: z.email({ message: '--email must be an e-mail address' }).max(254),
  'first-name': z.string().trim().min(1, '--first-name must not be empty').max(100, '--first-name has at most 100 characters'),
  'last-name': z.string().trim().min(1, '--last-name must not be empty').max(100, '--last-name has at most 100 characters'),
  otp: z.enum(['email', 'app'], { message: '--otp must be email or app' }).default('email'),
  language: z.enum(['en', 'ja'], { message: '--language must be en or ja' }).default('en'),
  /** Unset: DEFAULT_TIME_ZONE. */
  'time-zone': z
    .string()
    .refine(isKnownTimeZone, '--time-zone must be an IANA time zone such as Asia/Tokyo or UTC')
    .optional(),
};

const contactOptions = z.strictObject({
  account: z.string({ message: '--account IDENTIFIER is required' }),
  ...personOptions,
  roles: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['approver', 'account-admin'], { message: '--roles takes approver and/or account-admin, separated by a comma' }))),
});

const staffOptions = z.strictObject({
  ...personOptions,
  role: z.enum(['agent', 'admin'], { message: '--role must be agent or admin' }),
});

const nameOption = (what: string) => z.strictObject({ name: z.string({ message: '--name NAME is required' }).trim().min(1, `--name must not be empty`).max(200, `a ${what} name has at most 200 characters`) });

function parseOptions<T extends z.ZodType>(schema: T, args: string[]): z.infer<T> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args, options: Object.fromEntries(['name', 'account', 'email', 'first-name', 'last-name', 'roles', 'role', 'language', 'time-zone', 'otp'].map((o) => [o, { type: 'string' as const }])), strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown option ${i.keys.map((k) => `--${k}`).join(', ')}` : i.message)).join('; '));
  return parsed.data;
}

async function withDatabase<T>(config: Config, run: (db: Db) => Promise<T>, migrateFirst = true): Promise<T> {
  const db = openConfiguredDatabase(config);
  try {
    if (migrateFirst) await migrateToLatest(db);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const [noun, verb, ...rest] = argv;
  const now = Date.now();
  const database = <T>(run: (db: Db) => Promise<T>, migrateFirst = true) => withDatabase(loadConfig(env), run, migrateFirst);
  switch (`${noun ?? ''} ${['start', 'migrate', 'backup', 'restore'].includes(noun ?? '') ? '' : (verb ?? '')}`.trim()) {
    case 'start': {
      // Each command loads only what it uses: the server and the storage clients cost seconds a run.
      const { startServer } = await import('./main.ts');
      const server = await startServer(loadConfig(env));
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return null;
    }
    case 'migrate': {
      const options = argv.slice(1);
      if (options.some((option) => option !== '--dry-run')) throw new UsageError(`migrate takes only --dry-run, not ${options.join(' ')}`);
      if (options.length > 0) {
        const pending = await database(pendingMigrations, false);
        return pending.length ? `Would apply ${pending.length} migration(s): ${pending.join(', ')}` : 'The database is up to date.';
      }
      const applied = await database(migrateToLatest, false);
      return applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.';
    }
    case 'account create': {
      const { name } = parseOptions(nameOption('account'), rest);
      const account = await database((db) => createAccount(db, { name, now }));
      return account.customerIdentifier;
    }
    case 'contact create': {
      const options = parseOptions(contactOptions, rest);
      const identifier = normalizeCustomerIdentifier(options.account);
      return database(async (db) => {
        const account = identifier ? await findAccountByIdentifier(db, identifier) : undefined;
        if (!account) throw new InputError(`No account has the Customer Identifier ${options.account}.`);
        const roles = options.roles.map((r): Role => (r === 'account-admin' ? 'account_admin' : 'approver'));
        const created = await createPersonWithTemporaryPassword(db, {
          kind: 'contact',
          accountId: account.id,
          email: options.email,
          firstName: options['first-name'],
          lastName: options['last-name'],
          roles: [...new Set(roles)],
          language: options.language,
          timeZone: options['time-zone'] ?? loadConfig(env).defaultTimeZone,
          otpMethod: options.otp,
          now,
        });
        return created.temporaryPassword;
      });
    }
    case 'staff create': {
      const options = parseOptions(staffOptions, rest);
      const created = await database((db) =>
        createPersonWithTemporaryPassword(db, {
          kind: 'staff',
          accountId: null,
          email: options.email,
          firstName: options['first-name'],
          lastName: options['last-name'],
          // An administrator can do everything an agent can; holding both roles keeps checks simple.
          roles: options.role === 'admin' ? ['agent', 'admin'] : ['agent'],
          language: options.language,
          timeZone: options['time-zone'] ?? loadConfig(env).defaultTimeZone,
          otpMethod: options.otp,
          now,
        }),
      );
      return created.temporaryPassword;
    }
    case 'product create': {
      const { name } = parseOptions(nameOption('product'), rest);
      return database(async (db) => {
        try {
          const row = await db.insertInto('products').values({ name, active: 1, created_at: now }).returning('id').executeTakeFirstOrThrow();
          return `Created product ${row.id}: ${name}`;
        } catch (error) {
          if (isUniqueViolation(error)) throw new InputError(`A product named "${name}" already exists.`);
          throw error;
        }
      });
    }
    case 'attachments migrate': {
      const target = rest.length === 2 && rest[0] === '--to' ? rest[1]! : undefined;
      if (!target || !S3_URL.test(target)) throw new UsageError('attachments migrate takes --to s3://BUCKET or --to s3://BUCKET/PREFIX.');
      const config = loadConfig(env);
      if (config.attachments.kind !== 'folder') throw new InputError('ATTACHMENTS_URL is set: the files are in a bucket already. Unset it to copy from DATA_DIR/attachments.');
      const [{ FolderStore }, { S3Store }, { copyAttachmentsToBucket }] = await Promise.all([import('./attachments/folder-store.ts'), import('./attachments/s3-store.ts'), import('./attachments/copy-to-bucket.ts')]);
      const from = new FolderStore(config.attachments.dir);
      const report = await database((db) => copyAttachmentsToBucket(db, from, new S3Store(s3Location(target), config.s3)));
      const missing = report.missing.length ? ` ${report.missing.length} file(s) named by a row were missing from the folder: ${report.missing.join(', ')}.` : '';
      return `Copied ${report.copied} file(s) to ${target}; ${report.alreadyThere} were there already.${missing} Set ATTACHMENTS_URL=${target} and restart; keep the folder until the portal serves files from the bucket.`;
    }
    case 'backup':
    case 'restore': {
      const [file, ...extra] = [verb, ...rest];
      if (!file || extra.length > 0) throw new UsageError(`${noun} takes one FILE.`);
      const config = loadConfig(env);
      if (noun === 'backup') {
        const { backupSqlite, postgresBackupAdvice } = await import('./backup/backup.ts');
        // Exit code 2: the backup the operator asked for was not made; the message says how to make it.
        if (config.databaseUrl) throw new InputError(await postgresBackupAdvice(config));
        if (!fs.existsSync(config.sqlitePath)) throw new InputError(`No database at ${config.sqlitePath}: is DATA_DIR the portal's?`);
        if (!fs.existsSync(path.dirname(path.resolve(file)))) throw new InputError(`The folder of ${file} does not exist.`);
        return backupSqlite(config, file);
      }
      if (config.databaseUrl) throw new InputError('DATABASE_URL is set: caseway restore is for the embedded SQLite database. Restore PostgreSQL with pg_restore. Nothing was changed.');
      const { restoreSqlite, RestoreRefused } = await import('./backup/restore.ts');
      try {
        return await restoreSqlite(config, file);
      } catch (error) {
        if (error instanceof RestoreRefused) throw new InputError(error.message);
        throw error;
      }
    }
    case 'kb import': {
      const [file, ...extra] = rest;
      if (!file || extra.length > 0) throw new UsageError('kb import takes one FILE: a JSON Lines file, one article a line.');
      try {
        fs.accessSync(file, fs.constants.R_OK);
      } catch (error) {
        throw new InputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const count = await database(async (db) => {
        try {
          return await importArticles(db, file, now);
        } catch (error) {
          if (error instanceof ImportError) throw new InputError(`${file} was not imported, nothing changed:\n${error.message}`);
          throw error;
        }
      });
      return `Imported ${count} article(s).`;
    }
    default:
      throw new UsageError(noun ? `Unknown command: ${argv.slice(0, 2).join(' ')}` : 'No command given.');
  }
}

/**
 * Runs one command with the environment given, writing its answer to `out` and problems to `err`.
 * Returns the exit code: 0 done, 2 bad input (usage, unknown identifier, duplicate), 1 anything
 * else; undefined while `start` keeps serving.
 */
export async function main(argv: string[], { env = process.env, out = process.stdout, err = process.stderr }: { env?: NodeJS.ProcessEnv; out?: Writable; err?: Writable } = {}): Promise<number | undefined> {
  try {
    const line = await runCli(argv, env);
    if (line === null) return undefined;
    out.write(`${line}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || error instanceof ConfigError || error instanceof AppError || error instanceof NewerDatabaseError) {
      err.write(`caseway: ${error.message}\n`);
      if (error instanceof UsageError) err.write(`${USAGE}\n`);
      return 2;
    }
    err.write(`caseway: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
