import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticatorSetup } from '../auth/auth.service.ts';
import { errorResponse, totpSetupResponse } from '../auth/auth.schemas.ts';
import { clearSessionCookies, requireSession, sessionContext, setSessionCookies } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { presentProfile } from './me.presenter.ts';
import {
  caseMailsBody,
  pairBody,
  profileResponse,
  profileUpdateBody,
  secondFactorResponse,
  sessionList,
  sessionParams,
  signOutResponse,
} from './me.schemas.ts';
import { listSessions, pairNewAuthenticator, saveCaseMails, signOutSession, updateProfile, useEmailCodes, type MeDeps } from './me.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

/** "My Account": the signed-in person's own details, second factor and sessions. */
export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, serverKey } = app.deps;
  const deps: MeDeps = { db, serverKey };
  const tags = ['My Account'];

  app.get('/me', { schema: { tags, summary: 'My Account: the signed-in person’s details', response: { 200: profileResponse, ...errors } } }, async (request) => {
    const { person } = requireSession(request);
    return presentProfile(person);
  });

  app.patch(
    '/me',
    { schema: { tags, summary: 'Save My Account (not the e-mail address or the names)', body: profileUpdateBody, response: { 200: profileResponse, ...errors } } },
    async (request) => {
      const { person } = requireSession(request);
      const updated = await updateProfile(deps, person, request.body, sessionContext(request, clock()));
      return presentProfile(updated);
    },
  );

  // Changing the second factor needs a recent proof of the password and the current second factor
  // (POST /api/auth/reauthenticate), checked for every route so marked before its handler runs.
  app.post(
    '/me/second-factor/email',
    {
      config: { ...perAddressLimit(app, 20), recentSignIn: true },
      schema: { tags, summary: 'Switch the second factor to e-mailed codes', body: z.strictObject({}).nullish(), response: { 200: secondFactorResponse, ...errors } },
    },
    async (request, reply) => {
      const { session, person } = requireSession(request);
      const result = await useEmailCodes(deps, session, person, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { otpMethod: result.person.otp_method };
    },
  );

  app.get(
    '/me/second-factor/app/setup',
    { config: { recentSignIn: true }, schema: { tags, summary: 'A new authenticator secret to pair, as QR code and text', response: { 200: totpSetupResponse, ...errors } } },
    async (request) => {
      const { person } = requireSession(request);
      return authenticatorSetup(db, person, clock());
    },
  );

  app.post(
    '/me/second-factor/app',
    {
      config: { ...perAddressLimit(app, 20), recentSignIn: true },
      schema: { tags, summary: 'Pair a new authenticator app with a code from it', body: pairBody, response: { 200: secondFactorResponse, ...errors } },
    },
    async (request, reply) => {
      const { session, person } = requireSession(request);
      const result = await pairNewAuthenticator(deps, session, person, request.body.code, sessionContext(request, clock()));
      setSessionCookies(request, reply, result);
      return { otpMethod: result.person.otp_method };
    },
  );

  app.put('/me/case-mails', { schema: { tags, summary: 'Choose which case mails to receive', body: caseMailsBody, response: { 200: profileResponse, ...errors } } }, async (request) => {
    const { person } = requireSession(request);
    return presentProfile(await saveCaseMails(deps, person, request.body, sessionContext(request, clock())));
  });

  app.get('/me/sessions', { schema: { tags, summary: 'The person’s signed-in browsers, newest first', response: { 200: sessionList, ...errors } } }, async (request) => {
    const { session } = requireSession(request);
    return { items: await listSessions(deps, session, clock()) };
  });

  app.post(
    '/me/sessions/:id/sign-out',
    { schema: { tags, summary: 'Sign out one of the person’s sessions', params: sessionParams, response: { 200: signOutResponse, ...errors } } },
    async (request, reply) => {
      const { session } = requireSession(request);
      const result = await signOutSession(deps, session, request.params.id, sessionContext(request, clock()));
      if (result.current) clearSessionCookies(request, reply);
      return result;
    },
  );
}
