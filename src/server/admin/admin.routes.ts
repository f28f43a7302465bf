import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, type Actor } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { presentAccount, presentHelpRequest, presentStaff } from './admin.presenter.ts';
import {
  accountBody,
  accountList,
  accountsQuery,
  accountView,
  helpRequestList,
  helpRequestsQuery,
  idParams,
  ssoSelfServiceBody,
  staffBody,
  staffCreated,
  staffList,
  staffPreferencesBody,
  staffQuery,
  staffView,
} from './admin.schemas.ts';
import {
  createStaff,
  deactivateStaff,
  findAccounts,
  helpRequests,
  openAccount,
  reactivateStaff,
  renameAccount,
  setSsoSelfService,
  staffPage,
  updateStaffPreferences,
  viewAccount,
} from './admin.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** Accounts, staff and every registration request, for vendor administrators only. */
export async function vendorAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ['Administration'];
  const requireAdmin = async (request: FastifyRequest): Promise<Actor> => {
    const actor = await requireActor(request);
    if (!isVendorAdmin(actor)) throw new AppError('forbidden', 'Only administrators can do this.', 'errors.forbidden');
    return actor;
  };
  const context = (request: FastifyRequest) => ({ now: clock(), ip: request.ip });

  app.get('/admin/accounts', { schema: { tags, summary: 'Accounts by name, keyset-paginated; search by name or Customer Identifier', querystring: accountsQuery, response: { 200: accountList, ...errors } } }, async (request) => {
    await requireAdmin(request);
    const { items, nextCursor } = await findAccounts(db, request.query);
    return { items: items.map(presentAccount), nextCursor };
  });

  app.post('/admin/accounts', { schema: { tags, summary: 'Create an account; the answer has its new Customer Identifier', body: accountBody, response: { 201: accountView, ...errors } } }, async (request, reply) => {
    const actor = await requireAdmin(request);
    return reply.status(201).send(presentAccount(await openAccount({ db, actor, name: request.body.name, now: clock() })));
  });

  app.get('/admin/accounts/:id', { schema: { tags, summary: 'One account', params: idParams, response: { 200: accountView, ...errors } } }, async (request) => {
    await requireAdmin(request);
    return presentAccount(await viewAccount(db, request.params.id));
  });

  app.patch('/admin/accounts/:id', { schema: { tags, summary: 'Rename an account', params: idParams, body: accountBody, response: { 200: accountView, ...errors } } }, async (request) => {
    const actor = await requireAdmin(request);
    return presentAccount(await renameAccount({ db, actor, accountId: request.params.id, name: request.body.name, context: context(request) }));
  });

  app.put(
    '/admin/accounts/:id/sso-self-service',
    { schema: { tags, summary: 'Let the account’s own administrators manage its single sign-on provider, or stop them', params: idParams, body: ssoSelfServiceBody, response: { 200: accountView, ...errors } } },
    async (request) => {
      const actor = await requireAdmin(request);
      return presentAccount(await setSsoSelfService({ db, actor, accountId: request.params.id, allowed: request.body.allowed, context: context(request) }));
    },
  );

  app.get('/admin/staff', { schema: { tags, summary: 'Agents and administrators', querystring: staffQuery, response: { 200: staffList, ...errors } } }, async (request) => {
    await requireAdmin(request);
    const { items, nextCursor } = await staffPage(db, request.query);
    return { items: items.map(presentStaff), nextCursor };
  });

  app.post('/admin/staff', { schema: { tags, summary: 'Add an agent or administrator; the temporary password is in this answer only', body: staffBody, response: { 201: staffCreated, ...errors } } }, async (request, reply) => {
    const actor = await requireAdmin(request);
    const created = await createStaff({ db, actor, input: request.body, defaultTimeZone: app.deps.config.defaultTimeZone, now: clock() });
    // The temporary password must not linger in a cache between the server and the browser.
    reply.header('cache-control', 'no-store');
    return reply.status(201).send({ staff: presentStaff(created.staff), temporaryPassword: created.temporaryPassword });
  });

  app.patch('/admin/staff/:id', { schema: { tags, summary: 'Change the language and time zone a staff member reads pages and mails in', params: idParams, body: staffPreferencesBody, response: { 200: staffView, ...errors } } }, async (request) => {
    const actor = await requireAdmin(request);
    return presentStaff(await updateStaffPreferences({ db, actor, staffId: request.params.id, input: request.body, context: context(request) }));
  });

  app.post('/admin/staff/:id/deactivate', { schema: { tags, summary: 'Deactivate a staff member; their sessions end at once', params: idParams, response: { 200: staffView, ...errors } } }, async (request) => {
    const actor = await requireAdmin(request);
    return presentStaff(await deactivateStaff({ db, actor, staffId: request.params.id, context: context(request) }));
  });

  app.post('/admin/staff/:id/reactivate', { schema: { tags, summary: 'Reactivate a staff member', params: idParams, response: { 200: staffView, ...errors } } }, async (request) => {
    const actor = await requireAdmin(request);
    return presentStaff(await reactivateStaff({ db, actor, staffId: request.params.id, context: context(request) }));
  });

  app.get('/admin/registration-help', { schema: { tags, summary: '"Get help with registration" requests, newest first', querystring: helpRequestsQuery, response: { 200: helpRequestList, ...errors } } }, async (request) => {
    await requireAdmin(request);
    const { items, nextCursor } = await helpRequests(db, request.query);
    return { items: items.map(presentHelpRequest), nextCursor };
  });
}
