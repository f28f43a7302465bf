import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, sessionContext, setSessionCookies, viewerLanguage } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { idParams } from '../admin/admin.schemas.ts';
import { redirectUriFor, registerProvider, removeProvider, viewProvider } from './identity-providers.service.ts';
import { callbackQuery, discoverResponse, providerBody, providerResponse, ssoEmailBody, startResponse } from './sso.schemas.ts';
import { finishSingleSignOn, SSO_SIGN_IN_TTL_MS, startSingleSignOn, usesSingleSignOn, type SsoDeps } from './sso.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

/** Signing in at a customer's own OpenID Connect provider, and the vendor administrator's settings of it. */
export async function ssoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config, serverKey, secure } = app.deps;
  const deps: SsoDeps = { db, serverKey, publicUrl: config.publicUrl, defaultTimeZone: config.defaultTimeZone, kickMail: () => app.deps.kickMail() };
  // Pinned to this origin under https, like the session cookie; it holds only the `state` of one sign-in.
  const stateCookie = `${secure ? '__Host-' : ''}caseway_sso`;
  const tags = ['Signing in'];

  app.post(
    '/auth/sso/discover',
    { config: perAddressLimit(app, 60), schema: { tags, summary: 'Whether an address signs in at its organisation’s own provider (single sign-on)', body: ssoEmailBody, response: { 200: discoverResponse, ...errors } } },
    async (request) => ({ sso: await usesSingleSignOn(db, request.body.email) }),
  );

  app.post(
    '/auth/sso/start',
    {
      config: perAddressLimit(app, 20),
      schema: { tags, summary: 'Start single sign-on: the address of the organisation’s provider to send the browser to', body: ssoEmailBody, response: { 200: startResponse, ...errors, 503: errorResponse } },
    },
    async (request, reply) => {
      const { redirectUrl, state } = await startSingleSignOn(deps, request.body.email, sessionContext(request, clock()));
      reply.setCookie(stateCookie, state, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SSO_SIGN_IN_TTL_MS / 1000 });
      return { redirectUrl };
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      config: perAddressLimit(app, 20),
      schema: {
        tags,
        summary: 'Where the provider sends the browser back; redirects to the sign-in step that follows or to a page that says why not',
        querystring: callbackQuery,
        // A browser's navigation, not a call: every answer is a redirect, refusals included (`default` documents the error body of anything else).
        response: { 302: z.null().describe('To /login (signed in: the next step) or /login/sso?outcome=… (why not)'), 400: errorResponse, 429: errorResponse, default: errorResponse },
      },
    },
    async (request, reply) => {
      const url = request.url;
      const outcome = await finishSingleSignOn(deps, {
        search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
        state: request.query.state,
        cookieState: request.cookies[stateCookie],
        language: viewerLanguage(request),
        context: sessionContext(request, clock()),
      });
      reply.clearCookie(stateCookie, { path: '/', secure });
      if (outcome.kind === 'signed_in') {
        setSessionCookies(request, reply, outcome);
        return reply.redirect(`${config.publicUrl}/login`, 302);
      }
      const page = outcome.kind === 'refused' ? refusalPage(outcome.reason) : outcome.kind;
      return reply.redirect(`${config.publicUrl}/login/sso?outcome=${page}`, 302);
    },
  );

  const requireAdmin = (request: FastifyRequest) => {
    const actor = requireActor(request);
    if (!isVendorAdmin(actor)) throw new AppError('forbidden', 'Only administrators can do this.', 'errors.forbidden');
    return actor;
  };
  const context = (request: FastifyRequest) => ({ now: clock(), ip: request.ip, actorId: requireAdmin(request).person.id, by: 'vendor' as const });
  const adminTags = ['Administration'];
  const answer = (provider: Awaited<ReturnType<typeof viewProvider>>) => ({ provider, redirectUri: redirectUriFor(config.publicUrl) });

  app.get(
    '/admin/accounts/:id/identity-provider',
    { schema: { tags: adminTags, summary: 'The account’s single sign-on provider (the client secret only as set or not)', params: idParams, response: { 200: providerResponse, ...errors } } },
    async (request) => {
      requireAdmin(request);
      return answer(await viewProvider(db, request.params.id));
    },
  );

  app.put(
    '/admin/accounts/:id/identity-provider',
    {
      schema: {
        tags: adminTags,
        summary: 'Register or change the account’s OpenID Connect provider and the e-mail domains it answers for',
        params: idParams,
        body: providerBody,
        response: { 200: providerResponse, ...errors },
      },
    },
    async (request) => answer(await registerProvider(db, serverKey, request.params.id, request.body, context(request))),
  );

  app.delete(
    '/admin/accounts/:id/identity-provider',
    { schema: { tags: adminTags, summary: 'Remove the account’s provider: its contacts sign in with their password again', params: idParams, response: { 200: providerResponse, ...errors } } },
    async (request) => {
      await removeProvider(db, request.params.id, context(request));
      return answer(null);
    },
  );
}

/** The page's words are coarser than the audit trail's: a person needs what to do, not which check failed. */
function refusalPage(reason: string): string {
  switch (reason) {
    case 'state_mismatch':
    case 'state_unknown':
      return 'expired';
    case 'provider_unavailable':
      return 'unavailable';
    case 'provider_error':
      return 'cancelled';
    case 'email_unverified':
      return 'unverified';
    case 'deactivated':
      return 'deactivated';
    case 'second_factor_locked':
      return 'locked';
    default:
      return 'refused';
  }
}
