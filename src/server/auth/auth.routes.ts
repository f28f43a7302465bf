import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookies, issueCsrfToken, requireSession, sessionContext, setSessionCookies } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { presentMe } from './auth.presenter.ts';
import {
  changePasswordBody,
  codeBody,
  errorResponse,
  forgotPasswordBody,
  loginBody,
  messageResponse,
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
  resendOneTimeCode,
  verifyAuthenticatorCode,
  verifyEmailCode,
  type AuthDeps,
} from './auth.service.ts';
import { currentTerms } from './terms.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 429: errorResponse };

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config, serverKey, cookies, secure } = app.deps;
  const deps: AuthDeps = { db, serverKey, publicUrl: config.publicUrl, kickMail: () => app.deps.kickMail() };
  const tags = ['Signing in'];

  app.get('/session', { schema: { tags, summary: 'Who is signed in, and which sign-in step comes next', response: { 200: sessionResponse } } }, async (request, reply) => {
    if (!request.cookies[cookies.csrf]) {
      reply.setCookie(cookies.csrf, issueCsrfToken(serverKey, request.cookies[cookies.session]), { path: '/', httpOnly: false, sameSite: 'strict', secure });
    }
    const auth = request.auth;
    return {
      stage: auth?.session.stage ?? ('anonymous' as const),
      person: auth ? await presentMe(db, auth.person) : null,
      devMailbox: config.devMailbox,
    };
  });

  app.post(
    '/auth/login',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Log in with e-mail and password', body: loginBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const result = await logIn(deps, { ...request.body, context: sessionContext(request, clock()) });
      setSessionCookies(request, reply, result.token);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/otp',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Enter the e-mailed one-time passcode', body: codeBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, 'email_code');
      const result = await verifyEmailCode(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result.token);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/otp/resend',
    { config: perAddressLimit(app, 5), schema: { tags, summary: 'Mail a new one-time passcode', response: { 200: messageResponse, ...errors } } },
    async (request) => {
      const { session, person } = requireSession(request, 'email_code');
      await resendOneTimeCode(deps, session, person, clock());
      return { message: 'A new code has been sent to your e-mail address.', messageKey: 'login.codeResent' };
    },
  );

  app.get('/auth/totp/setup', { schema: { tags, summary: 'The authenticator secret to pair, as QR code and text', response: { 200: totpSetupResponse, ...errors } } }, async (request) => {
    const { person } = requireSession(request, 'totp_pair');
    return authenticatorSetup(db, person, clock());
  });

  app.post(
    '/auth/totp/pair',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Pair the authenticator app with a code from it', body: codeBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, 'totp_pair');
      const result = await pairAuthenticator(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result.token);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/totp/verify',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Enter the code of the paired authenticator app', body: codeBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, 'totp_verify');
      const result = await verifyAuthenticatorCode(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result.token);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/change-password',
    { config: perAddressLimit(app, 20), schema: { tags, summary: 'Change the password', body: changePasswordBody, response: { 200: stepResponse, ...errors } } },
    async (request, reply) => {
      const { session, person } = requireSession(request, ['change_password', 'active']);
      const result = await changePassword(deps, session, person, request.body, sessionContext(request, clock()));
      setSessionCookies(request, reply, result.token);
      return { stage: result.stage };
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
      setSessionCookies(request, reply, result.token);
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
