import type { Db } from '../db/database.ts';
import type { IdentityProvider } from '../db/schema.ts';
import { findAccount } from '../admin/admin.repository.ts';
import { isUniqueViolation } from '../accounts/accounts.service.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { openSecret, sealSecret } from './secret-box.ts';
import type { ProviderInput } from './sso.schemas.ts';
import {
  deleteProvider,
  domainsClaimedElsewhere,
  domainsOfProvider,
  domainsUsedByOtherAccounts,
  findProviderOfAccount,
  saveProvider,
  staffDomains,
} from './sso.repository.ts';

/**
 * Who changes a provider, which decides the rules it is held to: the vendor's administrator (any
 * account) or one of the account's own administrators (their account, where the vendor allows it).
 */
export type ProviderEditor = 'vendor' | 'account_admin';
type Context = { now: number; ip: string; actorId: number; by: ProviderEditor };

/** Where the provider sends the person back: from PUBLIC_URL, never from a request's Host. */
export const redirectUriFor = (publicUrl: string) => `${publicUrl}/api/auth/sso/callback`;

export function presentProvider(provider: IdentityProvider, domains: string[]) {
  return {
    issuer: provider.issuer,
    clientId: provider.client_id,
    clientSecretSet: provider.client_secret_encrypted !== '',
    domains,
    mfaAcrValues: provider.mfa_acr_values ? provider.mfa_acr_values.split(' ') : [],
    updatedAt: provider.updated_at,
  };
}

async function requireAccount(db: Db, accountId: number) {
  const account = await findAccount(db, accountId);
  if (!account) throw new AppError('not_found', 'This account was not found.', 'errors.notFound');
  return account;
}

/** The account's provider as its page shows it (the secret only as "set"), or null. */
export async function viewProvider(db: Db, accountId: number) {
  await requireAccount(db, accountId);
  const provider = await findProviderOfAccount(db, accountId);
  return provider ? presentProvider(provider, await domainsOfProvider(db, provider.id)) : null;
}

const domainTaken = (domains: string[]) =>
  new AppError('conflict', `Another account's single sign-on already uses ${domains.join(', ')}. A domain belongs to one account.`, 'sso.errors.domainTaken', 'domains', { domains: domains.join(', ') });

const domainInUse = (domains: string[]) =>
  new AppError(
    'conflict',
    `People of another account use addresses in ${domains.join(', ')}, so this account's single sign-on cannot take it. If the domain is your organisation's, ask the vendor's support team.`,
    'sso.errors.domainInUse',
    'domains',
    { domains: domains.join(', ') },
  );

/**
 * Registers or changes the account's provider. A domain answers to one account only, and never a
 * domain of the vendor's own staff: their addresses always sign in with the password here.
 *
 * An account administrator, whom the vendor does not vouch for as it does for its own, may not take
 * a domain in which another account has contacts or waiting registration requests: that account's
 * newcomers would be sent to this customer's sign-in page, which could pose as the portal's, and
 * become requests of this account; a domain the provider already answers for stays. The vendor's
 * administrator may (companies of one group share a domain), as before; the domains other accounts
 * use are then named in the audit trail. Either
 * way the login page never sends another account's contact to this provider (sso.service.ts).
 */
export async function registerProvider(db: Db, serverKey: Buffer, accountId: number, input: ProviderInput, context: Context) {
  await requireAccount(db, accountId);
  const existing = await findProviderOfAccount(db, accountId);
  if (!existing && !input.clientSecret) throw new AppError('bad_request', 'Enter the client secret.', 'sso.errors.secretRequired', 'clientSecret');
  const staff = await staffDomains(db, input.domains);
  if (staff.length > 0) {
    throw new AppError('conflict', `${staff.join(', ')} is the domain of the vendor's own staff, who always sign in with their password.`, 'sso.errors.staffDomain', 'domains', { domains: staff.join(', ') });
  }
  const taken = await domainsClaimedElsewhere(db, input.domains, accountId);
  if (taken.length > 0) throw domainTaken(taken);
  const usedElsewhere = await domainsUsedByOtherAccounts(db, input.domains, accountId);
  if (context.by === 'account_admin') {
    // Only what they add: a domain the provider already answers for (the vendor gave it, or it was
    // taken before the other account's people came) stays through an unrelated change.
    const held = existing ? await domainsOfProvider(db, existing.id) : [];
    const claimed = usedElsewhere.filter((domain) => !held.includes(domain));
    if (claimed.length > 0) throw domainInUse(claimed);
  }

  const clientSecretEncrypted = input.clientSecret ? sealSecret(serverKey, input.clientSecret) : existing!.client_secret_encrypted;
  try {
    await db.transaction().execute(async (trx) => {
      await saveProvider(trx, accountId, { issuer: input.issuer, clientId: input.clientId, clientSecretEncrypted, mfaAcrValues: input.mfaAcrValues, domains: input.domains }, context.now);
      await recordAudit(trx, {
        type: 'identity_provider.saved',
        at: context.now,
        actorId: context.actorId,
        ip: context.ip,
        accountId,
        // The secret is never written to the trail; only whether it changed.
        detail: {
          by: context.by,
          issuer: input.issuer,
          clientId: input.clientId,
          domains: input.domains,
          mfaAcrValues: input.mfaAcrValues,
          secretChanged: !!input.clientSecret,
          created: !existing,
          ...(usedElsewhere.length > 0 ? { domainsOfOtherAccounts: usedElsewhere } : {}),
        },
      });
    });
  } catch (error) {
    // Two accounts saving one domain at once meet the domain's primary key.
    if (isUniqueViolation(error)) throw domainTaken(input.domains);
    throw error;
  }
  return (await viewProvider(db, accountId))!;
}

export async function removeProvider(db: Db, accountId: number, context: Context): Promise<void> {
  await requireAccount(db, accountId);
  const provider = await findProviderOfAccount(db, accountId);
  if (!provider) throw new AppError('not_found', 'This account has no single sign-on provider.', 'errors.notFound');
  await db.transaction().execute(async (trx) => {
    await deleteProvider(trx, provider.id);
    await recordAudit(trx, { type: 'identity_provider.removed', at: context.now, actorId: context.actorId, ip: context.ip, accountId, detail: { by: context.by, issuer: provider.issuer } });
  });
}

/** The stored client secret, for the token request only. */
export const clientSecretOf = (serverKey: Buffer, provider: IdentityProvider) => openSecret(serverKey, provider.client_secret_encrypted);
