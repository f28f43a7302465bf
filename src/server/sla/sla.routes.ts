import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, sessionContext } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { slaBody, slaView } from './sla.schemas.ts';
import { saveSla, viewSla } from './sla.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

/** The service targets per priority and the business calendar, for vendor administrators. */
export async function slaRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ['Administration'];
  const requireAdmin = async (request: FastifyRequest) => {
    const actor = await requireActor(request);
    if (!isVendorAdmin(actor)) throw new AppError('forbidden', 'Only administrators can change the portal’s settings.', 'errors.forbidden');
    return actor;
  };

  app.get('/admin/sla', { schema: { tags, summary: 'The service targets and the business calendar', response: { 200: slaView, ...errors } } }, async (request) => {
    await requireAdmin(request);
    return viewSla(db);
  });

  app.put(
    '/admin/sla',
    { schema: { tags, summary: 'Save the service targets and the business calendar; open cases are computed again', body: slaBody, response: { 200: slaView, ...errors } } },
    async (request) => saveSla(db, await requireAdmin(request), request.body, sessionContext(request, clock())),
  );
}
