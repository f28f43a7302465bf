import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { runPrepared } from '../db/prepared.ts';
import { recordAudit } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import type { CaseActor } from './cases.policy.ts';
import { isAccountAdmin, isStaff } from './cases.policy.ts';
import type { CaseRow } from './cases.repository.ts';

type Executor = Db | Transaction<Database>;

/**
 * CC on a case. Colleagues of the contact's account follow it: they read it, comment and add files,
 * and receive its mails; accepting, rejecting and closing stay with the contact and the account's
 * administrators. The contact, the account's administrators and support staff add watchers; anyone
 * of those, and the watcher themselves, removes one.
 */

/** Whether the person follows the case as a watcher: a contact of its account, listed on it. */
export async function isWatching(executor: Executor, actor: CaseActor, kase: { id: number; account_id: number }): Promise<boolean> {
  if (actor.person.kind !== 'contact' || actor.person.account_id !== kase.account_id) return false;
  return !!(await executor.selectFrom('case_watchers').select('person_id').where('case_id', '=', kase.id).where('person_id', '=', actor.person.id).executeTakeFirst());
}

/** The case's watchers, as the case page lists them. */
export function watchersQuery(executor: Executor, caseId: number) {
  return executor.selectFrom('case_watchers as w').innerJoin('people as p', 'p.id', 'w.person_id').select(['p.id', 'p.first_name', 'p.last_name', 'p.email']).where('w.case_id', '=', caseId).orderBy('w.created_at');
}
export function listWatchers(executor: Executor, caseId: number) {
  return runPrepared(executor, 'listWatchers', { caseId }, (db, arg) => watchersQuery(db, arg('caseId')));
}

/** Active contacts of the case's account who could be added: not the contact, not watching yet. */
export function watcherCandidatesQuery(executor: Executor, kase: Pick<CaseRow, 'id' | 'account_id' | 'contact_id'>) {
  return (
    executor
      .selectFrom('people as p')
      .select(['p.id', 'p.first_name', 'p.last_name', 'p.email'])
      .where('p.kind', '=', 'contact')
      .where('p.account_id', '=', kase.account_id)
      .where('p.active', '=', 1)
      .where('p.id', '!=', kase.contact_id)
      .where('p.id', 'not in', (eb) => eb.selectFrom('case_watchers').select('person_id').where('case_id', '=', kase.id))
      .orderBy('p.last_name')
      .orderBy('p.first_name')
      // A literal limit: SQLite plans a statement anew at every run when its LIMIT is a bound value.
      .limit(sql.lit(500))
  );
}
export function watcherCandidates(executor: Executor, kase: CaseRow) {
  return runPrepared(executor, 'watcherCandidates', { accountId: kase.account_id, contactId: kase.contact_id, caseId: kase.id }, (db, arg) =>
    watcherCandidatesQuery(db, { id: arg('caseId'), account_id: arg('accountId'), contact_id: arg('contactId') }),
  );
}

/** Whether this person chooses who follows the case. */
export function mayManageWatchers(actor: CaseActor, kase: CaseRow): boolean {
  return isStaff(actor) || kase.contact_id === actor.person.id || (isAccountAdmin(actor) && actor.person.account_id === kase.account_id);
}

type Context = { now: number; ip: string };

export async function addWatcher(db: Db, actor: CaseActor, kase: CaseRow, personId: number, context: Context): Promise<void> {
  if (!mayManageWatchers(actor, kase)) throw new AppError('forbidden', 'Only the case’s contact and the account’s administrators add watchers.', 'errors.forbidden');
  await db.transaction().execute(async (trx) => {
    const colleague = await trx
      .selectFrom('people')
      .select('id')
      .where('id', '=', personId)
      .where('kind', '=', 'contact')
      .where('account_id', '=', kase.account_id)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!colleague || personId === kase.contact_id) {
      throw new AppError('bad_request', 'Choose an active colleague of the same account.', 'errors.watcherUnknown', 'personId');
    }
    const added = await trx.insertInto('case_watchers').values({ case_id: kase.id, person_id: personId, added_by: actor.person.id, created_at: context.now }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAudit(trx, { type: 'case.watcher_added', at: context.now, personId, actorId: actor.person.id, ip: context.ip, detail: { number: kase.number } });
  });
}

export async function removeWatcher(db: Db, actor: CaseActor, kase: CaseRow, personId: number, context: Context): Promise<void> {
  if (personId !== actor.person.id && !mayManageWatchers(actor, kase)) throw new AppError('forbidden', 'Only the case’s contact and the account’s administrators remove watchers.', 'errors.forbidden');
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('case_watchers').where('case_id', '=', kase.id).where('person_id', '=', personId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return;
    await recordAudit(trx, { type: 'case.watcher_removed', at: context.now, personId, actorId: actor.person.id, ip: context.ip, detail: { number: kase.number } });
  });
}

export type CaseMailKind = 'opened' | 'commented' | 'resolved' | 'closed';
const PREFERENCE = { opened: 'mail_case_opened', commented: 'mail_case_commented', resolved: 'mail_case_resolved', closed: 'mail_case_closed' } as const;

/** Who receives a case mail of this kind: the contact and the watchers who kept it on, but not `except` (who caused it). */
export function caseMailRecipients(executor: Executor, kase: CaseRow, kind: CaseMailKind, except: number | null) {
  let query = executor
    .selectFrom('people')
    .select(['id', 'email', 'language', 'first_name', 'last_name'])
    .where('active', '=', 1)
    .where(PREFERENCE[kind], '=', 1)
    .where((eb) => eb.or([eb('id', '=', kase.contact_id), eb('id', 'in', eb.selectFrom('case_watchers').select('person_id').where('case_id', '=', kase.id))]));
  if (except !== null) query = query.where('id', '!=', except);
  return query.execute();
}
