import type { Db } from '../db/database.ts';
import type { SecondFactorPolicy } from '../db/schema.ts';
import { isTightening } from '../auth/factor-policy.ts';
import { requireRecentSignIn } from '../auth/reauthentication.ts';
import { personName } from '../../shared/names.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import type { Authenticated } from '../lib/http.ts';
import { enqueueMail } from '../lib/mail.ts';
import { secondFactorPolicyMail } from './accounts.emails.ts';
import { accountPeopleWithRoles } from './accounts.repository.ts';
import { contactListAccount, managesContacts } from './contacts.policy.ts';

export type PolicyChange = { db: Db; actor: Authenticated; accountId: number; policy: SecondFactorPolicy; context: { now: number; ip: string }; publicUrl: string };

/**
 * Sets what every contact of the account must sign in with: its account administrators for their
 * own account, after a recent sign-in (a session cookie taken later must not loosen the rule), the
 * vendor's administrators for any, as on their other administration pages. Every change is
 * audited and mailed to the account's administrators, in the same transaction, each in their own
 * language, saying whether it tightened or loosened the rule. Who no longer meets it is asked at
 * their next sign-in, or at the next request of a session (sessions.ts).
 */
export async function setSecondFactorPolicy({ db, actor, accountId, policy, context, publicUrl }: PolicyChange): Promise<{ id: number; secondFactorPolicy: SecondFactorPolicy }> {
  if (!managesContacts(actor)) throw new AppError('forbidden', 'Only account administrators can change the sign-in rule.', 'errors.forbidden');
  const notFound = () => new AppError('not_found', 'This account was not found.', 'errors.notFound');
  if (contactListAccount(actor, accountId) === null) throw notFound();
  if (actor.person.kind === 'contact') requireRecentSignIn(actor.session, context.now);
  await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select(['id', 'name', 'second_factor_policy']).where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound();
    const previous = account.second_factor_policy;
    if (previous === policy) return;
    // Conditional on what was read: of two administrators changing it at once, the later one is told.
    const changed = await trx.updateTable('accounts').set({ second_factor_policy: policy }).where('id', '=', accountId).where('second_factor_policy', '=', previous).executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('conflict', 'Someone changed the sign-in rule at the same time. Reload the page and try again.', 'errors.policyChanged');
    const tightened = isTightening(previous, policy);
    await recordAudit(trx, { type: 'account.second_factor_policy_changed', at: context.now, actorId: actor.person.id, accountId, ip: context.ip, detail: { from: previous, to: policy, tightened } });
    for (const admin of await accountPeopleWithRoles(trx, accountId, ['account_admin'])) {
      const params = {
        firstName: admin.first_name,
        lastName: admin.last_name,
        accountName: account.name,
        policy,
        tightened,
        changedBy: personName({ firstName: actor.person.first_name, lastName: actor.person.last_name }, admin.language),
        contactsUrl: `${publicUrl}/contacts`,
      };
      await enqueueMail(trx, { to: admin.email, language: admin.language, now: context.now, content: secondFactorPolicyMail[admin.language](params) });
    }
  });
  return { id: accountId, secondFactorPolicy: policy };
}
