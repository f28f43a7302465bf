import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getSetting } from '../auth/auth.repository.ts';

/** Settings keys of the vendor's contact details; administrators edit them (settings page, issue 4). */
export const CONTACT_SETTINGS = ['contact_company', 'contact_email', 'contact_phone', 'contact_hours', 'contact_address'] as const;

const contactDetails = z.object({
  company: z.string(),
  email: z.string(),
  phone: z.string(),
  hours: z.string(),
  address: z.string(),
});

/** What every visitor may read about the vendor: "Contact Us". */
export async function portalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  app.get('/portal/contact', { schema: { tags: ['Portal'], summary: 'The vendor’s contact details for "Contact Us"', response: { 200: contactDetails } } }, async () => {
    const [company, email, phone, hours, address] = await Promise.all(CONTACT_SETTINGS.map((key) => getSetting(db, key)));
    return { company: company ?? '', email: email ?? '', phone: phone ?? '', hours: hours ?? '', address: address ?? '' };
  });
}
