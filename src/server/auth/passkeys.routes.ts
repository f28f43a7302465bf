import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireSession, sessionContext, setSessionCookies } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { randomToken } from '../lib/secrets.ts';
import { errorResponse, stepResponse } from './auth.schemas.ts';
import type { AuthDeps } from './auth.service.ts';
import {
  addPasskeyBody,
  authenticationOptions,
  passkeyList,
  passkeyParams,
  passkeyView,
  registrationOptions,
  removedPasskey,
  renamePasskeyBody,
  signInWithPasskeyBody,
} from './passkeys.schemas.ts';
import {
  addPasskey,
  listPasskeys,
  PASSKEY_CHALLENGE_TTL_MS,
  passkeyAsSecondFactor,
  passkeyRegistrationOptions,
  passkeySecondFactorOptions,
  passkeySignInOptions,
  removePasskey,
  renamePasskey,
  signInWithPasskey,
} from './passkeys.service.ts';
import { addRequiredPasskey, requireSetUpAllowed } from './required-factor.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

/**
 * The pre-sign-in cookie: before anyone is known, the challenge of a passkey sign-in is bound to
 * this browser by a random token only it holds (httpOnly, this origin only), so a challenge
 * fetched by another page or browser cannot be answered here.
 */
const preSignInCookie = (secure: boolean) => `${secure ? '__Host-' : ''}caseway_passkey`;

function setPreSignInCookie(request: FastifyRequest, reply: FastifyReply): string {
  const token = randomToken();
  const { secure } = request.server.deps;
  reply.setCookie(preSignInCookie(secure), token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: PASSKEY_CHALLENGE_TTL_MS / 1000 });
  return token;
}

/** Passkeys: signing in with one (alone, or as the second factor) and managing them in My Account. */
export async function passkeyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config, serverKey, secure } = app.deps;
  const deps: AuthDeps = { db, serverKey, publicUrl: config.publicUrl, kickMail: () => app.deps.kickMail() };
  const signingIn = ['Signing in'];
  const myAccount = ['My Account'];

  app.post(
    '/auth/passkey/options',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Start signing in with a passkey: the challenge, bound to this browser', response: { 200: authenticationOptions, ...errors } } },
    async (request, reply) => passkeySignInOptions(deps, setPreSignInCookie(request, reply), clock()),
  );

  app.post(
    '/auth/passkey',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Sign in with a passkey, no password or code needed', body: signInWithPasskeyBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const cookie = preSignInCookie(secure);
      const preSignIn = request.cookies[cookie];
      reply.clearCookie(cookie, { path: '/', secure });
      const result = await signInWithPasskey(deps, preSignIn, request.body.credential, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/passkey/second-factor/options',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Start the second factor with one of the person’s passkeys', response: { 200: authenticationOptions, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request, ['email_code', 'totp_verify', 'factor_required']);
      return passkeySecondFactorOptions(deps, session, person, clock());
    },
  );

  app.post(
    '/auth/passkey/second-factor',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Pass the second factor with a passkey instead of a code', body: signInWithPasskeyBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, ['email_code', 'totp_verify', 'factor_required']);
      const result = await passkeyAsSecondFactor(deps, session, person, request.body.credential, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/reauthenticate/passkey/options',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Start confirming it is you with one of the person’s passkeys (then POST /api/auth/reauthenticate with its answer)', response: { 200: authenticationOptions, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request);
      return passkeySecondFactorOptions(deps, session, person, clock());
    },
  );

  app.post(
    '/auth/required-factor/passkey/options',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Start setting up the passkey the account’s policy requires (after a second factor)', response: { 200: registrationOptions, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request, 'factor_required');
      requireSetUpAllowed(session, clock());
      return passkeyRegistrationOptions(deps, session, person, clock());
    },
  );

  app.post(
    '/auth/required-factor/passkey',
    { config: perAddressLimit(app, 20), schema: { tags: signingIn, summary: 'Add the passkey the account’s policy requires and continue signing in with it', body: addPasskeyBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, 'factor_required');
      const result = await addRequiredPasskey(deps, session, person, request.body, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.get('/me/passkeys', { schema: { tags: myAccount, summary: 'The person’s passkeys, oldest first (at most 20, so one page)', response: { 200: passkeyList, ...errors } } }, async (request) => {
    const { person } = requireSession(request);
    return { items: await listPasskeys(db, person) };
  });

  // A passkey signs in alone, so adding one is held to a recent sign-in, as a new password is.
  app.post(
    '/me/passkeys/options',
    { config: { ...perAddressLimit(app, 20), recentSignIn: true }, schema: { tags: myAccount, summary: 'Start adding a passkey: what the browser needs to make one', response: { 200: registrationOptions, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request);
      return passkeyRegistrationOptions(deps, session, person, clock());
    },
  );

  app.post(
    '/me/passkeys',
    { config: { ...perAddressLimit(app, 20), recentSignIn: true }, schema: { tags: myAccount, summary: 'Add the passkey the browser made, under the person’s name for it', body: addPasskeyBody, response: { 201: passkeyView, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request);
      return reply.status(201).send(await addPasskey(deps, session, person, request.body, sessionContext(request, clock())));
    },
  );

  app.patch(
    '/me/passkeys/:id',
    { schema: { tags: myAccount, summary: 'Rename one of the person’s passkeys', params: passkeyParams, body: renamePasskeyBody, response: { 200: passkeyView, ...errors } } },
    async (request) => {
      const { person } = requireSession(request);
      return renamePasskey(db, person, request.params.id, request.body.name, sessionContext(request, clock()));
    },
  );

  app.delete(
    '/me/passkeys/:id',
    { config: { recentSignIn: true }, schema: { tags: myAccount, summary: 'Remove one of the person’s passkeys; it signs in no more', params: passkeyParams, response: { 200: removedPasskey, ...errors } } },
    async (request) => {
      const { person } = requireSession(request);
      await removePasskey(db, person, request.params.id, sessionContext(request, clock()));
      return { id: request.params.id };
    },
  );
}
