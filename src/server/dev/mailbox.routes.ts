import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const mailView = z.object({
  id: z.number(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  state: z.string(),
  createdAt: z.number(),
});

/**
 * Development only (no SMTP_URL, not production): the outbox as a mailbox page, so a first user
 * can read their temporary password. Never registered in production.
 */
export async function devMailboxRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/dev/mailbox',
    {
      schema: {
        tags: ['Development'],
        summary: 'The development mailbox (only without SMTP_URL outside production)',
        querystring: z.strictObject({ before: z.coerce.number().int().positive().optional() }),
        response: { 200: z.object({ items: z.array(mailView), nextCursor: z.number().nullable() }) },
      },
    },
    async (request) => {
      let query = app.deps.db.selectFrom('mail_outbox').select(['id', 'to_address', 'subject', 'text_body', 'state', 'created_at']).orderBy('id', 'desc').limit(51);
      if (request.query.before) query = query.where('id', '<', request.query.before);
      const rows = await query.execute();
      const page = rows.slice(0, 50);
      return {
        items: page.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, state: r.state, createdAt: r.created_at })),
        nextCursor: rows.length > 50 ? page[page.length - 1]!.id : null,
      };
    },
  );
}
