import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { requireActor, type Actor } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { articleBody, articleNumberParams, articleUpdateBody, articleView, catalogueQuery, catalogueResults, searchQuery, searchResults, voteBody } from './knowledge.schemas.ts';
import { loadArticleIndex } from './index-registry.ts';
import { createArticle, listCatalogue, readArticle, searchArticles, updateArticle, voteOnArticle } from './knowledge.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

export async function knowledgeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const tags = ['Knowledge base'];
  // In the background: searches use the database's indexes until it is loaded.
  void loadArticleIndex(db, {
    snapshot: config.searchSnapshot ?? undefined,
    onReady: ({ from, seconds, articles, reason }) => app.log.info(`The knowledge search index is in memory: ${articles} articles from ${from === 'snapshot' ? 'its snapshot' : `the database (snapshot: ${reason ?? 'none'})`} in ${seconds.toFixed(1)} s.`),
    onError: (error) => app.log.error({ err: error }, 'The knowledge search index could not be loaded into memory; searches use the database.'),
    onSnapshotError: (error) => app.log.warn({ err: error }, 'The knowledge search index could not write its snapshot; a restart reads every article.'),
  });
  /** Visitors may read and search too; only a finished sign-in counts as someone. */
  const optionalActor = (request: FastifyRequest): Actor | null => {
    const auth = request.auth;
    if (!auth || auth.session.stage !== 'active') return null;
    return { person: auth.person, roles: auth.roles };
  };

  // The answer comes written by `searchResults`' own serializer and encoded; bytes are sent as they
  // are (the type provider only knows the object form, hence the cast).
  app.get('/kb/search', { schema: { tags, summary: 'Search titles and bodies in Japanese and English, title matches first, with highlighted snippets', querystring: searchQuery, response: { 200: searchResults, ...errors } } }, async (request, reply) => {
    return reply.type('application/json; charset=utf-8').send((await searchArticles(db, optionalActor(request), request.query)) as never);
  });

  // Public, so a visitor's "Product" filter works: the names of products on sale are no secret in a
  // vendor's public knowledge base. Limited per address like the other routes open to anyone.
  app.get(
    '/kb/products',
    { config: perAddressLimit(app, 120), schema: { tags, summary: 'Active products whose name contains the text, for the knowledge base\'s "Product" filter (no login)', querystring: catalogueQuery, response: { 200: catalogueResults, ...errors } } },
    async (request) => ({ items: await listCatalogue(db, request.query) }),
  );

  app.get('/kb/articles/:number', { schema: { tags, summary: 'One article, if the reader may see it', params: articleNumberParams, response: { 200: articleView, ...errors } } }, async (request) => {
    return readArticle(db, optionalActor(request), request.params.number);
  });

  app.post('/kb/articles', { schema: { tags, summary: 'Write an article (agents)', body: articleBody, response: { 201: z.object({ number: z.string() }), ...errors } } }, async (request, reply) => {
    return reply.status(201).send(await createArticle(db, await requireActor(request), request.body, clock()));
  });

  app.patch('/kb/articles/:number', { schema: { tags, summary: 'Edit, publish or retire an article (agents); every edit is a revision', params: articleNumberParams, body: articleUpdateBody, response: { 200: z.object({ number: z.string() }), ...errors } } }, async (request) => {
    await updateArticle(db, await requireActor(request), request.params.number, request.body, clock());
    return { number: request.params.number };
  });

  app.post('/kb/articles/:number/vote', { schema: { tags, summary: 'Mark an article helpful or not (contacts)', params: articleNumberParams, body: voteBody, response: { 200: z.object({ number: z.string() }), ...errors } } }, async (request) => {
    await voteOnArticle(db, await requireActor(request), request.params.number, request.body.helpful, clock());
    return { number: request.params.number };
  });
}
