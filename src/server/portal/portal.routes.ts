import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { articleIndexState } from '../knowledge/index-registry.ts';
import { readContactDetails } from '../lib/settings.ts';

const contactDetails = z.object({
  company: z.string(),
  email: z.string(),
  phone: z.string(),
  hours: z.string(),
  address: z.string(),
  /** The shipped sample, until an administrator saves the vendor's own details. */
  sample: z.boolean(),
});

/** What every visitor may read about the vendor: "Contact Us", as administrators set it on the settings page. */
export async function portalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  // For a load balancer or an operator: answers once the database does; `searchIndex` is "ready"
  // once searches are answered from memory (index-registry.ts), "loading" while the database answers.
  app.get(
    '/health',
    { schema: { tags: ['Portal'], summary: 'Whether this process serves: the database answers, and the state of its search index', response: { 200: z.object({ status: z.literal('ok'), searchIndex: z.enum(['off', 'loading', 'ready', 'failed']) }) } } },
    async () => {
      await sql`select 1`.execute(db);
      return { status: 'ok' as const, searchIndex: articleIndexState(db) };
    },
  );
  // Readiness, for a load balancer that should send searches only to a process with its index in
  // memory: migrations ran before the server listened, so the index is all that is left.
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['Portal'],
        summary: 'Whether this process is ready for traffic: 200 once its search index is in memory, 503 before',
        response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('starting'), searchIndex: z.enum(['off', 'loading', 'ready', 'failed']) }) },
      },
    },
    async (_request, reply) => {
      await sql`select 1`.execute(db);
      const searchIndex = articleIndexState(db);
      return searchIndex === 'ready' ? { status: 'ready' as const } : reply.status(503).send({ status: 'starting' as const, searchIndex });
    },
  );
  app.get('/portal/contact', { schema: { tags: ['Portal'], summary: 'The vendor’s contact details for "Contact Us"', response: { 200: contactDetails } } }, async () => {
    const { details, sample } = await readContactDetails(db);
    return { ...details, sample };
  });
}
