import type { FastifyInstance } from 'fastify';

/**
 * Per-address limit for a route (ASVS 6.3.1 and 2.4.1: anti-automation on login, registration,
 * reset and help forms). Tests that call one route many times turn limits off in the config.
 */
export function perAddressLimit(app: FastifyInstance, max: number, timeWindow = '1 minute') {
  return { rateLimit: { max: app.deps.config.rateLimits ? max : Number.MAX_SAFE_INTEGER, timeWindow } };
}
