import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import { runPrepared } from '../db/prepared.ts';
import type { AccessTokenScope } from '../../shared/access-tokens.ts';
import type { Database, Person, Role, SecondFactor, Session, SessionStage } from '../db/schema.ts';
import { policyAccepts } from '../auth/factor-policy.ts';
import { HOUR, MINUTE } from './clock.ts';
import { randomToken, sha256 } from './secrets.ts';

/** NIST SP 800-63B AAL2: re-authenticate after 30 minutes idle or 12 hours in all. */
export const SESSION_IDLE_MS = 30 * MINUTE;
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/** A sign-in that stops half-way (password given, second factor not) is forgotten quickly. */
export const PENDING_SESSION_MS = 15 * MINUTE;
/** `last_seen_at` is written at most this often, so reading a page does not always write. */
const TOUCH_EVERY_MS = MINUTE;

type Executor = Db | Transaction<Database>;

/** Where a request comes from; `deviceToken` is the browser's device cookie, if it has one. */
export type SessionContext = { ip: string; userAgent: string; now: number; deviceToken?: string };

/**
 * Creates a session and returns the token for the cookie; only its hash is stored. `authenticatedAt`
 * is when this sign-in proved the password and the second factor, if it has yet, and `secondFactor`
 * which factor that was (the account's policy asks).
 */
export async function createSession(
  executor: Executor,
  personId: number,
  stage: SessionStage,
  context: SessionContext,
  authenticatedAt: number | null = null,
  secondFactor: SecondFactor | null = null,
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const id = sha256(token);
  const lifetime = stage === 'active' ? SESSION_ABSOLUTE_MS : PENDING_SESSION_MS;
  await executor
    .insertInto('sessions')
    .values({
      id,
      person_id: personId,
      stage,
      created_at: context.now,
      last_seen_at: context.now,
      expires_at: context.now + lifetime,
      ip: context.ip.slice(0, 64),
      user_agent: context.userAgent.slice(0, 300),
      authenticated_at: authenticatedAt,
      second_factor: secondFactor,
    })
    .execute();
  return { token, id };
}

/**
 * Moves a session to its next sign-in step under a new token (ASVS 7.2.4: a new session at
 * authentication), so a token seen before the step is worth nothing after it. The moment of the last
 * proof of password and second factor, and which factor it was, carry over unless this step is a new proof.
 */
export async function advanceSession(
  executor: Executor,
  session: Session,
  stage: SessionStage,
  context: SessionContext,
  authenticatedAt: number | null = session.authenticated_at,
  secondFactor: SecondFactor | null = session.second_factor,
): Promise<{ token: string; id: string }> {
  await executor.deleteFrom('sessions').where('id', '=', session.id).execute();
  const created = await createSession(executor, session.person_id, stage, context, authenticatedAt, secondFactor);
  await executor.updateTable('one_time_codes').set({ session_id: created.id }).where('session_id', '=', session.id).execute();
  return created;
}

export type LoadedSession = {
  session: Session;
  person: Person;
  roles: Role[];
  /** Set when a personal access token, not a session cookie, signed the request in (auth/access-tokens.ts). */
  accessToken?: { id: number; scopes: AccessTokenScope[] };
};

// Every column of people: the session's person is whole. A record, so a column added to the table
// and not here fails to compile.
const personColumns: Record<keyof Person, true> = {
  id: true,
  kind: true,
  account_id: true,
  email: true,
  first_name: true,
  last_name: true,
  password_hash: true,
  password_must_change: true,
  password_expires_at: true,
  reset_password_hash: true,
  reset_expires_at: true,
  time_zone: true,
  country_code: true,
  phone: true,
  mobile: true,
  preferred_contact: true,
  language: true,
  otp_method: true,
  totp_secret: true,
  totp_pending_secret: true,
  totp_last_step: true,
  second_factor_failures: true,
  mail_case_opened: true,
  mail_case_commented: true,
  mail_case_resolved: true,
  mail_case_closed: true,
  active: true,
  terms_version_accepted: true,
  terms_accepted_at: true,
  last_login_at: true,
  created_at: true,
  updated_at: true,
};
const PERSON_COLUMNS = Object.keys(personColumns) as (keyof Person)[];

