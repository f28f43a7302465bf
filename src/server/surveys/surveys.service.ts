import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { SURVEY_QUESTIONS } from '../../shared/surveys.ts';
import { surveyInvitationMail } from '../cases/cases.emails.ts';
import { AppError } from '../lib/errors.ts';
import { enqueueMail } from '../lib/mail.ts';

/**
 * Closing a case (not cancelling) creates its one survey and the invitation mail, in the closing
 * transaction. The unique index on case_id makes a second close (two processes) create nothing.
 */
export async function createSurveyForClosedCase(
  trx: Transaction<Database>,
  kase: { caseId: number; contactId: number; number: string; subject: string; publicUrl: string; now: number },
): Promise<void> {
  const inserted = await trx
    .insertInto('surveys')
    .values({ case_id: kase.caseId, contact_id: kase.contactId, account_id: trx.selectFrom('cases').select('account_id').where('id', '=', kase.caseId), state: 'pending', created_at: kase.now })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  const contact = await trx.selectFrom('people').select(['email', 'first_name', 'last_name', 'language']).where('id', '=', kase.contactId).executeTakeFirstOrThrow();
  await enqueueMail(trx, {
    to: contact.email,
    language: contact.language,
    now: kase.now,
    content: surveyInvitationMail[contact.language]({
      number: kase.number,
      subject: kase.subject,
      url: `${kase.publicUrl}/surveys/${inserted.id}`,
      firstName: contact.first_name,
      lastName: contact.last_name,
    }),
  });
}

const surveyNotFound = () => new AppError('not_found', 'This survey was not found.', 'errors.surveyNotFound');

function surveyQuery(db: Db) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['s.id', 's.state', 's.answer_1', 's.answer_2', 's.answer_3', 's.answer_4', 's.answer_5', 's.comment', 's.created_at', 's.answered_at', 's.contact_id', 'c.number', 'c.subject', 'c.account_id']);
}

export function listOwnSurveys(db: Db, contactId: number) {
  return surveyQuery(db).where('s.contact_id', '=', contactId).orderBy('s.id', 'desc').limit(200).execute();
}

/** A survey is answered by its contact only; anyone else gets a 404. */
export async function loadOwnSurvey(db: Db, contactId: number, surveyId: number) {
  const survey = await surveyQuery(db).where('s.id', '=', surveyId).executeTakeFirst();
  if (!survey || survey.contact_id !== contactId) throw surveyNotFound();
  return survey;
}

export async function answerSurvey(db: Db, contactId: number, surveyId: number, input: { answers: number[]; comment: string }, now: number) {
  const survey = await loadOwnSurvey(db, contactId, surveyId);
  if (survey.state === 'answered') throw new AppError('invalid_state', 'This survey was already answered. Thank you!', 'errors.surveyAnswered');
  const updated = await db
    .updateTable('surveys')
    .set({
      state: 'answered',
      answer_1: input.answers[0],
      answer_2: input.answers[1],
      answer_3: input.answers[2],
      answer_4: input.answers[3],
      answer_5: input.answers[4],
      comment: input.comment || null,
      answered_at: now,
    })
    .where('id', '=', surveyId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('invalid_state', 'This survey was already answered. Thank you!', 'errors.surveyAnswered');
}

export function surveyForCase(db: Db, caseId: number) {
  return surveyQuery(db).where('s.case_id', '=', caseId).executeTakeFirst();
}

/** Response rate and the average answer per question, over every survey (vendor staff). */
export async function surveySummary(db: Db) {
  const row = await db
    .selectFrom('surveys')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('answered_at').as('answered'),
      eb.fn.avg<number>('answer_1').as('a1'),
      eb.fn.avg<number>('answer_2').as('a2'),
      eb.fn.avg<number>('answer_3').as('a3'),
      eb.fn.avg<number>('answer_4').as('a4'),
      eb.fn.avg<number>('answer_5').as('a5'),
    ])
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  const answered = Number(row.answered);
  const averages = [row.a1, row.a2, row.a3, row.a4, row.a5];
  return {
    total,
    answered,
    responseRate: total ? answered / total : 0,
    averages: SURVEY_QUESTIONS.map((question, index) => ({ question, average: averages[index] === null ? null : Number(averages[index]) })),
  };
}
