import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse } from '../auth/auth.schemas.ts';
import { SECOND_FACTOR_POLICIES } from '../../shared/second-factor-policies.ts';
import { requireSession } from '../lib/http.ts';
import { accountIdParams } from './accounts.schemas.ts';
import { setSecondFactorPolicy } from './second-factor-policy.service.ts';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

const policyBody = z.strictObject({
  /** any: every factor; app_or_passkey: no e-mailed codes; passkey_only: a passkey (or the account's own provider's MFA). */
  policy: z.enum(SECOND_FACTOR_POLICIES, { message: 'The rule is any, app_or_passkey or passkey_only.' }),
});
const policyView = z.object({ id: z.number(), secondFactorPolicy: z.enum(SECOND_FACTOR_POLICIES) });

/** The account-wide second-factor policy, set by the account's administrators or the vendor's. */
export async function secondFactorPolicyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  app.put(
    '/accounts/:id/second-factor-policy',
    { schema: { tags: ['Contacts'], summary: 'Set what second factor everyone in the account must use (its own administrators after a recent sign-in); every change is mailed to its administrators', params: accountIdParams, body: policyBody, response: { 200: policyView, ...errors } } },
    async (request) => {
      const actor = requireSession(request);
      const result = await setSecondFactorPolicy({ db, actor, accountId: request.params.id, policy: request.body.policy, context: { now: clock(), ip: request.ip }, publicUrl: config.publicUrl });
      app.deps.kickMail();
      return result;
    },
  );
}
