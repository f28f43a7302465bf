import { sql } from 'kysely';
import { databaseKind, refreshPlannerStatistics, type Db } from '../src/server/db/database.ts';
import { hashPassword } from '../src/server/lib/passwords.ts';
import { randomToken, sha256 } from '../src/server/lib/secrets.ts';

export type CaseVolume = { accounts: number; contacts: number; cases: number; activities: number; bigAccountCases: number };

export const FULL_VOLUME: CaseVolume = { accounts: 1_000, contacts: 20_000, cases: 200_000, activities: 1_000_000, bigAccountCases: 20_000 };

/** `WITH RECURSIVE` numbers 1..n: one statement seeds a table in both databases. */
const series = (n: number) => sql`with recursive s(i) as (select cast(1 as bigint) union all select i + 1 from s where i < ${sql.lit(n)})`;

/**
 * Seeds the volume the issue names. Account 1 is a big customer: it holds `bigAccountCases` of the
 * cases, spread over time, so its administrator's My Cases has 50+ pages. Contact i belongs to
 * account ((i-1) mod accounts)+1 and is the first of its account to be an account administrator.
 */
export async function seedCases(db: Db, volume: CaseVolume, now = Date.now()) {
  const passwordHash = await hashPassword('bench-password-not-used');
  const t0 = now - 400 * 24 * 3600 * 1000;
  await sql`${series(volume.accounts)} insert into accounts (name, customer_identifier, created_at) select 'Account ' || i, 'B' || (100000000 + i), ${sql.lit(t0)} from s`.execute(db);
  await sql`${series(volume.contacts)} insert into people (kind, account_id, email, first_name, last_name, password_hash, password_must_change, time_zone, country_code, phone, mobile, preferred_contact, language, otp_method, active, terms_version_accepted, created_at, updated_at)
    select 'contact', ((i - 1) % ${sql.lit(volume.accounts)}) + 1, 'contact' || i || '@bench.example', 'First' || i, 'Last' || i, ${passwordHash}, 0, 'Asia/Tokyo', 'JP', '03-0000-0000', '', 'portal', case when i % 2 = 0 then 'ja' else 'en' end, 'email', 1, '1', ${sql.lit(t0)}, ${sql.lit(t0)} from s`.execute(db);
  await sql`${series(volume.accounts)} insert into person_roles (person_id, role, granted_at) select i, 'account_admin', ${sql.lit(t0)} from s`.execute(db);
  const products = 50;
  await sql`${series(products)} insert into products (name, active, created_at) select 'Sentinel Product ' || i, 1, ${sql.lit(t0)} from s`.execute(db);
  const states = sql`case i % 6 when 0 then 'new' when 1 then 'work_in_progress' when 2 then 'awaiting_info' when 3 then 'resolved' when 4 then 'closed' else 'cancelled' end`;
  // Every tenth case belongs to account 1, the big customer, spread over the whole period as a
  // large customer's cases are; the rest spread evenly over all contacts.
  const bigEvery = Math.round(volume.cases / volume.bigAccountCases);
  const perAccount = volume.contacts / volume.accounts;
  const contactOf = sql`case when i % ${sql.lit(bigEvery)} = 0 then 1 + (((i / ${sql.lit(bigEvery)}) % ${sql.lit(perAccount)}) * ${sql.lit(volume.accounts)}) else ((i - 1) % ${sql.lit(volume.contacts)}) + 1 end`;
  await sql`${series(volume.cases)} insert into cases (number, account_id, contact_id, product_id, type, priority, subject, description, state, created_at, updated_at)
    select 'CS' || (1000000 + i), ((${contactOf} - 1) % ${sql.lit(volume.accounts)}) + 1, ${contactOf}, (i % ${sql.lit(products)}) + 1, 'product_issue', (i % 4) + 1,
      'Benchmark case ' || i || ' license not found', 'Seeded description of case ' || i, ${states}, ${sql.lit(t0)} + i * 60000, ${sql.lit(t0)} + i * 60000 + (i % 97) * 1000 from s`.execute(db);
  await sql`insert into counters (name, value) values ('case', ${1000000 + volume.cases})`.execute(db);
  const perCase = Math.max(1, Math.round(volume.activities / volume.cases));
  await sql`${series(volume.activities)} insert into case_activities (case_id, kind, author_id, body, internal, detail, created_at)
    select ((i - 1) / ${sql.lit(perCase)}) + 1, 'comment', null, 'Seeded comment ' || i || ' with a few words of realistic length about the license manager and the dongle.', case when i % 10 = 0 then 1 else 0 end, '{}', ${sql.lit(t0)} + i * 12000 from s`.execute(db);
  await refreshPlannerStatistics(db);
  // PostgreSQL's autovacuum marks a bulk load's pages all-visible within a minute or so; until then
  // every index-only scan (My Cases' count of up to 1,001 cases) visits the table row by row as well.
  // The benchmark measures the database as it runs, not in that first minute.
  if (databaseKind(db) === 'postgres') await sql`vacuum accounts, people, person_roles, products, cases, case_activities`.execute(db);
}

/** An active session for a person, straight in the table: the benchmark measures pages, not logins. */
export async function benchSession(db: Db, personId: number, now = Date.now()): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('sessions')
    .values({ id: sha256(token), person_id: personId, stage: 'active', created_at: now, last_seen_at: now, expires_at: now + 11 * 3600 * 1000, ip: '127.0.0.1', user_agent: 'bench' })
    .execute();
  return token;
}
