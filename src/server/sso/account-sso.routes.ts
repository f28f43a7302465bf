import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { requireRecentSignIn } from '../auth/reauthentication.ts';
import { accountIdParams } from '../accounts/accounts.schemas.ts';
import { findAccount } from '../admin/admin.repository.ts';
import { AppError } from '../lib/errors.ts';
import { requireSession } from '../lib/http.ts';
import { redirectUriFor, registerProvider, removeProvider, viewProvider } from './identity-providers.service.ts';
import { providerBody, providerResponse } from './sso.schemas.ts';
import { selfServiceRefusal } from './sso.policy.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const refusals = {
  forbidden: () => new AppError('forbidden', 'Only account administrators can manage their account’s single sign-on.', 'errors.forbidden'),
  not_found: () => new AppError('not_found', 'This account was not found.', 'errors.notFound'),
  not_allowed: () =>
    new AppError(
      'forbidden',
      'The vendor’s support team manages your account’s single sign-on. Ask them to change it, or to let your account administrators manage it.',
      'sso.errors.selfServiceOff',
    ),
};

/**
 * The account administrator's own single sign-on settings, where the vendor allows it: the same
 * provider, service and rules as the vendor's page, plus the rules for someone the vendor does not
 * vouch for (no domain another account uses; a recent sign-in before a change, since a change sends
 * everyone of the account to another sign-in page).
 */
export async function accountSsoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config, serverKey } = app.deps;
  const tags = ['Contacts'];
  const answer = (provider: Awaited<ReturnType<typeof viewProvider>>) => ({ provider, redirectUri: redirectUriFor(config.publicUrl) });

  /** Authenticate, load, authorize; a change also needs the sign-in proven within the last minutes. */
  const authorize = async (request: FastifyRequest, accountId: number, change: boolean) => {
    const auth = requireSession(request);
    const refusal = selfServiceRefusal(auth, await findAccount(db, accountId));
    if (refusal) throw refusals[refusal]();
    const now = clock();
    if (change) requireRecentSignIn(auth.session, now);
    return { now, ip: request.ip, actorId: auth.person.id, by: 'account_admin' as const };
  };

  app.get(
    '/accounts/:id/identity-provider',
    { schema: { tags, summary: 'The account’s single sign-on provider, for its own administrators where the vendor allows it', params: accountIdParams, response: { 200: providerResponse, ...errors } } },
    async (request) => {
      await authorize(request, request.params.id, false);
      return answer(await viewProvider(db, request.params.id));
    },
  );

  app.put(
    '/accounts/:id/identity-provider',
    {
      schema: {
        tags,
        summary: 'Register or change the account’s OpenID Connect provider (its own administrators, after a recent sign-in); a domain another account uses is refused',
        params: accountIdParams,
        body: providerBody,
        response: { 200: providerResponse, ...errors },
      },
    },
    async (request) => {
      const context = await authorize(request, request.params.id, true);
      return answer(await registerProvider(db, serverKey, request.params.id, request.body, context));
    },
  );

  app.delete(
    '/accounts/:id/identity-provider',
    { schema: { tags, summary: 'Remove the account’s provider (its own administrators, after a recent sign-in): its contacts sign in with their password again', params: accountIdParams, response: { 200: providerResponse, ...errors } } },
    async (request) => {
      const context = await authorize(request, request.params.id, true);
      await removeProvider(db, request.params.id, context);
      return answer(null);
    },
  );
}
