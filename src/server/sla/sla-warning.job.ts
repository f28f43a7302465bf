import type { Db } from '../db/database.ts';
import type { Language } from '../db/schema.ts';
import { OPEN_STATES } from '../cases/case-state-machine.ts';
import { MINUTE } from '../lib/clock.ts';
import { enqueueMail } from '../lib/mail.ts';
import { slaWarningMail } from './sla.emails.ts';

/**
 * How long before a due time the warning goes out. Fixed, in clock time: what an agent needs to act
 * on a case does not grow with the target, and a fixed lead lets the pass read a range of one index.
 */
export const SLA_WARNING_LEAD = 60 * MINUTE;
/** Cases taken per pass; the job runs every minute. */
const BATCH = 200;

type Target = 'first_response' | 'resolution';

/** A due time as its reader reads it: their language, their time zone (an unknown zone falls back to UTC). */
function formatDue(at: number, language: Language, timeZone: string): string {
  // Japanese names the zone in words (日本標準時), as its abbreviations are Latin letters.
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: language === 'ja' ? 'long' : 'short' };
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(at);
  }
}

/**
 * One pass of the SLA warning job: every owed target of an open case that falls due within the lead
 * (or passed unwarned, say after an outage) is warned once, to the assignee and the vendor's
 * administrators, each in their language and time zone. The row in `sla_warnings` is written in
 * the transaction of the mails: its key lets one process of several win, and never warn again.
 */
export async function runSlaWarnings({ db, now, publicUrl }: { db: Db; now: number; publicUrl: string }): Promise<{ warned: number }> {
  const horizon = now + SLA_WARNING_LEAD;
  // cases_sla_due_idx (sla_due_at, id desc): only cases with a due time inside the horizon are read.
  const due = await db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select(['c.id', 'c.number', 'c.subject', 'c.assignee_id', 'c.sla_response_due_at', 'c.sla_resolution_due_at', 'a.name as account_name'])
    .where('c.sla_due_at', '<=', horizon)
    .where('c.state', 'in', [...OPEN_STATES])
    .where((eb) => {
      const unwarned = (target: Target) => eb.not(eb.exists(eb.selectFrom('sla_warnings as w').select('w.case_id').whereRef('w.case_id', '=', 'c.id').where('w.target', '=', target)));
      return eb.or([
        eb.and([eb('c.sla_response_due_at', '<=', horizon), unwarned('first_response')]),
        eb.and([eb('c.sla_resolution_due_at', '<=', horizon), unwarned('resolution')]),
      ]);
    })
    .orderBy('c.sla_due_at')
    .limit(BATCH)
    .execute();
  if (due.length === 0) return { warned: 0 };

  const admins = await db
    .selectFrom('people')
    .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
    .select(['people.id', 'people.email', 'people.language', 'people.time_zone'])
    .where('people.kind', '=', 'staff')
    .where('people.active', '=', 1)
    .where('person_roles.role', '=', 'admin')
    .execute();
  let warned = 0;
  for (const kase of due) {
    const targets: Array<[Target, number | null]> = [
      ['first_response', kase.sla_response_due_at],
      ['resolution', kase.sla_resolution_due_at],
    ];
    for (const [target, dueAt] of targets) {
      if (dueAt === null || dueAt > horizon) continue;
      const sent = await db.transaction().execute(async (trx) => {
        const claimed = await trx.insertInto('sla_warnings').values({ case_id: kase.id, target, due_at: dueAt, created_at: now }).onConflict((oc) => oc.columns(['case_id', 'target']).doNothing()).executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        const assignee = kase.assignee_id
          ? await trx.selectFrom('people').select(['id', 'email', 'language', 'time_zone']).where('id', '=', kase.assignee_id).where('active', '=', 1).executeTakeFirst()
          : undefined;
        const recipients = new Map([...(assignee ? [assignee] : []), ...admins].map((person) => [person.id, person]));
        for (const to of recipients.values()) {
          const content = slaWarningMail[to.language]({
            number: kase.number,
            subject: kase.subject,
            accountName: kase.account_name,
            target,
            due: formatDue(dueAt, to.language, to.time_zone),
            passed: dueAt <= now,
            url: `${publicUrl}/cases/${kase.number}`,
          });
          await enqueueMail(trx, { to: to.email, language: to.language, now, content });
        }
        return true;
      });
      if (sent) warned++;
    }
  }
  return { warned };
}
