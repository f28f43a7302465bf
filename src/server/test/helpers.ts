import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Db, type DatabaseKind } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Language, OtpMethod, Role } from '../db/schema.ts';
import { insertAccount, insertPerson } from '../accounts/accounts.repository.ts';
import { generateCustomerIdentifier, formatCustomerIdentifier } from '../lib/identifiers.ts';
import { hashPassword } from '../lib/passwords.ts';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** `url` (PostgreSQL) and `file` (SQLite) let a test open a second pool, as a second server process would. */
export type TestDatabase = { db: Db; kind: DatabaseKind; url?: string; file?: string; cleanup: () => Promise<void> };

/**
 * A fresh database, migrated unless asked not to: a temporary SQLite file, or a new PostgreSQL database. A database
 * rather than a schema, because Kysely's migrator reads the catalogue of every schema, and test
 * files running in parallel drop theirs under its feet.
 *
 * A migrated one is a copy of a database migrated once (a file copied; PostgreSQL's CREATE DATABASE
 * … TEMPLATE): running every migration for each of the hundred-odd test databases of a run cost
 * about 0.6 s each on PostgreSQL and 0.15 s on SQLite.
 */
export async function createTestDatabase(kind: DatabaseKind, { migrated = true } = {}): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-test-'));
    const file = path.join(dir, 'test.sqlite');
    if (migrated) fs.copyFileSync(await migratedSqliteFile(), file);
    const db = openDatabase({ kind: 'sqlite', file });
    return { db, kind, file, cleanup: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `caseway_test_${randomBytes(6).toString('hex')}`;
  const template = migrated ? await migratedPostgresTemplate(adminUrl) : undefined;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = databaseUrl(adminUrl, name);
  const db = openDatabase({ kind: 'postgres', url, poolSize: 5 });
  return { db, kind, url, cleanup: () => dropDatabase(adminUrl, db, name) };
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, db: Db, name: string) {
  await db.destroy();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  // Without FORCE: a connection still open here would be a leak worth hearing about; give
  // closing sockets a moment before insisting.
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`DROP DATABASE ${name}${attempt >= 20 ? ' WITH (FORCE)' : ''}`);
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await client.end();
}

/** Names what the migrations make: a template made by other migrations is never used. */
function migrationsDigest(): string {
  const folder = path.resolve(import.meta.dirname, '../db/migrations');
  const hash = createHash('sha256');
  for (const file of [...fs.readdirSync(folder).sort().map((name) => path.join(folder, name)), path.resolve(folder, '../migrate.ts')]) {
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

let sqliteTemplate: Promise<string> | undefined;

/** A SQLite file migrated once for this worker; closed, so that it is one file without a WAL beside it. */
function migratedSqliteFile(): Promise<string> {
  return (sqliteTemplate ??= (async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'caseway-template-')), 'template.sqlite');
    const db = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(db);
    await db.destroy();
    return file;
  })());
}

let postgresTemplate: Promise<string> | undefined;

/**
 * A PostgreSQL database migrated once per set of migrations, shared by the workers of a run and by
 * later runs: built under an advisory lock, under a name of its own until done, then renamed, so no
 * worker copies a half-migrated one (nor one a worker is still connected to).
 */
function migratedPostgresTemplate(adminUrl: string): Promise<string> {
  return (postgresTemplate ??= (async () => {
    const template = `caseway_template_${migrationsDigest()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(8675309)');
      // Templates of other migrations stay: a run of another branch may be using one.
      if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount) return template;
      const building = `caseway_building_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const db = openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, building), poolSize: 1 });
      await migrateToLatest(db);
      await db.destroy();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      return template;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(8675309)').catch(() => {});
      await admin.end();
    }
  })());
}

/** A clock the test moves by hand. */
export function testClock(start = Date.UTC(2026, 10, 24, 9, 0, 0)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, { advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) });
}
export type TestClock = ReturnType<typeof testClock>;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMITS: 'false', PUBLIC_URL: 'http://portal.test', ...overrides });
}

export type TestContext = TestDatabase & { app: FastifyInstance; clock: TestClock; config: Config; close: () => Promise<void> };

export async function createTestApp(kind: DatabaseKind, configOverrides: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase(kind);
  const clock = testClock();
  const config = testConfig(configOverrides);
  const app = await buildApp({ db: database.db, config, clock, webRoot: null });
  await app.ready();
  return { ...database, app, clock, config, close: async () => { await app.close(); await database.cleanup(); } };
}

/**
 * A browser stand-in over app.inject: keeps cookies and sends the CSRF header on every
 * state-changing request, as the web app does.
 */
