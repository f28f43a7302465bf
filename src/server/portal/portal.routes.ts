import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContactDetails } from '../lib/settings.ts';

const contactDetails = z.object({
  company: z.string(),
  email: z.string(),
  phone: z.string(),
  hours: z.string(),
  address: z.string(),
});

/** What every visitor may read about the vendor: "Contact Us", as administrators set it on the settings page. */
export async function portalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  app.get('/portal/contact', { schema: { tags: ['Portal'], summary: 'The vendor’s contact details for "Contact Us"', response: { 200: contactDetails } } }, async () => readContactDetails(db));
}
