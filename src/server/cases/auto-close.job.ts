import type { Db } from '../db/database.ts';
import { HOUR } from '../lib/clock.ts';
import { enqueueMail } from '../lib/mail.ts';
import { autoCloseHours as autoCloseHoursSetting } from '../lib/settings.ts';
import { createSurveyForClosedCase } from '../surveys/surveys.service.ts';
import { caseClosedMail, caseReminderMail } from './cases.emails.ts';
import { insertActivity } from './cases.repository.ts';
import { recomputeCaseClock } from '../sla/sla.clock.ts';
import type { ReplyAddresses } from '../inbound/reply-address.ts';

export type AutoCloseOptions = {
  db: Db;
  now: number;
  /** AUTO_CLOSE_DAYS; the administrators' wait in hours, read at each pass, takes precedence. */
  defaultAutoCloseDays: number;
  publicUrl: string;
  /** REPLY_ADDRESS's signed addresses: the reminder takes a reply; null: send-only. */
  replies?: ReplyAddresses | null;
};

/** Cases taken per step and pass; the job runs every minute, so a backlog drains quickly. */
const BATCH = 500;

type Step = { db: Db; now: number; autoCloseHours: number; publicUrl: string; replies?: ReplyAddresses | null };

const resolvedCases = (db: Db) =>
  db
    .selectFrom('cases as c')
    .innerJoin('people as p', 'p.id', 'c.contact_id')
    .select(['c.id', 'c.number', 'c.subject', 'c.contact_id', 'c.resolved_at', 'p.email', 'p.first_name', 'p.last_name', 'p.language'])
    .where('c.state', '=', 'resolved')
    .orderBy('c.resolved_at')
    .limit(BATCH);

/** A Resolved case as a pass read it, with what its mails need. */
export type DueCase = Awaited<ReturnType<ReturnType<typeof resolvedCases>['execute']>>[number];

/**
 * The cases due for each step, read apart so that cases waiting for one step never crowd out those
 * due for the other: those whose wait is over, and those halfway that were not reminded yet.
 */
export async function findDueCases({ db, now, autoCloseHours }: Omit<Step, 'publicUrl'>): Promise<{ toClose: DueCase[]; toRemind: DueCase[] }> {
  const closeBefore = now - autoCloseHours * HOUR;
  const remindBefore = now - (autoCloseHours * HOUR) / 2;
  // cases_resolved_idx (state, resolved_at).
  const toClose = await resolvedCases(db).where('c.resolved_at', '<=', closeBefore).execute();
  // cases_reminder_due_idx (state, reminder_sent_at, resolved_at): the cases reminded already are not read.
  const toRemind = await resolvedCases(db).where('c.reminder_sent_at', 'is', null).where('c.resolved_at', '>', closeBefore).where('c.resolved_at', '<=', remindBefore).execute();
  return { toClose, toRemind };
}

const mailBase = (kase: DueCase, publicUrl: string) => ({
  number: kase.number,
  subject: kase.subject,
  firstName: kase.first_name,
  lastName: kase.last_name,
  url: `${publicUrl}/cases/${kase.number}`,
  myCasesUrl: `${publicUrl}/my-cases`,
});

/**
 * Closes a case the pass read as due, with its activity, mail and survey, only if it is still
 * Resolved by the same resolution: one rejected and proposed again since then waits its own days.
 * The conditional update lets one of several processes win. Returns whether it closed it.
 */
export async function closeDueCase(kase: DueCase, { db, now, autoCloseHours, publicUrl }: Step): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('cases')
      .set({ state: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', kase.id)
      .where('state', '=', 'resolved')
      .where('resolved_at', '=', kase.resolved_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await insertActivity(trx, { caseId: kase.id, kind: 'state_change', authorId: null, fromState: 'resolved', toState: 'closed', detail: { action: 'auto_close', hours: autoCloseHours }, now });
    await recomputeCaseClock(trx, kase.id, now);
    await enqueueMail(trx, { to: kase.email, language: kase.language, now, content: caseClosedMail[kase.language]({ ...mailBase(kase, publicUrl), how: 'auto', notes: '' }) });
    await createSurveyForClosedCase(trx, { caseId: kase.id, contactId: kase.contact_id, number: kase.number, subject: kase.subject, publicUrl, now });
    return true;
  });
}

/** Sends the halfway reminder of a case the pass read as due, once, and only for the resolution it read. */
export async function remindDueCase(kase: DueCase, { db, now, autoCloseHours, publicUrl, replies }: Step): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('cases')
      .set({ reminder_sent_at: now })
      .where('id', '=', kase.id)
      .where('state', '=', 'resolved')
      .where('resolved_at', '=', kase.resolved_at)
      .where('reminder_sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const hoursLeft = Math.max(1, Math.ceil((kase.resolved_at! + autoCloseHours * HOUR - now) / HOUR));
    const replyTo = replies?.addressFor(kase.number, kase.contact_id);
    await enqueueMail(trx, { to: kase.email, language: kase.language, now, replyTo, content: caseReminderMail[kase.language]({ ...mailBase(kase, publicUrl), hoursLeft, inDays: autoCloseHours % 24 === 0 }) });
    return true;
  });
}

/**
 * One pass of the auto-close job (SPEC "States": a Resolved case with no answer for AUTO_CLOSE_DAYS,
 * or the administrators' wait, closes; a reminder goes out halfway). Each effect is a conditional update inside the transaction
 * that also writes its mail, so with several processes running this pass each case is reminded
 * once and closed once, and only for the resolution the pass read.
 */
export async function runAutoClose(options: AutoCloseOptions): Promise<{ reminded: number; closed: number }> {
  const step: Step = { db: options.db, now: options.now, publicUrl: options.publicUrl, replies: options.replies, autoCloseHours: await autoCloseHoursSetting(options.db, options.defaultAutoCloseDays) };
  const { toClose, toRemind } = await findDueCases(step);
  let closed = 0;
  let reminded = 0;
  for (const kase of toClose) if (await closeDueCase(kase, step)) closed++;
  for (const kase of toRemind) if (await remindDueCase(kase, step)) reminded++;
  return { reminded, closed };
}
