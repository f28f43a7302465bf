import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AUDIT_TYPES } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, viewerLanguage } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { presentAuditEvent } from './audit.presenter.ts';
import { auditList, auditQuery, auditTypeList } from './audit.schemas.ts';
import { browseAuditTrail } from './audit.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

/** The audit trail, for vendor administrators only: sign-ins, registrations, settings changes. */
export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ['Administration'];
  const requireAdmin = async (request: FastifyRequest) => {
    const actor = await requireActor(request);
    if (!isVendorAdmin(actor)) throw new AppError('forbidden', 'Only administrators can read the audit trail.', 'errors.forbidden');
    return actor;
  };

  app.get('/admin/audit', { schema: { tags, summary: 'Audit events, newest first, keyset-paginated, filtered', querystring: auditQuery, response: { 200: auditList, ...errors } } }, async (request) => {
    const actor = await requireAdmin(request);
    const { items, nextCursor } = await browseAuditTrail(db, request.query);
    const language = viewerLanguage(request, actor.person);
    return { items: items.map((row) => presentAuditEvent(row, language)), nextCursor };
  });

  app.get('/admin/audit/types', { schema: { tags, summary: 'Every event type, for the filter', response: { 200: auditTypeList, ...errors } } }, async (request) => {
    await requireAdmin(request);
    return { items: AUDIT_TYPES };
  });
}
