import type { Db } from '../db/database.ts';
import { DAY } from '../lib/clock.ts';
import { enqueueMail } from '../lib/mail.ts';
import { autoCloseDays as autoCloseDaysSetting } from '../lib/settings.ts';
import { createSurveyForClosedCase } from '../surveys/surveys.service.ts';
import { caseClosedMail, caseReminderMail } from './cases.emails.ts';
import { insertActivity } from './cases.repository.ts';

export type AutoCloseOptions = {
  db: Db;
  now: number;
  /** AUTO_CLOSE_DAYS; the administrators' setting, read at each pass, takes precedence. */
  defaultAutoCloseDays: number;
  publicUrl: string;
};

/** Cases taken per step and pass; the job runs every minute, so a backlog drains quickly. */
const BATCH = 500;

/**
 * One pass of the auto-close job (SPEC "States": a Resolved case with no answer for AUTO_CLOSE_DAYS
 * closes; a reminder goes out halfway). Each step reads only the cases due for it, so cases waiting
 * for one step never crowd out those due for the other. Each effect is a conditional update inside
 * the transaction that also writes its mail, so with several processes running this pass each case
 * is reminded once and closed once, and only for the resolution the pass read.
 */
export async function runAutoClose(options: AutoCloseOptions): Promise<{ reminded: number; closed: number }> {
  const { db, now, publicUrl } = options;
  const autoCloseDays = await autoCloseDaysSetting(db, options.defaultAutoCloseDays);
  const closeBefore = now - autoCloseDays * DAY;
  const remindBefore = now - (autoCloseDays * DAY) / 2;
  let reminded = 0;
  let closed = 0;

  const resolvedCases = () =>
    db
      .selectFrom('cases as c')
      .innerJoin('people as p', 'p.id', 'c.contact_id')
      .select(['c.id', 'c.number', 'c.subject', 'c.contact_id', 'c.resolved_at', 'p.email', 'p.first_name', 'p.last_name', 'p.language'])
      .where('c.state', '=', 'resolved')
      .orderBy('c.resolved_at')
      .limit(BATCH);
  const mailBase = (kase: { number: string; subject: string; first_name: string; last_name: string }) => ({
    number: kase.number,
    subject: kase.subject,
    firstName: kase.first_name,
    lastName: kase.last_name,
    url: `${publicUrl}/cases/${kase.number}`,
    myCasesUrl: `${publicUrl}/my-cases`,
  });

  // cases_resolved_idx (state, resolved_at).
  const dueToClose = await resolvedCases().where('c.resolved_at', '<=', closeBefore).execute();
  for (const kase of dueToClose) {
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('cases')
        .set({ state: 'closed', closed_at: now, updated_at: now })
        .where('id', '=', kase.id)
        .where('state', '=', 'resolved')
        // The resolution read above: one rejected and proposed again since then waits its own days.
        .where('resolved_at', '=', kase.resolved_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      await insertActivity(trx, { caseId: kase.id, kind: 'state_change', authorId: null, fromState: 'resolved', toState: 'closed', detail: { action: 'auto_close', days: autoCloseDays }, now });
      await enqueueMail(trx, { to: kase.email, language: kase.language, now, content: caseClosedMail[kase.language]({ ...mailBase(kase), how: 'auto', notes: '' }) });
      await createSurveyForClosedCase(trx, { caseId: kase.id, contactId: kase.contact_id, number: kase.number, subject: kase.subject, publicUrl, now });
      closed++;
    });
  }

  // cases_reminder_due_idx (state, reminder_sent_at, resolved_at): the cases reminded already are not read.
  const dueReminder = await resolvedCases().where('c.reminder_sent_at', 'is', null).where('c.resolved_at', '>', closeBefore).where('c.resolved_at', '<=', remindBefore).execute();
  for (const kase of dueReminder) {
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('cases')
        .set({ reminder_sent_at: now })
        .where('id', '=', kase.id)
        .where('state', '=', 'resolved')
        .where('resolved_at', '=', kase.resolved_at)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      const daysLeft = Math.max(1, Math.ceil((kase.resolved_at! + autoCloseDays * DAY - now) / DAY));
      await enqueueMail(trx, { to: kase.email, language: kase.language, now, content: caseReminderMail[kase.language]({ ...mailBase(kase), daysLeft }) });
      reminded++;
    });
  }
  return { reminded, closed };
}
