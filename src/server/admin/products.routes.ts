import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../accounts/accounts.service.ts';
import { errorResponse } from '../auth/auth.schemas.ts';
import { searchProducts } from '../cases/cases.repository.ts';
import { productBody, productIdParams, productList, productsQuery, productUpdateBody, productView } from '../cases/cases.schemas.ts';
import { invalidateSearches } from '../knowledge/search-cache.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor } from '../lib/http.ts';
import { isVendorAdmin } from '../lib/roles.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const duplicateName = (name: string) => new AppError('conflict', `A product named "${name}" already exists.`, 'errors.productDuplicate', 'name');

/** The product catalogue, for vendor administrators: add, rename, retire (retired products leave Create Case). */
export async function productAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ['Administration'];
  const requireAdmin = async (request: FastifyRequest) => {
    if (!isVendorAdmin(await requireActor(request))) {
      throw new AppError('forbidden', 'Only administrators can manage products.', 'errors.forbidden');
    }
  };
  const present = (row: { id: number; name: string; active: number }) => ({ id: row.id, name: row.name, active: row.active === 1 });

  app.get('/admin/products', { schema: { tags, summary: 'Every product, retired ones too', querystring: productsQuery, response: { 200: productList, ...errors } } }, async (request) => {
    await requireAdmin(request);
    return { items: (await searchProducts(db, request.query.q, 1000, true)).map(present) };
  });

  app.post('/admin/products', { schema: { tags, summary: 'Add a product', body: productBody, response: { 201: productView, ...errors } } }, async (request, reply) => {
    await requireAdmin(request);
    try {
      const row = await db.insertInto('products').values({ name: request.body.name, active: 1, created_at: clock() }).returning(['id', 'name', 'active']).executeTakeFirstOrThrow();
      return reply.status(201).send(present(row));
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(request.body.name);
      throw error;
    }
  });

  app.patch('/admin/products/:id', { schema: { tags, summary: 'Rename, retire or reinstate a product', params: productIdParams, body: productUpdateBody, response: { 200: productView, ...errors } } }, async (request) => {
    await requireAdmin(request);
    const changes = { ...(request.body.name !== undefined ? { name: request.body.name } : {}), ...(request.body.active !== undefined ? { active: request.body.active ? 1 : 0 } : {}) };
    if (Object.keys(changes).length === 0) throw new AppError('bad_request', 'Give a new name or a new active state.', 'errors.nothingToChange');
    try {
      const row = await db.transaction().execute(async (trx) => {
        // Knowledge search answers name their articles' products and are kept until the generation moves.
        if (changes.name !== undefined) await invalidateSearches(trx);
        return trx.updateTable('products').set(changes).where('id', '=', request.params.id).returning(['id', 'name', 'active']).executeTakeFirst();
      });
      if (!row) throw new AppError('not_found', 'This product was not found.', 'errors.notFound');
      return present(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(request.body.name ?? '');
      throw error;
    }
  });
}
