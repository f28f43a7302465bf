import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { requireSession, sessionContext } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { accessTokenList, accessTokenParams, createAccessTokenBody, createdAccessToken, revokedAccessToken } from './access-tokens.schemas.ts';
import { createAccessToken, listAccessTokens, revokeAccessToken } from './access-tokens.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

/**
 * My Account's personal access tokens. None of these routes is open to a token (auth/access-tokens.ts
 * lists those that are): only a signed-in browser manages tokens.
 */
export async function accessTokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ['My Account'];

  app.get('/me/access-tokens', { schema: { tags, summary: 'The person’s personal access tokens (never the tokens themselves)', response: { 200: accessTokenList, ...errors } } }, async (request) => {
    const { person } = requireSession(request);
    return { items: await listAccessTokens(db, person, clock()) };
  });

  // A token outlives the session that made it, so making one is held to a recent sign-in, as a
  // password change is: a session cookie taken later cannot mint a lasting credential.
  app.post(
    '/me/access-tokens',
    {
      config: { ...perAddressLimit(app, 20), recentSignIn: true },
      schema: { tags, summary: 'Create a personal access token; the answer is the only time the token is shown', body: createAccessTokenBody, response: { 201: createdAccessToken, ...errors } },
    },
    async (request, reply) => {
      const { person } = requireSession(request);
      return reply.status(201).send(await createAccessToken(db, person, request.body, sessionContext(request, clock())));
    },
  );

  app.post(
    '/me/access-tokens/:id/revoke',
    { schema: { tags, summary: 'Revoke one of the person’s personal access tokens; it stops working at once', params: accessTokenParams, response: { 200: revokedAccessToken, ...errors } } },
    async (request) => {
      const { person } = requireSession(request);
      await revokeAccessToken(db, person, request.params.id, sessionContext(request, clock()));
      return { id: request.params.id };
    },
  );
}