/** The session, its person, their account's second-factor policy and one row per role (none: one row with a null role), in one query. */
const sessionRows = (executor: Db, id: string) =>
  runPrepared(executor, 'loadSession', { id }, (db, arg) =>
    db
      .selectFrom('sessions as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .leftJoin('accounts as a', 'a.id', 'p.account_id')
      .leftJoin('person_roles as r', 'r.person_id', 'p.id')
      // Named columns, not p.*: PostgreSQL refuses to reuse a named statement whose columns changed.
      .select(PERSON_COLUMNS.map((column) => `p.${column}` as const))
      .select(['s.id as session_id', 's.stage as session_stage', 's.created_at as session_created_at', 's.last_seen_at as session_last_seen_at', 's.expires_at as session_expires_at', 's.ip as session_ip', 's.user_agent as session_user_agent', 's.authenticated_at as session_authenticated_at', 's.second_factor as session_second_factor', 's.code_attempts as session_code_attempts', 'a.second_factor_policy as account_policy', 'r.role'])
      .where('s.id', '=', arg('id')),
  );

/** The live session behind a cookie token, with its person and their roles; null when it is unknown, expired, idle or its person is deactivated. */
export async function loadSession(db: Db, token: string, now: number): Promise<LoadedSession | null> {
  const id = sha256(token);
  // One query for the session, its person and their roles: this runs on every API request.
  const rows = await sessionRows(db, id);
  const row = rows[0];
  if (!row) return null;
  const roles = rows.flatMap((r) => (r.role ? [r.role] : []));
  // Copied column by column: a rest pattern leaving out the session columns cost more than the
  // query itself (loadSession measured 64 µs with it, 25 µs without).
  const columns = {} as Record<keyof Person, unknown>;
  for (const column of PERSON_COLUMNS) columns[column] = row[column];
  const person = columns as Person;
  const session: Session = { id: row.session_id, person_id: row.id, stage: row.session_stage, created_at: row.session_created_at, last_seen_at: row.session_last_seen_at, expires_at: row.session_expires_at, ip: row.session_ip, user_agent: row.session_user_agent, authenticated_at: row.session_authenticated_at, second_factor: row.session_second_factor, code_attempts: row.session_code_attempts };
  const idleLimit = session.stage === 'active' ? SESSION_IDLE_MS : PENDING_SESSION_MS;
  if (now >= session.expires_at || now - session.last_seen_at >= idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (person.active !== 1) {
    await db.deleteFrom('sessions').where('person_id', '=', person.id).execute();
    return null;
  }
  if (session.stage === 'active' && row.account_policy !== null && !policyAccepts(row.account_policy, session.second_factor)) {
    await holdForPolicy(db, session, now);
  }
  if (now - session.last_seen_at >= TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return { session, person, roles };
}

/**
 * A signed-in session whose factor the account's policy no longer accepts (it was tightened) goes
 * back to the sign-in step that asks for one, at this very request; its token stays, since it
 * loses rights rather than gains them, and so does its last proof, which lets it set one up.
 */
async function holdForPolicy(db: Db, session: Session, now: number): Promise<void> {
  await db.updateTable('sessions').set({ stage: 'factor_required', last_seen_at: now }).where('id', '=', session.id).where('stage', '=', 'active').execute();
  Object.assign(session, { stage: 'factor_required', last_seen_at: now });
}

export async function endSession(executor: Executor, sessionId: string): Promise<void> {
  await executor.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a person except, optionally, the one in use (password change); returns how many ended. */
export async function endOtherSessions(executor: Executor, personId: number, keepSessionId?: string): Promise<number> {
  let query = executor.deleteFrom('sessions').where('person_id', '=', personId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  return Number((await query.executeTakeFirst()).numDeletedRows);
}
