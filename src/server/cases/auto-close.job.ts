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

/**
 * One pass of the auto-close job (SPEC "States": a Resolved case with no answer for AUTO_CLOSE_DAYS
 * closes; a reminder goes out halfway). Each effect is a conditional update inside the transaction
 * that also writes its mail, so with several processes running this pass each case is reminded
 * once and closed once.
 */
export async function runAutoClose(options: AutoCloseOptions): Promise<{ reminded: number; closed: number }> {
  const { db, now, publicUrl } = options;
  const autoCloseDays = await autoCloseDaysSetting(db, options.defaultAutoCloseDays);
  const closeBefore = now - autoCloseDays * DAY;
  const remindBefore = now - (autoCloseDays * DAY) / 2;
  let reminded = 0;
  let closed = 0;

  const due = await db
    .selectFrom('cases as c')
    .innerJoin('people as p', 'p.id', 'c.contact_id')
    .select(['c.id', 'c.number', 'c.subject', 'c.contact_id', 'c.resolved_at', 'c.reminder_sent_at', 'p.email', 'p.first_name', 'p.last_name', 'p.language'])
    .where('c.state', '=', 'resolved')
    .where('c.resolved_at', '<=', remindBefore)
    .orderBy('c.resolved_at')
    .limit(500)
    .execute();

  for (const kase of due) {
    const mailBase = { number: kase.number, subject: kase.subject, firstName: kase.first_name, lastName: kase.last_name, url: `${publicUrl}/cases/${kase.number}`, myCasesUrl: `${publicUrl}/my-cases` };
    await db.transaction().execute(async (trx) => {
      if (kase.resolved_at! <= closeBefore) {
        const result = await trx.updateTable('cases').set({ state: 'closed', closed_at: now, updated_at: now }).where('id', '=', kase.id).where('state', '=', 'resolved').executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return;
        await insertActivity(trx, { caseId: kase.id, kind: 'state_change', authorId: null, fromState: 'resolved', toState: 'closed', detail: { action: 'auto_close', days: autoCloseDays }, now });
        await enqueueMail(trx, { to: kase.email, language: kase.language, now, content: caseClosedMail[kase.language]({ ...mailBase, how: 'auto', notes: '' }) });
        await createSurveyForClosedCase(trx, { caseId: kase.id, contactId: kase.contact_id, number: kase.number, subject: kase.subject, publicUrl, now });
        closed++;
      } else if (kase.reminder_sent_at === null) {
        const result = await trx
          .updateTable('cases')
          .set({ reminder_sent_at: now })
          .where('id', '=', kase.id)
          .where('state', '=', 'resolved')
          .where('reminder_sent_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return;
        const daysLeft = Math.max(1, Math.ceil((kase.resolved_at! + autoCloseDays * DAY - now) / DAY));
        await enqueueMail(trx, { to: kase.email, language: kase.language, now, content: caseReminderMail[kase.language]({ ...mailBase, daysLeft }) });
        reminded++;
      }
    });
  }
  return { reminded, closed };
}
