import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse, messageResponse } from '../auth/auth.schemas.ts';
import { requireActor, viewerLanguage } from '../lib/http.ts';
import { perAddressLimit } from '../lib/rate-limit.ts';
import { presentRegistration } from './registration.presenter.ts';
import {
  registrationBody,
  registrationCreated,
  registrationHelpBody,
  registrationList,
  registrationListQuery,
  registrationNumberParams,
  registrationRequestView,
} from './registration.schemas.ts';
import {
  approveRegistration,
  listRegistrations,
  rejectRegistration,
  requestRegistrationHelp,
  submitRegistration,
  viewRegistration,
  type RegistrationDeps,
} from './registration.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

export async function registrationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const deps: RegistrationDeps = { db, publicUrl: config.publicUrl, kickMail: () => app.deps.kickMail() };
  const tags = ['Registration'];
  const context = (request: FastifyRequest) => ({ now: clock(), ip: request.ip });

  app.post(
    '/registration/requests',
    { config: perAddressLimit(app, 10), schema: { tags, summary: 'Ask to be registered as a contact of an account', body: registrationBody, response: { 201: registrationCreated, ...errors } } },
    async (request, reply) => {
      const created = await submitRegistration(deps, request.body, context(request));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/registration/requests',
    { schema: { tags, summary: 'Every registration request of the viewer’s account (any account for vendor administrators), newest first, by state if asked', querystring: registrationListQuery, response: { 200: registrationList, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      const { items, nextCursor } = await listRegistrations(db, actor, request.query);
      return { items: items.map((item) => presentRegistration(item, actor, viewerLanguage(request, actor.person))), nextCursor };
    },
  );

  app.get(
    '/registration/requests/:number',
    { schema: { tags, summary: 'One registration request', params: registrationNumberParams, response: { 200: registrationRequestView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return presentRegistration(await viewRegistration(db, actor, request.params.number), actor, viewerLanguage(request, actor.person));
    },
  );

  app.post(
    '/registration/requests/:number/approve',
    { schema: { tags, summary: 'Approve: creates the contact and mails a temporary password', params: registrationNumberParams, response: { 200: registrationRequestView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return presentRegistration(await approveRegistration(deps, actor, request.params.number, context(request)), actor, viewerLanguage(request, actor.person));
    },
  );

  app.post(
    '/registration/requests/:number/reject',
    { schema: { tags, summary: 'Reject: mails the applicant', params: registrationNumberParams, response: { 200: registrationRequestView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return presentRegistration(await rejectRegistration(deps, actor, request.params.number, context(request)), actor, viewerLanguage(request, actor.person));
    },
  );

  app.post(
    '/registration/help',
    { config: perAddressLimit(app, 5), schema: { tags, summary: 'Get help with registration', body: registrationHelpBody, response: { 200: messageResponse, ...errors } } },
    async (request) => {
      await requestRegistrationHelp(deps, request.body, context(request));
      return { message: 'Thank you. Our support team will contact you by e-mail.', messageKey: 'registration.helpSent' };
    },
  );
}
