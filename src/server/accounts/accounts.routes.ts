import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor } from '../lib/http.ts';
import { canLookUpAccounts } from './accounts.policy.ts';
import { findAccountName, searchAccountsByName } from './accounts.repository.ts';
import { accountIdParams, accountRef, accountRefList, accountSearchQuery, type AccountRef } from './accounts.schemas.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

const present = (row: { id: number; name: string }): AccountRef => ({ id: row.id, name: row.name });

/** Accounts by name for the vendor's staff: the queue's "Account" filter searches and names them. */
export async function accountLookupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ['Accounts'];
  const requireStaff = async (request: FastifyRequest) => {
    const actor = await requireActor(request);
    if (!canLookUpAccounts(actor)) throw new AppError('forbidden', 'Only support staff can look up accounts.', 'errors.forbidden');
  };

  app.get('/accounts', { schema: { tags, summary: 'Accounts whose name contains the text, by name (staff)', querystring: accountSearchQuery, response: { 200: accountRefList, ...errors } } }, async (request) => {
    await requireStaff(request);
    return { items: (await searchAccountsByName(db, request.query.q, request.query.limit)).map(present) };
  });

  app.get('/accounts/:id', { schema: { tags, summary: 'The name of one account, for a filter kept in the address (staff)', params: accountIdParams, response: { 200: accountRef, ...errors } } }, async (request) => {
    await requireStaff(request);
    const row = await findAccountName(db, request.params.id);
    if (!row) throw new AppError('not_found', 'This account was not found.', 'errors.notFound');
    return present(row);
  });
}
