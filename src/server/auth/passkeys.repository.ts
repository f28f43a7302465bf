import type { Insertable, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, PasskeysTable } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** A person keeps a handful of passkeys (one per device); this many is the most they may have. */
export const MAX_PASSKEYS = 20;

/** The person's passkeys, oldest first; bounded by MAX_PASSKEYS, so a page is all of them. */
export function passkeysOf(executor: Executor, personId: number) {
  return executor.selectFrom('passkeys').selectAll().where('person_id', '=', personId).orderBy('created_at').orderBy('id').limit(MAX_PASSKEYS).execute();
}

export function passkeyByCredentialId(executor: Executor, credentialId: string) {
  return executor.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

/** One of the person's own passkeys; undefined for another person's id, as for an unknown one. */
export function passkeyOf(executor: Executor, personId: number, id: number) {
  return executor.selectFrom('passkeys').selectAll().where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
}

/** Adds a passkey; undefined when its credential id is registered already (to anyone). */
export function insertPasskey(executor: Executor, values: Insertable<PasskeysTable>) {
  return executor.insertInto('passkeys').values(values).onConflict((oc) => oc.column('credential_id').doNothing()).returningAll().executeTakeFirst();
}

/** Renames one of the person's own passkeys; the person is part of the key, so another's id does nothing. */
export function renamePasskeyOf(executor: Executor, personId: number, id: number, name: string) {
  return executor.updateTable('passkeys').set({ name }).where('id', '=', id).where('person_id', '=', personId).returningAll().executeTakeFirst();
}

/** Deletes one of the person's own passkeys; another's id does nothing. */
export function deletePasskeyOf(executor: Executor, personId: number, id: number) {
  return executor.deleteFrom('passkeys').where('id', '=', id).where('person_id', '=', personId).returning(['id', 'name']).executeTakeFirst();
}

/**
 * Records a use: the new counter, only if the stored one is still the one the check compared
 * with. Of two requests racing with answers of one credential, one wins; false for the other.
 */
export async function recordPasskeyUse(executor: Executor, id: number, previousCounter: number, counter: number, now: number): Promise<boolean> {
  const result = await executor.updateTable('passkeys').set({ counter, last_used_at: now }).where('id', '=', id).where('counter', '=', previousCounter).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Keeps the challenge of a ceremony, replacing one still in flight for the same binding. */
export async function storeChallenge(executor: Executor, binding: string, challenge: string, expiresAt: number, now: number): Promise<void> {
  // Challenges of ceremonies never finished go here, on the path that adds new ones.
  await executor.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
  await executor
    .insertInto('webauthn_challenges')
    .values({ binding, challenge, expires_at: expiresAt })
    .onConflict((oc) => oc.column('binding').doUpdateSet({ challenge, expires_at: expiresAt }))
    .execute();
}

/** Takes the challenge out (it is used at most once, whatever the answer's fate); undefined when there was none. */
export function takeChallenge(executor: Executor, binding: string) {
  return executor.deleteFrom('webauthn_challenges').where('binding', '=', binding).returning(['challenge', 'expires_at']).executeTakeFirst();
}