export class TestClient {
  cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance, private readonly ip = '127.0.0.1') {}

  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const method = (options.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && !this.cookies.has('caseway_csrf')) await this.request({ method: 'GET', url: '/api/session' });
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && options.csrf !== false) headers['x-csrf-token'] = this.cookies.get('caseway_csrf') ?? '';
    const response = await this.app.inject({ ...options, method: method as InjectOptions['method'], headers, remoteAddress: this.ip });
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: object, extra: { csrf?: boolean } = {}) {
    return this.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload }), ...extra });
  }
}

export const STRONG_PASSWORD = 'violet-sunrise-kettle-42';

let counter = 0;
export const uniqueEmail = (prefix = 'person') => `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;

export async function seedAccount(db: Db, name = 'Acme Corporation') {
  const identifier = generateCustomerIdentifier();
  const row = await insertAccount(db, { name, customerIdentifier: identifier, now: Date.now() });
  return { id: row.id, name, identifier: formatCustomerIdentifier(identifier), rawIdentifier: identifier };
}

export type SeedPerson = {
  accountId?: number | null;
  kind?: 'contact' | 'staff';
  email?: string;
  password?: string;
  roles?: Role[];
  language?: Language;
  otpMethod?: OtpMethod;
  mustChange?: boolean;
  termsAccepted?: boolean;
  totpSecret?: string | null;
  active?: boolean;
  firstName?: string;
  lastName?: string;
  timeZone?: string;
};

// Argon2id costs about 20 ms of CPU a hash and nearly every seeded person has the same password: one
// hash a password serves them all (a salt shared between test people hides nothing).
const seedHashes = new Map<string, Promise<string>>();
const seedHash = (password: string) => seedHashes.get(password) ?? seedHashes.set(password, hashPassword(password)).get(password)!;

/** A person with a known password, by default past every first-login step. */
export async function seedPerson(db: Db, options: SeedPerson = {}) {
  const email = (options.email ?? uniqueEmail()).toLowerCase();
  const password = options.password ?? STRONG_PASSWORD;
  const now = Date.now();
  const id = await insertPerson(
    db,
    {
      kind: options.kind ?? (options.accountId ? 'contact' : 'staff'),
      account_id: options.accountId ?? null,
      email,
      first_name: options.firstName ?? 'Hanako',
      last_name: options.lastName ?? 'Suzuki',
      password_hash: await seedHash(password),
      password_must_change: options.mustChange ? 1 : 0,
      time_zone: options.timeZone ?? 'Asia/Tokyo',
      country_code: 'JP',
      phone: '03-1234-5678',
      mobile: '',
      preferred_contact: 'portal',
      language: options.language ?? 'en',
      otp_method: options.otpMethod ?? 'email',
      totp_secret: options.totpSecret ?? null,
      active: options.active === false ? 0 : 1,
      terms_version_accepted: options.termsAccepted === false ? null : '1',
      created_at: now,
      updated_at: now,
    },
    options.roles ?? [],
    now,
  );
  return { id, email, password };
}

export async function mailsTo(db: Db, email: string) {
  return db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('id').execute();
}

export async function lastMailTo(db: Db, email: string) {
  const mails = await mailsTo(db, email);
  const mail = mails[mails.length - 1];
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}

/** The 6-digit code of the latest one-time passcode mail to `email`. */
export async function latestPasscode(db: Db, email: string): Promise<string> {
  const mail = await lastMailTo(db, email);
  const code = /^\s{4}(\d{6})$/m.exec(mail.text_body)?.[1];
  if (!code) throw new Error(`no passcode in mail "${mail.subject}"`);
  return code;
}

/** Password plus e-mailed code: a fully signed-in client for a seeded person with the email method. */
export async function signIn(ctx: TestContext, person: { email: string; password: string }, client = new TestClient(ctx.app)) {
  const login = await client.post('/api/auth/login', { email: person.email, password: person.password });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  if (login.json().stage === 'email_code') {
    const otp = await client.post('/api/auth/otp', { code: await latestPasscode(ctx.db, person.email) });
    if (otp.json().stage !== 'active') throw new Error(`sign-in stopped at ${otp.body}`);
  }
  return client;
}

/** A multipart/form-data body with one file in the field "file", as a browser sends it. */
export function multipartFile(filename: string, content: Buffer | string, contentType = 'application/octet-stream') {
  const boundary = `----caseway${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(client: TestClient, url: string, filename: string, content: Buffer | string, contentType?: string) {
  const { payload, headers } = multipartFile(filename, content, contentType);
  return client.request({ method: 'POST', url, payload, headers });
}
