import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** The provider that answers for an e-mail domain, if any. */
export function findProviderByDomain(executor: Executor, domain: string) {
  return executor
    .selectFrom('identity_provider_domains as d')
    .innerJoin('identity_providers as p', 'p.id', 'd.provider_id')
    .selectAll('p')
    .where('d.domain', '=', domain)
    .executeTakeFirst();
}

export function findProviderOfAccount(executor: Executor, accountId: number) {
  return executor.selectFrom('identity_providers').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export function findProviderById(executor: Executor, id: number) {
  return executor.selectFrom('identity_providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function domainsOfProvider(executor: Executor, providerId: number): Promise<string[]> {
  const rows = await executor.selectFrom('identity_provider_domains').select('domain').where('provider_id', '=', providerId).orderBy('domain').execute();
  return rows.map((row) => row.domain);
}

/** Domains among `domains` that another account's provider already answers for. */
export async function domainsClaimedElsewhere(executor: Executor, domains: string[], accountId: number): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await executor
    .selectFrom('identity_provider_domains as d')
    .innerJoin('identity_providers as p', 'p.id', 'd.provider_id')
    .select('d.domain')
    .where('d.domain', 'in', domains)
    .where('p.account_id', '!=', accountId)
    .execute();
  return rows.map((row) => row.domain);
}

/** Domains among `domains` that a vendor staff member's address is in: those stay with the password. */
export async function staffDomains(executor: Executor, domains: string[]): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await executor
    .selectFrom('people')
    .select('email')
    .where('kind', '=', 'staff')
    .where((eb) => eb.or(domains.map((domain) => eb('email', 'like', `%@${domain}`))))
    .execute();
  return domains.filter((domain) => rows.some((row) => row.email.endsWith(`@${domain}`)));
}

/**
 * Domains among `domains` in which another account has people: contacts (active or not) or
 * registration requests waiting for approval. Read apart from the staff's domains, which are never
 * claimed by anyone.
 */
export async function domainsUsedByOtherAccounts(executor: Executor, domains: string[], accountId: number): Promise<string[]> {
  if (domains.length === 0) return [];
  const people = await executor
    .selectFrom('people')
    .select('email')
    .where('kind', '=', 'contact')
    .where('account_id', '!=', accountId)
    .where((eb) => eb.or(domains.map((domain) => eb('email', 'like', `%@${domain}`))))
    .execute();
  const requests = await executor
    .selectFrom('registration_requests')
    .select('email')
    .where('state', '=', 'requested')
    .where('account_id', '!=', accountId)
    .where((eb) => eb.or(domains.map((domain) => eb('email', 'like', `%@${domain}`))))
    .execute();
  const emails = [...people, ...requests].map((row) => row.email);
  return domains.filter((domain) => emails.some((email) => email.endsWith(`@${domain}`)));
}

export type ProviderValues = { issuer: string; clientId: string; clientSecretEncrypted: string; mfaAcrValues: string[]; domains: string[] };

/** Writes an account's provider and its domains, replacing what it had. */
export async function saveProvider(trx: Transaction<Database>, accountId: number, values: ProviderValues, now: number): Promise<number> {
  const existing = await findProviderOfAccount(trx, accountId);
  const columns = { issuer: values.issuer, client_id: values.clientId, client_secret_encrypted: values.clientSecretEncrypted, mfa_acr_values: values.mfaAcrValues.join(' '), updated_at: now };
  let id: number;
  if (existing) {
    id = existing.id;
    await trx.updateTable('identity_providers').set(columns).where('id', '=', id).execute();
    await trx.deleteFrom('identity_provider_domains').where('provider_id', '=', id).execute();
  } else {
    id = (await trx.insertInto('identity_providers').values({ ...columns, account_id: accountId, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await trx.insertInto('identity_provider_domains').values(values.domains.map((domain) => ({ domain, provider_id: id }))).execute();
  return id;
}

export async function deleteProvider(trx: Transaction<Database>, providerId: number): Promise<void> {
  await trx.deleteFrom('sso_sign_ins').where('provider_id', '=', providerId).execute();
  await trx.deleteFrom('identity_provider_domains').where('provider_id', '=', providerId).execute();
  await trx.deleteFrom('identity_providers').where('id', '=', providerId).execute();
}

export async function insertSignIn(
  executor: Executor,
  values: { stateHash: string; providerId: number; email: string; nonce: string; codeVerifier: string; expiresAt: number; now: number; sessionId: string | null; returnTo: string | null },
) {
  // Sign-ins abandoned at the provider are forgotten on the way.
  await executor.deleteFrom('sso_sign_ins').where('expires_at', '<=', values.now).execute();
  await executor
    .insertInto('sso_sign_ins')
    .values({
      state_hash: values.stateHash,
      provider_id: values.providerId,
      email: values.email,
      nonce: values.nonce,
      code_verifier: values.codeVerifier,
      expires_at: values.expiresAt,
      session_id: values.sessionId,
      return_to: values.returnTo,
    })
    .execute();
}

/** Takes the sign-in out as it is read, so of two answers with one `state` only one finds it. */
export async function takeSignIn(executor: Executor, stateHash: string, now: number) {
  const row = await executor.deleteFrom('sso_sign_ins').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
  return row && row.expires_at > now ? row : undefined;
}

/** Keeps a session's proof at its provider without a second factor, until the portal's own follows. */
export async function saveReproof(executor: Executor, sessionId: string, now: number, expiresAt: number) {
  await executor.deleteFrom('sso_reproofs').where((eb) => eb.or([eb('expires_at', '<=', now), eb('session_id', '=', sessionId)])).execute();
  await executor.insertInto('sso_reproofs').values({ session_id: sessionId, proven_at: now, expires_at: expiresAt }).execute();
}

/** The session's unexpired proof at its provider, if it has one. */
export function findReproof(executor: Executor, sessionId: string, now: number) {
  return executor.selectFrom('sso_reproofs').selectAll().where('session_id', '=', sessionId).where('expires_at', '>', now).executeTakeFirst();
}

export async function deleteReproof(executor: Executor, sessionId: string) {
  await executor.deleteFrom('sso_reproofs').where('session_id', '=', sessionId).execute();
}
