import { sql, type RawBuilder, type Transaction } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { databaseKind, type Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { runPrepared } from '../db/prepared.ts';
import { settingsQuery } from '../lib/settings.ts';
import { caseHistory, firstStaffReplyQuery, stateChangesQuery } from '../sla/sla.clock.ts';
import { SLA_SETTING_KEYS, slaSettingsFrom } from '../sla/sla.settings.ts';
import { watcherCandidatesQuery, watchersQuery } from './case-watchers.ts';
import { activitiesQuery, caseAttachmentsQuery, followUpsQuery, pendingSurveyQuery, type CaseRow } from './cases.repository.ts';

type Executor = Db | Transaction<Database>;

/** What of the case page a viewer is shown besides the case (a customer's page lists watchers; staff see work notes). */
export type CasePageWants = {
  includeInternal: boolean;
  watchers: boolean;
  candidates: boolean;
  activity: boolean;
  /** The contact whose pending survey of the case the page offers, if any. */
  surveyOf: number | null;
};

/** SQLite's JSON functions answer text; PostgreSQL's driver has already parsed its json. */
const parsed = <T>(value: T[] | string): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : value);

/**
 * Everything the case page shows besides the case row, in one statement: the case it follows up
 * and its follow-ups, attachments, the viewer's pending survey, watchers and candidates, the SLA
 * settings and history its clock needs, and its activity. On PostgreSQL each statement cost the
 * portal about 100 µs of CPU through the driver besides the database's own, and these were up to
 * eleven (docs/decisions/0026).
 */
export async function readCasePage(executor: Executor, kase: CaseRow, wants: CasePageWants) {
  const shape = `readCasePage|${wants.includeInternal ? 'internal' : ''}|${wants.watchers ? 'watchers' : ''}|${wants.candidates ? 'candidates' : ''}|${wants.activity ? 'activity' : ''}`;
  const args = { caseId: kase.id, followUpOf: kase.follow_up_of, accountId: kase.account_id, contactId: kase.contact_id, surveyOf: wants.surveyOf };
  const rows = await runPrepared(executor, shape, args, (db, arg) => {
    const jsonArray = databaseKind(db) === 'postgres' ? postgresJsonArray : sqliteJsonArray;
    const caseId = arg('caseId');
    const when = <T>(wanted: boolean, list: RawBuilder<T>): RawBuilder<T | null> => (wanted ? list : sql<null>`null`);
    return db.selectNoFrom((eb) => [
      eb.selectFrom('cases').select('number').where('id', '=', arg('followUpOf')).as('follow_up_of'),
      jsonArray(followUpsQuery(db, caseId)).as('follow_ups'),
      jsonArray(caseAttachmentsQuery(db, caseId, wants.includeInternal)).as('attachments'),
      pendingSurveyQuery(db, caseId, arg('surveyOf')).as('pending_survey_id'),
      jsonArray(settingsQuery(db, SLA_SETTING_KEYS)).as('sla_settings'),
      // The SLA clock's history, which it needs when a target applies to the case's priority.
      jsonArray(stateChangesQuery(db, caseId)).as('state_changes'),
      firstStaffReplyQuery(db, caseId).as('first_response_at'),
      when(wants.watchers, jsonArray(watchersQuery(db, caseId))).as('watchers'),
      when(wants.candidates, jsonArray(watcherCandidatesQuery(db, { id: caseId, account_id: arg('accountId'), contact_id: arg('contactId') }))).as('candidates'),
      when(wants.activity, jsonArray(activitiesQuery(db, caseId, { includeInternal: wants.includeInternal }))).as('activity'),
    ]);
  });
  const row = rows[0]!;
  return {
    followUpOf: row.follow_up_of,
    followUps: parsed(row.follow_ups).map((followUp) => followUp.number),
    attachments: parsed(row.attachments),
    pendingSurveyId: row.pending_survey_id,
    sla: slaSettingsFrom(new Map(parsed(row.sla_settings).map((setting) => [setting.key, setting.value]))),
    history: caseHistory(kase.created_at, parsed(row.state_changes), row.first_response_at),
    watchers: row.watchers && parsed(row.watchers),
    candidates: row.candidates && parsed(row.candidates),
    activity: row.activity && parsed(row.activity),
  };
}
