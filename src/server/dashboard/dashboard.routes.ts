import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { requireActor } from '../lib/http.ts';
import { dashboardQuery, dashboardView } from './dashboard.schemas.ts';
import { readDashboard } from './dashboard.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/** The account's dashboard: for its account administrators, and for the vendor's administrators of any account or all. */
export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  app.get(
    '/dashboard',
    {
      schema: {
        tags: ['Dashboard'],
        summary: 'Figures of an account (or every account) over a period of the viewer’s days: open cases, cases per week, service targets, surveys',
        querystring: dashboardQuery,
        response: { 200: dashboardView, ...errors },
      },
    },
    async (request) => {
      const actor = await requireActor(request);
      return readDashboard({ db, actor, query: request.query, now: clock() });
    },
  );
}
