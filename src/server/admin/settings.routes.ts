import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, sessionContext } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { autoCloseBody, contactBody, settingsView, termsBody } from './settings.schemas.ts';
import { saveAutoCloseWait, saveContactDetails, saveTerms, viewSettings, type SettingsDeps } from './settings.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

/** The portal's settings, for vendor administrators: terms of use, "Contact Us" details, the auto-close wait. */
export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const deps: SettingsDeps = { db, defaultAutoCloseDays: config.autoCloseDays };
  const tags = ['Administration'];
  const requireAdmin = async (request: FastifyRequest) => {
    const actor = await requireActor(request);
    if (!isVendorAdmin(actor)) throw new AppError('forbidden', 'Only administrators can change the portal’s settings.', 'errors.forbidden');
    return actor;
  };

  app.get('/admin/settings', { schema: { tags, summary: 'The settings in force', response: { 200: settingsView, ...errors } } }, async (request) => {
    await requireAdmin(request);
    return viewSettings(deps);
  });

  app.put(
    '/admin/settings/terms',
    { schema: { tags, summary: 'Save the terms of use; a new version is asked for at everyone’s next login', body: termsBody, response: { 200: settingsView, ...errors } } },
    async (request) => saveTerms(deps, await requireAdmin(request), request.body, sessionContext(request, clock())),
  );

  app.put(
    '/admin/settings/contact',
    { schema: { tags, summary: 'Save the contact details "Contact Us" shows', body: contactBody, response: { 200: settingsView, ...errors } } },
    async (request) => saveContactDetails(deps, await requireAdmin(request), request.body, sessionContext(request, clock())),
  );

  app.put(
    '/admin/settings/auto-close',
    { schema: { tags, summary: 'Set the hours a Resolved case waits before it closes (null: AUTO_CLOSE_DAYS)', body: autoCloseBody, response: { 200: settingsView, ...errors } } },
    async (request) => saveAutoCloseWait(deps, await requireAdmin(request), request.body, sessionContext(request, clock())),
  );
}
