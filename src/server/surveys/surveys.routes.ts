import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SURVEY_QUESTIONS } from '../../shared/surveys.ts';
import { errorResponse } from '../auth/auth.schemas.ts';
import { isStaff } from '../cases/cases.policy.ts';
import { caseNumberParams } from '../cases/cases.schemas.ts';
import { loadVisibleCase } from '../cases/cases.service.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor } from '../lib/http.ts';
import { answerSurvey, listOwnSurveys, loadOwnSurvey, surveyForCase, surveySummary } from './surveys.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const surveyView = z.object({
  id: z.number(),
  caseNumber: z.string(),
  caseSubject: z.string(),
  state: z.enum(['pending', 'answered']),
  answers: z.array(z.number()).nullable(),
  comment: z.string().nullable(),
  createdAt: z.number(),
  answeredAt: z.number().nullable(),
});

type SurveyRow = Awaited<ReturnType<typeof loadOwnSurvey>>;
function presentSurvey(row: SurveyRow) {
  const answers = [row.answer_1, row.answer_2, row.answer_3, row.answer_4, row.answer_5];
  return {
    id: row.id,
    caseNumber: row.number,
    caseSubject: row.subject,
    state: row.state,
    answers: row.state === 'answered' ? answers.map(Number) : null,
    comment: row.comment,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
  };
}

const answer = z.number({ message: 'Choose an answer from 1 to 5 for every question.' }).int().min(1, 'Choose an answer from 1 to 5 for every question.').max(5, 'Choose an answer from 1 to 5 for every question.');

export async function surveyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ['Surveys'];
  const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

  app.get('/surveys', { schema: { tags, summary: 'My surveys, pending and answered', response: { 200: z.object({ items: z.array(surveyView) }), ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    return { items: (await listOwnSurveys(db, actor.person.id)).map(presentSurvey) };
  });

  app.get('/surveys/summary', { schema: { tags, summary: 'Response rate and average answer per question (staff)', response: { 200: z.object({ total: z.number(), answered: z.number(), responseRate: z.number(), averages: z.array(z.object({ question: z.enum(SURVEY_QUESTIONS), average: z.number().nullable() })) }), ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    if (!isStaff(actor)) throw new AppError('forbidden', 'Only support staff see survey results.', 'errors.forbidden');
    return surveySummary(db);
  });

  app.get('/surveys/:id', { schema: { tags, summary: 'One of my surveys', params: idParams, response: { 200: surveyView, ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    return presentSurvey(await loadOwnSurvey(db, actor.person.id, request.params.id));
  });

  app.post(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'Answer a survey: five answers from 1 (very dissatisfied) to 5 (very satisfied)',
        params: idParams,
        body: z.strictObject({ answers: z.array(answer).length(SURVEY_QUESTIONS.length, `Answer all ${SURVEY_QUESTIONS.length} questions.`), comment: z.string().trim().max(4000).default('') }),
        response: { 200: surveyView, ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(request);
      await answerSurvey(db, actor.person.id, request.params.id, request.body, clock());
      return presentSurvey(await loadOwnSurvey(db, actor.person.id, request.params.id));
    },
  );

  app.get('/cases/:number/survey', { schema: { tags, summary: 'The survey of a case and its answers (staff)', params: caseNumberParams, response: { 200: surveyView.nullable(), ...errors } } }, async (request) => {
    const actor = await requireActor(request);
    if (!isStaff(actor)) throw new AppError('forbidden', 'Only support staff see survey results.', 'errors.forbidden');
    const kase = await loadVisibleCase(db, actor, request.params.number);
    const survey = await surveyForCase(db, kase.id);
    return survey ? presentSurvey(survey) : null;
  });
}
