import type { Db } from '../db/database.ts';
import type { Person, SecondFactor, SecondFactorPolicy } from '../db/schema.ts';
import { SECOND_FACTOR_POLICIES } from '../../shared/second-factor-policies.ts';

/**
 * The factors each policy accepts. A customer's own provider asserting MFA ('sso') counts under every
 * policy: the account chose that provider, so its second factor is the customer's own control, and
 * the portal cannot see or tighten what it is.
 */
const ACCEPTED: Record<SecondFactorPolicy, readonly SecondFactor[]> = {
  any: ['email', 'app', 'passkey', 'sso'],
  app_or_passkey: ['app', 'passkey', 'sso'],
  passkey_only: ['passkey', 'sso'],
};

/**
 * Whether a sign-in that proved `factor` meets the policy. A session from before factors were
 * recorded (null) meets only 'any': it cannot show it proved anything stricter.
 */
export function policyAccepts(policy: SecondFactorPolicy, factor: SecondFactor | null): boolean {
  if (policy === 'any') return true;
  return factor !== null && ACCEPTED[policy].includes(factor);
}

/** Whether the policy lets a person use an authenticator app (to sign in, or to set one up). */
export const policyAcceptsApp = (policy: SecondFactorPolicy) => ACCEPTED[policy].includes('app');

/** What a person has set up, as the compliance list shows it. */
export type SetUpFactors = { app: boolean; passkey: boolean };

/** Whether what a person has set up lets them meet the policy at the portal's own sign-in (e-mail always works). */
export function setUpFactorsMeet(policy: SecondFactorPolicy, factors: SetUpFactors): boolean {
  if (policy === 'any') return true;
  return factors.passkey || (policyAcceptsApp(policy) && factors.app);
}

/** Whether `next` accepts fewer factors than `previous` (loosening and no change are not). */
export const isTightening = (previous: SecondFactorPolicy, next: SecondFactorPolicy) => SECOND_FACTOR_POLICIES.indexOf(next) > SECOND_FACTOR_POLICIES.indexOf(previous);

/** The policy a person signs in under: their account's; the vendor's staff belong to none and are never held to one. */
export async function accountPolicyOf(db: Db, person: Person): Promise<SecondFactorPolicy> {
  if (person.kind !== 'contact' || person.account_id === null) return 'any';
  const row = await db.selectFrom('accounts').select('second_factor_policy').where('id', '=', person.account_id).executeTakeFirst();
  return row?.second_factor_policy ?? 'any';
}

/** Whether the person signs in with an authenticator app they have paired (not one still to pair). */
export const usesPairedApp = (person: Pick<Person, 'otp_method' | 'totp_secret'>) => person.otp_method === 'app' && person.totp_secret !== null;

/** What the person has set up: a paired authenticator app in use, and any passkey. */
export async function setUpFactorsOf(db: Db, person: Person): Promise<SetUpFactors> {
  const passkey = await db.selectFrom('passkeys').select('id').where('person_id', '=', person.id).limit(1).executeTakeFirst();
  return { app: usesPairedApp(person), passkey: passkey !== undefined };
}
