import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { AppError } from '../lib/errors.ts';
import { requireActor, requireSession, sessionContext, setSessionCookies, viewerLanguage } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { isVendorAdmin } from '../lib/roles.ts';
import { idParams } from '../admin/admin.schemas.ts';
import { redirectUriFor, registerProvider, removeProvider, viewProvider } from './identity-providers.service.ts';
import { callbackQuery, discoverResponse, providerBody, providerResponse, reproofBody, reproofOptions, ssoEmailBody, startResponse } from './sso.schemas.ts';
import { finishSingleSignOn, receiveAnswer, SSO_SIGN_IN_TTL_MS, startSingleSignOn, usesSingleSignOn, type SsoDeps } from './sso.service.ts';
import { finishReproof, hasReproof, reproofProviderOf, startReproof, type ReproofOutcome } from './sso-reauthentication.ts';

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
    '/auth/sso/reauthenticate',
    { schema: { tags, summary: 'Whether "Confirm it’s you" can be done at the organisation’s own provider, and whether its second factor is still due', response: { 200: reproofOptions, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request);
      const provider = await reproofProviderOf(db, person);
      return { organisation: provider?.organisation ?? null, secondFactorDue: provider !== null && (await hasReproof(db, session, clock())) };
    },
  );

  app.post(
    '/auth/sso/reauthenticate',
    {
      config: perAddressLimit(app, 20),
      schema: {
        tags,
        summary: 'Confirm it’s you by signing in again at the organisation’s provider: the address to send the browser to; it comes back to `returnTo`, a path of this portal',
        body: reproofBody,
        response: { 200: startResponse, ...errors, 503: errorResponse },
      },
    },
    async (request, reply) => {
      const { session, person } = requireSession(request);
      const { redirectUrl, state } = await startReproof(deps, session, person, request.body.returnTo, sessionContext(request, clock()));
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
        response: { 302: z.null().describe('To /login (signed in: the next step) or /login/sso?outcome=… (why not); after "Confirm it’s you", to the page it left with confirm=…'), 400: errorResponse, 429: errorResponse, default: errorResponse },
      },
    },
    async (request, reply) => {
      const url = request.url;
      const input = {
        search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
        state: request.query.state,
        cookieState: request.cookies[stateCookie],
        language: viewerLanguage(request),
        context: sessionContext(request, clock()),
      };
      const answer = await receiveAnswer(deps, input);
      reply.clearCookie(stateCookie, { path: '/', secure });
      // "Confirm it's you" comes back to the page it left, saying how it went; a signed-in person whose
      // answer matches no sign-in under way is told on My Account, not sent to the login page.
      const returnTo = answer.signIn?.return_to ?? (answer.signIn === null && request.auth?.session.stage === 'active' ? '/my-account' : null);
      if (returnTo !== null) {
        const outcome = answer.signIn ? await finishReproof(deps, answer, request.auth ?? null, input.context) : ({ kind: 'refused', reason: answer.kind === 'refused' ? answer.reason : 'state_unknown' } as const);
        if (outcome.kind === 'confirmed') setSessionCookies(request, reply, outcome);
        return reply.redirect(`${config.publicUrl}${withConfirmation(returnTo, outcome)}`, 302);
      }
      const outcome = await finishSingleSignOn(deps, answer, input);
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

/**
 * The page "Confirm it's you" left, with `confirm=` saying how it went (words as coarse as the login
 * page's). `returnTo` is a same-origin path, checked when the confirmation started.
 */
function withConfirmation(returnTo: string, outcome: ReproofOutcome): string {
  const word = outcome.kind === 'refused' ? reproofRefusalWord(outcome.reason) : outcome.kind;
  const hash = returnTo.indexOf('#');
  const [path, fragment] = hash === -1 ? [returnTo, ''] : [returnTo.slice(0, hash), returnTo.slice(hash)];
  const mark = path.indexOf('?');
  const [pathname, search] = mark === -1 ? [path, ''] : [path.slice(0, mark), path.slice(mark + 1)];
  const query = new URLSearchParams(search);
  query.set('confirm', word);
  return `${pathname}?${query.toString()}${fragment}`;
}

function reproofRefusalWord(reason: string): string {
  switch (reason) {
    case 'other_person':
      return 'other_person';
    case 'stale_auth_time':
      return 'stale';
    case 'session_mismatch':
      return 'expired';
    default:
      return refusalPage(reason);
  }
}
