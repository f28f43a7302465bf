import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionStage } from '../db/schema.ts';
import { AppError } from '../lib/errors.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookies, csrfTokenIsValid, requireSession, sessionContext, setCsrfCookie, setSessionCookies } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { presentMe } from './auth.presenter.ts';
import {
  changePasswordBody,
  codeBody,
  errorResponse,
  forgotPasswordBody,
  loginBody,
  messageResponse,
  reauthenticateBody,
  reauthenticateResponse,
  requiredFactorResponse,
  sessionResponse,
  stepResponse,
  termsResponse,
  totpSetupResponse,
} from './auth.schemas.ts';
import {
  acceptTerms,
  authenticatorSetup,
  changePassword,
  logIn,
  logOut,
  pairAuthenticator,
  requestPasswordReset,
  verifySecondFactor,
  type AuthDeps,
} from './auth.service.ts';
import { hasPasskey } from './passkeys.service.ts';
import { reauthenticate } from './reauthentication.ts';
import { requireAppAccepted, requiredFactorView, requireSetUpAllowed } from './required-factor.ts';
import { resendOneTimeCode } from './second-factor.ts';
import { currentTerms } from './terms.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 429: errorResponse };

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config, serverKey, cookies, secure } = app.deps;
  const deps: AuthDeps = { db, serverKey, publicUrl: config.publicUrl, kickMail: () => app.deps.kickMail() };
  const tags = ['Signing in'];

  app.get('/session', { schema: { tags, summary: 'Who is signed in, and which sign-in step comes next', response: { 200: sessionResponse } } }, async (request, reply) => {
    const auth = request.auth;
    // A cookie naming no live session (expired, ended, planted) is dropped, and the CSRF token is
    // made anew whenever it does not fit the session cookie left: neither can block a fresh login.
    let sessionToken = request.cookies[cookies.session];
    if (sessionToken && !auth) {
      reply.clearCookie(cookies.session, { path: '/', secure });
      sessionToken = undefined;
    }
    const csrf = request.cookies[cookies.csrf];
    if (!csrfTokenIsValid(serverKey, sessionToken, csrf, csrf)) setCsrfCookie(request, reply, sessionToken);
    const stage = auth?.session.stage ?? ('anonymous' as const);
    // Before the second factor the session tells only what that step shows: the address typed. The
    // policy's step may follow the password alone, so it tells no more.
    const beforeSecondFactor = stage === 'email_code' || stage === 'totp_verify' || stage === 'factor_required';
    return {
      stage,
      person: auth && !beforeSecondFactor ? await presentMe(db, auth.person) : null,
      signIn: auth && beforeSecondFactor ? { email: auth.person.email, passkey: await hasPasskey(db, auth.person.id) } : null,
      devMailbox: config.devMailbox,
      defaultTimeZone: config.defaultTimeZone,
    };
  });

  app.post(
    '/auth/login',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Log in with e-mail and password', body: loginBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const result = await logIn(deps, { ...request.body, context: sessionContext(request, clock()) });
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/otp',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Enter the e-mailed one-time passcode', body: codeBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, 'email_code');
      const result = await verifySecondFactor(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/otp/resend',
    { config: perAddressLimit(app, 5), schema: { tags, summary: 'Mail a new one-time passcode', response: { 200: messageResponse, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request, 'email_code');
      await resendOneTimeCode(deps, session, person, clock(), 'sign_in');
      return { message: 'A new code has been sent to your e-mail address.', messageKey: 'login.codeResent' };
    },
  );

  app.get(
    '/auth/required-factor',
    { schema: { tags, summary: 'What the account’s second-factor policy requires, and what this sign-in can prove or set up', response: { 200: requiredFactorResponse, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request, 'factor_required');
      return requiredFactorView(db, session, person, clock());
    },
  );

  // Pairing is the first sign-in's step for the app, and one way to meet the account's policy.
  const pairingStages: SessionStage[] = ['totp_pair', 'factor_required'];
  const requirePairing = async (request: FastifyRequest) => {
    const auth = requireSession(request, pairingStages);
    requireSetUpAllowed(auth.session, clock());
    await requireAppAccepted(db, auth.session, auth.person);
    return auth;
  };

  app.get('/auth/totp/setup', { schema: { tags, summary: 'The authenticator secret to pair, as QR code and text', response: { 200: totpSetupResponse, ...errors } } }, async (request) => {
    const { person } = await requirePairing(request);
    return authenticatorSetup(db, person, clock());
  });

  app.post(
    '/auth/totp/pair',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Pair the authenticator app with a code from it', body: codeBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = await requirePairing(request);
      const result = await pairAuthenticator(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/totp/verify',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Enter the code of the paired authenticator app', body: codeBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, ['totp_verify', 'factor_required']);
      if (session.stage === 'factor_required' && person.otp_method !== 'app') throw new AppError('bad_request', 'You have no authenticator app paired.', 'errors.noAuthenticator');
      await requireAppAccepted(db, session, person);
      const result = await verifySecondFactor(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/change-password',
    {
      // Signed in, it is a change of how the person signs in; during the first sign-in it is a step of it.
      config: { ...perAddressLimit(app, 20), recentSignIn: true },
      schema: { tags, summary: 'Change the password', body: changePasswordBody, response: { 200: stepResponse, ...errors } },
    },
    async (request, reply) => {
      const { session, person } = requireSession(request, ['change_password', 'active']);
      const result = await changePassword(deps, session, person, request.body, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/reauthenticate',
    {
      config: perAddressLimit(app, 20),
      schema: {
        tags,
        summary: 'Confirm it is you: the password, then a code of the second factor (mailed after the password for e-mailed codes)',
        body: reauthenticateBody,
        response: { 200: reauthenticateResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { session, person } = requireSession(request);
      const result = await reauthenticate(deps, session, person, request.body, sessionContext(request, clock()));
      if (result.done) setSessionCookies(request, reply, result);
      return result.done ? { done: true } : { done: false, factor: result.factor };
    },
  );

  app.get('/auth/terms', { schema: { tags, summary: 'The terms of use in the reader’s language', querystring: z.strictObject({ language: z.enum(['en', 'ja']).optional() }), response: { 200: termsResponse } } }, async (request) => {
    return currentTerms(db, request.query.language ?? request.auth?.person.language ?? 'en');
  });

  app.post(
    '/auth/terms/accept',
    { schema: { tags, summary: 'Accept the terms of use', body: z.strictObject({ version: z.string().min(1).max(50) }), response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, 'terms');
      const result = await acceptTerms(deps, session, person, request.body.version, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { stage: result.stage };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: 'Log out: ends the session on the server', response: { 200: stepResponse } } }, async (request, reply) => {
    if (request.auth) await logOut(db, request.auth.session, sessionContext(request, clock()));
    clearSessionCookies(request, reply);
    return { stage: 'anonymous' as const };
  });

  app.post(
    '/auth/forgot-password',
    { config: perAddressLimit(app, 5), schema: { tags, summary: 'Mail a temporary password', body: forgotPasswordBody, response: { 200: messageResponse, ...errors } } },
    async (request) => {
      await requestPasswordReset(deps, request.body.email, sessionContext(request, clock()));
      return { message: 'Your new password has been emailed to you if the address is registered.', messageKey: 'forgot.sent' };
    },
  );
}
