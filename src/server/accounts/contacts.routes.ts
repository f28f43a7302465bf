import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { requireActor, type Actor } from '../lib/http.ts';
import { contactIdParams, contactList, contactRoleParams, contactsQuery, contactView } from './contacts.schemas.ts';
import { presentContact } from './contacts.presenter.ts';
import { deactivateContact, grantContactRole, listContacts, reactivateContact, revokeContactRole, type ContactWithRoles } from './contacts.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/**
 * "Contacts": account administrators manage the contacts of their own account; vendor
 * administrators those of any account, through the same routes and rules.
 */
export async function contactRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ['Contacts'];
  const context = (request: FastifyRequest) => ({ now: clock(), ip: request.ip });
  const present = (actor: Actor) => ({ contact, roles }: ContactWithRoles) => presentContact(contact, roles, actor.person.id);

  app.get(
    '/contacts',
    { schema: { tags, summary: 'The contacts of an account, in the order they joined', querystring: contactsQuery, response: { 200: contactList, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      const { account, items, nextCursor } = await listContacts({ db, actor, query: request.query });
      return { account, items: items.map((item) => ({ ...present(actor)(item), secondFactor: item.secondFactor })), nextCursor };
    },
  );

  app.post(
    '/contacts/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a contact: no more logins, and every session of theirs ends now', params: contactIdParams, response: { 200: contactView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return present(actor)(await deactivateContact({ db, actor, contactId: request.params.id, context: context(request) }));
    },
  );

  app.post(
    '/contacts/:id/reactivate',
    { schema: { tags, summary: 'Let a deactivated contact log in again', params: contactIdParams, response: { 200: contactView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return present(actor)(await reactivateContact({ db, actor, contactId: request.params.id, context: context(request) }));
    },
  );

  app.put(
    '/contacts/:id/roles/:role',
    { schema: { tags, summary: 'Grant the approver or administrator role', params: contactRoleParams, response: { 200: contactView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return present(actor)(await grantContactRole({ db, actor, contactId: request.params.id, role: request.params.role, context: context(request) }));
    },
  );

  app.delete(
    '/contacts/:id/roles/:role',
    { schema: { tags, summary: 'Revoke the approver or administrator role (never from the last holder)', params: contactRoleParams, response: { 200: contactView, ...errors } } },
    async (request) => {
      const actor = await requireActor(request);
      return present(actor)(await revokeContactRole({ db, actor, contactId: request.params.id, role: request.params.role, context: context(request) }));
    },
  );
}
